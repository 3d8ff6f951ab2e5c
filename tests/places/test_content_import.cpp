// Places never lost, never stale: the content import at start (PlacesData::load -> places::sync_content)
// keeps the last good places when an import fails, rebuilds a damaged database, imports every content file in
// one transaction and removes the places the content no longer has.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <fstream>
#include <set>
#include <sstream>

#include "kiosk/core/journeys/places_data.hpp"
#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/import.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;
using kiosk::test::places_data;
using kiosk::test::standard_dir;
using kiosk::test::TempDir;
namespace fs = std::filesystem;

namespace {
const Standard& standard() {
    static Standard s = Standard::load(standard_dir());
    return s;
}
const std::vector<Place>& real_places() {
    static std::vector<Place> p =
        read_v0_json(places_data() / "cartographie-nationale-5.22.0-source.json", standard()).places;
    return p;
}
std::vector<Place> slice(std::size_t from, std::size_t to) {
    return {real_places().begin() + static_cast<long>(from), real_places().begin() + static_cast<long>(to)};
}
void write_csv(const fs::path& file, const std::vector<Place>& places) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    write_v1_csv(out, places);
}

// A content folder as the kiosk reads it: places/*.csv of our own, the shipped standard and communes.
struct Content {
    TempDir dir;
    fs::path content = dir.path / "content", data = dir.path / "data";
    Content() {
        fs::create_directories(content / "places");
        fs::create_directory_symlink(standard_dir(), content / "standard");
        fs::create_symlink(kiosk::test::source_dir() / "content/communes.tsv", content / "communes.tsv");
    }
    std::shared_ptr<kiosk::journeys::PlacesData> load() const {
        return kiosk::journeys::PlacesData::load(content, data, 1767225600);  // 2026-01-01, any fixed day
    }
    fs::path db() const { return data / "places.sqlite"; }
};

