#include "kiosk/core/hours/wording.hpp"

#include <cctype>

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

std::string say_status(const Translator& t, const OpeningHours& hours, const LocalDateTime& now) {
    if (!hours.understood()) return format(t.tr("hours.as_written"), {{"text", hours.text()}});
    const Status st = hours.status_at(now);
    const DayNumber today = day_number(now.year, now.month, now.day);
    if (st.unknown()) {
        if (st.comment.empty() || hours.comment_text(OpeningHours::kOpenEndComment) == st.comment)
            return t.tr("hours.unknown");
        return format(t.tr("hours.unknown_with_comment"), {{"comment", std::string(st.comment)}});
    }
    if (st.open()) {
        const auto until = hours.next_change(now);
        if (!until) return t.tr("hours.open_now");
        const DayNumber day = day_number(until->year, until->month, until->day);
        const std::string time = say_time(t, until->minute_of_day());
        if (day == today) return format(t.tr("hours.open_until"), {{"time", time}});
        if (day == today + 1 && until->minute_of_day() == 0) return t.tr("hours.open_until_midnight");
        if (day == today + 1) return format(t.tr("hours.open_until_tomorrow"), {{"time", time}});
        if (day < today + 7)
            return format(t.tr("hours.open_until_weekday"),
                          {{"day", say_weekday(t, weekday_of(day))}, {"time", time}});
        return format(t.tr("hours.open_until_date"), {{"date", say_date(t, date_of(day))}, {"time", time}});
    }
    const auto next = hours.next_opening(now);
    if (!next) return t.tr("hours.closed");
    const DayNumber day = day_number(next->year, next->month, next->day);
    const std::string time = say_time(t, next->minute_of_day());
    if (day == today) return format(t.tr("hours.closed_opens_today"), {{"time", time}});
    if (day == today + 1) return format(t.tr("hours.closed_opens_tomorrow"), {{"time", time}});
    if (day < today + 7)
        return format(t.tr("hours.closed_opens_weekday"),
                      {{"day", say_weekday(t, weekday_of(day))}, {"time", time}});
    return format(t.tr("hours.closed_opens_date"), {{"date", say_date(t, date_of(day))}, {"time", time}});
}

std::string say_day(const Translator& t, const OpeningHours& hours, const DaySchedule& day) {
    const std::string name = say_weekday(t, day.weekday, true);
    if (day.ranges.empty())
        return format(t.tr("hours.day_line"), {{"day", name}, {"ranges", t.tr("hours.day_closed")}});
    std::vector<std::string> items;
    for (const Range& r : day.ranges) {
        std::string item =
            format(t.tr("hours.range"), {{"from", say_time(t, r.start)}, {"to", say_time(t, r.end)}});
        if (r.state == State::Unknown) {
            const std::string_view c = hours.comment_text(r.comment);
            if (c.empty() || r.comment == OpeningHours::kOpenEndComment)
                item = format(t.tr("hours.range_to_confirm"), {{"range", item}});
            else
                item =
                    format(t.tr("hours.range_with_comment"), {{"range", item}, {"comment", std::string(c)}});
        }
        items.push_back(std::move(item));
    }
    return format(t.tr("hours.day_line"), {{"day", name}, {"ranges", list_with_and(t, items)}});
}

std::vector<std::string> say_week(const Translator& t, const OpeningHours& hours, const LocalDate& any_day) {
    std::vector<std::string> lines;
    if (!hours.understood()) return lines;
    const WeekSchedule w = hours.week(any_day);
    for (const DaySchedule& d : w.days) lines.push_back(say_day(t, hours, d));
    return lines;
}

}  // namespace kiosk::hours
