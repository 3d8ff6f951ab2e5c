#include "kiosk/core/hours/wording.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace kiosk::hours {

namespace {

std::string two_digits(int v) {
    std::string s = std::to_string(v);
    return v < 10 ? "0" + s : s;
}

std::string capitalise(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string list_with_and(const Translator& t, const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += (i + 1 == items.size()) ? " " + t.tr("hours.and") + " " : ", ";
        out += items[i];
    }
    return out;
}

}  // namespace

std::string say_time(const Translator& t, int minute_of_day) {
    if (minute_of_day == 1440) return t.tr("hours.time.midnight");
    const int h = (minute_of_day / 60) % 24, m = minute_of_day % 60;
    if (m == 0) return format(t.tr("hours.time.hour"), {{"h", std::to_string(h)}});
    return format(t.tr("hours.time.hour_minute"), {{"h", std::to_string(h)}, {"m", two_digits(m)}});
}

std::string say_weekday(const Translator& t, int weekday, bool capitalised) {
    std::string name;
    switch (weekday) {
        case 0:
            name = t.tr("hours.weekday.monday");
            break;
        case 1:
            name = t.tr("hours.weekday.tuesday");
            break;
        case 2:
            name = t.tr("hours.weekday.wednesday");
            break;
        case 3:
            name = t.tr("hours.weekday.thursday");
            break;
        case 4:
            name = t.tr("hours.weekday.friday");
            break;
        case 5:
            name = t.tr("hours.weekday.saturday");
            break;
        default:
            name = t.tr("hours.weekday.sunday");
            break;
    }
    return capitalised ? capitalise(name) : name;
}

std::string say_date(const Translator& t, const LocalDate& d) {
    std::string month;
    switch (d.month) {
        case 1:
            month = t.tr("hours.month.january");
            break;
        case 2:
            month = t.tr("hours.month.february");
            break;
        case 3:
            month = t.tr("hours.month.march");
            break;
        case 4:
            month = t.tr("hours.month.april");
            break;
        case 5:
            month = t.tr("hours.month.may");
            break;
        case 6:
            month = t.tr("hours.month.june");
            break;
        case 7:
            month = t.tr("hours.month.july");
            break;
        case 8:
            month = t.tr("hours.month.august");
            break;
        case 9:
            month = t.tr("hours.month.september");
            break;
        case 10:
            month = t.tr("hours.month.october");
            break;
        case 11:
            month = t.tr("hours.month.november");
            break;
        default:
            month = t.tr("hours.month.december");
            break;
    }
    return format(t.tr("hours.date"), {{"day", std::to_string(d.day)}, {"month", month}});
}

namespace {

// A place's own remark worth saying: not empty, not the reference's "open end" note, not a holiday's name,
// not "à confirmer" (already said by the sentence: never "À confirmer : à confirmer"). Trimmed.
std::string place_comment(const OpeningHours& hours, std::uint16_t id) {
    if (id == 0 || id == OpeningHours::kOpenEndComment || id >= OpeningHours::kHolidayCommentBase) return {};
    std::string_view c = hours.comment_text(id);
    while (!c.empty() && (c.front() == ' ' || c.front() == '\t')) c.remove_prefix(1);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
    // Folded: ASCII lower case, "à"/"À" as "a", spaces and punctuation dropped.
    std::string folded;
    for (std::size_t i = 0; i < c.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(c[i]);
        if (ch == 0xC3 && i + 1 < c.size() &&
            (static_cast<unsigned char>(c[i + 1]) == 0xA0 || static_cast<unsigned char>(c[i + 1]) == 0x80)) {
            folded += 'a';
            ++i;
        } else if (std::isalnum(ch)) {
            folded += static_cast<char>(std::tolower(ch));
        }
    }
    if (folded == "aconfirmer" || folded == "horairesaconfirmer" || folded == "tobeconfirmed" ||
        folded == "unknown")
        return {};
    return std::string(c);
}

std::string with_comment(const Translator& t, std::string sentence, const std::string& comment) {
    if (comment.empty()) return sentence;
    return format(t.tr("hours.status_with_comment"), {{"status", std::move(sentence)}, {"comment", comment}});
}

// "Ouvert maintenant, jusqu’à …": a change at 00:00 is said as midnight of the day before.
std::string open_until(const Translator& t, DayNumber today, const LocalDateTime& until) {
    DayNumber day = day_number(until.year, until.month, until.day);
    const std::string time = say_time(t, until.minute_of_day());
    if (until.minute_of_day() == 0) {
        --day;
        if (day == today) return t.tr("hours.open_until_midnight");
        if (day == today + 1) return t.tr("hours.open_until_tomorrow_midnight");
        if (day < today + 7)
            return format(t.tr("hours.open_until_weekday_midnight"),
                          {{"day", say_weekday(t, weekday_of(day))}});
        return format(t.tr("hours.open_until_date_midnight"), {{"date", say_date(t, date_of(day))}});
    }
    if (day == today) return format(t.tr("hours.open_until"), {{"time", time}});
    if (day == today + 1) return format(t.tr("hours.open_until_tomorrow"), {{"time", time}});
    if (day < today + 7)
        return format(t.tr("hours.open_until_weekday"),
                      {{"day", say_weekday(t, weekday_of(day))}, {"time", time}});
    return format(t.tr("hours.open_until_date"), {{"date", say_date(t, date_of(day))}, {"time", time}});
}

std::string opens_at(const Translator& t, DayNumber today, const LocalDateTime& next) {
    const DayNumber day = day_number(next.year, next.month, next.day);
    const std::string time = say_time(t, next.minute_of_day());
    if (day == today) return format(t.tr("hours.closed_opens_today"), {{"time", time}});
    if (day == today + 1) return format(t.tr("hours.closed_opens_tomorrow"), {{"time", time}});
    if (day < today + 7)
        return format(t.tr("hours.closed_opens_weekday"),
                      {{"day", say_weekday(t, weekday_of(day))}, {"time", time}});
    return format(t.tr("hours.closed_opens_date"), {{"date", say_date(t, date_of(day))}, {"time", time}});
}

}  // namespace

