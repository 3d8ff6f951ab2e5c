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
