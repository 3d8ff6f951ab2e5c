#pragma once
// Raster map tiles from an MBTiles file (SQLite, the MBTiles 1.3 specification): read-only, offline.
// Tiles are addressed as XYZ (Web Mercator, y growing southwards); the file stores TMS rows, flipped here.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

struct sqlite3;

namespace kiosk::journeys {

class MapTiles {
  public:
    // The first *.mbtiles of the folder; empty (not open) when there is none or it cannot be read.
    static MapTiles open_folder(const std::filesystem::path& folder, std::string& problem);
    static MapTiles open(const std::filesystem::path& file, std::string& problem);
    MapTiles() = default;
    MapTiles(MapTiles&& o) noexcept;
    MapTiles& operator=(MapTiles&& o) noexcept;
    MapTiles(const MapTiles&) = delete;
    MapTiles& operator=(const MapTiles&) = delete;
    ~MapTiles();

    bool is_open() const { return db_ != nullptr; }
    int min_zoom() const { return min_zoom_; }
    int max_zoom() const { return max_zoom_; }
    const std::string& format() const { return format_; }            // "png" or "jpg"
    const std::string& attribution() const { return attribution_; }  // shown on the map
    // The encoded image of a tile, or nothing when the file has no such tile.
    std::optional<std::string> tile(int zoom, int x, int y) const;

  private:
    sqlite3* db_ = nullptr;
    int min_zoom_ = 0, max_zoom_ = 0;
    std::string format_ = "png", attribution_;
};

// Web Mercator: a position in global pixels at a zoom level (256-pixel tiles).
struct WorldPixel {
    double x, y;
};
WorldPixel to_world_pixel(double latitude, double longitude, int zoom);

}  // namespace kiosk::journeys
