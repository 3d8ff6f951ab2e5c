#include "kiosk/core/hours/opening_hours.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace kiosk::hours {

namespace detail {

struct TimeRange {
    std::int16_t from = 0;  // minutes, 0..1439
    std::int16_t to = 0;    // minutes, from < to ≤ 2880 (past 1440: continues the next day)
    bool open_end = false;
};

struct DateRange {  // inclusive month-day range, wraps over the new year when from > to
    std::uint8_t m1 = 1, d1 = 1, m2 = 12, d2 = 31;
    std::uint8_t period = 0;  // every n-th day from the start (same-month ranges)
};

struct WeekRange {
    std::uint8_t from = 1, to = 53, period = 0;
};

struct Nth {
    std::uint8_t weekday = 0;  // 0 = Monday
    std::int8_t n = 1;         // 1..5, or -1..-5 from the end of the month
};

// One internal rule, as opening_hours.js builds them (a time range past midnight adds a "wrapped" rule
// for the next day).
struct Rule {
    bool has_holiday = false;  // holiday selector group (PH), conjunctive with the others
    bool has_month = false;
    std::vector<DateRange> months;
    bool has_monthday = false;
    std::vector<DateRange> monthdays;
    bool has_week = false;
    std::vector<WeekRange> weeks;
    bool has_weekday = false;
    std::uint8_t weekday_mask = 0;  // bit 0 = Monday
    bool weekday_ph = false;        // "Mo-Fr,PH": PH as one more weekday
    std::vector<Nth> nth;

    std::vector<TimeRange> times;  // empty: the whole day
    State meaning = State::Open;
    std::uint16_t comment = 0;
    bool wrapped = false;
    bool additional = false;
    bool fallback = false;

    bool has_date() const { return has_holiday || has_month || has_monthday || has_week || has_weekday; }
};

}  // namespace detail

using detail::DayTable;
using detail::Rule;

namespace {

// ---- Tokens -----------------------------------------------------------------------------------------

enum class Tok : std::uint8_t {
    Weekday,
    Holiday,
    Month,
    Number,
    Colon,
    Dash,
    Comma,
    Semicolon,
    Fallback,
    Plus,
    Slash,
    LBracket,
    RBracket,
    Comment,
    StateWord,
    Always,
    Week,
    End
};

struct Token {
    Tok kind = Tok::End;
    int value = 0;  // weekday 0..6, month 1..12, number, state (0 closed, 1 open, 2 unknown)
    int pos = 0;    // byte offset in the text
    std::string_view text;
};

struct ParseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& what, int pos) {
    throw ParseError(what + " at position " + std::to_string(pos + 1));
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::vector<Token> tokenize(std::string_view s) {
    static constexpr std::string_view kWeekdays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::vector<Token> out;
    out.reserve(s.size() / 2 + 2);
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const char c = s[i];
        const int pos = static_cast<int>(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '"') {
            const std::size_t close = s.find('"', i + 1);
            if (close == std::string_view::npos) fail("unterminated comment", pos);
            out.push_back({Tok::Comment, 0, pos, s.substr(i + 1, close - i - 1)});
            i = close + 1;
            continue;
        }
        if (s.compare(i, 4, "24/7") == 0) {
            out.push_back({Tok::Always, 0, pos, s.substr(i, 4)});
            i += 4;
            continue;
        }
        if (is_digit(c)) {
            std::size_t j = i;
            while (j < n && is_digit(s[j])) ++j;
            if (j - i > 2)
                fail("years are not supported", pos);  // before the value: a long run would overflow an int
            int v = 0;
            for (std::size_t k = i; k < j; ++k) v = v * 10 + (s[k] - '0');
            out.push_back({Tok::Number, v, pos, s.substr(i, j - i)});
            i = j;
            continue;
        }
        if (is_alpha(c)) {
            std::size_t j = i;
            while (j < n && is_alpha(s[j])) ++j;
            const std::string_view w = s.substr(i, j - i);
            // Keywords are matched without regard to case, as the reference does ("mo-fr", "PH OFF").
            auto eq = [&](std::string_view k) {
                if (k.size() != w.size()) return false;
                for (std::size_t x = 0; x < k.size(); ++x)
                    if ((w[x] | 0x20) != (k[x] | 0x20)) return false;
                return true;
            };
            Token t{Tok::End, 0, pos, w};
            for (int k = 0; k < 7 && t.kind == Tok::End; ++k)
                if (eq(kWeekdays[k])) t = {Tok::Weekday, k, pos, w};
            for (int k = 0; k < 12 && t.kind == Tok::End; ++k)
                if (eq(kMonths[k])) t = {Tok::Month, k + 1, pos, w};
            if (t.kind == Tok::End) {
                if (eq("PH"))
                    t = {Tok::Holiday, 0, pos, w};
                else if (eq("week"))
                    t = {Tok::Week, 0, pos, w};
                else if (eq("open"))
                    t = {Tok::StateWord, 1, pos, w};
                else if (eq("closed") || eq("off"))
                    t = {Tok::StateWord, 0, pos, w};
                else if (eq("unknown"))
                    t = {Tok::StateWord, 2, pos, w};
                else if (eq("SH"))
                    fail("school holidays (SH) are not supported", pos);
                else
                    fail("unknown word \"" + std::string(w) + "\"", pos);
            }
            out.push_back(t);
            i = j;
            continue;
        }
        Tok k = Tok::End;
        std::size_t len = 1;
        switch (c) {
            case ':':
                k = Tok::Colon;
                break;
            case '-':
                k = Tok::Dash;
                break;
            case ',':
                k = Tok::Comma;
                break;
            case ';':
                k = Tok::Semicolon;
                break;
            case '+':
                k = Tok::Plus;
                break;
            case '/':
                k = Tok::Slash;
                break;
            case '[':
                k = Tok::LBracket;
                break;
            case ']':
                k = Tok::RBracket;
                break;
            case '|':
                if (i + 1 < n && s[i + 1] == '|') {
                    k = Tok::Fallback;
                    len = 2;
                }
                break;
            default:
                break;
        }
        if (k == Tok::End) fail("unexpected character", pos);
        out.push_back({k, 0, pos, s.substr(i, len)});
        i += len;
    }
    out.push_back({Tok::End, 0, static_cast<int>(n), {}});
    return out;
}

