// The redemption journal: one transaction per redemption, reuse, its messages in the outbox, a failure
// mid-transaction, a full disk, the older journal shape handed over to the outbox.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "sqlite_query.hpp"
#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {
Redemption row(const std::string& id) {
    Redemption r;
    r.issuer = "demo";
    r.pass_id = id;
    r.value = Value{Unit::Euros, 1000};
    r.status = "accepted";
    r.kiosk = "test-kiosk";
    return r;
}
bool exec(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}
}  // namespace

TEST_CASE("the journal records a redemption once and keeps it across reopening") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "pass_journal.sqlite";
    {
        Journal j(file, kiosk::test::test_clock());
        REQUIRE(j.ok());
        const RedeemResult r = j.redeem(row("1-1"));
        CHECK(r.status == RedeemStatus::Recorded);
        CHECK(r.id > 0);
        CHECK(j.redeem(row("1-1")).status == RedeemStatus::AlreadyUsed);
        CHECK(j.redeem(row("1-2")).status == RedeemStatus::Recorded);
    }
    CHECK(kiosk::test::sql_value(file, "PRAGMA journal_mode") == "wal");
    Journal j(file, kiosk::test::test_clock());
    CHECK(j.count() == 2);
    auto earlier = j.find("demo", "1-1");
    REQUIRE(earlier);
    CHECK(earlier->kiosk == "test-kiosk");
    CHECK(earlier->value == Value{Unit::Euros, 1000});
    CHECK(earlier->status == "accepted");
    CHECK_FALSE(j.find("aptic", "1-1"));  // pass ids are per issuer
    CHECK(kiosk::test::sql_value(file, "SELECT sum(count) FROM pass_daily") == "2");
}

TEST_CASE("the outbox lists unsynced redemptions and marks them synced") {
    kiosk::test::TempDir dir;
    kiosk::outbox::Outbox box(dir.path / "outbox.sqlite");
    Journal j(dir.path / "pass_journal.sqlite", kiosk::test::test_clock(), {}, &box);
    for (int i = 1; i <= 5; ++i)
        REQUIRE(j.redeem(row("1-" + std::to_string(i))).status == RedeemStatus::Recorded);
    auto pending = j.unsynced();
    REQUIRE(pending.size() == 5);
    CHECK(pending.front().pass_id == "1-1");  // oldest first
    CHECK(pending.front().outbox);
    CHECK(j.unsynced(2).size() == 2);
    REQUIRE(j.mark_synced({pending[0].id, pending[1].id, pending[2].id}));
    pending = j.unsynced();
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].pass_id == "1-4");
    CHECK(j.find("demo", "1-1")->outbox == false);
    REQUIRE(j.redeem(row("1-6")).status == RedeemStatus::Recorded);
    CHECK(j.unsynced().size() == 3);
    CHECK(j.mark_synced({}));
    CHECK(j.count() == 6);  // synced rows stay: they still stop a second use
    // Each redemption is one message of the outbox, of kind pass.redemption.
    CHECK(box.count(kiosk::outbox::State::Sent) == 3);
    CHECK(box.pending(Journal::kMessageKind).size() == 3);
    auto m = box.find(Journal::message_key("demo", "1-6"));
    REQUIRE(m);
    CHECK(m->kind == "pass.redemption");
    CHECK(m->payload.find("\"pass_id\":\"1-6\"") != std::string::npos);
    CHECK(m->payload.find("\"kiosk\":\"test-kiosk\"") != std::string::npos);
}

