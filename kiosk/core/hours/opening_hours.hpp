#pragma once
// OpenStreetMap `opening_hours` values as French open data uses them: parse once, then ask cheaply
// "open now?", "until when?", "next opening?", "this week's schedule?". Semantics follow the reference
// implementation opening_hours.js (country "fr": French public holidays), checked by committed fixtures.
//
// Supported: weekdays and ranges (Mo-Fr, Su-Tu, Mo[1], Mo[-1]), several time ranges a day, times past
// midnight (22:00-02:00), open end (17:00+, 10:00-12:00+), hours without minutes (09-12), `24/7`,
// `open`/`closed`/`off`/`unknown`, quoted comments, rules separated by `;`, additional rules after `,`,
// fallback rules after `||`, PH (French public holidays: fixed and Easter-based), months and month
// ranges (Jan-Jun, Nov-Feb), dates and date ranges (Jul 14, Dec 24-26, Dec 24-Jan 02, Dec 01-31/2),
// ISO week numbers (week 1-53/2), "readability" colons (Mo-Fr: 09:00-12:00).
// As the reference, the part past midnight of a range is looked up on "the instant minus 24 hours", which
// differs from "the day before" in the hour after the spring DST change and the last hour of the autumn one
// (Europe/Paris); this is mirrored. `10:00-12:00+` is answered as open then "unknown" to midnight, as the
// reference's getOpenIntervals (its getState says closed after 12:01: the reference is not consistent).
// Not supported (reported as not understood): years, school holidays (SH), sunrise/sunset, events
// (easter), points in time, PH offsets (PH +1 day), open end mixed with further time ranges of a rule.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/hours/calendar.hpp"

namespace kiosk::hours {

enum class State : std::uint8_t { Closed = 0, Open = 1, Unknown = 2 };

// One range of a day, in minutes since midnight: [start, end), end ≤ 1440.
struct Range {
    std::int16_t start = 0;
    std::int16_t end = 0;
    State state = State::Closed;
    std::uint16_t comment = 0;  // 0 = none; see OpeningHours::comment_text
    friend bool operator==(const Range&, const Range&) = default;
};

// The answer at one instant.
struct Status {
    State state = State::Closed;
    std::string_view comment;      // the rule's comment ("sur rendez-vous"), a holiday name, or empty
    std::uint16_t comment_id = 0;  // what `comment` is: see OpeningHours::comment_text
    bool open() const { return state == State::Open; }
    bool unknown() const { return state == State::Unknown; }
};

// An open (or "unknown": e.g. by appointment) interval between two instants, as getOpenIntervals.
struct Interval {
    LocalDateTime from;
    LocalDateTime to;
    bool unknown = false;
    std::string comment;
};

// One day of a schedule: its open and unknown ranges (closed time is what is not listed).
struct DaySchedule {
    LocalDate date;
    int weekday = 0;  // 0 = Monday
    std::vector<Range> ranges;
    bool closed() const { return ranges.empty(); }
};

struct WeekSchedule {
    std::array<DaySchedule, 7> days;  // Monday … Sunday
};

namespace detail {
struct Rule;
// All states of one day: contiguous ranges covering [0, 1440).
struct DayTable {
    static constexpr int kCapacity = 64;
    std::uint8_t count = 0;
    std::array<Range, kCapacity> ranges;
};
}  // namespace detail

class OpeningHours {
  public:
    OpeningHours();
    ~OpeningHours();
    OpeningHours(const OpeningHours&);
    OpeningHours(OpeningHours&&) noexcept;
    OpeningHours& operator=(const OpeningHours&);
    OpeningHours& operator=(OpeningHours&&) noexcept;

    // Never fails: a value that cannot be read gives understood() == false, keeps text() as written and
    // says why in error(); the UI then shows the text as it is.
    static OpeningHours parse(std::string_view text);

