// The citizen database: the wipe leaves nothing readable; anonymous counters stay; a bad disk degrades to
// memory.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

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
    CHECK(kiosk.store().citizen_rows() == std::size_t{0});
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
    CHECK(kiosk.store().citizen_rows() == std::size_t{0});
    CHECK(kiosk.wipe_count() == 1);
    // A timeout describes one person: counted, but not stored until 5 people share a period.
    CHECK(kiosk.store().waiting("sessions_timed_out") == 1);
    CHECK(kiosk.store().counter(local_date_iso(test::test_date()), "sessions_timed_out") == 0);
}

TEST_CASE("visits are stored only by groups of 5 people, and read back by a worker's own connection") {
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    Kiosk kiosk(config, Translator{}, TimePoint{}, test::test_clock());
    TimePoint t{};
    const std::string day = local_date_iso(test::test_date());
    for (int i = 0; i < 7; ++i) {
        kiosk.dispatch(ev::Start{}, t += std::chrono::seconds(1));
        kiosk.dispatch(ev::Finish{}, t += std::chrono::seconds(1));
        kiosk.dispatch(ev::Tick{}, t += std::chrono::minutes(2));
    }
    CHECK(kiosk.store().counter(day, "sessions_started") == 0);  // never one figure per day
    CHECK(kiosk.store().waiting("sessions_started") == 2);
    const auto read =
        CitizenStore::read_grouped(kiosk.store().file(), {"sessions_started", "sessions_timed_out"});
    REQUIRE(read);
    CHECK(read->at("sessions_started").count == 5);
    CHECK(read->at("sessions_started").since == day);
    CHECK(read->at("sessions_timed_out").count == 0);
    CHECK_FALSE(CitizenStore::read_grouped(dir.path / "missing.sqlite", {"sessions_started"}));
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

TEST_CASE("a corrupt database file is not fatal: it is deleted and made again") {
    test::TempDir dir;
    std::ofstream(dir.path / "citizen.sqlite") << std::string(4096, 'Z');
    CitizenStore store(dir.path / "citizen.sqlite", test::test_clock());
    CHECK_FALSE(store.degraded());
    CHECK(store.status() == StoreStatus::Rebuilt);
    CHECK_FALSE(files_contain(dir.path / "citizen.sqlite", "ZZZZZZZZ"));
    store.begin_session("fr");
    CHECK(store.has_session());
}

TEST_CASE("a session left by a power cut is wiped even when a page of the store is damaged") {
    test::TempDir dir;
    const auto db = dir.path / "citizen.sqlite";
    long value_page = 0, page_size = 0;
    {
        CitizenStore store(db, test::test_clock());
        store.begin_session("fr");
        store.record("typed", "MARKER-left-on-a-damaged-store");
        store.set_value("k", "v");
        store.count("2026-11-23", "sessions_started");
    }  // no wipe: the power went off (closing checkpoints the journal into the file)
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(raw,
                           "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                           "WHERE name = 'citizen_value'",
                           -1, &st, nullptr);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        value_page = sqlite3_column_int(st, 0);
        page_size = sqlite3_column_int(st, 1);
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }
    REQUIRE(value_page > 1);
    {
        // One damaged page: the citizen_value table's, garbage where its b-tree was.
        std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp((value_page - 1) * page_size);
        f << std::string(static_cast<std::size_t>(page_size), '\x5a');
    }
    REQUIRE(files_contain(db, "MARKER-left-on-a-damaged-store"));
    Config config = test::demo_config(dir.path);
    Kiosk kiosk(config, Translator{}, TimePoint{}, test::test_clock());
    CHECK(kiosk.store().citizen_rows() == std::size_t{0});
    CHECK_FALSE(kiosk.store().degraded());
    CHECK_FALSE(files_contain(db, "MARKER-left-on-a-damaged-store"));
}

TEST_CASE("a store that cannot be written is reported, not taken for wiped") {
    test::TempDir dir;
    const auto db = dir.path / "citizen.sqlite";
    {
        CitizenStore store(db, test::test_clock());
        store.begin_session("fr");
        store.set_value("k", "MARKER-read-only");
    }
    // root writes whatever the modes say: the store is opened by an unprivileged child process.
    std::filesystem::permissions(
        dir.path, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                      std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                      std::filesystem::perms::others_exec);
    std::filesystem::permissions(db, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                         std::filesystem::perms::others_read);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) _exit(10);
        CitizenStore store(db, test::test_clock());
        store.begin_session("fr");
        store.set_value("k", "v");
        const bool helped = store.value("k") == "v";  // the citizen can still be helped, in memory
        _exit(store.status() == StoreStatus::ReadOnly && store.degraded() && helped
                  ? 0
                  : 1 + int(store.status()));
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
