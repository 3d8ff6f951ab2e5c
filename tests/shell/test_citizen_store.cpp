// The citizen database: the wipe leaves nothing readable; anonymous counters stay; a bad disk degrades to memory.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/kiosk.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
std::string bytes_of(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
bool files_contain(const std::filesystem::path& db, const std::string& needle) {
    for (const char* suffix : {"", "-wal", "-journal"}) {
        auto p = db.string() + suffix;
        if (std::filesystem::exists(p) && bytes_of(p).find(needle) != std::string::npos) return true;
    }
    return false;
}
}  // namespace

TEST_CASE("a citizen session is stored, then wiped so that its data cannot be read back from the files") {
    test::TempDir dir;
    const auto db = dir.path / "citizen.sqlite";
    CitizenStore store(db, test::test_clock());
    REQUIRE_FALSE(store.degraded());
    store.begin_session("fr");
    store.record("screen", "home");
    store.set_value("answer.email", "MARKER-jean.dupont-7731");
    CHECK(store.value("answer.email") == "MARKER-jean.dupont-7731");
    CHECK(store.citizen_rows() == 3);
    store.count("2026-11-23", "sessions_started");

    store.wipe();
    CHECK(store.citizen_rows() == 0);
    CHECK_FALSE(store.has_session());
    CHECK_FALSE(store.value("answer.email"));
    CHECK_FALSE(files_contain(db, "MARKER-jean.dupont-7731"));
    CHECK(store.counter("2026-11-23", "sessions_started") == 1);  // anonymous, kept
}

TEST_CASE("a session left by a power cut is wiped when the kiosk starts") {
    test::TempDir dir;
    {
        CitizenStore store(dir.path / "citizen.sqlite", test::test_clock());
        store.begin_session("fr");
        store.set_value("k", "MARKER-left-behind");
    }  // no wipe: the power went off
    Config config = test::demo_config(dir.path);
    Kiosk kiosk(config, Translator{}, TimePoint{}, test::test_clock());
    CHECK(kiosk.store().citizen_rows() == 0);
    CHECK_FALSE(files_contain(dir.path / "citizen.sqlite", "MARKER-left-behind"));
}

TEST_CASE("the kiosk wipes memory and database when the session times out") {
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    Kiosk kiosk(config, Translator{}, TimePoint{}, test::test_clock());
    bool forgotten = false;
    kiosk.on_wipe([&] { forgotten = true; });
    TimePoint t{};
    kiosk.dispatch(ev::Start{}, t += std::chrono::seconds(1));
    kiosk.store().set_value("answer", "x");
    CHECK(kiosk.store().citizen_rows() >= 2);
    kiosk.dispatch(ev::Tick{}, t += config.inactivity);
    kiosk.dispatch(ev::Tick{}, t += config.still_there);
    CHECK(kiosk.screen() == Screen::Attract);
    CHECK(forgotten);
    CHECK(kiosk.store().citizen_rows() == 0);
    CHECK(kiosk.wipe_count() == 1);
    CHECK(kiosk.store().counter(local_date_iso(test::test_date()), "sessions_timed_out") == 1);
}

TEST_CASE("a database that cannot be written is replaced by memory, and the kiosk says why") {
    test::TempDir dir;
    std::ofstream(dir.path / "not-a-folder") << "x";
    CitizenStore store(dir.path / "not-a-folder" / "citizen.sqlite", test::test_clock());
    CHECK(store.degraded());
    CHECK_THAT(store.problem(), Catch::Contains("not-a-folder"));
    store.begin_session("fr");
    store.set_value("k", "v");
    CHECK(store.value("k") == "v");  // the citizen can still be helped
    store.wipe();
    CHECK(store.citizen_rows() == 0);
}

TEST_CASE("a corrupt database file is not fatal") {
    test::TempDir dir;
    std::ofstream(dir.path / "citizen.sqlite") << std::string(4096, 'Z');
    CitizenStore store(dir.path / "citizen.sqlite", test::test_clock());
    CHECK(store.degraded());
    store.begin_session("fr");
    CHECK(store.has_session());
}
