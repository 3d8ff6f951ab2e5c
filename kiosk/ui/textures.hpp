#pragma once
// Pictures the screens show (map tiles): read and decoded by tasks, turned into textures by the platform on
// the UI thread, kept in a small cache. Nothing is read from disk or decoded while a frame is drawn.
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "kiosk/core/tasks.hpp"

namespace kiosk::journeys {
class MapTiles;
}

namespace kiosk::ui {

// Implemented by the platform (the renderer); the screens never see SDL.
class TextureSource {
  public:
    virtual ~TextureSource() = default;
    // RGBA pixels (width × height × 4 bytes) into a new texture; 0 when it cannot.
    virtual ImTextureID create_rgba(const std::uint8_t* rgba, int width, int height) = 0;
    virtual void destroy(ImTextureID texture) = 0;
    // A grey picture (a camera frame) into `texture`, made or remade when 0 or of another size; returns it.
    virtual ImTextureID update_luminance(ImTextureID texture, const std::uint8_t* lum, int width,
                                         int height) = 0;
};

// The map tiles on screen and around, least recently used first out. A tile not in the cache is read from
// its MBTiles file and decoded by a task; until it arrives `get` answers 0 (the map's plain background), and
// its arrival asks for a frame.
class TileCache {
  public:
    static constexpr std::size_t kCapacity = 96;  // a 1920×1080 map shows about 40 tiles
    ~TileCache() { clear(); }
    void set_source(TextureSource* source) {
        clear();
        source_ = source;
    }
    // Where tiles are read and decoded, and what to do when one arrives (draw a frame).
    void set_tasks(TaskRunner* tasks, std::function<void()> arrived) {
        tasks_ = tasks;
        arrived_ = std::move(arrived);
    }
    // The tile's texture; 0 while it is being read, when there is no such tile or nothing can draw it.
    // Tiles of another file than the last one asked for are forgotten first (a content swap).
    ImTextureID get(const std::shared_ptr<const journeys::MapTiles>& tiles, int zoom, int x, int y);
    std::size_t reading() const { return reading_; }  // tiles asked for and not arrived yet
    void clear();

  private:
    using Key = std::tuple<int, int, int>;
    struct Entry {
        ImTextureID texture = nullptr;
        bool reading = false;
        Task task;
        std::list<Key>::iterator at;
    };
    void evict();
    TextureSource* source_ = nullptr;
    TaskRunner* tasks_ = nullptr;
    std::function<void()> arrived_;
    const journeys::MapTiles* file_ = nullptr;  // the file the entries come from
    std::map<Key, Entry> textures_;
    std::list<Key> order_;  // most recent first
    std::size_t reading_ = 0;
    unsigned generation_ = 0;  // moved on by clear(): a task's answer for an older generation is dropped
};

}  // namespace kiosk::ui