    bool understood() const { return understood_; }
    const std::string& text() const { return text_; }
    const std::string& error() const { return error_; }
    // The value was read only after correcting common mistakes (French day names, "9h-12h", "09.00",
    // dashes, "et", "fermé"…), as opening_hours.js does with warnings; `corrections()` says which, in
    // the order met. text() stays as written.
    bool corrected() const { return !corrections_.empty(); }
    const std::vector<std::string>& corrections() const { return corrections_; }

    // Some rule names public holidays (PH): the place said what it does on them.
    bool mentions_holidays() const { return mentions_holidays_; }
    // Some rule selects ISO weeks ("week 1-53/2"): the schedule may differ from one week to the next.
    bool uses_weeks() const { return uses_weeks_; }

    // Every question below answers "closed" for a value that was not understood.
    Status status_at(const LocalDateTime& t) const;
    bool is_open(const LocalDateTime& t) const { return status_at(t).open(); }
    // First instant after t where open/closed/unknown differs (as getNextChange), searched over
    // `max_days` days; nullopt when nothing changes in that time (24/7).
    std::optional<LocalDateTime> next_change(const LocalDateTime& t, int max_days = 400) const;
    // First instant at or after t that is open (nullopt when none within max_days).
    std::optional<LocalDateTime> next_opening(const LocalDateTime& t, int max_days = 400) const;
    // Open and unknown intervals between two instants, split where the state or comment changes.
    std::vector<Interval> intervals(const LocalDateTime& from, const LocalDateTime& to) const;

    DaySchedule day(const LocalDate& d) const;
    WeekSchedule week(const LocalDate& any_day) const;  // the Monday-to-Sunday week holding the day

    std::string_view comment_text(std::uint16_t id) const;
    static constexpr std::uint16_t kOpenEndComment = 0xFFFF;
    static constexpr std::uint16_t kHolidayCommentBase = 0x8000;  // + French holiday index

    // Low level: the complete day (closed ranges included). Cheap when the value depends on weekdays only.
    void day_table(DayNumber day, detail::DayTable& out) const;

  private:
    bool read(std::string_view text);  // parses into *this; false (and error_) when it cannot
    // mirror: as the reference's getState around DST changes (see evaluate_day); else as the day really is.
    void evaluate_day(DayNumber day, detail::DayTable& out, bool mirror) const;
    void real_day_table(DayNumber day, detail::DayTable& out) const;
    void weekday_table(DayNumber day, detail::DayTable& out) const;  // weekday_only_: the precomputed one
    bool midnight_boundary(DayNumber monday) const;
    void evaluate_rules(DayNumber day, DayNumber wrapped_day, detail::DayTable& out) const;

    std::string text_;
    std::string error_;
    std::vector<std::string> corrections_;
    bool understood_ = false;
    bool mentions_holidays_ = false;
    bool uses_weeks_ = false;
    bool weekday_only_ = false;  // the answer depends on the weekday alone: 7 precomputed tables
    bool has_wrapped_ = false;   // some range goes past midnight
    std::vector<detail::Rule> rules_;
    std::vector<std::string> comments_;
    // When weekday_only_: the 7 weekdays' ranges one after the other, Monday first; weekday w's are
    // [weekday_start_[w], weekday_start_[w + 1]). (Not 7 DayTables: ~3.6 KB a place, 70 MB for the national
    // map's 20 000 places; these are ~100 bytes.)
    std::vector<Range> weekday_ranges_;
    std::array<std::uint8_t, 8> weekday_start_{};
};

// The day is a French public holiday and the hours say nothing about holidays (no PH rule): whatever they
// say for that day may not hold. No real value of the national data has a PH rule.
bool holiday_unsaid(const OpeningHours& hours, const LocalDate& day);
// The state the kiosk tells a citizen (and the "open now" filter uses): status_at, except on a holiday the
// hours say nothing about, where what is not closed is Unknown, with the holiday's name as comment.
Status citizen_status(const OpeningHours& hours, const LocalDateTime& t);

}  // namespace kiosk::hours
