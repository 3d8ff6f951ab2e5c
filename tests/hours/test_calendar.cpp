// Calendar facts the evaluator relies on: Easter, French public holidays, ISO weeks, Paris local time.
#include <catch2/catch.hpp>

#include "kiosk/core/hours/opening_hours.hpp"

using namespace kiosk::hours;

TEST_CASE("hours: Easter and the French public holidays") {
    CHECK(date_of(easter_sunday(2024)) == LocalDate{2024, 3, 31});
    CHECK(date_of(easter_sunday(2025)) == LocalDate{2025, 4, 20});
    CHECK(date_of(easter_sunday(2026)) == LocalDate{2026, 4, 5});
    CHECK(french_holiday_name(french_holiday(day_number(2026, 4, 6))) == "Lundi de Pâques");
    CHECK(french_holiday_name(french_holiday(day_number(2026, 5, 14))) == "Ascension");
    CHECK(french_holiday_name(french_holiday(day_number(2026, 5, 25))) == "Lundi de Pentecôte");
    CHECK(french_holiday_name(french_holiday(day_number(2026, 7, 14))) == "Fête Nationale de la France");
    CHECK(french_holiday(day_number(2026, 4, 5)) == -1);  // Easter Sunday is not a public holiday
    CHECK(french_holiday(day_number(2026, 12, 26)) == -1);
    int count = 0;
    for (DayNumber d = day_number(2027, 1, 1); d < day_number(2028, 1, 1); ++d)
        count += french_holiday(d) >= 0;
    CHECK(count == 11);
}

TEST_CASE("hours: weekdays, ISO weeks and local minutes") {
    CHECK(weekday_of(day_number(2026, 1, 5)) == 0);
    CHECK(make_local(2026, 3, 29).weekday == 6);
    CHECK(iso_week_of(day_number(2026, 1, 1)) == 1);
    CHECK(iso_week_of(day_number(2027, 1, 1)) == 53);
    CHECK(iso_week_of(day_number(2027, 1, 4)) == 1);
    const LocalDateTime t = make_local(2026, 2, 28, 23, 59);
    CHECK(from_local_minutes(to_local_minutes(t) + 1) == make_local(2026, 3, 1, 0, 0));
}

TEST_CASE("hours: Paris local time of UTC instants, across summer time changes") {
    auto utc = [](int y, int mo, int d, int h, int mi) {
        return std::time_t(day_number(y, mo, d)) * 86400 + h * 3600 + mi * 60;
    };
    CHECK(paris_local_time(utc(2026, 3, 29, 0, 59)) == make_local(2026, 3, 29, 1, 59));
    CHECK(paris_local_time(utc(2026, 3, 29, 1, 0)) == make_local(2026, 3, 29, 3, 0));
    CHECK(paris_local_time(utc(2026, 10, 25, 0, 59)) == make_local(2026, 10, 25, 2, 59));
    CHECK(paris_local_time(utc(2026, 10, 25, 1, 0)) == make_local(2026, 10, 25, 2, 0));
    CHECK(paris_local_time(utc(2026, 1, 1, 12, 0)) == make_local(2026, 1, 1, 13, 0));
    CHECK(paris_local_time(utc(2060, 7, 1, 12, 0)) == make_local(2060, 7, 1, 14, 0));  // beyond the tz table
}

TEST_CASE("hours: answers, schedules and values that are not understood") {
    const auto oh = OpeningHours::parse("Mo-Fr 09:00-12:00,14:00-17:00; We off; PH off");
    REQUIRE(oh.understood());
    CHECK(oh.is_open(make_local(2026, 1, 5, 9, 0)));
    CHECK_FALSE(oh.is_open(make_local(2026, 1, 5, 12, 0)));
    CHECK(oh.next_change(make_local(2026, 1, 5, 10, 0)) == make_local(2026, 1, 5, 12, 0));
    CHECK(oh.next_opening(make_local(2026, 1, 6, 18, 0)) == make_local(2026, 1, 8, 9, 0));  // Wednesday off
    const WeekSchedule w = oh.week({2026, 4, 8});  // Easter Monday April 6
    CHECK(w.days[0].closed());
    CHECK(w.days[2].closed());
    REQUIRE(w.days[1].ranges.size() == 2);
    CHECK(w.days[1].ranges[1] == Range{14 * 60, 17 * 60, State::Open, 0});

    for (const char* bad :
         {"", "foo", "Mo-Fr 09:00", "Mo-Fr 25:00-26:00", "SH off", "sunrise-sunset", "2026 Mo 10:00-12:00"}) {
        const auto b = OpeningHours::parse(bad);
        INFO(bad);
        CHECK_FALSE(b.understood());
        CHECK(b.text() == bad);
        CHECK_FALSE(b.is_open(make_local(2026, 1, 5, 10, 0)));
        CHECK_FALSE(b.next_change(make_local(2026, 1, 5, 10, 0)));
    }
}
