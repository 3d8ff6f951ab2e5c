#include "kiosk/core/hours/calendar.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>
#include <vector>

namespace kiosk::hours {

// Howard Hinnant's days_from_civil / civil_from_days.
DayNumber day_number(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

LocalDate date_of(DayNumber z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

int weekday_of(DayNumber n) {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    int w = (n + 3) % 7;
    return w < 0 ? w + 7 : w;
}

int iso_week_of(DayNumber n) {
    const DayNumber thursday = n - weekday_of(n) + 3;  // the Thursday of n's ISO week decides the year
    const int year = date_of(thursday).year;
    const DayNumber jan1 = day_number(year, 1, 1);
    return (thursday - jan1) / 7 + 1;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return kDays[month - 1];
}

DayNumber easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = ((h + l - 7 * m + 114) % 31) + 1;
    return day_number(year, month, day);
}

LocalMinutes to_local_minutes(const LocalDateTime& t) {
    return static_cast<LocalMinutes>(day_number(t.year, t.month, t.day)) * 1440 + t.hour * 60 + t.minute;
}

LocalDateTime from_local_minutes(LocalMinutes m) {
    LocalMinutes day = m >= 0 ? m / 1440 : -((-m + 1439) / 1440);
    const int minute = static_cast<int>(m - day * 1440);
    const LocalDate d = date_of(static_cast<DayNumber>(day));
    return {d.year, d.month, d.day, minute / 60, minute % 60, weekday_of(static_cast<DayNumber>(day))};
}

LocalDateTime make_local(int year, int month, int day, int hour, int minute) {
    return {year, month, day, hour, minute, weekday_of(day_number(year, month, day))};
}

namespace {

struct HolidayDef {
    int month;  // 0 when Easter-based
    int day;    // day of month, or offset from Easter Sunday
    std::string_view name;
};
// Order and names as in opening_hours.js (country "fr", no state).
constexpr std::array<HolidayDef, kFrenchHolidayCount> kFrenchHolidays{{
    {1, 1, "Nouvel An"},
    {0, 1, "Lundi de Pâques"},
    {5, 1, "Fête du travail"},
    {5, 8, "Fête de la Victoire 1945"},
    {0, 39, "Ascension"},
    {0, 50, "Lundi de Pentecôte"},
    {7, 14, "Fête Nationale de la France"},
    {8, 15, "Assomption"},
    {11, 1, "Toussaint"},
    {11, 11, "Armistice 1918"},
    {12, 25, "Noël"},
}};

}  // namespace

int french_holiday(DayNumber n) {
    const LocalDate d = date_of(n);
    DayNumber easter = -1;
    for (int i = 0; i < kFrenchHolidayCount; ++i) {
        const HolidayDef& h = kFrenchHolidays[static_cast<std::size_t>(i)];
        if (h.month != 0) {
            if (h.month == d.month && h.day == d.day) return i;
        } else {
            if (d.month < 3 || d.month > 6) continue;  // Easter-based days fall between March 23 and June 14
            if (easter < 0) easter = easter_sunday(d.year);
            if (easter + h.day == n) return i;
        }
    }
    return -1;
}

std::string_view french_holiday_name(int index) {
    if (index < 0 || index >= kFrenchHolidayCount) return {};
    return kFrenchHolidays[static_cast<std::size_t>(index)].name;
}

// ---- Europe/Paris --------------------------------------------------------------------------------
namespace {

struct ParisZone {
    std::vector<std::int64_t> transitions;  // UTC seconds
    std::vector<std::int32_t> offsets;      // offset in effect from transitions[i]
    bool loaded = false;
};

std::int64_t be64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
    return static_cast<std::int64_t>(v);
}
std::int32_t be32(const unsigned char* p) {
    return static_cast<std::int32_t>((std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) |
                                     (std::uint32_t(p[2]) << 8) | p[3]);
}

// Reads the version-2+ (64-bit) section of a TZif file. Returns an empty zone on any problem.
ParisZone load_paris() {
    ParisZone z;
    std::ifstream in("/usr/share/zoneinfo/Europe/Paris", std::ios::binary);
    if (!in) return z;
    std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto header = [&](std::size_t at, std::array<std::int32_t, 6>& c) {
        if (b.size() < at + 44 || b[at] != 'T' || b[at + 1] != 'Z' || b[at + 2] != 'i' || b[at + 3] != 'f')
            return false;
        for (int i = 0; i < 6; ++i)
            c[static_cast<std::size_t>(i)] = be32(&b[at + 20 + 4 * static_cast<std::size_t>(i)]);
        return true;
    };
    std::array<std::int32_t, 6> c{};  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    if (!header(0, c) || b[4] < '2') return z;
    const std::size_t v1 = 44 + std::size_t(c[3]) * 5 + std::size_t(c[4]) * 6 + std::size_t(c[5]) +
                           std::size_t(c[2]) * 8 + std::size_t(c[1]) + std::size_t(c[0]);
    if (!header(v1, c)) return z;
    const std::size_t timecnt = std::size_t(c[3]), typecnt = std::size_t(c[4]);
    std::size_t at = v1 + 44;
    if (b.size() < at + timecnt * 9 + typecnt * 6) return z;
    std::vector<std::int32_t> type_offsets(typecnt);
    const std::size_t types_at = at + timecnt * 9;
    for (std::size_t i = 0; i < typecnt; ++i) type_offsets[i] = be32(&b[types_at + i * 6]);
    for (std::size_t i = 0; i < timecnt; ++i) {
        const std::size_t t = b[at + timecnt * 8 + i];
        if (t >= typecnt) return {};
        z.transitions.push_back(be64(&b[at + i * 8]));
        z.offsets.push_back(type_offsets[t]);
    }
    z.loaded = !z.transitions.empty();
    return z;
}

// The EU rule in force since 1996 (TZ string "CET-1CEST,M3.5.0,M10.5.0/3"): summer time from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
std::int32_t eu_offset(std::time_t t) {
    const DayNumber day = static_cast<DayNumber>((t >= 0 ? t : t - 86399) / 86400);
    const int year = date_of(day).year;
    auto last_sunday = [&](int month) {
        const DayNumber last = day_number(year, month, days_in_month(year, month));
        return last - (weekday_of(last) + 1) % 7;
    };
    const std::int64_t start = std::int64_t(last_sunday(3)) * 86400 + 3600;
    const std::int64_t end = std::int64_t(last_sunday(10)) * 86400 + 3600;
    return (t >= start && t < end) ? 7200 : 3600;
}

}  // namespace

LocalDateTime paris_local_time(std::time_t t) {
    static const ParisZone zone = load_paris();  // initialised once, thread-safe (magic static)
    std::int32_t offset = eu_offset(t);
    if (zone.loaded && t >= zone.transitions.front() && t < zone.transitions.back()) {
        const auto it = std::upper_bound(zone.transitions.begin(), zone.transitions.end(), std::int64_t(t));
        offset = zone.offsets[static_cast<std::size_t>(it - zone.transitions.begin() - 1)];
    }
    const std::int64_t local = std::int64_t(t) + offset;
    const std::int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    const int sec = static_cast<int>(local - day * 86400);
    const LocalDate d = date_of(static_cast<DayNumber>(day));
    return {d.year, d.month, d.day, sec / 3600, (sec / 60) % 60, weekday_of(static_cast<DayNumber>(day))};
}

LocalDateTime from_tm(const std::tm& tm) {
    return make_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

}  // namespace kiosk::hours