// ---- Corrections ------------------------------------------------------------------------------------
// Common mistakes of French data, read as opening_hours.js reads them (with a warning): French day names
// ("Lu-Ve", "lundi", "Mer"; not "Mar", which is March, nor "Sam"), "9h-12h" and "09:00h" ("h" dropped; not
// "9h30", which it rejects), "09.00" (":"), "Lun." (dot dropped), en and em dashes and "à" ("-"), "et"
// and "&" (","), "fermé" ("off"), "jours fériés" ("PH"), an unquoted "sur rendez-vous" / "sur rdv"
// ("\"Sur rendez-vous\""), typographic quotes (« », “ ”, „ “, ' '). One pass over the text, each step
// consuming input: the output is at most three times as long; no recursion.

// One UTF-8 code point at s[i] (0xFFFD and one byte when malformed); `len` is its length.
char32_t code_point(std::string_view s, std::size_t i, std::size_t& len) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    len = 1;
    if (c < 0x80) return c;
    int n = 0;
    char32_t v = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 1;
        v = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 2;
        v = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3;
        v = c & 0x07;
    } else {
        return 0xFFFD;
    }
    if (i + static_cast<std::size_t>(n) >= s.size()) return 0xFFFD;
    for (int k = 1; k <= n; ++k) {
        if ((b(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) return 0xFFFD;
        v = (v << 6) | (b(i + static_cast<std::size_t>(k)) & 0x3F);
    }
    len = static_cast<std::size_t>(n) + 1;
    return v;
}

bool is_word_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7);
}

// Lower case, ASCII and Latin-1 letters ("FÉRIÉS" → "fériés"), as UTF-8.
std::string lower_word(std::string_view w) {
    std::string out;
    for (std::size_t i = 0; i < w.size();) {
        std::size_t len = 1;
        char32_t c = code_point(w, i, len);
        if (c >= 'A' && c <= 'Z') c += 0x20;
        if (c >= 0xC0 && c <= 0xDE && c != 0xD7) c += 0x20;
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out.append(w.substr(i, len));
        }
        i += len;
    }
    return out;
}

struct Correction {
    std::string_view from;  // lower case
    std::string_view to;
};

constexpr Correction kWords[] = {
    {"lu", "Mo"},      {"lun", "Mo"},      {"lundi", "Mo"},         {"ma", "Tu"},
    {"mardi", "Tu"},   {"me", "We"},       {"mer", "We"},           {"mercredi", "We"},
    {"je", "Th"},      {"jeu", "Th"},      {"jeudi", "Th"},         {"ve", "Fr"},
    {"ven", "Fr"},     {"vendredi", "Fr"}, {"samedi", "Sa"},        {"di", "Su"},
    {"dim", "Su"},     {"dimanche", "Su"}, {"ferm\xC3\xA9", "off"}, {"et", ","},
    {"\xC3\xA0", "-"},
};

bool is_english_day(std::string_view lower) {
    for (std::string_view d : {"mo", "tu", "we", "th", "fr", "sa", "su"})
        if (lower == d) return true;
    return false;
}

bool is_open_quote(char32_t c) {
    return c == '\'' || c == 0x201C || c == 0x00AB || c == 0x201E || c == 0x2018 || c == 0x201A;
}
bool is_close_quote(char32_t c) {
    return c == '"' || c == '\'' || c == 0x201D || c == 0x201C || c == 0x2019 || c == 0x2018 || c == 0x00BB;
}

