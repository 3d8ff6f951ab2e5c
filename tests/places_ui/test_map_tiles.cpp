// Map tiles from an MBTiles file: read back by position, drawn under the markers.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <sqlite3.h>

#include <cstdint>
#include <fstream>

#include "kiosk/core/journeys/map_tiles.hpp"
#include "kiosk/core/run_queue.hpp"
#include "kiosk/core/tasks.hpp"
#include "kiosk/ui/textures.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

constexpr Uint8 kR = 203, kG = 117, kB = 41;  // a colour nothing else on screen has

std::string png_tile() {
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 256, 256, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_FillRect(s, nullptr, SDL_MapRGBA(s->format, kR, kG, kB, 255));
    test::TempDir dir;
    const auto file = dir.path / "tile.png";
    IMG_SavePNG(s, file.c_str());
    SDL_FreeSurface(s);
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// An MBTiles file covering the area around a point, zoom levels 8 to 15.
void write_mbtiles(const std::filesystem::path& file, double lat, double lon) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_exec(
        db,
        "CREATE TABLE metadata (name text, value text);"
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);"
        "INSERT INTO metadata VALUES ('name','test'),('format','png'),('minzoom','8'),('maxzoom','15'),"
        "('attribution','Test tiles');",
        nullptr, nullptr, nullptr);
    const std::string png = png_tile();
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?,?,?,?)", -1, &st, nullptr);
    for (int z = 8; z <= 15; ++z) {
        const journeys::WorldPixel p = journeys::to_world_pixel(lat, lon, z);
        const int cx = static_cast<int>(p.x / 256), cy = static_cast<int>(p.y / 256);
        for (int x = cx - 5; x <= cx + 5; ++x)
            for (int y = cy - 4; y <= cy + 4; ++y) {
                sqlite3_bind_int(st, 1, z);
                sqlite3_bind_int(st, 2, x);
                sqlite3_bind_int(st, 3, (1 << z) - 1 - y);
                sqlite3_bind_blob(st, 4, png.data(), static_cast<int>(png.size()), SQLITE_TRANSIENT);
                sqlite3_step(st);
                sqlite3_reset(st);
            }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("tiles are read by XYZ position from the TMS rows of an MBTiles file") {
    test::TempDir dir;
    write_mbtiles(dir.path / "map.mbtiles", 45.6075, 4.0653);
    std::string problem;
    journeys::MapTiles tiles = journeys::MapTiles::open_folder(dir.path, problem);
    REQUIRE(tiles.is_open());
    CHECK(problem.empty());
    CHECK(tiles.min_zoom() == 8);
    CHECK(tiles.max_zoom() == 15);
    CHECK(tiles.attribution() == "Test tiles");
    const journeys::WorldPixel p = journeys::to_world_pixel(45.6075, 4.0653, 12);
    CHECK(tiles.tile(12, static_cast<int>(p.x / 256), static_cast<int>(p.y / 256)));
    CHECK_FALSE(tiles.tile(12, 0, 0));
    CHECK_FALSE(tiles.tile(12, -1, 5));

    std::ofstream(dir.path / "broken.mbtiles") << "not a database";
    journeys::MapTiles broken = journeys::MapTiles::open(dir.path / "broken.mbtiles", problem);
    CHECK_FALSE(broken.is_open());
    CHECK_THAT(problem, Catch::Contains("broken.mbtiles"));
}

namespace {
// Records what the cache uploads (the renderer's side, which the UI thread does), never decodes anything.
struct CountingTextures final : ui::TextureSource {
    int made = 0, destroyed = 0;
    int width = 0;
    std::uint8_t first_red = 0;
    ImTextureID create_rgba(const std::uint8_t* rgba, int w, int) override {
        ++made;
        width = w;
        first_red = rgba[0];
        return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(made));
    }
    void destroy(ImTextureID) override { ++destroyed; }
    ImTextureID update_luminance(ImTextureID t, const std::uint8_t*, int, int) override { return t; }
};
}  // namespace

