// libFuzzer target: an OSM opening_hours value from the places data, parsed, then every question the
// screens ask (now, next change, next opening, the week, intervals, in words), around dates the input picks.
#include "fuzz_support.hpp"
#include "kiosk/core/hours/opening_hours.hpp"
#include "kiosk/core/hours/wording.hpp"

using namespace kiosk::hours;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    kiosk::fuzz::Bytes in{data, size};
    // 2 bytes: a day between 2020 and 2040 and a minute of that day; the rest is the value.
    const std::uint16_t pick = in.u16();
    const LocalDateTime base = from_local_minutes(to_local_minutes(make_local(2020, 1, 1)) +
                                                  LocalMinutes(pick % 7305) * 1440 + (pick * 37) % 1440);
    const OpeningHours oh = OpeningHours::parse(in.rest());
    (void)oh.status_at(base);
    (void)oh.next_change(base, 40);
    (void)oh.next_opening(base, 40);
    (void)oh.week(base.date());
    const LocalDateTime later = from_local_minutes(to_local_minutes(base) + 3 * 1440);
    for (const Interval& i : oh.intervals(base, later)) (void)i.comment.size();
    const DaySchedule d = oh.day(base.date());
    for (const Range& r : d.ranges) {
        if (r.start < 0 || r.end > 1440 || r.start > r.end) __builtin_trap();
        (void)oh.comment_text(r.comment);
    }
    const kiosk::Translator& t = kiosk::fuzz::shipped_translator();
    (void)say_status(t, oh, base);
    (void)say_week(t, oh, base.date());
    const OpeningHours copy = oh;  // copies keep their tables
    (void)copy.status_at(later);
    return 0;
}
