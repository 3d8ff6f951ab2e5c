// The audit journal's chain: appended entries verify; an edit, a deletion, a reordering or a truncation is
// found and the first broken entry named. The tampering is done as an attacker would, with SQLite directly.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>

#include "kiosk/core/audit_journal.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

struct TempJournal {
    fs::path dir, file;
    TempJournal() {
        dir = fs::temp_directory_path() / ("kiosk-audit-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::remove_all(dir);
        file = dir / "audit.sqlite";
    }
    ~TempJournal() { fs::remove_all(dir); }
};

void fill(const fs::path& file, int n) {
    AuditJournal j(file);
    REQUIRE(j.usable());
    for (int i = 0; i < n; ++i)
        REQUIRE(j.append(1'795'000'000 + i * 60, "agent-7", i % 2 ? "lock" : "unlock.pin.ok", "kiosk-42",
                         "écran " + std::to_string(i)));
}

// Tampering as an attacker with the file would: the triggers dropped first.
void tamper(const fs::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const std::string all =
        "DROP TRIGGER IF EXISTS journal_no_update; DROP TRIGGER IF EXISTS journal_no_delete; " + sql;
    const int rc = sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("Appended entries chain and verify, across reopenings") {
    TempJournal t;
    fill(t.file, 5);
    fill(t.file, 3);  // a restart goes on from the head
    const auto v = AuditJournal::verify(t.file);
    CHECK(v.ok);
    CHECK(v.entries == 8);
    CHECK(v.first_broken == 0);
    AuditJournal j(t.file);
    const AuditJournal::Head head = j.head();
    CHECK(head.entries == 8);
    CHECK(head.hash.size() == 64);
    CHECK(AuditJournal::verify(t.file, head).ok);
    const auto last = j.last(3);
    REQUIRE(last.size() == 3);
    CHECK(last[0].id == 8);
    CHECK(last[0].prev == last[1].hash);
}

TEST_CASE("The kiosk itself cannot edit or delete an entry") {
    TempJournal t;
    fill(t.file, 2);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(t.file.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE journal SET agent='x' WHERE id=1", nullptr, nullptr, nullptr) !=
          SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM journal WHERE id=2", nullptr, nullptr, nullptr) != SQLITE_OK);
    sqlite3_close(db);
    CHECK(AuditJournal::verify(t.file).ok);
}

TEST_CASE("Tampering is found and the first broken entry named") {
    TempJournal t;
    fill(t.file, 6);
    AuditJournal::Head head;
    {
        AuditJournal j(t.file);
        head = j.head();
    }
    SECTION("an edited field") {
        tamper(t.file, "UPDATE journal SET action='lock' WHERE id=3;");
        const auto v = AuditJournal::verify(t.file);
        CHECK_FALSE(v.ok);
        CHECK(v.first_broken == 3);
    }
    SECTION("an edited field with its hash recomputed: the next entry no longer follows") {
        AuditJournal::Entry e;
        {
            AuditJournal j(t.file);
            e = j.last(6)[3];  // id 3
        }
        REQUIRE(e.id == 3);
        e.agent = "someone-else";
        tamper(t.file, "UPDATE journal SET agent='someone-else', hash='" + AuditJournal::entry_hash(e) +
                           "' WHERE id=3;");
        const auto v = AuditJournal::verify(t.file);
        CHECK_FALSE(v.ok);
        CHECK(v.first_broken == 4);
    }
    SECTION("a deleted entry") {
        tamper(t.file, "DELETE FROM journal WHERE id=2;");
        const auto v = AuditJournal::verify(t.file);
        CHECK_FALSE(v.ok);
        CHECK(v.first_broken == 3);
    }
    SECTION("two entries swapped") {
        tamper(t.file,
               "UPDATE journal SET id=100 WHERE id=4; UPDATE journal SET id=4 WHERE id=5;"
               "UPDATE journal SET id=5 WHERE id=100;");
        const auto v = AuditJournal::verify(t.file);
        CHECK_FALSE(v.ok);
        CHECK(v.first_broken == 4);
    }
    SECTION("rows reordered on disk with their ids") {
        tamper(t.file,
               "CREATE TABLE copy AS SELECT * FROM journal ORDER BY id DESC; DELETE FROM journal;"
               "INSERT INTO journal SELECT * FROM copy; DROP TABLE copy;");
        // INTEGER PRIMARY KEY keeps ids as rowids: the chain reads in id order and still holds; what was
        // written is what is read.
        CHECK(AuditJournal::verify(t.file).ok);
    }
    SECTION("the last entries cut off: found against the head reported earlier") {
        tamper(t.file, "DELETE FROM journal WHERE id >= 5;");
        CHECK(AuditJournal::verify(t.file).ok);  // a clean prefix on its own…
        const auto v = AuditJournal::verify(t.file, head);
        CHECK_FALSE(v.ok);  // …but not what was reported
        CHECK(v.first_broken == 5);
    }
    SECTION("cut off and replaced by other entries") {
        tamper(t.file, "DELETE FROM journal WHERE id >= 5;");
        fill(t.file, 2);
        CHECK(AuditJournal::verify(t.file).ok);
        const auto v = AuditJournal::verify(t.file, head);
        CHECK_FALSE(v.ok);
        CHECK(v.first_broken == 6);
    }
    SECTION("a file that is not a journal") {
        tamper(t.file, "DROP TABLE journal; CREATE TABLE other(x);");
        const auto v = AuditJournal::verify(t.file);
        CHECK_FALSE(v.ok);
        CHECK_FALSE(v.reason.empty());
    }
}

TEST_CASE("Appends from several threads make one chain") {
    TempJournal t;
    {
        AuditJournal j(t.file);
        std::vector<std::thread> threads;
        for (int k = 0; k < 4; ++k)
            threads.emplace_back([&j, k] {
                for (int i = 0; i < 10; ++i)
                    j.append(1'795'000'000, "agent-" + std::to_string(k), "lock", "k");
            });
        for (auto& th : threads) th.join();
    }
    const auto v = AuditJournal::verify(t.file);
    CHECK(v.ok);
    CHECK(v.entries == 40);
}