std::string corrected_text(std::string_view s, std::vector<std::string>& notes) {
    std::string out;
    out.reserve(s.size() + 16);
    auto note = [&](std::string what) {
        if (notes.size() < 32) notes.push_back(std::move(what));
    };
    const std::size_t n = s.size();
    std::size_t i = 0;
    std::size_t no_close_before = 0;  // a quote before this has no closing one: not searched again
    while (i < n) {
        const char c = s[i];
        if (c == '"') {  // a comment: copied as it is
            const std::size_t close = s.find('"', i + 1);
            const std::size_t end = close == std::string_view::npos ? n : close + 1;
            out.append(s.substr(i, end - i));
            i = end;
            continue;
        }
        if (is_digit(c)) {
            std::size_t j = i;
            while (j < n && is_digit(s[j])) ++j;
            out.append(s.substr(i, j - i));
            const bool minutes = i > 0 && (s[i - 1] == ':' || s[i - 1] == '.');  // "09:00h"
            i = j;
            if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
                out += ':';
                note("\".\" read as \":\" between hours and minutes");
                ++i;
                continue;
            }
            // "9h", "9 h", "09:00h": the "h" is dropped (not before a letter).
            std::size_t k = i;
            while (k < n && s[k] == ' ') ++k;
            std::size_t after_len = 1;
            // "9h30", "9 h 30", "12h00": the "h" between hours and minutes read as ":" (opening_hours.js
            // refuses these; the kiosk reads them, the most common way of writing hours in France).
            if (k < n && (s[k] == 'h' || s[k] == 'H')) {
                std::size_t m = k + 1;
                while (m < n && s[m] == ' ') ++m;
                std::size_t e = m;
                while (e < n && is_digit(s[e])) ++e;
                if (e - m == 2 && (e >= n || !is_word_letter(code_point(s, e, after_len)))) {
                    out += ':';
                    out.append(s.substr(m, 2));
                    note("\"h\" between hours and minutes read as \":\"");
                    i = e;
                    continue;
                }
            }
            if (k < n && (s[k] == 'h' || s[k] == 'H') &&
                !(k + 1 < n && (is_digit(s[k + 1]) || is_word_letter(code_point(s, k + 1, after_len))))) {
                // "9h" → "9:00", so that it goes with "9:30" in one range ("9h-12h30"); "09:00h" → "09:00"
                if (!minutes && !(k + 1 < n && s[k + 1] == '+')) out += ":00";  // "17h+" stays refused
                note("\"h\" after an hour dropped");
                i = k + 1;
            }
            continue;
        }
        std::size_t len = 1;
        const char32_t cp = code_point(s, i, len);
        if (is_word_letter(cp)) {
            std::size_t j = i;
            while (j < n) {
                std::size_t l = 1;
                if (!is_word_letter(code_point(s, j, l))) break;
                j += l;
            }
            const std::string_view word = s.substr(i, j - i);
            const std::string lower = lower_word(word);
            std::size_t next = j;
            std::string_view to;
            if (lower == "sur" && j < n && s[j] == ' ') {
                // "sur rendez-vous", "sur rendez vous", "sur rdv": one space between the words
                const std::string rest = lower_word(s.substr(j + 1, std::min<std::size_t>(11, n - j - 1)));
                std::size_t used = 0;
                if (rest.compare(0, 11, "rendez-vous") == 0 || rest.compare(0, 11, "rendez vous") == 0)
                    used = 11;
                else if (rest.compare(0, 3, "rdv") == 0)
                    used = 3;
                const std::size_t after = j + 1 + used;
                if (used && (after >= n || !is_alpha(s[after]))) {
                    to = "\"Sur rendez-vous\"";
                    next = after;
                }
            } else if (lower == "jours" && j < n && s[j] == ' ') {
                const std::string rest = lower_word(s.substr(j + 1, std::min<std::size_t>(8, n - j - 1)));
                const std::size_t after = j + 1 + 8;  // "fériés" is 8 bytes
                if (rest == "f\xC3\xA9ri\xC3\xA9s" && (after >= n || !is_alpha(s[after]))) {
                    to = "PH";
                    next = after;
                }
            } else {
                for (const Correction& k : kWords)
                    if (lower == k.from) to = k.to;
            }
            if (!to.empty()) {
                note("\"" + std::string(s.substr(i, next - i)) + "\" read as \"" + std::string(to) + "\"");
                out += ' ';
                out.append(to);
                out += ' ';
            } else {
                out.append(word);
            }
            // "Lun.", "Mo.": the dot after a day is dropped
            if (next < n && s[next] == '.' && (!to.empty() || is_english_day(lower)) && next + 1 < n &&
                !is_digit(s[next + 1])) {
                note("\".\" after a day dropped");
                ++next;
            }
            i = next;
            continue;
        }
        if (cp == 0x2013 || cp == 0x2014) {
            out += '-';
            note("dash read as \"-\"");
            i += len;
            continue;
        }
        if (c == '&') {
            out += ',';
            note("\"&\" read as \",\"");
            ++i;
            continue;
        }
        if (is_open_quote(cp) && i >= no_close_before) {
            // A comment between typographic quotes: « sur rendez-vous », “sur rendez-vous”
            std::size_t j = i + len;
            bool closed = false;
            while (j < n) {
                std::size_t l = 1;
                const char32_t q = code_point(s, j, l);
                if (q == ';' || q == '|' || q == 0x201D || q == 0x00BB || q == 0x2019 || q == '"' ||
                    q == '\'' || q == 0x201C || q == 0x2018) {
                    closed = is_close_quote(q);
                    if (closed) {
                        out += '"';
                        out.append(s.substr(i + len, j - i - len));
                        out += '"';
                        note("quotes read as \"");
                        i = j + l;
                    }
                    break;
                }
                j += l;
            }
            if (!closed) {
                no_close_before = j;  // every quote up to j would stop at the same place
                out.append(s.substr(i, len));
                i += len;
            }
            continue;
        }
        out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

// ---- Parser -----------------------------------------------------------------------------------------

class Parser {
  public:
    Parser(const std::vector<Token>& tokens, std::vector<Rule>& rules, std::vector<std::string>& comments)
        : t_(tokens), rules_(rules), comments_(comments) {}

    void parse() {
        std::size_t at = 0;
        bool fallback = false;
        while (true) {
            std::size_t end = at;
            while (t_[end].kind != Tok::End && t_[end].kind != Tok::Semicolon &&
                   t_[end].kind != Tok::Fallback)
                ++end;
            if (end == at) {
                if (t_[end].kind == Tok::Fallback) fail("nothing before the fallback rule", t_[end].pos);
            } else {
                parse_group(at, end, fallback);
            }
            if (t_[end].kind == Tok::End) break;
            fallback = t_[end].kind == Tok::Fallback;
            at = end + 1;
        }
        if (rules_.empty()) fail("empty value", 0);
    }

  private:
    bool is(std::size_t at, Tok k) const { return at < end_ && t_[at].kind == k; }

    void parse_group(std::size_t at, std::size_t end, bool fallback) {
        end_ = end;
        bool additional = false;
        while (at < end) {
            Rule rule;
            rule.fallback = fallback;
            rule.additional = additional;
            at = parse_rule(at, rule);
            finish_rule(rule);
            additional = true;
        }
    }

    void finish_rule(Rule& rule) {
        std::vector<detail::TimeRange> wrap;
        for (const auto& r : rule.times)
            if (r.to > 1440) wrap.push_back({0, static_cast<std::int16_t>(r.to - 1440), r.open_end});
        rules_.push_back(rule);
        if (!wrap.empty()) {
            Rule w = rule;
            w.times = std::move(wrap);
            w.wrapped = true;
            w.additional = false;
            w.fallback = false;
            rules_.push_back(std::move(w));
        }
    }

    // Parses selectors of one rule; returns the position after it (after an "additional rule" comma).
    std::size_t parse_rule(std::size_t at, Rule& rule) {
        const std::size_t start = at;
        bool modifier = false;
        bool last_was_time = false;
        while (at < end_) {
            const Token& tk = t_[at];
            bool time_now = false;
            if (tk.kind == Tok::Weekday) {
                at = parse_weekdays(at, rule);
            } else if (tk.kind == Tok::Always) {
                rule.times.push_back({0, 1440, false});
                ++at;
            } else if (tk.kind == Tok::Holiday) {
                if (is(at + 1, Tok::Comma)) {
                    at = parse_weekdays(at, rule);  // "PH,Mo-Fr": PH is one more weekday
                } else {
                    at = parse_holiday_group(at, rule);
                }
            } else if (tk.kind == Tok::Month) {
                if (is(at + 1, Tok::Number) && !is(at + 2, Tok::Colon)) {
                    at = parse_dates(at, rule, /*month_group=*/false);
                } else {
                    at = parse_months(at, rule);
                }
            } else if (tk.kind == Tok::Week) {
                at = parse_weeks(at, rule);
            } else if (tk.kind == Tok::Colon && at != start && at != end_ - 1 && !last_was_time) {
                ++at;  // readability colon: "Mo-Fr: 09:00-12:00"
            } else if (tk.kind == Tok::Number) {
                const std::size_t next = parse_times(at, rule);
                if (next == kAdditional) return additional_at_;
                at = next;
                time_now = true;
            } else if (tk.kind == Tok::StateWord) {
                rule.meaning = tk.value == 1 ? State::Open : (tk.value == 0 ? State::Closed : State::Unknown);
                modifier = true;
                ++at;
                if (is(at, Tok::Comma)) return at + 1;
            } else if (tk.kind == Tok::Comment) {
                rule.comment = intern(tk.text);
                if (!modifier) rule.meaning = State::Unknown;
                modifier = true;
                ++at;
                if (is(at, Tok::Comma)) return at + 1;
            } else {
                fail("unexpected \"" + std::string(tk.text) + "\"", tk.pos);
            }
            last_was_time = time_now;
        }
        return at;
    }

    std::uint16_t intern(std::string_view text) {
        for (std::size_t i = 0; i < comments_.size(); ++i)
            if (comments_[i] == text) return static_cast<std::uint16_t>(i + 1);
        if (comments_.size() >= 0x7000) fail("too many comments", 0);
        comments_.emplace_back(text);
        return static_cast<std::uint16_t>(comments_.size());
    }

    std::size_t parse_weekdays(std::size_t at, Rule& rule) {
        rule.has_weekday = true;
        while (true) {
            if (is(at, Tok::Holiday)) {
                rule.weekday_ph = true;
                ++at;
                if (is(at, Tok::Plus) || (is(at, Tok::Dash) && is(at + 1, Tok::Number)))
                    fail("holiday offsets are not supported", t_[at].pos);
            } else if (is(at, Tok::Weekday) && is(at + 1, Tok::LBracket)) {
                const int wd = t_[at].value;
                at += 2;
                while (true) {
                    int sign = 1;
                    if (is(at, Tok::Dash)) {
                        sign = -1;
                        ++at;
                    }
                    if (!is(at, Tok::Number)) fail("number expected in [ ]", t_[at].pos);
                    int from = sign * t_[at].value, to = from;
                    ++at;
                    if (sign > 0 && is(at, Tok::Dash) && is(at + 1, Tok::Number)) {
                        to = t_[at + 1].value;
                        at += 2;
                    }
                    if (from == 0 || from < -5 || from > 5 || to < from || to > 5)
                        fail("bad weekday number", t_[at - 1].pos);
                    for (int k = from; k <= to; ++k)
                        if (k != 0)
                            rule.nth.push_back({static_cast<std::uint8_t>(wd), static_cast<std::int8_t>(k)});
                    if (!is(at, Tok::Comma)) break;
                    ++at;
                }
                if (!is(at, Tok::RBracket)) fail("] expected", t_[at].pos);
                ++at;
                if (is(at, Tok::Plus) || (is(at, Tok::Dash) && is(at + 1, Tok::Number)))
                    fail("weekday offsets are not supported", t_[at].pos);
            } else if (is(at, Tok::Weekday)) {
                int from = t_[at].value, to = from;
                if (is(at + 1, Tok::Dash) && is(at + 2, Tok::Weekday)) {
                    to = t_[at + 2].value;
                    at += 3;
                } else {
                    ++at;
                }
                for (int k = from;; k = (k + 1) % 7) {
                    rule.weekday_mask |= static_cast<std::uint8_t>(1u << k);
                    if (k == to) break;
                }
            } else {
                fail("weekday expected", t_[at].pos);
            }
            if (!is(at, Tok::Comma)) break;
            ++at;
        }
        return at;
    }

    // "PH", "PH Mo-Fr": a holiday group, and right after it, possibly weekdays.
    std::size_t parse_holiday_group(std::size_t at, Rule& rule) {
        rule.has_holiday = true;
        ++at;
        if (is(at, Tok::Plus) || (is(at, Tok::Dash) && is(at + 1, Tok::Number)))
            fail("holiday offsets are not supported", t_[at].pos);
        if (is(at, Tok::Weekday)) return parse_weekdays(at, rule);
        return at;
    }

    void check_date(int month, int day, int pos) {
        if (day < 1 || day > days_in_month(2024, month)) fail("no such date", pos);
    }

    // "Dec 24-26", "Jul 14", "Dec 24-Jan 02", "Dec 01-31/2", "Dec 24,31": dates and date ranges.
    std::size_t parse_dates(std::size_t at, Rule& rule, bool month_group) {
        auto& list = month_group ? rule.months : rule.monthdays;
        (month_group ? rule.has_month : rule.has_monthday) = true;
        while (true) {
            if (is(at, Tok::Month) && is(at + 1, Tok::Number) && !is(at + 2, Tok::Colon)) {
                const int month = t_[at].value;
                if (month == 2 && t_[at + 1].value == 29) fail("Feb 29 is not supported", t_[at + 1].pos);
                if (is(at + 2, Tok::Dash) && is(at + 3, Tok::Month) && is(at + 4, Tok::Number)) {
                    // Dec 24-Jan 02
                    detail::DateRange r{static_cast<std::uint8_t>(month),
                                        static_cast<std::uint8_t>(t_[at + 1].value),
                                        static_cast<std::uint8_t>(t_[at + 3].value),
                                        static_cast<std::uint8_t>(t_[at + 4].value), 0};
                    check_date(r.m1, r.d1, t_[at + 1].pos);
                    check_date(r.m2, r.d2, t_[at + 4].pos);
                    if (r.m2 == 2 && r.d2 == 29) fail("Feb 29 is not supported", t_[at + 4].pos);
                    if (is(at + 5, Tok::Slash)) fail("periods over months are not supported", t_[at + 5].pos);
                    list.push_back(r);
                    at += 5;
                } else {
                    while (true) {
                        const int from = t_[at + 1].value;
                        int to = from;
                        std::size_t next = at + 2;
                        std::uint8_t period = 0;
                        if (is(next, Tok::Dash) && is(next + 1, Tok::Number)) {
                            to = t_[next + 1].value;
                            next += 2;
                            if (is(next, Tok::Slash) && is(next + 1, Tok::Number)) {
                                period = static_cast<std::uint8_t>(t_[next + 1].value);
                                if (period < 2) fail("period must be at least 2", t_[next + 1].pos);
                                next += 2;
                            }
                        }
                        if (to < from) fail("reversed date range", t_[at + 1].pos);
                        check_date(month, from, t_[at + 1].pos);
                        check_date(month, to, t_[at + 1].pos);
                        if (month == 2 && to == 29) fail("Feb 29 is not supported", t_[at + 1].pos);
                        list.push_back({static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(from),
                                        static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(to),
                                        period});
                        at = next;
                        // "Dec 24,31": more days of the same month; `at` stays on the comma, t_[at + 1] is
                        // the day
                        if (is(at, Tok::Comma) && is(at + 1, Tok::Number) && !is(at + 2, Tok::Colon))
                            continue;
                        break;
                    }
                }
            } else if (is(at, Tok::Month)) {
                at = parse_one_month(at, list);
            } else {
                fail("month expected", t_[at].pos);
            }
            if (!is(at, Tok::Comma)) break;
            ++at;
        }
        return at;
    }

    std::size_t parse_one_month(std::size_t at, std::vector<detail::DateRange>& list) {
        const int from = t_[at].value;
        int to = from;
        if (is(at + 1, Tok::Dash) && is(at + 2, Tok::Month)) {
            to = t_[at + 2].value;
            at += 3;
        } else {
            ++at;
        }
        list.push_back({static_cast<std::uint8_t>(from), 1, static_cast<std::uint8_t>(to), 31, 0});
        return at;
    }

    // "Jan-Jun", "Nov-Feb", "Jan,Mar": month ranges (dates may follow in the list).
    std::size_t parse_months(std::size_t at, Rule& rule) {
        rule.has_month = true;
        while (true) {
            if (is(at, Tok::Month) && is(at + 1, Tok::Number) && !is(at + 2, Tok::Colon)) {
                return parse_dates(at, rule, /*month_group=*/true);
            } else if (is(at, Tok::Month)) {
                at = parse_one_month(at, rule.months);
            } else {
                fail("month expected", t_[at].pos);
            }
            if (!is(at, Tok::Comma)) break;
            ++at;
        }
        return at;
    }

    std::size_t parse_weeks(std::size_t at, Rule& rule) {
        rule.has_week = true;
        while (true) {
            if (is(at, Tok::Week)) ++at;
            if (!is(at, Tok::Number)) fail("week number expected", t_[at].pos);
            int from = t_[at].value, to = from, period = 0;
            ++at;
            if (is(at, Tok::Dash) && is(at + 1, Tok::Number)) {
                to = t_[at + 1].value;
                at += 2;
                if (is(at, Tok::Slash) && is(at + 1, Tok::Number)) {
                    period = t_[at + 1].value;
                    if (period < 2 || period > 26) fail("bad week period", t_[at + 1].pos);
                    at += 2;
                }
            }
            if (from > to || from < 1 || to > 53) fail("bad week range", t_[at - 1].pos);
            rule.weeks.push_back({static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(to),
                                  static_cast<std::uint8_t>(period)});
            if (!is(at, Tok::Comma)) break;
            ++at;
        }
        return at;
    }

    static constexpr std::size_t kAdditional = static_cast<std::size_t>(-1);

    // A list of time ranges. Returns kAdditional (and sets additional_at_) when a comma starts a new rule.
    std::size_t parse_times(std::size_t at, Rule& rule) {
        while (true) {
            if (!is(at, Tok::Number)) {
                // a comma followed by something else than a time: an additional rule starts here
                additional_at_ = at;
                return kAdditional;
            }
            int from = 0, to = 0;
            bool open_end = false;
            bool with_minutes = false;
            if (is(at + 1, Tok::Colon) && is(at + 2, Tok::Number)) {
                if (t_[at + 2].value > 59) fail("minutes above 59", t_[at + 2].pos);
                from = t_[at].value * 60 + t_[at + 2].value;
                at += 3;
                with_minutes = true;
            } else if (is(at + 1, Tok::Dash) && is(at + 2, Tok::Number) && !is(at + 3, Tok::Colon)) {
                // "09-12": hours without minutes
                from = t_[at].value * 60;
                to = t_[at + 2].value * 60;
                if (from >= 1440) fail("time outside the day", t_[at].pos);
                if (to < from) to += 1440;
                if (to > 2880) fail("time past two midnights", t_[at + 2].pos);
                at += 3;
                if (is(at, Tok::Plus) || is(at, Tok::Slash)) fail("unsupported time form", t_[at].pos);
                rule.times.push_back({static_cast<std::int16_t>(from), static_cast<std::int16_t>(to), false});
                if (!is(at, Tok::Comma)) return at;
                ++at;
                continue;
            } else {
                fail("time expected", t_[at].pos);
            }
            if (from >= 1440) fail("time outside the day", t_[at - 1].pos);
            bool extended = false;
            if (is(at, Tok::Plus)) {
                open_end = true;
                to = from >= 22 * 60 ? from + 8 * 60 : (from >= 17 * 60 ? from + 10 * 60 : 1440);
                ++at;
            } else if (is(at, Tok::Dash) && is(at + 1, Tok::Number) && is(at + 2, Tok::Colon) &&
                       is(at + 3, Tok::Number)) {
                if (t_[at + 3].value > 59) fail("minutes above 59", t_[at + 3].pos);
                to = t_[at + 1].value * 60 + t_[at + 3].value;
                at += 4;
                if (to < from || (with_minutes && to == from)) to += 1440;
                if (to > 2880) fail("time past two midnights", t_[at - 1].pos);
                if (is(at, Tok::Plus)) {
                    if (to > 1440) fail("open end after a range past midnight is not supported", t_[at].pos);
                    extended = true;
                    ++at;
                }
            } else if (is(at, Tok::Dash) && is(at + 1, Tok::Number)) {
                fail("minutes expected", t_[at + 1].pos);
            } else {
                fail("points in time are not supported", t_[at - 1].pos);
            }
            if (is(at, Tok::Slash)) fail("periods are not supported", t_[at].pos);
            rule.times.push_back({static_cast<std::int16_t>(from), static_cast<std::int16_t>(to), open_end});
            if (extended) {
                const int f2 = to;
                const int t2 = f2 >= 22 * 60 ? f2 + 8 * 60 : (f2 >= 17 * 60 ? f2 + 10 * 60 : 1440);
                rule.times.push_back({static_cast<std::int16_t>(f2), static_cast<std::int16_t>(t2), true});
            }
            if (!is(at, Tok::Comma)) return at;
            ++at;
        }
    }

    const std::vector<Token>& t_;
    std::vector<Rule>& rules_;
    std::vector<std::string>& comments_;
    std::size_t end_ = 0;
    std::size_t additional_at_ = 0;
};

// ---- Day tables ---------------------------------------------------------------------------------------

// Paints [a, b) with (state, comment); with only_closed, only over closed ranges (fallback rules).
void paint(DayTable& t, int a, int b, State s, std::uint16_t c, bool only_closed) {
    if (a >= b) return;
    std::array<Range, DayTable::kCapacity + 4> out;
    int n = 0;
    auto push = [&](int start, int end, State st, std::uint16_t cm) {
        if (start >= end) return;
        if (n > 0 && out[static_cast<std::size_t>(n - 1)].state == st &&
            out[static_cast<std::size_t>(n - 1)].comment == cm) {
            out[static_cast<std::size_t>(n - 1)].end = static_cast<std::int16_t>(end);
            return;
        }
        if (n >= static_cast<int>(out.size())) throw std::length_error("day table full");
        out[static_cast<std::size_t>(n++)] = {static_cast<std::int16_t>(start),
                                              static_cast<std::int16_t>(end), st, cm};
    };
    for (int i = 0; i < t.count; ++i) {
        const Range r = t.ranges[static_cast<std::size_t>(i)];
        if (r.end <= a || r.start >= b || (only_closed && r.state != State::Closed)) {
            push(r.start, r.end, r.state, r.comment);
            continue;
        }
        push(r.start, std::max<int>(r.start, a), r.state, r.comment);
        push(std::max<int>(r.start, a), std::min<int>(r.end, b), s, c);
        push(std::min<int>(r.end, b), r.end, r.state, r.comment);
    }
    if (n > DayTable::kCapacity) throw std::length_error("day table full");
    t.count = static_cast<std::uint8_t>(n);
    std::copy(out.begin(), out.begin() + n, t.ranges.begin());
}

bool in_date_range(const detail::DateRange& r, int month, int day) {
    const int v = month * 100 + day;
    const int f = r.m1 * 100 + r.d1, t = r.m2 * 100 + r.d2;
    if (f <= t) {
        if (v < f || v > t) return false;
        if (r.period && (day - r.d1) % r.period != 0) return false;
        return true;
    }
    return v >= f || v <= t;
}

struct DayFacts {
    DayNumber day;
    LocalDate date;
    int weekday;
    int holiday;  // -1 when none
    int iso_week;
};

DayFacts facts_of(DayNumber day) {
    return {day, date_of(day), weekday_of(day), french_holiday(day), -1};
}

bool nth_matches(const detail::Nth& nth, const DayFacts& f) {
    if (nth.weekday != f.weekday) return false;
    if (nth.n > 0) return (f.date.day - 1) / 7 + 1 == nth.n;
    const int from_end = (days_in_month(f.date.year, f.date.month) - f.date.day) / 7 + 1;
    return -from_end == nth.n;
}

// Whether the rule's date selectors match; `holiday_named` tells whether a PH selector matched
// (opening_hours.js then reports the holiday's name as comment).
bool rule_matches(const Rule& r, DayFacts& f, bool& holiday_named) {
    holiday_named = false;
    if (r.has_holiday) {
        if (f.holiday < 0) return false;
        holiday_named = true;
    }
    if (r.has_month) {
        bool any = false;
        for (const auto& m : r.months) any = any || in_date_range(m, f.date.month, f.date.day);
        if (!any) return false;
    }
    if (r.has_monthday) {
        bool any = false;
        for (const auto& m : r.monthdays) any = any || in_date_range(m, f.date.month, f.date.day);
        if (!any) return false;
    }
    if (r.has_week) {
        if (f.iso_week < 0) f.iso_week = iso_week_of(f.day);
        bool any = false;
        for (const auto& w : r.weeks)
            any = any || (f.iso_week >= w.from && f.iso_week <= w.to &&
                          (!w.period || (f.iso_week - w.from) % w.period == 0));
        if (!any) return false;
    }
    if (r.has_weekday) {
        bool any = (r.weekday_mask >> f.weekday) & 1u;
        if (r.weekday_ph && f.holiday >= 0) {
            any = true;
            holiday_named = true;
        }
        for (const auto& n : r.nth) any = any || nth_matches(n, f);
        if (!any) return false;
    }
    return true;
}

}  // namespace

