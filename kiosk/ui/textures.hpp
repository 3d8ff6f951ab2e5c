#pragma once
// Pictures the screens show (map tiles): decoded and turned into textures by the platform, kept in a small
// cache.
#include <imgui.h>

#include <cstdint>
#include <list>
#include <map>
#include <string>
#include <tuple>

namespace kiosk::journeys {
class MapTiles;
}

namespace kiosk::ui {

// Implemented by the platform (SDL_image and the renderer); the screens never see SDL.
class TextureSource {
  public:
    virtual ~TextureSource() = default;
    // Decodes a PNG or JPEG; returns 0 when it cannot.
    virtual ImTextureID create(const std::string& encoded, int& width, int& height) = 0;
    virtual void destroy(ImTextureID texture) = 0;
    // A grey picture (a camera frame) into `texture`, made or remade when 0 or of another size; returns it.
    virtual ImTextureID update_luminance(ImTextureID texture, const std::uint8_t* lum, int width,
                                         int height) = 0;
};

// The map tiles on screen and around, least recently used first out.
class TileCache {
  public:
    static constexpr std::size_t kCapacity = 96;  // a 1920×1080 map shows about 40 tiles
    ~TileCache() { clear(); }
    void set_source(TextureSource* source) {
        clear();
        source_ = source;
    }
    // The tile's texture, or 0 when there is no such tile or nothing can draw it.
    ImTextureID get(const journeys::MapTiles& tiles, int zoom, int x, int y);
    void clear();

  private:
    using Key = std::tuple<int, int, int>;
    TextureSource* source_ = nullptr;
    std::map<Key, std::pair<ImTextureID, std::list<Key>::iterator>> textures_;
    std::list<Key> order_;  // most recent first
};

}  // namespace kiosk::ui
