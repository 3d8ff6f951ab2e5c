// The real application, headless, when the places content cannot be imported: the citizen still finds the
// last good places and the agent page says that the update failed.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <fstream>

#include "kiosk/core/places/import.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

TEST_CASE("a failed places update keeps the places and is told on the agent page") {
    test::TempDir data, content;
    Config config = test::demo_config(data.path);
    fs::copy(config.content_dir / "i18n", content.path / "i18n");
    fs::create_directory_symlink(config.content_dir / "standard", content.path / "standard");
    fs::create_symlink(config.content_dir / "communes.tsv", content.path / "communes.tsv");
    fs::create_directories(content.path / "places");
    const places::Standard standard = places::Standard::load(config.content_dir / "standard");
    const std::vector<places::Place> all =
        places::read_v1_csv(config.content_dir / "places/lieux-demo-v1.csv", standard.v1).places;
    REQUIRE(all.size() == 687);
    auto write = [&](std::size_t n) {
        std::ofstream out(content.path / "places/lieux.csv", std::ios::binary | std::ios::trunc);
        write_v1_csv(out, std::vector<places::Place>(all.begin(), all.begin() + static_cast<long>(n)));
    };
    config.content_dir = content.path;
    write(500);
    {
        platform::Harness first(config, 1920, 1080);
        REQUIRE(first.wait_background());
        REQUIRE(first.app().places().data()->places.size() == 500);
    }
    // The database now refuses every write, and the content changed.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data.path / "places.sqlite").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TRIGGER no_insert BEFORE INSERT ON places BEGIN SELECT RAISE(ABORT, 'disk "
                         "I/O error'); END;"
                         "CREATE TRIGGER no_update BEFORE UPDATE ON places BEGIN SELECT RAISE(ABORT, 'disk "
                         "I/O error'); END;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    write(687);

    platform::Harness h(config, 1920, 1080);
    REQUIRE(h.wait_background());
    const journeys::PlacesData* loaded = h.app().places().data();
    REQUIRE(loaded);
    CHECK(loaded->places.size() == 500);  // was 0
    CHECK(loaded->import_status.failed());
    const ImVec2 corner = h.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) h.tap_at(corner.x, corner.y);
    REQUIRE(h.screen() == Screen::AgentPin);
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(h.tap(k));
    REQUIRE(h.screen() == Screen::AgentHome);
    h.shot(test::binary_dir() / "screenshots/places", "agent-home-import-failed");
}