std::string say_status(const Translator& t, const OpeningHours& hours, const LocalDateTime& now) {
    if (!hours.understood()) return format(t.tr("hours.as_written"), {{"text", hours.text()}});
    const Status st = hours.status_at(now);
    const DayNumber today = day_number(now.year, now.month, now.day);
    const std::optional<LocalDateTime> next = st.open() ? std::nullopt : hours.next_opening(now);
    // A public holiday the hours do not mention: do not claim the place is open (or opens later today).
    if (holiday_unsaid(hours, now.date()) &&
        (st.state != State::Closed || (next && day_number(next->year, next->month, next->day) == today)))
        return t.tr("hours.holiday_call");
    const std::string comment = place_comment(hours, st.comment_id);
    if (st.unknown()) {
        if (comment.empty()) return t.tr("hours.unknown");
        return format(t.tr("hours.unknown_with_comment"), {{"comment", comment}});
    }
    if (st.open()) {
        const auto until = hours.next_change(now);
        if (!until) return with_comment(t, t.tr("hours.open_now"), comment);
        return with_comment(t, open_until(t, today, *until), comment);
    }
    if (!next) return with_comment(t, t.tr("hours.closed"), comment);
    // The remark of the closing ("congés"), else the one of the opening ("sur rendez-vous").
    std::string said = comment;
    if (said.empty()) said = place_comment(hours, hours.status_at(*next).comment_id);
    return with_comment(t, opens_at(t, today, *next), said);
}

namespace {

bool same_kind(const Range& a, const Range& b) {
    return a.state == b.state && a.comment == b.comment;
}

// A range and what it needs said: "(à confirmer)", "(sur rendez-vous)".
std::string range_words(const Translator& t, const OpeningHours& hours, const Range& r, std::string range) {
    const std::string c = place_comment(hours, r.comment);
    if (!c.empty())
        return format(t.tr("hours.range_with_comment"), {{"range", std::move(range)}, {"comment", c}});
    if (r.state == State::Unknown)
        return format(t.tr("hours.range_to_confirm"), {{"range", std::move(range)}});
    return range;
}

// What a whole day (or the rest of a day) of one kind is: "24 h sur 24", "sur rendez-vous", "à confirmer".
std::string whole_words(const Translator& t, const OpeningHours& hours, const Range& r) {
    const std::string c = place_comment(hours, r.comment);
    if (r.state == State::Open) {
        if (c.empty()) return t.tr("hours.all_day");
        return format(t.tr("hours.range_with_comment"), {{"range", t.tr("hours.all_day")}, {"comment", c}});
    }
    return c.empty() ? t.tr("hours.to_confirm") : c;
}

// The ranges of a day in words. `before` and `after` are the days around it (their ranges), so that a night
// is said once, on the day it starts: "de 22 h à 2 h du matin".
std::string ranges_words(const Translator& t, const OpeningHours& hours, const std::vector<Range>& ranges,
                         const std::vector<Range>* before, const std::vector<Range>* after) {
    if (ranges.empty()) return t.tr("hours.day_closed");
    if (ranges.size() == 1 && ranges[0].start == 0 && ranges[0].end == 1440)
        return whole_words(t, hours, ranges[0]);
    // A fallback rule ("Mo-Fr 09:00-12:00 || \"sur rendez-vous\""): the same kind from midnight to the first
    // range and from the last to midnight, and in every gap: said as the rule and what holds the rest of
    // the time.
    const Range& first = ranges.front();
    const Range& last = ranges.back();
    bool covers = first.start == 0 && last.end == 1440;
    for (std::size_t i = 1; covers && i < ranges.size(); ++i) covers = ranges[i - 1].end == ranges[i].start;
    if (covers && ranges.size() > 1 && same_kind(first, last) &&
        !(first.state == State::Open && first.comment == 0)) {
        std::vector<std::string> items;
        for (const Range& r : ranges) {
            if (same_kind(r, first)) continue;
            items.push_back(range_words(
                t, hours, r,
                format(t.tr("hours.range"), {{"from", say_time(t, r.start)}, {"to", say_time(t, r.end)}})));
        }
        return format(t.tr("hours.rest_of_time"),
                      {{"ranges", list_with_and(t, items)}, {"other", whole_words(t, hours, first)}});
    }
    std::vector<std::string> items;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const Range& r = ranges[i];
        // The morning part of last night's range: said on the day before.
        if (i == 0 && r.start == 0 && r.end < 1440 && before && !before->empty() &&
            before->back().end == 1440 && before->back().start > 0 && same_kind(before->back(), r))
            continue;
        std::string words;
        if (r.end == 1440 && r.start > 0 && after && !after->empty() && after->front().start == 0 &&
            after->front().end < 1440 && same_kind(after->front(), r)) {
            words = format(t.tr("hours.range_overnight"),
                           {{"from", say_time(t, r.start)}, {"to", say_time(t, after->front().end)}});
        } else {
            words = format(t.tr("hours.range"), {{"from", say_time(t, r.start)}, {"to", say_time(t, r.end)}});
        }
        items.push_back(range_words(t, hours, r, std::move(words)));
    }
    if (items.empty()) return t.tr("hours.day_closed");
    return list_with_and(t, items);
}

