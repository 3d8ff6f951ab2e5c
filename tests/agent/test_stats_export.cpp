// The statistics' CSV: ISO weeks right at year ends, and no count under 5 ever exported, by day or by week,
// read from a real citizen database.
#include <catch2/catch.hpp>

#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/stats_export.hpp"
#include "test_support.hpp"

using namespace kiosk;

TEST_CASE("ISO 8601 weeks, around the turn of the year") {
    CHECK(iso_week("2026-11-24") == "2026-W48");
    CHECK(iso_week("2026-01-01") == "2026-W01");  // a Thursday
    CHECK(iso_week("2027-01-01") == "2026-W53");  // a Friday: the last week of 2026
    CHECK(iso_week("2027-01-04") == "2027-W01");
    CHECK(iso_week("2024-12-30") == "2025-W01");  // a Monday: the first week of 2025
    CHECK(iso_week("2021-01-03") == "2020-W53");
    CHECK(iso_week("2028-02-29") == "2028-W09");
    CHECK(iso_week("2031-07-14") == "2031-W29");
    CHECK(iso_week("not a day").empty());
    CHECK(iso_week("2026-13-01").empty());
}

TEST_CASE("No count under 5 leaves the kiosk, by day or by week") {
    test::TempDir dir;
    const auto file = dir.path / "citizen.sqlite";
    {
        CitizenStore store(file, test::test_clock());
        store.count("2026-11-23", "help_requests", 3);  // Monday: 3 — too few to say
        store.count("2026-11-24", "help_requests", 2);  // Tuesday: 2 — too few; the week: 5
        store.count("2026-11-24", "searches", 12);
        store.count("2026-11-30", "searches", 4);  // the next week: 4 — too few
        for (int i = 0; i < 6; ++i)
            store.count_person("sessions_started", "2026-11-24");  // 5 stored, 1 waits
    }
    std::string problem;
    const auto rows = read_stat_rows(file, problem);
    REQUIRE(rows);
    CHECK(stats_csv(*rows, StatsBy::Day) ==
          "period,iso_week,metric,count\n"
          "2026-11-24,2026-W48,searches,12\n"
          "2026-11-24/2026-11-24,2026-W48,sessions_started,5\n");
    CHECK(stats_csv(*rows, StatsBy::Week) ==
          "iso_week,metric,count\n"
          "2026-W48,help_requests,5\n"
          "2026-W48,searches,12\n"
          "2026-W48,sessions_started,5\n");
    // Every exported count is 5 or more.
    for (StatsBy by : {StatsBy::Day, StatsBy::Week}) {
        std::istringstream csv(stats_csv(*rows, by));
        std::string line;
        std::getline(csv, line);
        while (std::getline(csv, line)) CHECK(std::stol(line.substr(line.rfind(',') + 1)) >= 5);
    }
}

TEST_CASE("A file that is not a citizen database is said so") {
    test::TempDir dir;
    std::string problem;
    CHECK_FALSE(read_stat_rows(dir.path / "missing.sqlite", problem));
    CHECK_FALSE(problem.empty());
}

TEST_CASE(
    "The agent page's bars: 8 ISO weeks ending this week, fewer than 5 shown as such, across a year end") {
    const std::vector<StatRow> rows = {
        {"2026-12-28", "help_requests", 3},  // Monday of 2026-W53: 3, too few to say
        {"2027-01-02", "help_requests", 4},  // Saturday, the same week: 7 in all
        {"2027-01-05", "help_requests", 2},  // 2027-W01: 2
        {"2026-11-20/2026-11-27", "sessions_started", 5},
        {"2026-11-09", "help_requests", 9},  // 2026-W46: before the 8 weeks
        {"2027-01-05", "searches", 40},
    };
    const std::vector<WeekBar> bars = weekly_bars(rows, "help_requests", "2027-01-06");
    REQUIRE(bars.size() == 8);
    CHECK(bars.front().week == "2026-W47");
    CHECK(bars.back().week == "2027-W01");
    CHECK(bars[6].week == "2026-W53");
    CHECK(bars[6].count == 7);
    CHECK_FALSE(bars[6].few);
    CHECK(bars[7].count == 0);  // 2 is never shown
    CHECK(bars[7].few);
    for (int i = 0; i < 6; ++i) {
        CHECK(bars[static_cast<std::size_t>(i)].count == 0);
        CHECK_FALSE(bars[static_cast<std::size_t>(i)].few);
    }
    const std::vector<WeekBar> visits = weekly_bars(rows, "sessions_started", "2026-11-24", 2);
    REQUIRE(visits.size() == 2);
    CHECK(visits[0].week == "2026-W47");  // a group counts in its first day's week
    CHECK(visits[0].count == 5);
    CHECK(weekly_bars(rows, "help_requests", "not a day").empty());
}
