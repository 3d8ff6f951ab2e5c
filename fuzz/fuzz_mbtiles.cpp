// libFuzzer target: an MBTiles map file (content/map/*.mbtiles). The input is either a whole SQLite file
// (first byte even) or, more often useful, the rows of its metadata table and a tile request (first byte
// odd): lines "name<TAB>value", where a line without a tab has a NULL value and a line starting with "\x01"
// has a NULL name; the last 6 bytes pick the tile asked for.
#include <sqlite3.h>

#include "fuzz_support.hpp"
#include "kiosk/core/journeys/map_tiles.hpp"

namespace {

void build_file(const std::filesystem::path& file, std::string_view rows) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    sqlite3_exec(
        db,
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "INSERT INTO tiles VALUES (0, 0, 0, x'89504e47'), (1, 1, 0, NULL), (2, 1, 1, '');",
        nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO metadata VALUES (?, ?)", -1, &st, nullptr);
    while (!rows.empty()) {
        const std::size_t end = rows.find('\n');
        std::string_view line = rows.substr(0, end);
        rows = end == std::string_view::npos ? std::string_view() : rows.substr(end + 1);
        const std::size_t tab = line.find('\t');
        if (!line.empty() && line.front() == '\x01')
            sqlite3_bind_null(st, 1);
        else
            sqlite3_bind_text(st, 1, line.data(), int(std::min(tab, line.size())), SQLITE_TRANSIENT);
        if (tab == std::string_view::npos)
            sqlite3_bind_null(st, 2);
        else
            sqlite3_bind_text(st, 2, line.data() + tab + 1, int(line.size() - tab - 1), SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    if (size == 0) return 0;
    const std::filesystem::path file = kiosk::fuzz::scratch_dir() / "map.mbtiles";
    int zoom = 0, x = 0, y = 0;
    if (data[0] % 2 == 0) {
        kiosk::fuzz::write_scratch("map.mbtiles", kiosk::fuzz::as_text(data + 1, size - 1));
    } else {
        std::size_t rows = size - 1;
        if (rows >= 6) {
            const std::uint8_t* t = data + size - 6;
            zoom = std::int8_t(t[0]);
            x = std::int16_t(t[1] | t[2] << 8);
            y = std::int16_t(t[3] | t[4] << 8) + t[5];
            rows -= 6;
        }
        build_file(file, kiosk::fuzz::as_text(data + 1, rows));
    }
    std::string problem;
    const kiosk::journeys::MapTiles tiles = kiosk::journeys::MapTiles::open(file, problem);
    if (tiles.is_open()) {
        (void)tiles.tile(zoom, x, y);
        (void)tiles.tile(0, 0, 0);
        (void)tiles.tile(tiles.min_zoom(), 0, 0);
        (void)tiles.tile(tiles.max_zoom(), x, y);
    }
    return 0;
}
