#pragma once
// Civil calendar arithmetic for the opening-hours module: day numbers, weekdays, ISO weeks, Easter,
// French public holidays, and local (Europe/Paris) date-times. Everything works on explicit local
// date-times so that results never depend on the machine's time zone.
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace kiosk::hours {

// A calendar day as a count of days since 1970-01-01 (proleptic Gregorian).
using DayNumber = std::int32_t;

struct LocalDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    friend bool operator==(const LocalDate&, const LocalDate&) = default;
};

// A wall-clock date-time in the place's time zone, minute resolution.
struct LocalDateTime {
    int year = 1970;
    int month = 1;    // 1..12
    int day = 1;      // 1..31
    int hour = 0;     // 0..23
    int minute = 0;   // 0..59
    int weekday = 3;  // 0 = Monday … 6 = Sunday (recomputed from the date by every function of this module)
    friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
    LocalDate date() const { return {year, month, day}; }
    int minute_of_day() const { return hour * 60 + minute; }
};

DayNumber day_number(int year, int month, int day);
inline DayNumber day_number(const LocalDate& d) {
    return day_number(d.year, d.month, d.day);
}
LocalDate date_of(DayNumber n);
int weekday_of(DayNumber n);   // 0 = Monday … 6 = Sunday
int iso_week_of(DayNumber n);  // ISO 8601 week number, 1..53
int days_in_month(int year, int month);
DayNumber easter_sunday(int year);

// "Local minutes": day_number * 1440 + minute of day. A total order on wall-clock times.
using LocalMinutes = std::int64_t;
LocalMinutes to_local_minutes(const LocalDateTime& t);
LocalDateTime from_local_minutes(LocalMinutes m);
LocalDateTime make_local(int year, int month, int day, int hour = 0, int minute = 0);  // fills the weekday

// French public holidays of metropolitan France (the 11 national days, as opening_hours.js with country
// "fr" and no state): returns the holiday's index (0..10) or -1.
int french_holiday(DayNumber n);
// Name in French of holiday `index` as opening_hours.js reports it ("Lundi de Pâques").
std::string_view french_holiday_name(int index);
constexpr int kFrenchHolidayCount = 11;

// Europe/Paris wall-clock time of a UTC instant, from the system tz database
// (/usr/share/zoneinfo/Europe/Paris, read once), with the EU summer-time rule beyond its table or when the
// file is missing. Thread-safe: touches neither TZ nor localtime_r.
LocalDateTime paris_local_time(std::time_t t);
// Converts a struct tm already in local time (from the caller's own localtime_r) into a LocalDateTime.
LocalDateTime from_tm(const std::tm& tm);

}  // namespace kiosk::hours
