#include "map_tiles.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiosk::journeys {

MapTiles::MapTiles(MapTiles&& o) noexcept {
    *this = std::move(o);
}

MapTiles& MapTiles::operator=(MapTiles&& o) noexcept {
    if (this != &o) {
        if (db_) sqlite3_close(db_);
        db_ = o.db_;
        o.db_ = nullptr;
        min_zoom_ = o.min_zoom_;
        max_zoom_ = o.max_zoom_;
        format_ = std::move(o.format_);
        attribution_ = std::move(o.attribution_);
    }
    return *this;
}

MapTiles::~MapTiles() {
    if (db_) sqlite3_close(db_);
}

MapTiles MapTiles::open_folder(const std::filesystem::path& folder, std::string& problem) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(folder, ec))
        if (f.path().extension() == ".mbtiles") files.push_back(f.path());
    if (files.empty()) return {};
    std::sort(files.begin(), files.end());
    return open(files.front(), problem);
}

MapTiles MapTiles::open(const std::filesystem::path& file, std::string& problem) {
    MapTiles t;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        problem = file.string() + ": " + (db ? sqlite3_errmsg(db) : "cannot be opened");
        sqlite3_close(db);
        return t;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT name, value FROM metadata", -1, &st, nullptr) != SQLITE_OK) {
        problem = file.string() + ": not an MBTiles file (" + sqlite3_errmsg(db) + ")";
        sqlite3_close(db);
        return t;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char* n = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        if (!n) continue;  // a NULL name names nothing
        const std::string name = n;
        const char* v = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        const std::string value = v ? v : "";
        if (name == "format")
            t.format_ = value;
        else if (name == "minzoom")
            t.min_zoom_ = std::atoi(value.c_str());
        else if (name == "maxzoom")
            t.max_zoom_ = std::atoi(value.c_str());
        else if (name == "attribution")
            t.attribution_ = value;
    }
    sqlite3_finalize(st);
    if (t.format_ != "png" && t.format_ != "jpg" && t.format_ != "jpeg") {
        problem = file.string() + ": tiles in format \"" + t.format_ + "\" cannot be shown (png or jpg only)";
        sqlite3_close(db);
        return t;
    }
    if (t.max_zoom_ == 0) t.max_zoom_ = 18;
    t.db_ = db;
    return t;
}

std::optional<std::string> MapTiles::tile(int zoom, int x, int y) const {
    if (!db_ || zoom < 0 || zoom > 30) return std::nullopt;
    const int n = 1 << zoom;
    if (x < 0 || y < 0 || x >= n || y >= n) return std::nullopt;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_,
                           "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                           -1, &st, nullptr) != SQLITE_OK)
        return std::nullopt;
    sqlite3_bind_int(st, 1, zoom);
    sqlite3_bind_int(st, 2, x);
    sqlite3_bind_int(st, 3, n - 1 - y);  // TMS rows count from the south
    std::optional<std::string> out;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const void* blob = sqlite3_column_blob(st, 0);
        const int size = sqlite3_column_bytes(st, 0);
        if (blob && size > 0) out.emplace(static_cast<const char*>(blob), static_cast<std::size_t>(size));
    }
    sqlite3_finalize(st);
    return out;
}

WorldPixel to_world_pixel(double latitude, double longitude, int zoom) {
    const double size = 256.0 * std::ldexp(1.0, zoom);
    const double lat = std::clamp(latitude, -85.05112878, 85.05112878) * M_PI / 180.0;
    const double x = (longitude + 180.0) / 360.0 * size;
    const double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / M_PI) / 2.0 * size;
    return {x, y};
}

}  // namespace kiosk::journeys
