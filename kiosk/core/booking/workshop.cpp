#include "kiosk/core/booking/workshop.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "kiosk/core/places/place.hpp"
#include "kiosk/core/toml_reader.hpp"

namespace kiosk::booking {

std::string_view level_name(Level l) {
    switch (l) {
        case Level::Beginner:
            return "beginner";
        case Level::Intermediate:
            return "intermediate";
        case Level::Advanced:
            return "advanced";
        case Level::Any:
            break;
    }
    return "any";
}

std::optional<Level> level_from_name(std::string_view n) {
    if (n == "any" || n == "tous" || n.empty()) return Level::Any;
    if (n == "beginner" || n == "débutant") return Level::Beginner;
    if (n == "intermediate" || n == "intermédiaire") return Level::Intermediate;
    if (n == "advanced" || n == "avancé") return Level::Advanced;
    return std::nullopt;
}

std::string_view how_name(HowToBook h) {
    switch (h) {
        case HowToBook::Hub:
            return "hub";
        case HowToBook::RdvServicePublic:
            return "rdv-service-public";
        case HowToBook::CallBack:
            break;
    }
    return "call-back";
}

namespace {

std::optional<HowToBook> how_from_name(std::string_view n) {
    for (HowToBook h : {HowToBook::Hub, HowToBook::RdvServicePublic, HowToBook::CallBack})
        if (how_name(h) == n) return h;
    return std::nullopt;
}

bool read_int(std::string_view s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

// "14:00" → minutes of the day.
std::optional<int> parse_hhmm(std::string_view s) {
    int h = 0, m = 0;
    if (s.size() != 5 || s[2] != ':' || !read_int(s.substr(0, 2), h) || !read_int(s.substr(3, 2), m) ||
        h > 23 || m > 59 || h < 0 || m < 0)
        return std::nullopt;
    return h * 60 + m;
}

std::optional<hours::LocalDate> parse_date(std::string_view s) {
    int y = 0, mo = 0, d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !read_int(s.substr(0, 4), y) ||
        !read_int(s.substr(5, 2), mo) || !read_int(s.substr(8, 2), d) || mo < 1 || mo > 12 || d < 1 ||
        d > hours::days_in_month(y, mo))
        return std::nullopt;
    return hours::LocalDate{y, mo, d};
}

}  // namespace

std::optional<hours::LocalMinutes> parse_local_time(std::string_view text) {
    if (text.size() < 16) return std::nullopt;
    const auto date = parse_date(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    const auto minutes = parse_hhmm(text.substr(11, 5));
    if (!minutes) return std::nullopt;
    return static_cast<hours::LocalMinutes>(hours::day_number(*date)) * 1440 + *minutes;
}

std::string local_time_text(hours::LocalMinutes m) {
    const hours::LocalDateTime t = hours::from_local_minutes(m);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return buf;
}

std::vector<Workshop> parse_workshops(std::string_view text, const std::string& source,
                                      const hours::LocalDate& today, std::vector<ConfigError>& errors) {
    std::vector<Workshop> out;
    TomlReader r(source, errors);
    if (!r.parse(text)) return out;
    r.unknown_keys(r.root(), "", {"session"});
    const toml::array* sessions = r.array(r.root(), "session", "session");
    if (!sessions) return out;
    int index = 0;
    for (const toml::node& node : *sessions) {
        ++index;
        const std::string where = "session[" + std::to_string(index) + "]";
        const toml::table* t = node.as_table();
        if (!t) {
            r.fail(&node, where, "must be a table ([[session]])");
            continue;
        }
        const std::size_t before = errors.size();
        r.unknown_keys(*t, where,
                       {"id", "place_id", "place", "address", "title", "topics", "level", "date", "in_days",
                        "time", "duration_min", "seats", "seats_left", "pass", "phone", "booking_url"});
        Workshop w;
        w.source = "content";
        w.how = HowToBook::CallBack;
        std::string id, level = "any", date, time;
        r.text(*t, "id", where + ".id", id, TomlReader::Required);
        r.text(*t, "place_id", where + ".place_id", w.place_id);
        r.text(*t, "place", where + ".place", w.place_name, TomlReader::Required);
        r.text(*t, "address", where + ".address", w.address);
        r.text(*t, "title", where + ".title", w.title, TomlReader::Required);
        r.text(*t, "level", where + ".level", level);
        r.text(*t, "time", where + ".time", time, TomlReader::Required);
        r.integer(*t, "duration_min", where + ".duration_min", w.duration_min, 15, 600);
        r.integer(*t, "seats", where + ".seats", w.seats_total, 1, 500);
        r.integer(*t, "seats_left", where + ".seats_left", w.seats_left, 0, 500);
        r.boolean(*t, "pass", where + ".pass", w.pass_accepted);
        r.text(*t, "phone", where + ".phone", w.phone);
        r.text(*t, "booking_url", where + ".booking_url", w.booking_url);
        if (const toml::array* topics = r.array(*t, "topics", where + ".topics", TomlReader::Required)) {
            for (const toml::node& topic : *topics) {
                std::string label;
                if (!r.text_of(topic, where + ".topics", label)) continue;
                const std::uint16_t bit = places::service_from_label(label);
                if (!bit)
                    r.fail(&topic, where + ".topics",
                           "\"" + label + "\" is not one of the standard's 9 service categories");
                w.services |= bit;
            }
        }
        const auto lvl = level_from_name(level);
        if (!lvl)
            r.fail(t->get("level"), where + ".level", "must be beginner, intermediate, advanced or any");
        hours::DayNumber day = hours::day_number(today);
        long in_days = -1;
        if (r.text(*t, "date", where + ".date", date)) {
            const auto d = parse_date(date);
            if (!d)
                r.fail(t->get("date"), where + ".date", "must be a date YYYY-MM-DD");
            else
                day = hours::day_number(*d);
        } else if (r.integer(*t, "in_days", where + ".in_days", in_days, 0, 366)) {
            day += static_cast<hours::DayNumber>(in_days);
        } else {
            r.fail_at(TomlReader::line_of(t), where, "needs a date (date = \"YYYY-MM-DD\" or in_days = N)");
        }
        const auto minutes = parse_hhmm(time);
        if (!time.empty() && !minutes) r.fail(t->get("time"), where + ".time", "must be HH:MM");
        if (errors.size() != before || !lvl || !minutes) continue;
        w.id = "content:" + id;
        w.level = *lvl;
        w.starts = static_cast<hours::LocalMinutes>(day) * 1440 + *minutes;
        if (w.seats_left > w.seats_total && w.seats_total > 0) w.seats_left = w.seats_total;
        out.push_back(std::move(w));
    }
    return out;
}

std::string to_json(const Workshop& w) {
    nlohmann::json j = {{"id", w.id},
                        {"place_id", w.place_id},
                        {"place_name", w.place_name},
                        {"address", w.address},
                        {"title", w.title},
                        {"services", w.services},
                        {"level", level_name(w.level)},
                        {"starts_at", local_time_text(w.starts)},
                        {"duration_min", w.duration_min},
                        {"seats_total", w.seats_total},
                        {"seats_left", w.seats_left},
                        {"pass_accepted", w.pass_accepted},
                        {"how", how_name(w.how)},
                        {"phone", w.phone},
                        {"booking_url", w.booking_url},
                        {"source", w.source}};
    return j.dump();
}

std::optional<Workshop> workshop_from_json(std::string_view text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    Workshop w;
    auto str = [&](const char* k) {
        auto it = j.find(k);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
    };
    auto num = [&](const char* k, int fallback) {
        auto it = j.find(k);
        return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
    };
    w.id = str("id");
    w.place_id = str("place_id");
    w.place_name = str("place_name");
    w.address = str("address");
    w.title = str("title");
    w.services = static_cast<std::uint16_t>(num("services", 0) & 0x1FF);
    const auto lvl = level_from_name(str("level"));
    const auto starts = parse_local_time(str("starts_at"));
    const auto how = how_from_name(str("how"));
    if (w.id.empty() || w.title.empty() || !lvl || !starts || !how) return std::nullopt;
    w.level = *lvl;
    w.starts = *starts;
    w.how = *how;
    w.duration_min = std::clamp(num("duration_min", 60), 1, 24 * 60);
    w.seats_total = std::max(-1, num("seats_total", -1));
    w.seats_left = std::max(-1, num("seats_left", -1));
    auto pass = j.find("pass_accepted");
    w.pass_accepted = pass != j.end() && pass->is_boolean() && pass->get<bool>();
    w.phone = str("phone");
    w.booking_url = str("booking_url");
    w.source = str("source");
    return w;
}

std::vector<Workshop> upcoming(const std::vector<Workshop>& all, hours::LocalMinutes now,
                               std::uint16_t services, Level level) {
    std::vector<Workshop> out;
    for (const Workshop& w : all) {
        if (w.starts <= now) continue;
        if (services && !(w.services & services)) continue;
        if (level != Level::Any && w.level != Level::Any && w.level != level) continue;
        out.push_back(w);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Workshop& a, const Workshop& b) { return a.starts < b.starts; });
    return out;
}

}  // namespace kiosk::booking