// ---- OpeningHours -------------------------------------------------------------------------------------

OpeningHours::OpeningHours() = default;
OpeningHours::~OpeningHours() = default;
OpeningHours::OpeningHours(const OpeningHours&) = default;
OpeningHours::OpeningHours(OpeningHours&&) noexcept = default;
OpeningHours& OpeningHours::operator=(const OpeningHours&) = default;
OpeningHours& OpeningHours::operator=(OpeningHours&&) noexcept = default;

OpeningHours OpeningHours::parse(std::string_view text) {
    OpeningHours oh;
    oh.text_ = std::string(text);
    if (oh.read(text)) return oh;
    // Not valid as written: common mistakes corrected, as the reference does with warnings.
    std::vector<std::string> notes;
    const std::string corrected = corrected_text(text, notes);
    if (notes.empty() || corrected == text) return oh;
    OpeningHours second;
    second.text_ = oh.text_;
    if (!second.read(corrected)) return oh;  // keeps the first error: about the text as written
    second.corrections_ = std::move(notes);
    return second;
}

bool OpeningHours::read(std::string_view text) {
    try {
        const std::vector<Token> tokens = tokenize(text);
        Parser parser(tokens, rules_, comments_);
        parser.parse();
        std::size_t ranges = 0;
        bool weekday_only = true;
        for (std::size_t i = 0; i < rules_.size(); ++i) {
            const Rule& r = rules_[i];
            ranges += r.times.size();
            if (r.has_holiday || r.weekday_ph || !r.nth.empty() || r.has_month || r.has_monthday ||
                r.has_week)
                weekday_only = false;
            for (std::size_t k = 0; k < r.times.size(); ++k)
                if (r.times[k].open_end && !r.wrapped && k + 1 != r.times.size() &&
                    r.times[k + 1].from < 1440)
                    throw ParseError("open end followed by more time ranges is not supported");
        }
        if (ranges > 28) throw ParseError("too many time ranges");
        understood_ = true;
        weekday_only_ = weekday_only;
        for (const Rule& r : rules_) {
            has_wrapped_ = has_wrapped_ || r.wrapped;
            mentions_holidays_ = mentions_holidays_ || r.has_holiday || r.weekday_ph;
            uses_weeks_ = uses_weeks_ || r.has_week;
        }
        if (weekday_only) {
            DayTable table;
            for (std::size_t w = 0; w < 7; ++w) {
                evaluate_day(4 + static_cast<int>(w), table, false);  // day 4 = Monday 1970-01-05
                weekday_start_[w] = static_cast<std::uint8_t>(weekday_ranges_.size());
                weekday_ranges_.insert(weekday_ranges_.end(), table.ranges.begin(),
                                       table.ranges.begin() + table.count);
            }
            weekday_start_[7] = static_cast<std::uint8_t>(weekday_ranges_.size());
            weekday_ranges_.shrink_to_fit();
            // Every day is then answered from those tables (evaluate_day is only needed around a DST change
            // for a range past midnight): the rules are not kept, most of a place's hours' memory.
            if (!has_wrapped_) rules_ = {};
        }
        rules_.shrink_to_fit();
        comments_.shrink_to_fit();
        return true;
    } catch (const std::exception& e) {
        rules_.clear();
        comments_.clear();
        weekday_ranges_.clear();
        understood_ = false;
        weekday_only_ = false;
        has_wrapped_ = false;
        mentions_holidays_ = false;
        uses_weeks_ = false;
        error_ = e.what();
        return false;
    }
}

