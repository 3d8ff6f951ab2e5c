// The ticket's QR payload (round trip, size, refusals) and the anonymous daily statistics.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <random>
#include <tuple>

#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/diagnostic/payload.hpp"
#include "kiosk/core/diagnostic/stats.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::diagnostic;
using namespace std::chrono_literals;

namespace {

DiagnosticResult sample_result() {
    DiagnosticResult r;
    r.content_version = 1;
    r.domains[0].level = Level::Partiel;
    r.domains[1].level = Level::Accompagne;
    r.domains[2].level = Level::Autonome;
    r.domains[5].level = Level::Autonome;
    r.overall = Level::Partiel;
    r.services = static_cast<std::uint16_t>(places::Service::EverydayTools) |
                 static_cast<std::uint16_t>(places::Service::AdminProcedures);
    r.duration = 4min + 50s;
    r.finished = true;
    return r;
}

bool qr_alphanumeric(const std::string& s) {
    const std::string set = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    return s.find_first_not_of(set) == std::string::npos;
}

}  // namespace

TEST_CASE("the QR payload round-trips a result in 16 alphanumeric characters") {
    const DiagnosticResult r = sample_result();
    const std::string code = encode_payload(r, "2026-11-23");
    CHECK(code.size() == 16);
    CHECK(code.size() < 60);
    CHECK(code.rfind("KD1:", 0) == 0);
    CHECK(qr_alphanumeric(code));
    auto back = decode_payload(code);
    REQUIRE(back);
    CHECK(*back == ticket_payload(r, "2026-11-23"));
    CHECK(back->content_version == 1);
    CHECK(back->levels[0] == Level::Partiel);
    CHECK(back->levels[1] == Level::Accompagne);
    CHECK(back->levels[3] == Level::NotAssessed);
    CHECK(back->overall == Level::Partiel);
    CHECK(back->services == r.services);
    CHECK(back->date == "2026-11-23");
    CHECK(back->minutes == 4);
    // a mediator may type it in lower case
    std::string lower = code.substr(0, 4);
    for (char c : code.substr(4)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(decode_payload(lower) == back);
}

TEST_CASE("the QR payload round-trips random results, dates and durations") {
    std::mt19937 rng(7);
    for (int i = 0; i < 5000; ++i) {
        TicketPayload p;
        p.content_version = std::uniform_int_distribution<int>(0, 255)(rng);
        for (auto& l : p.levels) l = static_cast<Level>(std::uniform_int_distribution<int>(0, 3)(rng));
        p.overall = static_cast<Level>(std::uniform_int_distribution<int>(0, 3)(rng));
        p.services = static_cast<std::uint16_t>(std::uniform_int_distribution<int>(0, 511)(rng));
        const int days = std::uniform_int_distribution<int>(0, 32767)(rng);
        std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1} +
                                        std::chrono::days{days}};
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        p.date = buf;
        p.minutes = std::uniform_int_distribution<int>(0, 31)(rng);
        const std::string code = encode_payload(p);
        REQUIRE(code.size() == 16);
        auto back = decode_payload(code);
        REQUIRE(back);
        REQUIRE(*back == p);
    }
}

TEST_CASE("the QR payload's limits: dates, long visits") {
    TicketPayload p = ticket_payload(sample_result(), "2024-01-01");
    CHECK_FALSE(encode_payload(p).empty());
    p.date = "2113-09-18";  // day 32767
    CHECK(decode_payload(encode_payload(p))->date == "2113-09-18");
    p.date = "2113-09-19";
    CHECK(encode_payload(p).empty());
    p.date = "2023-12-31";
    CHECK(encode_payload(p).empty());
    p.date = "2026-02-30";
    CHECK(encode_payload(p).empty());
    DiagnosticResult r = sample_result();
    r.duration = 45min;
    CHECK(decode_payload(encode_payload(r, "2026-11-23"))->minutes == 31);
}