bool exec(const fs::path& file, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}
std::set<std::string> ids(const std::vector<Place>& places) {
    std::set<std::string> out;
    for (const auto& p : places) out.insert(p.id);
    return out;
}
bool mentions(const std::vector<std::string>& lines, const std::string& what) {
    for (const auto& l : lines)
        if (l.find(what) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("a failed import keeps serving the last good places and says what failed") {
    Content c;
    write_csv(c.content / "places/a.csv", slice(0, 300));
    auto first = c.load();
    REQUIRE(first->places.size() == 300);
    CHECK(first->import_status.state == ContentStatus::State::Imported);
    // The database cannot be written any more (as a full or failing disk would refuse it); the content
    // changed.
    REQUIRE(exec(
        c.db(),
        "CREATE TRIGGER no_insert BEFORE INSERT ON places BEGIN SELECT RAISE(ABORT, 'disk failure'); END;"
        "CREATE TRIGGER no_update BEFORE UPDATE ON places BEGIN SELECT RAISE(ABORT, 'disk failure'); END;"));
    write_csv(c.content / "places/a.csv", slice(0, 400));
    auto failed = c.load();
    CHECK(failed->places.size() == 300);  // was 0: the exception skipped reading the intact database
    CHECK(failed->index.size() == 300);
    CHECK(failed->import_status.failed());
    CHECK(failed->import_status.problem.find("disk failure") != std::string::npos);
    CHECK(failed->import_status.problem.find("300 places of the last good import") != std::string::npos);
    CHECK(mentions(failed->problems, "disk failure"));
    // Retried at the next start: once the database can be written, the new content lands.
    REQUIRE(exec(c.db(), "DROP TRIGGER no_insert; DROP TRIGGER no_update;"));
    auto retried = c.load();
    CHECK(retried->places.size() == 400);
    CHECK(retried->import_status.state == ContentStatus::State::Imported);
    CHECK(c.load()->import_status.state == ContentStatus::State::Unchanged);
}

TEST_CASE("a full disk or a read-only database keeps the last good places") {
    TempDir dir;
    const fs::path places = dir.path / "places", db = dir.path / "places.sqlite";
    write_csv(places / "a.csv", slice(0, 20));
    REQUIRE(sync_content(content_files(places), standard_dir(), db).places.size() == 20);
    write_csv(places / "a.csv", slice(0, 687));
    SECTION("full disk") {
        SyncOptions small;
        small.store.max_page_count = 40;
        ContentPlaces r = sync_content(content_files(places), standard_dir(), db, small);
        CHECK(r.places.size() == 20);
        CHECK(r.status.failed());
        CHECK(r.status.problem.find("disk full") != std::string::npos);
    }
    SECTION("read-only file") {
        SyncOptions read_only;
        read_only.store.read_only = true;
        ContentPlaces r = sync_content(content_files(places), standard_dir(), db, read_only);
        CHECK(r.places.size() == 20);
        CHECK(r.status.failed());
        CHECK(r.status.problem.find("read-only") != std::string::npos);
    }
    ContentPlaces later = sync_content(content_files(places), standard_dir(), db);
    CHECK(later.places.size() == 687);
    CHECK(later.status.state == ContentStatus::State::Imported);
}

TEST_CASE("a damaged places database is rebuilt from the content files") {
    Content c;
    write_csv(c.content / "places/a.csv", slice(0, 687));
    REQUIRE(c.load()->places.size() == 687);
    REQUIRE(exec(c.db(), "PRAGMA wal_checkpoint(TRUNCATE)"));
    const auto size = fs::file_size(c.db());
    REQUIRE(size > 16 * 4096);
    {  // Garbage over the middle pages, as a failing card would leave them.
        std::fstream f(c.db(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(4096 * 3));
        const std::string junk(4096 * 8, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    auto rebuilt = c.load();
    CHECK(rebuilt->places.size() == 687);  // was 0, at every start
    CHECK(rebuilt->import_status.rebuilt);
    CHECK_FALSE(rebuilt->import_status.failed());
    CHECK(fs::exists(c.data / "places.sqlite.damaged"));
    auto store = PlaceStore::open(c.db());
    CHECK(store.damage().empty());
    CHECK(store.count() == 687);

    // Not a database at all: also rebuilt.
    store = PlaceStore::open(c.data / "other.sqlite");
    std::ofstream(c.db(), std::ios::binary | std::ios::trunc) << std::string(8192, 'g');
    fs::remove(c.data / "places.sqlite-wal");
    fs::remove(c.data / "places.sqlite-shm");
    auto again = c.load();
    CHECK(again->places.size() == 687);
    CHECK(again->import_status.rebuilt);
}

TEST_CASE("all content files are one import, and places gone from the content are removed") {
    Content c;
    write_csv(c.content / "places/a.csv", slice(0, 300));
    write_csv(c.content / "places/b.csv", slice(300, 687));
    auto first = c.load();
    REQUIRE(first->places.size() == 687);
    {
        auto store = PlaceStore::open(c.db());
        CHECK(store.imports().size() == 2);  // one log row per file, written in the same transaction
    }
    // The data drops 50 places from b and 10 from a.
    write_csv(c.content / "places/a.csv", slice(10, 300));
    write_csv(c.content / "places/b.csv", slice(300, 637));
    auto second = c.load();
    CHECK(second->places.size() == 627);  // was 687: the upsert kept removed places forever
    CHECK(second->import_status.removed == 60);
    CHECK(ids(second->places) == ids(slice(10, 637)));
    // A file removed from the content takes its places with it.
    fs::remove(c.content / "places/b.csv");
    CHECK(c.load()->places.size() == 290);
}

TEST_CASE("an unreadable content file removes nothing and is retried") {
    TempDir dir;
    const fs::path places = dir.path / "places", db = dir.path / "places.sqlite";
    write_csv(places / "a.csv", slice(0, 100));
    write_csv(places / "b.csv", slice(100, 200));
    REQUIRE(sync_content(content_files(places), standard_dir(), db).places.size() == 200);
    // b is now a file that keeps none of its rows, a is updated: a is imported, nothing of b is removed.
    std::ofstream(places / "b.csv", std::ios::trunc) << "name,city\nx,y\n";
    std::vector<Place> a = slice(0, 100), more = slice(200, 250);
    a.insert(a.end(), more.begin(), more.end());
    write_csv(places / "a.csv", a);
    ContentPlaces r = sync_content(content_files(places), standard_dir(), db);
    CHECK(r.places.size() == 250);
    CHECK(r.status.failed());
    CHECK(r.status.problem.find("b.csv") != std::string::npos);
    CHECK(sync_content(content_files(places), standard_dir(), db).status.failed());  // retried, same answer
    write_csv(places / "b.csv", slice(150, 160));
    ContentPlaces fixed = sync_content(content_files(places), standard_dir(), db);
    CHECK(fixed.status.state == ContentStatus::State::Imported);
    CHECK(fixed.places.size() == 160);
}

TEST_CASE("with no usable database the content files themselves are served") {
    TempDir dir;
    const fs::path places = dir.path / "places";
    write_csv(places / "a.csv", slice(0, 42));
    std::ofstream(dir.path / "regular-file") << "x";
    ContentPlaces r =
        sync_content(content_files(places), standard_dir(), dir.path / "regular-file" / "places.sqlite");
    CHECK(r.places.size() == 42);
    CHECK(r.status.from_files);
    CHECK(r.status.failed());
    CHECK(r.status.problem.find("read from the content files") != std::string::npos);
}

TEST_CASE("an import that stopped the kiosk twice is not tried again until the content changes") {
    TempDir dir;
    const fs::path places = dir.path / "places", db = dir.path / "places.sqlite";
    write_csv(places / "a.csv", slice(0, 10));
    REQUIRE(sync_content(content_files(places), standard_dir(), db).places.size() == 10);
    write_csv(places / "a.csv", slice(0, 20));
    const std::string stamp = content_stamp(content_files(places));
    auto marker = [&](int attempts) {
        std::ofstream(dir.path / "places.sqlite.importing", std::ios::trunc) << attempts << "\n" << stamp;
    };
    // One start died during the import of this content: the next start tries again.
    marker(1);
    ContentPlaces once = sync_content(content_files(places), standard_dir(), db);
    CHECK(once.status.state == ContentStatus::State::Imported);
    CHECK(once.places.size() == 20);
    CHECK_FALSE(fs::exists(dir.path / "places.sqlite.importing"));
    // Two starts died (a file that crashes the importer, under Restart=always): no third try, old places.
    write_csv(places / "a.csv", slice(0, 30));
    const std::string stamp30 = content_stamp(content_files(places));
    std::ofstream(dir.path / "places.sqlite.importing", std::ios::trunc) << 2 << "\n" << stamp30;
    ContentPlaces twice = sync_content(content_files(places), standard_dir(), db);
    CHECK(twice.status.failed());
    CHECK(twice.places.size() == 20);
    CHECK(twice.status.problem.find("interrupted 2 times") != std::string::npos);
    // New content: imported.
    write_csv(places / "a.csv", slice(0, 40));
    CHECK(sync_content(content_files(places), standard_dir(), db).places.size() == 40);
}