namespace {
// Europe/Paris summer time starts on the last Sunday of March and ends on the last Sunday of October.
bool last_sunday_of(DayNumber day, int month) {
    if (weekday_of(day) != 6) return false;
    const LocalDate d = date_of(day);
    return d.month == month && d.day + 7 > days_in_month(d.year, month);
}
}  // namespace

void OpeningHours::evaluate_day(DayNumber day, DayTable& t, bool mirror) const {
    evaluate_rules(day, day - 1, t);
    if (!has_wrapped_ || !mirror) return;
    // The reference evaluates the part of a range past midnight on "the instant minus 24 hours": in the
    // hour after midnight following the spring change that is two days back, and in the last hour of the
    // autumn change day it is that same day. Mirror it there, so that answers agree at every instant.
    int from = -1, alt = 0;
    if (last_sunday_of(day - 1, 3) && midnight_boundary(day)) {
        from = 0;
        alt = day - 2;
    } else if (last_sunday_of(day, 10)) {
        from = 23 * 60;
        alt = day;
    }
    if (from < 0) return;
    DayTable other;
    evaluate_rules(day, alt, other);
    const int to = from + 60;
    for (int i = 0; i < other.count; ++i) {
        const Range& r = other.ranges[static_cast<std::size_t>(i)];
        paint(t, std::max<int>(r.start, from), std::min<int>(r.end, to), r.state, r.comment, false);
    }
}

