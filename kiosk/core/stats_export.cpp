#include "stats_export.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "sqlite_statement.hpp"

namespace kiosk {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

int weekday_monday0(long days) {  // 1970-01-01 was a Thursday
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool parse_day(const std::string& s, long& y, unsigned& m, unsigned& d) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
    y = std::stol(s.substr(0, 4));
    m = static_cast<unsigned>(std::stoul(s.substr(5, 2)));
    d = static_cast<unsigned>(std::stoul(s.substr(8, 2)));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// The inverse (H. Hinnant's civil_from_days), as "YYYY-MM-DD".
std::string civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long y = static_cast<long>(yoe) + era * 400 + (m <= 2);
    char out[32];
    std::snprintf(out, sizeof out, "%04ld-%02u-%02u", y % 10000, m % 100, d % 100);
    return out;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string iso_week(const std::string& day) {
    long y = 0;
    unsigned m = 0, d = 0;
    if (!parse_day(day, y, m, d)) return {};
    const long days = days_from_civil(y, m, d);
    const long thursday = days - weekday_monday0(days) + 3;  // the Thursday of the same ISO week
    // The ISO year is the Thursday's year.
    long ty = y;
    if (days_from_civil(ty, 1, 1) > thursday) --ty;
    if (days_from_civil(ty + 1, 1, 1) <= thursday) ++ty;
    const long week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
    char out[48];
    std::snprintf(out, sizeof out, "%04ld-W%02ld", ty, week);
    return out;
}

std::optional<std::vector<StatRow>> read_stat_rows(const std::filesystem::path& citizen_db,
                                                   std::string& problem) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(citizen_db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        problem = citizen_db.string() + ": cannot open (" + (db ? sqlite3_errmsg(db) : "error") + ")";
        sqlite3_close(db);
        return std::nullopt;
    }
    std::vector<StatRow> rows;
    {
        sql::Statement st(db, "SELECT day, metric, count FROM usage_daily ORDER BY day, metric");
        if (!st.stmt) {
            problem = citizen_db.string() + ": no statistics table (" + sqlite3_errmsg(db) + ")";
            sqlite3_close(db);
            return std::nullopt;
        }
        while (st.step() == SQLITE_ROW)
            rows.push_back({st.text(0), st.text(1), sqlite3_column_int64(st.stmt, 2)});
    }
    sqlite3_close(db);
    return rows;
}

std::string stats_csv(const std::vector<StatRow>& rows, StatsBy by, long min_count) {
    // (period, week, metric) -> count
    std::map<std::tuple<std::string, std::string, std::string>, long> sums;
    for (const StatRow& r : rows) {
        const std::string first_day = r.period.substr(0, 10);
        const std::string week = iso_week(first_day);
        if (week.empty()) continue;  // not a date: not a statistic
        const std::string period = by == StatsBy::Week ? week : r.period;
        sums[{period, week, r.metric}] += r.count;
    }
    std::string out = by == StatsBy::Week ? "iso_week,metric,count\n" : "period,iso_week,metric,count\n";
    for (const auto& [k, count] : sums) {
        if (count < min_count) continue;  // a small count could point at a person
        const auto& [period, week, metric] = k;
        if (by == StatsBy::Week)
            out += week + "," + csv_field(metric) + "," + std::to_string(count) + "\n";
        else
            out += period + "," + week + "," + csv_field(metric) + "," + std::to_string(count) + "\n";
    }
    return out;
}

std::vector<WeekBar> weekly_bars(const std::vector<StatRow>& rows, const std::string& metric,
                                 const std::string& today, int weeks, long min_count) {
    long y = 0;
    unsigned m = 0, d = 0;
    if (!parse_day(today, y, m, d) || weeks < 1) return {};
    const long now = days_from_civil(y, m, d);
    std::vector<WeekBar> bars;
    for (int k = weeks - 1; k >= 0; --k) bars.push_back({iso_week(civil_from_days(now - 7L * k)), 0, false});
    for (const StatRow& r : rows) {
        if (r.metric != metric) continue;
        const std::string week = iso_week(r.period.substr(0, 10));
        for (WeekBar& b : bars)
            if (b.week == week) b.count += r.count;
    }
    for (WeekBar& b : bars)
        if (b.count > 0 && b.count < min_count) {  // a small count could point at a person: not shown
            b.count = 0;
            b.few = true;
        }
    return bars;
}

std::vector<outbox::NewMessage> stats_messages(const std::vector<StatRow>& rows, const std::string& kiosk_id,
                                               const std::string& today, const AuditJournal::Head& head,
                                               int days, long min_count) {
    std::vector<outbox::NewMessage> out;
    long y = 0;
    unsigned m = 0, d = 0;
    if (!parse_day(today, y, m, d) || days < 1) return out;
    const long t = days_from_civil(y, m, d);
    for (long n = t - days; n < t; ++n) {
        const std::string day = civil_from_days(n);
        nlohmann::json counts = nlohmann::json::object(), groups = nlohmann::json::array();
        bool any = false;  // the kiosk counted something that day (a day it was off is not sent)
        for (const StatRow& r : rows) {
            const auto slash = r.period.find('/');
            const bool that_day =
                r.period == day || (slash != std::string::npos && r.period.substr(slash + 1) == day);
            any = any || that_day;
            if (r.count < min_count) continue;
            if (r.period == day) {
                counts[r.metric] = r.count;
            } else if (that_day) {
                groups.push_back({{"metric", r.metric}, {"period", r.period}, {"count", r.count}});
            }
        }
        if (!any) continue;
        const nlohmann::json body = {{"type", "kiosk.stats.daily"},
                                     {"version", 1},
                                     {"kiosk", kiosk_id},
                                     {"day", day},
                                     {"iso_week", iso_week(day)},
                                     {"counts", counts},
                                     {"groups", groups},
                                     {"journal", {{"entries", head.entries}, {"head", head.hash}}}};
        out.push_back({kStatsKind, "stats:" + kiosk_id + ":" + day, body.dump()});
    }
    return out;
}

}  // namespace kiosk