std::string day_line(const Translator& t, const OpeningHours& hours, const DaySchedule& day,
                     const DaySchedule* before, const DaySchedule* after, const DaySchedule* other_week) {
    const std::string name = say_weekday(t, day.weekday, true);
    std::string words = ranges_words(t, hours, day.ranges, before ? &before->ranges : nullptr,
                                     after ? &after->ranges : nullptr);
    if (other_week) {
        // Every other week ("week 1-53/2"): never a whole week "fermé" without saying the other one.
        const std::string other = ranges_words(t, hours, other_week->ranges, nullptr, nullptr);
        if (day.ranges.empty())
            words = format(t.tr("hours.alternate_closed"), {{"ranges", other}});
        else if (other_week->ranges.empty())
            words = format(t.tr("hours.alternate_open"), {{"ranges", words}});
        else
            words = format(t.tr("hours.alternate_other"), {{"ranges", words}, {"other", other}});
    }
    if (!day.ranges.empty() && holiday_unsaid(hours, day.date))
        words = format(t.tr("hours.day_holiday"), {{"ranges", words}});
    return format(t.tr("hours.day_line"), {{"day", name}, {"ranges", words}});
}

DayNumber monday_of(const LocalDate& d) {
    const DayNumber n = day_number(d);
    return n - weekday_of(n);
}

}  // namespace

std::string say_day(const Translator& t, const OpeningHours& hours, const DaySchedule& day) {
    if (!hours.understood()) return day_line(t, hours, day, nullptr, nullptr, nullptr);
    const DayNumber n = day_number(day.date);
    const DaySchedule before = hours.day(date_of(n - 1)), after = hours.day(date_of(n + 1));
    return day_line(t, hours, day, &before, &after, nullptr);
}

std::vector<std::string> say_week(const Translator& t, const OpeningHours& hours, const LocalDate& any_day) {
    std::vector<std::string> lines;
    if (!hours.understood()) return lines;
    const DayNumber monday = monday_of(any_day);
    // The Sunday before, the week, and the Monday after: nights are said on the day they start.
    std::array<DaySchedule, 9> days;
    for (int i = 0; i < 9; ++i) days[static_cast<std::size_t>(i)] = hours.day(date_of(monday - 1 + i));
    for (int i = 1; i <= 7; ++i) {
        const DaySchedule& d = days[static_cast<std::size_t>(i)];
        std::optional<DaySchedule> other;
        if (hours.uses_weeks()) {
            const DayNumber n = monday - 1 + i;
            DaySchedule next = hours.day(date_of(n + 7));
            if (next.ranges != d.ranges && (hours.day(date_of(n + 14)).ranges == d.ranges ||
                                            hours.day(date_of(n - 14)).ranges == d.ranges))
                other = std::move(next);
        }
        lines.push_back(day_line(t, hours, d, &days[static_cast<std::size_t>(i) - 1],
                                 &days[static_cast<std::size_t>(i) + 1], other ? &*other : nullptr));
    }
    return lines;
}

}  // namespace kiosk::hours
