#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "kiosk/core/places/place_store.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;
using kiosk::test::places_data;
using kiosk::test::standard_dir;
using kiosk::test::TempDir;

namespace {
const Standard& standard() {
    static Standard s = Standard::load(standard_dir());
    return s;
}
std::filesystem::path real_v0() {
    return places_data() / "cartographie-nationale-5.22.0-source.json";
}
std::filesystem::path fake_v0() {
    return standard_dir() / "lieux-v0-fake.json";
}
std::filesystem::path example_v1() {
    return standard_dir() / "exemple-valide-v1.csv";
}

bool same(const Place& a, const Place& b) {
    return to_v1_record(a) == to_v1_record(b) && a.accepts_pass == b.accepts_pass;
}
}  // namespace

TEST_CASE("store imports the real data, the fake v0 file and the v1 example with exact counts") {
    TempDir dir;
    auto store = PlaceStore::open(dir.path / "places.sqlite");
    CHECK(store.schema_version() == PlaceStore::kSchemaVersion);
    CHECK(store.count() == 0);

    ImportReport real = store.import_file(real_v0(), standard());
    CHECK(real.accepted == 687);
    CHECK(store.count() == 687);
    ImportReport fake = store.import_file(fake_v0(), standard());
    CHECK(fake.accepted == 7);
    CHECK(store.count() == 694);
    ImportReport example = store.import_file(example_v1(), standard());
    CHECK(example.accepted == 1);
    CHECK(store.count() == 694);  // "structure-1" is in the fake file too: updated, not added
    auto structure = store.get("structure-1");
    REQUIRE(structure);
    CHECK(structure->updated == "2024-04-02");  // the v1 example's date won
    CHECK(structure->itinerant);
    CHECK(std::filesystem::exists(dir.path / "places.sqlite-wal"));

    auto log = store.imports();
    REQUIRE(log.size() == 3);
    CHECK(log[0].accepted == 687);
    CHECK(log[0].format == "v0-json");
    CHECK(log[2].format == "v1-csv");
    CHECK(log[2].report.find("1 accepted") != std::string::npos);
}

TEST_CASE("store keeps every field and re-importing is idempotent") {
    TempDir dir;
    const auto file = dir.path / "places.sqlite";
    std::vector<Place> expected = read_v0_json(real_v0(), standard()).places;
    auto example = read_v1_csv(example_v1(), standard().v1).places;
    expected.insert(expected.end(), example.begin(), example.end());
    {
        auto store = PlaceStore::open(file);
        CHECK(store.upsert(expected) == expected.size());
    }
    auto store = PlaceStore::open(file);  // reopened: the schema is there, nothing is recreated
    auto before = store.load_all();
    REQUIRE(before.size() == expected.size());
    for (const auto& p : expected) {
        auto got = store.get(p.id);
        REQUIRE(got);
        INFO(p.id);
        CHECK(same(*got, p));
    }
    CHECK_FALSE(store.get("no such id"));
    store.import_file(real_v0(), standard());
    store.import_file(example_v1(), standard());
    auto after = store.load_all();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) CHECK(same(after[i], before[i]));
}

TEST_CASE("an import interrupted by a fault leaves the old places untouched") {
    TempDir dir;
    auto store = PlaceStore::open(dir.path / "places.sqlite");
    store.import_file(fake_v0(), standard());
    REQUIRE(store.count() == 7);
    auto old = store.load_all();
    auto fault = [](std::size_t i) {
        if (i == 300) throw std::runtime_error("injected fault");
    };
    CHECK_THROWS_WITH(store.import_file(real_v0(), standard(), fault), "injected fault");
    CHECK(store.count() == 7);
    CHECK_FALSE(store.get("0"));
    auto now = store.load_all();
    REQUIRE(now.size() == old.size());
    for (std::size_t i = 0; i < now.size(); ++i) CHECK(same(now[i], old[i]));
    CHECK(store.imports().size() == 1);  // the failed import was not logged either
    // The store is still usable.
    store.import_file(real_v0(), standard());
    CHECK(store.count() == 694);
}