// The reference's getNextChange and getOpenIntervals go from one selector boundary to the next and ask
// getState there; on the Monday after the spring change, its "minus 24 hours" answer for 00:00–00:59 is
// only met when some rule has a boundary at that midnight: a rule that holds on one of Sunday and Monday
// only ("Su off"), or a Sunday range ending at midnight, or a Monday range starting then. Otherwise the
// reference contradicts itself there (getState "open", no change reported: `Sa 23:00-01:00`) and the day
// is answered as it really is.
bool OpeningHours::midnight_boundary(DayNumber monday) const {
    DayFacts sunday = facts_of(monday - 1), mon = facts_of(monday);
    for (const Rule& r : rules_) {
        if (r.wrapped) continue;
        bool named = false;
        const bool on_sunday = rule_matches(r, sunday, named);
        const bool on_monday = rule_matches(r, mon, named);
        if (on_sunday != on_monday) return true;
        for (const auto& tr : r.times) {
            if (on_sunday && tr.to >= 1440) return true;
            if (on_monday && tr.from == 0) return true;
        }
    }
    return false;
}

void OpeningHours::evaluate_rules(DayNumber day, DayNumber wrapped_day, DayTable& t) const {
    t.count = 1;
    t.ranges[0] = {0, 1440, State::Closed, 0};
    if (rules_.empty()) return;

    DayFacts today = facts_of(day);
    DayFacts yesterday{};
    bool have_yesterday = false;

    std::array<std::uint16_t, 64> matching_small;
    std::vector<std::uint16_t> matching_big;
    std::uint16_t* matching = matching_small.data();
    if (rules_.size() > matching_small.size()) {
        matching_big.resize(rules_.size());
        matching = matching_big.data();
    }
    std::size_t count = 0;
    int ph_rule = -1;
    int ph_index = -1;

    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const Rule& r = rules_[i];
        DayFacts* f = &today;
        if (r.wrapped) {
            if (!have_yesterday) {
                yesterday = facts_of(wrapped_day);
                have_yesterday = true;
            }
            f = &yesterday;
        }
        bool named = false;
        const bool match = rule_matches(r, *f, named);
        if (named && !r.wrapped) {  // the part past midnight of a holiday's range is not named
            ph_rule = static_cast<int>(i);
            ph_index = f->holiday;
        }
        if (!match) continue;
        const bool has_date = r.has_date();
        if ((has_date || (i > 0 && r.meaning == State::Open && !rules_[i - 1].has_date())) &&
            (r.meaning != State::Closed) && !r.wrapped && !r.additional && !r.fallback) {
            count = 0;
        }
        matching[count++] = static_cast<std::uint16_t>(i);
    }

    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = matching[k];
        const Rule& r = rules_[i];
        std::uint16_t base_comment = r.comment;
        if (!base_comment && static_cast<int>(i) == ph_rule && ph_index >= 0)
            base_comment = static_cast<std::uint16_t>(kHolidayCommentBase + ph_index);
        if (r.times.empty()) {
            paint(t, 0, 1440, r.meaning, base_comment, r.fallback);
            continue;
        }
        for (const auto& tr : r.times) {
            State s = r.meaning;
            std::uint16_t c = base_comment;
            if (tr.open_end && s != State::Closed) {
                s = State::Unknown;
                if (!r.comment) c = kOpenEndComment;
            }
            paint(t, tr.from, std::min<int>(tr.to, 1440), s, c, r.fallback);
        }
    }
}

