// Agreement with the reference implementation opening_hours.js on real French open data and edge cases.
// Fixtures: tests/hours/data/opening_hours_fixtures.json, written by
// content/tools/opening-hours/generate-fixtures.mjs.
#include <catch2/catch.hpp>

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

bool has_source(const json& c, const char* source) {
    for (const auto& s : c["sources"])
        if (s.get<std::string>() == source) return true;
    return false;
}

}  // namespace

TEST_CASE("hours: agreement with opening_hours.js on every fixture value and instant") {
    const json fx = load_fixture();
    const int limit_days = fx["next_change_limit_days"].get<int>();
    std::vector<LocalDateTime> instants;
    for (const auto& s : fx["instants"]) instants.push_back(parse_local(s.get<std::string>()));
    std::vector<LocalDateTime> weeks;
    for (const auto& s : fx["weeks"]) weeks.push_back(parse_local(s.get<std::string>() + " 00:00"));

    std::size_t values = 0, accepted = 0, rejected = 0, corrected = 0, real = 0;
    std::size_t checks = 0, agreements = 0;
    std::vector<std::string> problems;
    auto check = [&](bool ok, const std::string& what) {
        ++checks;
        if (ok)
            ++agreements;
        else if (problems.size() < 40)
            problems.push_back(what);
    };

    for (const auto& c : fx["cases"]) {
        ++values;
        const std::string value = c["value"].get<std::string>();
        const OpeningHours oh = OpeningHours::parse(value);
        if (has_source(c, "cartographie")) ++real;
        if (!c["ok"].get<bool>()) {
            ++rejected;
            check(!oh.understood(), "rejected by the reference but understood: " + value);
            continue;
        }
        if (has_source(c, "corrected-by-reference")) {
            // Accepted by the reference only through word corrections: documented as not understood here.
            ++corrected;
            check(!oh.understood(), "word-corrected value should be not understood: " + value);
            continue;
        }
        ++accepted;
        check(oh.understood(), "not understood: " + value + " (" + oh.error() + ")");
        if (!oh.understood()) continue;

        const std::string states = c["states"].get<std::string>();
        for (std::size_t i = 0; i < instants.size(); ++i) {
            const Status st = oh.status_at(instants[i]);
            const char mine = st.open() ? 'o' : (st.unknown() ? 'u' : 'c');
            check(mine == states[i],
                  value + " @ " + format_local(instants[i]) + ": state " + mine + " vs " + states[i]);
            if (c.contains("comments")) {
                const auto& ref = c["comments"][i];
                const std::string want = ref.is_null() ? "" : ref.get<std::string>();
                check(std::string(st.comment) == want, value + " @ " + format_local(instants[i]) +
                                                           ": comment \"" + std::string(st.comment) +
                                                           "\" vs \"" + want + "\"");
            } else {
                check(st.comment.empty(), value + " @ " + format_local(instants[i]) +
                                              ": unexpected comment " + std::string(st.comment));
            }
            const auto next = oh.next_change(instants[i], limit_days);
            const auto& ref_next = c["next"][i];
            const std::string want = ref_next.is_null() ? "none" : ref_next.get<std::string>();
            const std::string got = next ? format_local(*next) : "none";
            check(got == want,
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
            for (const auto& iv : c["weeks"][w])
                b << '[' << iv[0].get<std::string>() << ", " << iv[1].get<std::string>() << ", "
                  << iv[2].get<bool>() << ", " << (iv[3].is_null() ? std::string() : iv[3].get<std::string>())
                  << ']';
            check(a.str() == b.str(),
                  value + " week " + format_local(from) + ":\n  mine " + a.str() + "\n  ref  " + b.str());
        }
    }
    for (const auto& p : problems) std::cout << "  disagreement: " << p << "\n";
    std::cout << "hours fixtures: " << values << " values (" << real << " from the national map), "
              << accepted << " accepted by the reference and compared, " << rejected << " rejected, "
              << corrected << " only word-corrected by the reference; " << instants.size() << " instants and "
              << weeks.size() << " weeks each; " << agreements << "/" << checks << " checks agree\n";
    CHECK(accepted > 500);
    REQUIRE(problems.empty());
    REQUIRE(agreements == checks);
}