TEST_CASE("a misread or foreign QR payload is refused with a reason") {
    const std::string code = encode_payload(sample_result(), "2026-11-23");
    std::string why;
    CHECK_FALSE(decode_payload("KD2:" + code.substr(4), &why));
    CHECK_THAT(why, Catch::Contains("KD1:"));
    CHECK_FALSE(decode_payload(code.substr(0, 15), &why));
    CHECK_THAT(why, Catch::Contains("length"));
    std::string bad = code;
    bad[6] = '1';
    CHECK_FALSE(decode_payload(bad, &why));
    CHECK_THAT(why, Catch::Contains("base32"));
    // every single changed character and every swap of two different neighbours is caught by the check
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for (std::size_t i = 4; i < code.size(); ++i) {
        for (char c : alphabet) {
            if (c == code[i]) continue;
            std::string changed = code;
            changed[i] = c;
            auto v = (alphabet.find(c));
            auto o = (alphabet.find(code[i]));
            if ((v > o ? v - o : o - v) == 31) continue;  // A↔7: the one change mod 31 cannot see
            INFO(changed);
            CHECK_FALSE(decode_payload(changed));
        }
        const std::string pair = code.substr(i, 2);
        if (i + 2 < code.size() && code[i] != code[i + 1] && pair != "A7" &&
            pair != "7A") {  // not the check itself
            std::string swapped = code;
            std::swap(swapped[i], swapped[i + 1]);
            CHECK_FALSE(decode_payload(swapped));
        }
    }
}

namespace {
// Every diagnostic counter in the file, as stored: (period, metric, count).
std::vector<std::tuple<std::string, std::string, int>> stored_diag_counters(const std::filesystem::path& db) {
    std::vector<std::tuple<std::string, std::string, int>> out;
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "SELECT day, metric, count FROM usage_daily WHERE metric LIKE 'diag.%'",
                               -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                         reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                         sqlite3_column_int(st, 2));
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return out;
}
}  // namespace

TEST_CASE("a diagnostic's levels are stored only in groups of 5 people, never per day") {
    test::TempDir dir;
    const auto db = dir.path / "citizen.sqlite";
    CitizenStore store(db, test::test_clock());
    DiagnosticResult a = sample_result();
    DiagnosticResult b = sample_result();
    b.overall = Level::Accompagne;
    b.services = static_cast<std::uint16_t>(places::Service::SafeUse);
    DiagnosticResult unfinished = sample_result();
    unfinished.finished = false;

    // One visitor a day: after the first, nothing about them is in the file.
    CHECK(record_stats(store, a, "2026-11-23"));
    CHECK_FALSE(record_stats(store, unfinished, "2026-11-23"));
    CHECK(stored_diag_counters(db).empty());
    CHECK(read_stats(store).finished == 0);
    CHECK(read_stats(store).since.empty());
    CHECK(store.waiting("diag.finished") == 1);

    CHECK(record_stats(store, a, "2026-11-24"));
    CHECK(record_stats(store, b, "2026-11-25"));
    CHECK(record_stats(store, a, "2026-11-26"));
    CHECK(stored_diag_counters(db).empty());
    CHECK(record_stats(store, b, "2026-11-27"));  // the fifth

    // Every stored figure describes at least 5 people, under the period they came in.
    const auto stored = stored_diag_counters(db);
    REQUIRE_FALSE(stored.empty());
    for (const auto& [period, metric, count] : stored) {
        INFO(period << " " << metric);
        CHECK(count >= CitizenStore::kMinPeople);
        CHECK(period.find('/') != std::string::npos);
    }
    GroupedStats s = read_stats(store);
    CHECK(s.since == "2026-11-23");
    CHECK(s.finished == 5);
    CHECK(s.level(Domain::Touch, Level::Partiel) == 5);  // all five: stored
    CHECK(s.level(Domain::Email, Level::Autonome) == 0);
    CHECK(s.level(Domain::Email, Level::NotAssessed) == 0);
    CHECK(s.overall[1] == 0);  // 3 partiel: still waiting in memory
    CHECK(store.waiting("diag.overall.partiel") == 3);
    CHECK(s.need(places::Service::EverydayTools) == 0);        // 3 of them: waiting
    CHECK(store.counter("2026-11-27", "diag.finished") == 0);  // nothing per day

    // Counters survive the wipe of the citizen's data.
    store.wipe();
    CHECK(read_stats(store).finished == 5);

    const auto metrics = stat_metrics();
    CHECK(metrics.size() == 1 + 8 * 3 + 3 + 9);
    CHECK(std::find(metrics.begin(), metrics.end(), "diag.need.materiel_solidaire") != metrics.end());
    CHECK(std::find(metrics.begin(), metrics.end(), "diag.level.documents.accompagne") != metrics.end());
}
