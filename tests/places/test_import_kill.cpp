// The proof that an import is all or nothing: the real `kiosk-content sync` (what the kiosk runs at start) is
// killed with SIGKILL at 60 random moments of an import of two changed content files; after each kill the
// database passes PRAGMA integrity_check, holds exactly the old places or exactly the new ones (ids, count
// and the import log), and the next start imports normally. The RNG seed is fixed: the same moments each run
// (relative to the measured length of one import).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/import.hpp"
#include "places_test_support.hpp"

extern char** environ;

using namespace kiosk::places;
using kiosk::test::places_data;
using kiosk::test::standard_dir;
using kiosk::test::TempDir;
namespace fs = std::filesystem;

namespace {
const std::vector<Place>& real_places() {
    static Standard standard = Standard::load(standard_dir());
    static std::vector<Place> p =
        read_v0_json(places_data() / "cartographie-nationale-5.22.0-source.json", standard).places;
    return p;
}
// Places [from, to) of the real data, three times over with distinct ids (a longer import: more moments).
std::vector<Place> places(std::size_t from, std::size_t to, const std::string& tag) {
    std::vector<Place> out;
    for (int copy = 0; copy < 3; ++copy)
        for (std::size_t i = from; i < to; ++i) {
            Place p = real_places()[i];
            p.id += "-" + std::to_string(copy);
            p.summary = tag;  // old and new differ in content too, not only in ids
            out.push_back(std::move(p));
        }
    return out;
}
void write_csv(const fs::path& file, const std::vector<Place>& ps) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    write_v1_csv(out, ps);
}
std::set<std::string> ids_of(const std::vector<std::vector<Place>>& parts) {
    std::set<std::string> out;
    for (const auto& part : parts)
        for (const auto& p : part) out.insert(p.id);
    return out;
}

pid_t spawn_sync(const fs::path& content, const fs::path& db) {
    const std::string tool = (kiosk::test::binary_dir() / "kiosk/kiosk-content").string();
    std::vector<std::string> args = {tool,        "sync",       content.string(),       "--db",
                                     db.string(), "--standard", standard_dir().string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, tool.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
}
int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

struct Db {
    sqlite3* db = nullptr;
    explicit Db(const fs::path& file) { sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr); }
    ~Db() { sqlite3_close(db); }
    std::vector<std::string> column(const char* sql) const {
        std::vector<std::string> out;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return {"cannot prepare"};
        while (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char* t = sqlite3_column_text(st, 0);
            out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
        }
        sqlite3_finalize(st);
        return out;
    }
};
void copy_db(const fs::path& from, const fs::path& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(to.string() + suffix);
    fs::copy_file(from, to);
}
}  // namespace

TEST_CASE("an import killed at 60 random moments leaves the old places or the new ones, never a mix") {
    TempDir dir;
    const fs::path old_content = dir.path / "old", new_content = dir.path / "new";
    const std::vector<std::vector<Place>> old_parts = {places(0, 400, "old"), places(400, 687, "old")};
    // New: 30 places gone from a, 87 from b, every summary changed.
    const std::vector<std::vector<Place>> new_parts = {places(30, 400, "new"), places(400, 600, "new")};
    write_csv(old_content / "a.csv", old_parts[0]);
    write_csv(old_content / "b.csv", old_parts[1]);
    write_csv(new_content / "a.csv", new_parts[0]);
    write_csv(new_content / "b.csv", new_parts[1]);
    const std::set<std::string> old_ids = ids_of(old_parts), new_ids = ids_of(new_parts);
    REQUIRE(old_ids.size() == 2061);
    REQUIRE(new_ids.size() == 1710);

    // The database as the old content left it, checkpointed: each round starts from a copy of it.
    const fs::path pristine = dir.path / "pristine.sqlite", db = dir.path / "places.sqlite";
    REQUIRE(wait_for(spawn_sync(old_content, pristine)) == 0);
    {
        Db d(pristine);
        REQUIRE(d.column("PRAGMA wal_checkpoint(TRUNCATE)").size() == 1);
    }
    fs::remove(pristine.string() + "-wal");
    fs::remove(pristine.string() + "-shm");

    // How long one whole import takes here, to spread the kills over it (and a little past its end).
    std::chrono::steady_clock::duration longest{};
    for (int i = 0; i < 2; ++i) {
        copy_db(pristine, db);
        const auto start = std::chrono::steady_clock::now();
        REQUIRE(wait_for(spawn_sync(new_content, db)) == 0);
        longest = std::max(longest, std::chrono::steady_clock::now() - start);
    }
    const auto span_us = std::chrono::duration_cast<std::chrono::microseconds>(longest).count() * 6 / 5;

    std::mt19937 rng(20261201);  // fixed: the same moments at every run
    std::uniform_int_distribution<long> moment(0, span_us);
    int rounds = 0, killed = 0, old_outcomes = 0, new_outcomes = 0;
    for (int round = 0; round < 60; ++round) {
        copy_db(pristine, db);
        const long at = moment(rng);
        const pid_t pid = spawn_sync(new_content, db);
        std::this_thread::sleep_for(std::chrono::microseconds(at));
        ::kill(pid, SIGKILL);
        const int status = wait_for(pid);
        ++rounds;
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            ++killed;
        else
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));  // finished before the kill
        INFO("round " << round << ", kill after " << at << " us");
        {
            Db d(db);
            CHECK(d.column("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
            const std::vector<std::string> ids = d.column("SELECT id FROM places");
            const std::set<std::string> found(ids.begin(), ids.end());
            const std::vector<std::string> summaries = d.column("SELECT DISTINCT summary FROM places");
            const std::vector<std::string> logged = d.column("SELECT count(*) FROM imports");
            const std::vector<std::string> stamp =
                d.column("SELECT count(*) FROM meta WHERE key = 'content_stamp'");
            const bool is_old = found == old_ids && summaries == std::vector<std::string>{"old"} &&
                                logged == std::vector<std::string>{"2"};
            const bool is_new = found == new_ids && summaries == std::vector<std::string>{"new"} &&
                                logged == std::vector<std::string>{"4"} &&
                                stamp == std::vector<std::string>{"1"};
            CHECK((is_old || is_new));
            if (is_old) ++old_outcomes;
            if (is_new) ++new_outcomes;
        }
        // The next start: as the kiosk does it, in this process.
        ContentPlaces next = sync_content(content_files(new_content), standard_dir(), db);
        CHECK_FALSE(next.status.failed());
        CHECK_FALSE(next.status.rebuilt);
        CHECK(next.places.size() == new_ids.size());
    }
    std::printf("places kill test: %d rounds over %ld us, %d killed mid-run, outcomes %d old / %d new\n",
                rounds, static_cast<long>(span_us), killed, old_outcomes, new_outcomes);
    CHECK(rounds == 60);
    CHECK(old_outcomes + new_outcomes == rounds);
    CHECK(killed > 0);
    CHECK(old_outcomes > 0);  // the earliest kills always stop it before its commit
}
