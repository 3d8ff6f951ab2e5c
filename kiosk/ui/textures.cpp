#include "textures.hpp"

#include "kiosk/core/journeys/map_tiles.hpp"

namespace kiosk::ui {

ImTextureID TileCache::get(const journeys::MapTiles& tiles, int zoom, int x, int y) {
    if (!source_) return 0;
    const Key key{zoom, x, y};
    auto it = textures_.find(key);
    if (it != textures_.end()) {
        order_.splice(order_.begin(), order_, it->second.second);
        return it->second.first;
    }
    ImTextureID texture = 0;
    if (std::optional<std::string> encoded = tiles.tile(zoom, x, y)) {
        int w = 0, h = 0;
        texture = source_->create(*encoded, w, h);
    }
    // Missing tiles are remembered too, so that the file is not asked again at every frame.
    order_.push_front(key);
    textures_[key] = {texture, order_.begin()};
    while (textures_.size() > kCapacity) {
        const Key old = order_.back();
        order_.pop_back();
        auto victim = textures_.find(old);
        if (victim->second.first) source_->destroy(victim->second.first);
        textures_.erase(victim);
    }
    return texture;
}

void TileCache::clear() {
    for (auto& [_, value] : textures_)
        if (value.first && source_) source_->destroy(value.first);
    textures_.clear();
    order_.clear();
}

}  // namespace kiosk::ui