void OpeningHours::weekday_table(DayNumber day, DayTable& out) const {
    const auto w = static_cast<std::size_t>(weekday_of(day));
    out.count = static_cast<std::uint8_t>(weekday_start_[w + 1] - weekday_start_[w]);
    std::copy_n(weekday_ranges_.begin() + weekday_start_[w], out.count, out.ranges.begin());
}

void OpeningHours::day_table(DayNumber day, DayTable& out) const {
    if (weekday_only_ && !(has_wrapped_ && (last_sunday_of(day - 1, 3) || last_sunday_of(day, 10)))) {
        weekday_table(day, out);
        return;
    }
    evaluate_day(day, out, true);
}

void OpeningHours::real_day_table(DayNumber day, DayTable& out) const {
    if (weekday_only_) {
        weekday_table(day, out);
        return;
    }
    evaluate_day(day, out, false);
}

namespace {
const Range& range_at(const Range* ranges, int count, int minute) {
    for (int i = 0; i + 1 < count; ++i)
        if (minute < ranges[i].end) return ranges[i];
    return ranges[count - 1];
}
}  // namespace

Status OpeningHours::status_at(const LocalDateTime& t) const {
    if (!understood_) return {};
    const DayNumber day = day_number(t.year, t.month, t.day);
    const int minute = t.hour * 60 + t.minute;
    if (weekday_only_ && !(has_wrapped_ && (last_sunday_of(day - 1, 3) || last_sunday_of(day, 10)))) {
        const auto w = static_cast<std::size_t>(weekday_of(day));
        const Range& r = range_at(weekday_ranges_.data() + weekday_start_[w],
                                  weekday_start_[w + 1] - weekday_start_[w], minute);
        return {r.state, comment_text(r.comment), r.comment};
    }
    DayTable table;
    evaluate_day(day, table, true);
    const Range& r = range_at(table.ranges.data(), table.count, minute);
    return {r.state, comment_text(r.comment), r.comment};
}