TEST_CASE("a failure in the middle of a redemption leaves nothing half-written") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "pass_journal.sqlite";
    {
        Journal j(file, kiosk::test::test_clock());
        REQUIRE(j.redeem(row("1-1")).status == RedeemStatus::Recorded);
    }
    // The second statement of the transaction (the day's counter) fails after the row was inserted.
    REQUIRE(exec(
        file,
        "CREATE TRIGGER fail_counter BEFORE UPDATE ON pass_daily BEGIN SELECT RAISE(ABORT, 'injected'); END;"
        "CREATE TRIGGER fail_counter_insert BEFORE INSERT ON pass_daily BEGIN SELECT RAISE(ABORT, "
        "'injected'); END;"));
    kiosk::outbox::Outbox box(dir.path / "outbox.sqlite");
    Journal j(file, kiosk::test::test_clock(), {}, &box);
    const RedeemResult r = j.redeem(row("1-2"));
    CHECK(r.status == RedeemStatus::Failed);
    CHECK(r.error.find("not recorded") != std::string::npos);
    CHECK(j.count() == 1);
    CHECK_FALSE(j.find("demo", "1-2"));
    CHECK(j.unsynced().size() == 1);
    // Once the cause is gone, the same pass can be recorded: nothing was left behind.
    REQUIRE(exec(file, "DROP TRIGGER fail_counter; DROP TRIGGER fail_counter_insert;"));
    CHECK(j.redeem(row("1-2")).status == RedeemStatus::Recorded);
    CHECK(kiosk::test::sql_value(file, "SELECT sum(count) FROM pass_daily") == "2");
    CHECK(kiosk::test::sql_value(file, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a full disk gives a clear error and keeps the journal whole") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "pass_journal.sqlite";
    { Journal create(file, kiosk::test::test_clock()); }
    kiosk::outbox::Outbox box(dir.path / "outbox.sqlite");
    Journal j(file, kiosk::test::test_clock(), {.max_pages = 8}, &box);
    REQUIRE(j.ok());
    int recorded = 0;
    RedeemResult r;
    for (int i = 0; i < 5000; ++i) {
        Redemption big = row("1-" + std::to_string(i) + std::string(200, 'x'));
        r = j.redeem(big);
        if (r.status != RedeemStatus::Recorded) break;
        ++recorded;
    }
    REQUIRE(r.status == RedeemStatus::Failed);
    CHECK(r.error == "the disk is full: the redemption was not recorded");
    CHECK(recorded > 0);
    CHECK(j.count() == static_cast<std::size_t>(recorded));
    CHECK(j.unsynced(10000).size() == static_cast<std::size_t>(recorded));
    CHECK(kiosk::test::sql_value(file, "PRAGMA integrity_check") == "ok");
    CHECK(kiosk::test::sql_value(file, "SELECT sum(count) FROM pass_daily") == std::to_string(recorded));
}

TEST_CASE("a journal that cannot be opened is reported and refuses to record") {
    kiosk::test::TempDir dir;
    std::filesystem::create_directories(dir.path / "a-folder.sqlite");
    Journal j(dir.path / "a-folder.sqlite", kiosk::test::test_clock());
    CHECK_FALSE(j.ok());
    CHECK_FALSE(j.problem().empty());
    CHECK(j.redeem(row("1-1")).status == RedeemStatus::Failed);
    CHECK(j.unsynced().empty());
}

TEST_CASE("a redemption whose message was not queued is queued when the journal is next opened") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "pass_journal.sqlite";
    {
        Journal without_outbox(
            file,
            kiosk::test::test_clock());  // as a kiosk killed between the journal's commit and the outbox's
        REQUIRE(without_outbox.redeem(row("1-1")).status == RedeemStatus::Recorded);
        REQUIRE(without_outbox.redeem(row("1-2")).status == RedeemStatus::Recorded);
    }
    kiosk::outbox::Outbox box(dir.path / "outbox.sqlite");
    {
        Journal j(file, kiosk::test::test_clock(), {}, &box);
        CHECK(j.unsynced().size() == 2);
        REQUIRE(j.mark_synced({j.unsynced().front().id}));
    }
    Journal again(file, kiosk::test::test_clock(), {},
                  &box);  // reopening queues nothing twice, and a sent message stays sent
    CHECK(box.count(kiosk::outbox::State::Pending) == 1);
    CHECK(box.count(kiosk::outbox::State::Sent) == 1);
    CHECK(again.unsynced().size() == 1);
}

TEST_CASE("a journal of the older shape hands its outbox column over to the outbox") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "pass_journal.sqlite";
    REQUIRE(exec(file, R"sql(
        CREATE TABLE pass_redemption (id INTEGER PRIMARY KEY, issuer TEXT NOT NULL, pass_id TEXT NOT NULL,
            value_unit TEXT, value_amount INTEGER, status TEXT NOT NULL CHECK (status IN ('accepted', 'to_confirm')),
            redeemed_at TEXT NOT NULL, kiosk TEXT NOT NULL, outbox INTEGER NOT NULL DEFAULT 1, synced_at TEXT,
            UNIQUE (issuer, pass_id));
        CREATE INDEX pass_redemption_outbox ON pass_redemption(outbox, id);
        CREATE TABLE pass_daily (day TEXT NOT NULL, issuer TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, issuer));
        INSERT INTO pass_redemption VALUES (1, 'demo', '1-1', 'euros', 1000, 'accepted', '2026-03-02T10:00:00', 'k', 0, '2026-03-02T10:05:00');
        INSERT INTO pass_redemption VALUES (2, 'demo', '1-2', NULL, NULL, 'to_confirm', '2026-03-03T11:00:00', 'k', 1, NULL);
    )sql"));
    kiosk::outbox::Outbox box(dir.path / "outbox.sqlite");
    Journal j(file, kiosk::test::test_clock(), {}, &box);
    REQUIRE(j.ok());
    CHECK(box.find(Journal::message_key("demo", "1-1"))->state ==
          kiosk::outbox::State::Sent);  // synced before
    CHECK(box.find(Journal::message_key("demo", "1-2"))->state == kiosk::outbox::State::Pending);
    auto pending = j.unsynced();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].pass_id == "1-2");
    CHECK(pending[0].status == "to_confirm");
    CHECK(kiosk::test::sql_value(
              file,
              "SELECT count(*) FROM pragma_table_info('pass_redemption') WHERE name IN ('outbox', "
              "'synced_at')") == "0");
    CHECK(j.redeem(row("1-3")).status == RedeemStatus::Recorded);
    CHECK(j.unsynced().size() == 2);
    CHECK(j.redeem(row("1-1")).status == RedeemStatus::AlreadyUsed);
}