TEST_CASE("a process killed mid-import leaves the database old, a finished one leaves it new") {
    TempDir dir;
    const auto file = dir.path / "places.sqlite";
    {
        auto store = PlaceStore::open(file);
        store.import_file(fake_v0(), standard());
    }
    auto run_child = [&](bool kill_midway) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            try {
                auto store = PlaceStore::open(file);
                store.import_file(real_v0(), standard(), [&](std::size_t i) {
                    if (kill_midway && i == 400) raise(SIGKILL);
                });
            } catch (...) {
                _exit(3);
            }
            _exit(0);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        return status;
    };
    int status = run_child(true);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    {
        auto store = PlaceStore::open(file);
        CHECK(store.count() == 7);  // old
        CHECK_FALSE(store.get("0"));
        CHECK(store.imports().size() == 1);
    }
    status = run_child(false);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    auto store = PlaceStore::open(file);
    CHECK(store.count() == 694);  // new
    CHECK(store.get("0"));
}

TEST_CASE("a full disk is a clear error and loses nothing") {
    TempDir dir;
    StoreOptions small;
    small.max_page_count = 24;  // room for the schema and a few places, not for 687
    auto store = PlaceStore::open(dir.path / "places.sqlite", small);
    store.import_file(fake_v0(), standard());
    REQUIRE(store.count() == 7);
    try {
        store.import_file(real_v0(), standard());
        FAIL("the import should not fit");
    } catch (const StoreError& e) {
        CHECK(e.kind == StoreError::Kind::DiskFull);
        CHECK(std::string(e.what()).find("disk full") != std::string::npos);
        CHECK(std::string(e.what()).find("places.sqlite") != std::string::npos);
    }
    CHECK(store.count() == 7);
    CHECK(store.load_all().size() == 7);
    CHECK(store.imports().size() == 1);
    // Small imports still work afterwards.
    store.import_file(example_v1(), standard());
    CHECK(store.imports().size() == 2);
}

TEST_CASE("a database that cannot be opened is a clear error") {
    TempDir dir;
    std::ofstream(dir.path / "regular-file") << "x";
    // Tests run as root, who ignores permissions: a path under a regular file can never be written.
    try {
        PlaceStore::open(dir.path / "regular-file" / "places.sqlite");
        FAIL("opened a database under a regular file");
    } catch (const StoreError& e) {
        CHECK(e.kind == StoreError::Kind::Open);
        CHECK(std::string(e.what()).find("regular-file/places.sqlite") != std::string::npos);
    }
    std::ofstream(dir.path / "garbage.sqlite") << std::string(8192, 'g');
    CHECK_THROWS_AS(PlaceStore::open(dir.path / "garbage.sqlite"), StoreError);
    CHECK(std::filesystem::file_size(dir.path / "garbage.sqlite") == 8192);
}

TEST_CASE("a database of a newer schema version is refused and not touched") {
    TempDir dir;
    const auto file = dir.path / "newer.sqlite";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE future(x); PRAGMA user_version=99;", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    try {
        PlaceStore::open(file);
        FAIL("opened a newer database");
    } catch (const StoreError& e) {
        CHECK(e.kind == StoreError::Kind::Schema);
        CHECK(std::string(e.what()).find("99") != std::string::npos);
    }
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name='places'", -1, &s, nullptr);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    CHECK(sqlite3_column_int(s, 0) == 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

TEST_CASE("an unreadable import file changes nothing") {
    TempDir dir;
    auto store = PlaceStore::open(dir.path / "places.sqlite");
    store.import_file(fake_v0(), standard());
    std::ofstream(dir.path / "cut.json") << "[{\"id\": \"1\",";
    ImportReport r = store.import_file(dir.path / "cut.json", standard());
    CHECK_FALSE(r.ok());
    CHECK(store.count() == 7);
    CHECK(store.imports().size() == 1);
}
