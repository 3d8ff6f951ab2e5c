// Agreement with the reference implementation opening_hours.js on real French open data and edge cases.
// Fixtures: tests/hours/data/opening_hours_fixtures.json, written by
// content/tools/opening-hours/generate-fixtures.mjs.
#include <catch2/catch.hpp>

#include <algorithm>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "kiosk/core/hours/opening_hours.hpp"
#include "test_support.hpp"

using namespace kiosk::hours;
using nlohmann::json;

namespace {

json load_fixture() {
    std::ifstream in(kiosk::test::source_dir() / "tests/hours/data/opening_hours_fixtures.json");
    REQUIRE(in.good());
    return json::parse(in);
}

LocalDateTime parse_local(const std::string& s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    REQUIRE(std::sscanf(s.c_str(), "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) == 5);
    return make_local(y, mo, d, h, mi);
}

std::string format_local(const LocalDateTime& t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return buf;
}

std::vector<LocalDateTime> instants_of(const json& list) {
    std::vector<LocalDateTime> out;
    for (const auto& s : list) out.push_back(parse_local(s.get<std::string>()));
    return out;
}

std::vector<LocalDateTime> weeks_of(const json& list) {
    std::vector<LocalDateTime> out;
    for (const auto& s : list) out.push_back(parse_local(s.get<std::string>() + " 00:00"));
    return out;
}

struct Tally {
    std::size_t checks = 0, agreements = 0, contradictions = 0;
    std::vector<std::string> problems;
    void check(bool ok, const std::string& what) {
        ++checks;
        if (ok)
            ++agreements;
        else if (problems.size() < 40)
            problems.push_back(what);
    }
};

// The value's answers at every instant (state, comment, next change) and its open intervals of every week,
// against the reference's: fields `states`, `comments` (optional), `next`, `weeks`, with `prefix`.
void compare(const OpeningHours& oh, const std::string& value, const json& c, const std::string& prefix,
             const std::vector<LocalDateTime>& instants, const std::vector<LocalDateTime>& weeks,
             int limit_days, Tally& tally) {
    std::string states = c[prefix + "states"].get<std::string>();
    REQUIRE(states.size() == instants.size());
    for (std::size_t i = 0; i < instants.size(); ++i) {
        // Where the reference's getState or getNextChange contradict its own getOpenIntervals (first hour of
        // the Monday after the spring change), the answer is the intervals'.
        const json* contradiction = nullptr;
        const std::string key = std::to_string(i);
        if (c.contains(prefix + "contradictions") && c[prefix + "contradictions"].contains(key)) {
            contradiction = &c[prefix + "contradictions"][key];
            states[i] = (*contradiction)[0].get<std::string>()[0];
            ++tally.contradictions;
        }
        const Status st = oh.status_at(instants[i]);
        const char mine = st.open() ? 'o' : (st.unknown() ? 'u' : 'c');
        tally.check(mine == states[i],
                    value + " @ " + format_local(instants[i]) + ": state " + mine + " vs " + states[i]);
        if (contradiction) {
            const auto& ref = (*contradiction)[2];
            const std::string want = ref.is_null() ? "" : ref.get<std::string>();
            tally.check(std::string(st.comment) == want, value + " @ " + format_local(instants[i]) +
                                                             ": comment \"" + std::string(st.comment) +
                                                             "\" vs \"" + want + "\" (intervals)");
        } else if (c.contains(prefix + "comments")) {
            const auto& ref = c[prefix + "comments"][i];
            const std::string want = ref.is_null() ? "" : ref.get<std::string>();
            tally.check(std::string(st.comment) == want, value + " @ " + format_local(instants[i]) +
                                                             ": comment \"" + std::string(st.comment) +
                                                             "\" vs \"" + want + "\"");
        } else {
            tally.check(st.comment.empty(), value + " @ " + format_local(instants[i]) +
                                                ": unexpected comment " + std::string(st.comment));
        }
        const auto next = oh.next_change(instants[i], limit_days);
        const auto& ref_next = contradiction ? (*contradiction)[1] : c[prefix + "next"][i];
        const std::string want = ref_next.is_null() ? "none" : ref_next.get<std::string>();
        const std::string got = next ? format_local(*next) : "none";
        tally.check(got == want,
                    value + " @ " + format_local(instants[i]) + ": next change " + got + " vs " + want);
    }
    for (std::size_t w = 0; w < weeks.size(); ++w) {
        const LocalDateTime from = weeks[w];
        const LocalDateTime to = from_local_minutes(to_local_minutes(from) + 7 * 1440);
        const auto mine = oh.intervals(from, to);
        std::ostringstream a, b;
        for (const auto& iv : mine)
            a << '[' << format_local(iv.from) << ", " << format_local(iv.to) << ", " << iv.unknown << ", "
              << iv.comment << ']';
        for (const auto& iv : c[prefix + "weeks"][w])
            b << '[' << iv[0].get<std::string>() << ", " << iv[1].get<std::string>() << ", "
              << iv[2].get<bool>() << ", " << (iv[3].is_null() ? std::string() : iv[3].get<std::string>())
              << ']';
        tally.check(a.str() == b.str(),
                    value + " week " + format_local(from) + ":\n  mine " + a.str() + "\n  ref  " + b.str());
    }
}

bool has_source(const json& c, const char* source) {
    for (const auto& s : c["sources"])
        if (s.get<std::string>() == source) return true;
    return false;
}

}  // namespace

TEST_CASE("hours: agreement with opening_hours.js on every fixture value and instant") {
    const json fx = load_fixture();
    const int limit_days = fx["next_change_limit_days"].get<int>();
    const std::vector<LocalDateTime> instants = instants_of(fx["instants"]);
    const std::vector<LocalDateTime> weeks = weeks_of(fx["weeks"]);

    std::size_t values = 0, accepted = 0, rejected = 0, corrected = 0, real = 0;
    Tally tally;
    for (const auto& c : fx["cases"]) {
        ++values;
        const std::string value = c["value"].get<std::string>();
        const OpeningHours oh = OpeningHours::parse(value);
        if (has_source(c, "cartographie")) ++real;
        if (!c["ok"].get<bool>()) {
            ++rejected;
            // The kiosk reads one form more than the reference: hours and minutes with an "h" between them
            // ("9h30", "12 h 00"), France's usual way; any other value the reference rejects is refused.
            const bool h_minutes =
                std::find(oh.corrections().begin(), oh.corrections().end(),
                          "\"h\" between hours and minutes read as \":\"") != oh.corrections().end();
            tally.check(!oh.understood() || h_minutes, "rejected by the reference but understood: " + value);
            continue;
        }
        ++accepted;
        // Every value the reference accepts, as written or through its corrections of French mistakes
        // (cases.mjs FRENCH_MISTAKES), is read here and answers the same.
        tally.check(oh.understood(), "not understood: " + value + " (" + oh.error() + ")");
        if (!oh.understood()) continue;
        if (oh.corrected()) ++corrected;
        if (has_source(c, "french"))
            tally.check(oh.corrected(), "French mistake read without correction: " + value);
        compare(oh, value, c, "", instants, weeks, limit_days, tally);
    }
    for (const auto& p : tally.problems) std::cout << "  disagreement: " << p << "\n";
    std::cout << "hours fixtures: " << values << " values (" << real << " from the national map), "
              << accepted << " accepted by the reference and compared (" << corrected
              << " after correcting French mistakes), " << rejected << " rejected; " << instants.size()
              << " instants and " << weeks.size() << " weeks each; " << tally.agreements << "/"
              << tally.checks << " checks agree (" << tally.contradictions
              << " instants where the reference contradicts itself, compared with its intervals)\n";
    CHECK(accepted > 500);
    CHECK(corrected >= 40);
    REQUIRE(tally.problems.empty());
    REQUIRE(tally.agreements == tally.checks);
}

TEST_CASE(
    "hours: agreement with opening_hours.js around every DST change, Easter holiday and midnight of "
    "2026-2028") {
    const json fx = load_fixture();
    const int limit_days = fx["next_change_limit_days"].get<int>();
    const std::vector<LocalDateTime> instants = instants_of(fx["dense_instants"]);
    const std::vector<LocalDateTime> weeks = weeks_of(fx["dense_weeks"]);
    REQUIRE(instants.size() > 400);
    std::size_t values = 0;
    Tally tally;
    for (const auto& c : fx["cases"]) {
        if (!c.contains("dense_states")) continue;
        ++values;
        const std::string value = c["value"].get<std::string>();
        const OpeningHours oh = OpeningHours::parse(value);
        tally.check(oh.understood(), "not understood: " + value + " (" + oh.error() + ")");
        if (oh.understood()) compare(oh, value, c, "dense_", instants, weeks, limit_days, tally);
    }
    for (const auto& p : tally.problems) std::cout << "  disagreement: " << p << "\n";
    std::cout << "hours dense fixtures: " << values << " values, " << instants.size() << " instants, "
              << weeks.size() << " weeks; " << tally.agreements << "/" << tally.checks << " checks agree ("
              << tally.contradictions
              << " instants where the reference contradicts itself, compared with its intervals)\n";
    REQUIRE(tally.agreements == tally.checks);
    CHECK(values >= 20);
    REQUIRE(tally.problems.empty());
}

TEST_CASE("hours: Sa 23:00-01:00 around the DST changes reports no change at Monday 00:00") {
    const auto oh = OpeningHours::parse("Sa 23:00-01:00");
    REQUIRE(oh.understood());
    for (int year : {2026, 2027, 2028}) {
        // The last Sunday of October.
        DayNumber sunday = day_number(year, 10, 31);
        while (weekday_of(sunday) != 6) --sunday;
        const LocalDate s = date_of(sunday);
        INFO(year);
        CHECK(oh.next_change(make_local(s.year, s.month, s.day, 0, 30)) ==
              make_local(s.year, s.month, s.day, 1, 0));
        const LocalDate sat = date_of(sunday + 6);
        const LocalDateTime next_saturday = make_local(sat.year, sat.month, sat.day, 23, 0);
        for (int minute : {60, 3 * 60, 23 * 60, 23 * 60 + 30}) {
            const LocalDateTime t = from_local_minutes(LocalMinutes(sunday) * 1440 + minute);
            INFO(format_local(t));
            CHECK_FALSE(oh.is_open(t));
            CHECK(oh.next_change(t) == next_saturday);
        }
        const LocalDate mon = date_of(sunday + 1);
        CHECK_FALSE(oh.is_open(make_local(mon.year, mon.month, mon.day, 0, 0)));
        CHECK(oh.next_change(make_local(mon.year, mon.month, mon.day, 0, 0)) == next_saturday);
        const auto iv = oh.intervals(make_local(s.year, s.month, s.day, 0, 0),
                                     make_local(mon.year, mon.month, mon.day, 12, 0));
        REQUIRE(iv.size() == 1);
        CHECK(iv[0].to == make_local(s.year, s.month, s.day, 1, 0));

        // The spring change: the reference's getState says open in the first hour of the Monday (its "minus
        // 24 hours" lands on Saturday), but no change is reported there, nor any opening, nor a week range.
        DayNumber spring = day_number(year, 3, 31);
        while (weekday_of(spring) != 6) --spring;
        const LocalDate sp = date_of(spring), sp_sat = date_of(spring + 6), sp_mon = date_of(spring + 1);
        const LocalDateTime after = make_local(sp_sat.year, sp_sat.month, sp_sat.day, 23, 0);
        CHECK(oh.next_change(make_local(sp.year, sp.month, sp.day, 12, 0)) == after);
        CHECK(oh.next_change(make_local(sp.year, sp.month, sp.day, 23, 30)) == after);
        CHECK(oh.next_opening(make_local(sp.year, sp.month, sp.day, 12, 0)) == after);
        CHECK(oh.day(sp_mon).closed());
        CHECK_FALSE(oh.is_open(make_local(sp_mon.year, sp_mon.month, sp_mon.day, 0, 30)));
        CHECK(oh.intervals(make_local(sp.year, sp.month, sp.day, 3, 0), after).empty());
    }
}
