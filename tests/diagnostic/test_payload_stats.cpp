// The ticket's QR payload (round trip, size, refusals) and the anonymous daily statistics.
#include <catch2/catch.hpp>

#include <random>

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
        std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1} + std::chrono::days{days}};
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
        if (i + 2 < code.size() && code[i] != code[i + 1] && pair != "A7" && pair != "7A") {  // not the check itself
            std::string swapped = code;
            std::swap(swapped[i], swapped[i + 1]);
            CHECK_FALSE(decode_payload(swapped));
        }
    }
}

TEST_CASE("finished diagnostics are counted per day, anonymously, and read back") {
    test::TempDir dir;
    CitizenStore store(dir.path / "citizen.sqlite", test::test_clock());
    DiagnosticResult a = sample_result();
    DiagnosticResult b = sample_result();
    b.overall = Level::Accompagne;
    b.services = static_cast<std::uint16_t>(places::Service::SafeUse);
    DiagnosticResult unfinished = sample_result();
    unfinished.finished = false;

    CHECK(record_stats(store, a, "2026-11-23"));
    CHECK(record_stats(store, a, "2026-11-23"));
    CHECK(record_stats(store, b, "2026-11-23"));
    CHECK_FALSE(record_stats(store, unfinished, "2026-11-23"));
    CHECK(record_stats(store, b, "2026-11-24"));

    CHECK(store.counter("2026-11-23", "diag.level.touch.partiel") == 3);
    CHECK(store.counter("2026-11-23", "diag.overall.accompagne") == 1);
    CHECK(store.counter("2026-11-23", "diag.need.outils_quotidien") == 2);

    DailyStats s = read_stats(store, "2026-11-23");
    CHECK(s.finished == 3);
    CHECK(s.level(Domain::Touch, Level::Partiel) == 3);
    CHECK(s.level(Domain::Typing, Level::Accompagne) == 3);
    CHECK(s.level(Domain::Internet, Level::Autonome) == 3);
    CHECK(s.level(Domain::Email, Level::Autonome) == 0);
    CHECK(s.level(Domain::Email, Level::NotAssessed) == 0);
    CHECK(s.overall[1] == 2);  // partiel
    CHECK(s.overall[2] == 1);  // accompagne
    CHECK(s.need(places::Service::EverydayTools) == 2);
    CHECK(s.need(places::Service::AdminProcedures) == 2);
    CHECK(s.need(places::Service::SafeUse) == 1);
    CHECK(read_stats(store, "2026-11-24").finished == 1);
    CHECK(read_stats(store, "2026-11-25").finished == 0);

    // counters survive the wipe of the citizen's data
    store.wipe();
    CHECK(read_stats(store, "2026-11-23").finished == 3);

    const auto metrics = stat_metrics();
    CHECK(metrics.size() == 1 + 8 * 3 + 3 + 9);
    CHECK(std::find(metrics.begin(), metrics.end(), "diag.need.materiel_solidaire") != metrics.end());
    CHECK(std::find(metrics.begin(), metrics.end(), "diag.level.documents.accompagne") != metrics.end());
}