namespace {
// A wall-clock time in the hour that the spring change skips (02:00–02:59 on the last Sunday of March) is,
// for the reference's Date arithmetic, the same time an hour later.
LocalMinutes past_spring_gap(LocalMinutes m) {
    const auto day = static_cast<DayNumber>(m / 1440);
    const LocalMinutes minute = m - LocalMinutes(day) * 1440;
    if (minute >= 120 && minute < 180 && last_sunday_of(day, 3)) return m + 60;
    return m;
}
}  // namespace

std::optional<LocalDateTime> OpeningHours::next_change(const LocalDateTime& t, int max_days) const {
    if (!understood_) return std::nullopt;
    const DayNumber day0 = day_number(t.year, t.month, t.day);
    const LocalMinutes start = LocalMinutes(day0) * 1440 + t.hour * 60 + t.minute;
    const LocalMinutes limit = start + LocalMinutes(max_days) * 1440;
    DayTable table;
    day_table(day0, table);
    const State s0 = range_at(table.ranges.data(), table.count, t.hour * 60 + t.minute).state;
    for (DayNumber d = day0; LocalMinutes(d) * 1440 < limit; ++d) {
        if (d != day0) day_table(d, table);
        for (int i = 0; i < table.count; ++i) {
            const Range& r = table.ranges[static_cast<std::size_t>(i)];
            const LocalMinutes at = past_spring_gap(LocalMinutes(d) * 1440 + r.start);
            if (at <= start || r.state == s0) continue;
            if (at >= limit) return std::nullopt;
            return from_local_minutes(at);
        }
    }
    return std::nullopt;
}

std::optional<LocalDateTime> OpeningHours::next_opening(const LocalDateTime& t, int max_days) const {
    if (!understood_) return std::nullopt;
    const DayNumber day0 = day_number(t.year, t.month, t.day);
    const LocalMinutes start = LocalMinutes(day0) * 1440 + t.hour * 60 + t.minute;
    const LocalMinutes limit = start + LocalMinutes(max_days) * 1440;
    DayTable table;
    for (DayNumber d = day0; LocalMinutes(d) * 1440 < limit; ++d) {
        day_table(d, table);
        for (int i = 0; i < table.count; ++i) {
            const Range& r = table.ranges[static_cast<std::size_t>(i)];
            if (r.state != State::Open) continue;
            const LocalMinutes end = LocalMinutes(d) * 1440 + r.end;
            if (end <= start) continue;
            const LocalMinutes at = past_spring_gap(std::max(start, LocalMinutes(d) * 1440 + r.start));
            if (at >= limit) return std::nullopt;
            return from_local_minutes(at);
        }
    }
    return std::nullopt;
}

std::vector<Interval> OpeningHours::intervals(const LocalDateTime& from, const LocalDateTime& to) const {
    std::vector<Interval> out;
    if (!understood_) return out;
    const LocalMinutes a = to_local_minutes(from), b = to_local_minutes(to);
    if (b <= a) return out;
    const DayNumber d0 = day_number(from.year, from.month, from.day);
    const DayNumber d1 = day_number(to.year, to.month, to.day);
    DayTable table;
    bool have = false;
    LocalMinutes cur_from = 0, cur_to = 0;
    State cur_state = State::Closed;
    std::uint16_t cur_comment = 0;
    auto flush = [&] {
        if (have && cur_state != State::Closed)
            out.push_back({from_local_minutes(past_spring_gap(cur_from)),
                           from_local_minutes(past_spring_gap(cur_to)), cur_state == State::Unknown,
                           std::string(comment_text(cur_comment))});
    };
    for (DayNumber d = d0; d <= d1; ++d) {
        if (d == d0)
            day_table(d, table);
        else
            real_day_table(d, table);
        for (int i = 0; i < table.count; ++i) {
            const Range& r = table.ranges[static_cast<std::size_t>(i)];
            const LocalMinutes s = std::max(a, LocalMinutes(d) * 1440 + r.start);
            const LocalMinutes e = std::min(b, LocalMinutes(d) * 1440 + r.end);
            if (s >= e) continue;
            if (have && r.state == cur_state && r.comment == cur_comment && s == cur_to) {
                cur_to = e;
                continue;
            }
            flush();
            have = true;
            cur_from = s;
            cur_to = e;
            cur_state = r.state;
            cur_comment = r.comment;
        }
    }
    flush();
    return out;
}

DaySchedule OpeningHours::day(const LocalDate& d) const {
    DaySchedule out;
    out.date = d;
    const DayNumber n = day_number(d);
    out.weekday = weekday_of(n);
    if (!understood_) return out;
    DayTable table;
    real_day_table(n, table);
    for (int i = 0; i < table.count; ++i)
        if (table.ranges[static_cast<std::size_t>(i)].state != State::Closed)
            out.ranges.push_back(table.ranges[static_cast<std::size_t>(i)]);
    return out;
}

WeekSchedule OpeningHours::week(const LocalDate& any_day) const {
    WeekSchedule w;
    const DayNumber n = day_number(any_day);
    const DayNumber monday = n - weekday_of(n);
    for (int i = 0; i < 7; ++i) w.days[static_cast<std::size_t>(i)] = day(date_of(monday + i));
    return w;
}

std::string_view OpeningHours::comment_text(std::uint16_t id) const {
    if (id == 0) return {};
    if (id == kOpenEndComment) return "Specified as open end. Closing time was guessed.";
    if (id >= kHolidayCommentBase) return french_holiday_name(id - kHolidayCommentBase);
    if (id <= comments_.size()) return comments_[id - 1u];
    return {};
}

bool holiday_unsaid(const OpeningHours& hours, const LocalDate& day) {
    return hours.understood() && !hours.mentions_holidays() && french_holiday(day_number(day)) >= 0;
}

Status citizen_status(const OpeningHours& hours, const LocalDateTime& t) {
    Status st = hours.status_at(t);
    if (st.state == State::Closed || !holiday_unsaid(hours, t.date())) return st;
    const int holiday = french_holiday(day_number(t.date()));
    st.state = State::Unknown;
    st.comment_id = static_cast<std::uint16_t>(OpeningHours::kHolidayCommentBase + holiday);
    st.comment = hours.comment_text(st.comment_id);
    return st;
}

}  // namespace kiosk::hours