TEST_CASE("a map tile is read and decoded by a task, never while the frame is drawn") {
    test::TempDir dir;
    write_mbtiles(dir.path / "map.mbtiles", 45.6075, 4.0653);
    std::string problem;
    auto tiles = std::make_shared<journeys::MapTiles>(journeys::MapTiles::open_folder(dir.path, problem));
    REQUIRE(tiles->is_open());
    RunQueue queue;
    TaskRunner tasks(queue);
    CountingTextures textures;
    int arrived = 0;
    ui::TileCache cache;
    cache.set_source(&textures);
    cache.set_tasks(&tasks, [&] { ++arrived; });
    const journeys::WorldPixel p = journeys::to_world_pixel(45.6075, 4.0653, 12);
    const int x = static_cast<int>(p.x / 256), y = static_cast<int>(p.y / 256);

    CHECK(cache.get(tiles, 12, x, y) == nullptr);  // asked: a task reads it
    CHECK(cache.get(tiles, 12, 0, 0) == nullptr);  // no such tile in the file
    CHECK(cache.reading() == 2);
    REQUIRE(tasks.wait_idle(std::chrono::seconds(5)));
    CHECK(textures.made == 0);  // uploads happen on the UI thread only, when the run queue runs
    queue.run_pending();
    CHECK(cache.reading() == 0);
    CHECK(arrived == 2);
    CHECK(textures.made == 1);
    CHECK(textures.width == 256);
    CHECK(textures.first_red == kR);
    CHECK(cache.get(tiles, 12, x, y) != nullptr);
    CHECK(cache.get(tiles, 12, 0, 0) == nullptr);  // remembered as missing: not asked again
    CHECK(cache.reading() == 0);

    // A tile asked for and then forgotten (content swapped) is dropped when its task answers.
    CHECK(cache.get(tiles, 13, 2 * x, 2 * y) == nullptr);
    cache.clear();
    CHECK(textures.destroyed == 1);
    REQUIRE(tasks.wait_idle(std::chrono::seconds(5)));
    queue.run_pending();
    CHECK(textures.made == 1);
    CHECK(cache.reading() == 0);
}

TEST_CASE("the map draws the MBTiles tiles under the markers") {
    test::TempDir data, content;
    Config config = test::demo_config(data.path);
    for (const char* sub : {"i18n", "places", "standard"})
        std::filesystem::create_directory_symlink(config.content_dir / sub, content.path / sub);
    std::filesystem::create_symlink(config.content_dir / "communes.tsv", content.path / "communes.tsv");
    std::filesystem::create_directories(content.path / "map");
    write_mbtiles(content.path / "map" / "loire.mbtiles", config.latitude, config.longitude);
    config.content_dir = content.path;

    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    REQUIRE(h.app().places().data()->tiles.is_open());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.here"));
    REQUIRE(h.tap("places.results.map"));
    REQUIRE(h.screen() == Screen::PlacesMap);
    const auto file = h.shot(test::binary_dir() / "screenshots/places", "map-with-tiles");

    const ScreenItem* map = h.app().items().find("places.map");
    REQUIRE(map);
    SDL_Surface* shot = IMG_Load(file.c_str());
    REQUIRE(shot);
    SDL_Surface* rgba = SDL_ConvertSurfaceFormat(shot, SDL_PIXELFORMAT_RGBA32, 0);
    long tile_pixels = 0;
    const auto* px = static_cast<const Uint8*>(rgba->pixels);
    for (int y = 0; y < rgba->h; ++y)
        for (int x = 0; x < rgba->w; ++x) {
            const Uint8* p = px + y * rgba->pitch + x * 4;
            if (p[0] == kR && p[1] == kG && p[2] == kB) ++tile_pixels;
        }
    SDL_FreeSurface(rgba);
    SDL_FreeSurface(shot);
    CHECK(tile_pixels > map->rect.width() * map->rect.height() * 0.6);  // most of the map shows the tiles
    CHECK((h.has("places.map.marker.1") || h.has("places.map.group.1")));
    // The tiles name the places: no commune names over them; the scale stays.
    for (const ScreenItem& it : h.app().items().items) CHECK(it.id.rfind("places.map.town.", 0) != 0);
    CHECK(h.has("places.map.scale"));
}

TEST_CASE("an MBTiles file whose metadata has a NULL name still opens") {
    test::TempDir dir;
    const auto file = dir.path / "null.mbtiles";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    REQUIRE(
        sqlite3_exec(
            db,
            "CREATE TABLE metadata (name text, value text);"
            "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);"
            "INSERT INTO metadata VALUES (NULL, 'x'), ('format', NULL), ('format', 'png');",
            nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    std::string problem;
    const journeys::MapTiles t = journeys::MapTiles::open(file, problem);
    CHECK(problem.empty());
    CHECK(t.is_open());
}
