#include "textures.hpp"

#include "kiosk/core/journeys/map_tiles.hpp"
#include "kiosk/core/scan/picture.hpp"

namespace kiosk::ui {

ImTextureID TileCache::get(const std::shared_ptr<const journeys::MapTiles>& tiles, int zoom, int x, int y) {
    if (!source_ || !tiles) return nullptr;
    if (tiles.get() != file_) {
        clear();
        file_ = tiles.get();
    }
    const Key key{zoom, x, y};
    auto it = textures_.find(key);
    if (it != textures_.end()) {
        order_.splice(order_.begin(), order_, it->second.at);
        return it->second.texture;
    }
    if (!tasks_) return nullptr;
    // Missing tiles are remembered too (texture 0), so that the file is not asked again at every frame.
    order_.push_front(key);
    Entry& entry = textures_[key];
    entry.at = order_.begin();
    entry.reading = true;
    ++reading_;
    const unsigned generation = generation_;
    entry.task = tasks_->run(
        TaskGroup::Kiosk, "map tile",
        [tiles, zoom, x, y](const Task& task) -> std::optional<scan::RgbaPicture> {
            if (task.cancelled()) return std::nullopt;
            std::optional<std::string> encoded = tiles->tile(zoom, x, y);  // the task keeps the file open
            if (!encoded) return std::nullopt;
            return scan::decode_picture(*encoded);
        },
        [this, key, generation](std::optional<scan::RgbaPicture> picture) {
            if (generation != generation_) return;
            auto found = textures_.find(key);
            if (found == textures_.end() || !found->second.reading) return;
            found->second.reading = false;
            --reading_;
            if (picture && source_)
                found->second.texture =
                    source_->create_rgba(picture->pixels.data(), picture->width, picture->height);
            if (arrived_) arrived_();
        });
    evict();
    return nullptr;
}

void TileCache::evict() {
    while (textures_.size() > kCapacity) {
        const Key old = order_.back();
        order_.pop_back();
        auto victim = textures_.find(old);
        if (victim->second.texture) source_->destroy(victim->second.texture);
        if (victim->second.reading) {
            victim->second.task.cancel();
            --reading_;
        }
        textures_.erase(victim);
    }
}

void TileCache::clear() {
    for (auto& [_, entry] : textures_) {
        if (entry.texture && source_) source_->destroy(entry.texture);
        entry.task.cancel();
    }
    textures_.clear();
    order_.clear();
    reading_ = 0;
    file_ = nullptr;
    ++generation_;
}

}  // namespace kiosk::ui
