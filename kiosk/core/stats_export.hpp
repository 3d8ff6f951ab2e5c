#pragma once
// The kiosk's statistics as CSV, for `kiosk-admin stats` and for the fleet: anonymous by construction.
// Rows come from the citizen database's usage_daily table: plain counters by day ("2026-11-24": searches,
// tickets printed, help requests…) and counters that describe people, stored only by periods of
// CitizenStore::kMinPeople ("2026-11-20/2026-11-27"). No row below kMinPeople is exported: a day with 3 help
// requests says nothing, rather than pointing at 3 people (the same rule per ISO week).
//
//     period,iso_week,metric,count
//     2026-11-24,2026-W48,searches,12
//     2026-11-20/2026-11-27,2026-W47,sessions_started,5
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audit_journal.hpp"
#include "outbox.hpp"

namespace kiosk {

struct StatRow {
    std::string period;  // a day, or "first/last" for a group of people
    std::string metric;
    long count = 0;
};

enum class StatsBy { Day, Week };

// Reads every stored counter with a read-only connection; nullopt (and `problem`) when the file cannot be
// read.
std::optional<std::vector<StatRow>> read_stat_rows(const std::filesystem::path& citizen_db,
                                                   std::string& problem);
// The CSV above; by week, days are summed into their ISO week ("2026-W48"), groups count in their first
// day's week. Rows under `min_count` are left out. Sorted by period, then metric.
std::string stats_csv(const std::vector<StatRow>& rows, StatsBy by, long min_count = 5);
// "2026-W48" for "2026-11-24" (ISO 8601: weeks start on Monday, week 1 holds the first Thursday); "" when
// `day` is not a date.
std::string iso_week(const std::string& day);

// One bar of the agent page's charts: a metric's total in an ISO week. A week of 1 to min_count - 1 is shown
// as "fewer than 5" (few, count 0), never as its number.
struct WeekBar {
    std::string week;  // "2026-W48"
    long count = 0;
    bool few = false;
};
// The `weeks` ISO weeks ending with the week of `today` ("2026-11-24"), oldest first.
std::vector<WeekBar> weekly_bars(const std::vector<StatRow>& rows, const std::string& metric,
                                 const std::string& today, int weeks = 8, long min_count = 5);

// The statistics sent through the outbox: one "stats.daily" message per finished day (before `today`, the
// last `days` of them), keyed "stats:<kiosk>:<day>" so that a day is queued once however often this runs.
// The JSON is documented in docs/stats-collector.md:
//   {"type":"kiosk.stats.daily","version":1,"kiosk":"demo-0001","day":"2026-11-24","iso_week":"2026-W48",
//    "counts":{"searches":12},"groups":[{"metric":"sessions_started","period":"2026-11-20/2026-11-24",
//    "count":5}],"journal":{"entries":42,"head":"<sha-256 hex>"}}
// The small-count rule, per day: a counter under `min_count` is left out (groups are whole groups of people,
// each in the day it ends). The audit journal's head goes with it: a journal cut back is seen by the fleet.
// A day the kiosk counted nothing at all (it was off) is not sent; a day whose counts were all under the
// rule goes with empty counts: the collector knows the kiosk was up.
inline constexpr const char* kStatsKind = "stats.daily";
std::vector<outbox::NewMessage> stats_messages(const std::vector<StatRow>& rows, const std::string& kiosk_id,
                                               const std::string& today, const AuditJournal::Head& head,
                                               int days = 7, long min_count = 5);

}  // namespace kiosk
