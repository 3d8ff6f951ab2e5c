#include "kiosk/core/places/repair.hpp"

#include "kiosk/core/utf8.hpp"

#include <array>
#include <cstdint>

namespace kiosk::places {

namespace {

// Overseas numbers keep their own country code: the national number's first digits tell which.
struct Overseas {
    const char* national;  // the national prefix, leading 0 included
    const char* country;   // the country code written before the number without its leading 0
};
constexpr std::array<Overseas, 15> kOverseas = {{
    {"0590", "+590"},
    {"0690", "+590"},
    {"0691", "+590"},  // Guadeloupe, Saint-Martin…
    {"0594", "+594"},
    {"0694", "+594"},  // Guyane
    {"0596", "+596"},
    {"0696", "+596"},
    {"0697", "+596"},  // Martinique
    {"0262", "+262"},
    {"0263", "+262"},
    {"0692", "+262"},
    {"0693", "+262"},  // La Réunion
    {"0269", "+262"},
    {"0639", "+262"},  // Mayotte
    {"0508", "+508"},  // Saint-Pierre-et-Miquelon
}};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// One number: digits and a leading '+' kept, "(0)" dropped, separators removed. Empty when other characters
// are found.
std::string compact(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            out += c;
        } else if (c == '+' && out.empty()) {
            out += c;
        } else if (c == '(' && i + 2 < text.size() && text[i + 1] == '0' && text[i + 2] == ')') {
            i += 2;  // "+33 (0)4 …"
        } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '\t') {
            continue;
        } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ++i;  // a non-breaking space
        } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xAF ||
                    static_cast<unsigned char>(text[i + 2]) == 0x89)) {
            i += 2;  // a narrow no-break or thin space
        } else {
            return {};
        }
    }
    return out;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!is_digit(c)) return false;
    return !s.empty();
}

}  // namespace

std::optional<std::string> normalise_phone(std::string_view text) {
    // Several numbers: the first one ("04 77 … / 06 …", "04 77 … ou 06 …").
    for (std::string_view cut : {"/", ";", ",", " ou ", " - ", "|"}) {
        const std::size_t at = text.find(cut);
        if (at != std::string_view::npos && at > 0) text = text.substr(0, at);
    }
    std::string n = compact(text);
    if (n.empty()) return std::nullopt;
    if (n.rfind("00", 0) == 0) n = "+" + n.substr(2);
    if (n.front() == '+') {
        if (!all_digits(std::string_view(n).substr(1))) return std::nullopt;
        if (n.rfind("+330", 0) == 0) n.erase(3, 1);  // "+33 04 …"
        for (const char* code :
             {"+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681"}) {
            const std::string_view c(code);
            if (n.rfind(c, 0) == 0) {
                const std::size_t rest = n.size() - c.size();
                if (rest >= 6 && rest <= 9) return n;
            }
        }
        return std::nullopt;
    }
    if (!all_digits(n)) return std::nullopt;
    if (n.size() == 9 && n.front() != '0') n = "0" + n;  // the leading zero a spreadsheet dropped
    if (n.size() != 10 || n.front() != '0' || n[1] == '0') return std::nullopt;
    for (const Overseas& o : kOverseas) {
        if (n.rfind(o.national, 0) == 0) {
            if (std::string_view(o.country) == "+508") return std::string(o.country) + n.substr(4);
            return std::string(o.country) + n.substr(1);
        }
    }
    return "+33" + n.substr(1);
}

std::string windows1252_to_utf8(std::string_view text) {
    // 0x80–0x9F in Windows-1252; 0 where the code page has no character (then U+FFFD).
    static constexpr std::array<std::uint16_t, 32> k80 = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        std::uint32_t cp = c;
        if (c >= 0x80 && c <= 0x9F) cp = k80[c - 0x80] ? k80[c - 0x80] : 0xFFFD;
        append_utf8(cp, out);  // Windows-1252 stays within the Basic Multilingual Plane
    }
    return out;
}

std::string fold_text(std::string_view text) {
    // Two-byte UTF-8 letters of Latin-1 (C3 80 – C3 BF) and œ/Œ (C5 93 / C5 92), folded.
    static constexpr const char* kC3[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "x", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "/", "o", "u", "u", "u", "u", "y", "th", "y"};
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::string_view piece;
        char one = 0;
        if (c == 0xC3 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0xBF) {
            piece = kC3[static_cast<unsigned char>(text[++i]) - 0x80];
        } else if (c == 0xC5 && i + 1 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) == 0x92 ||
                    static_cast<unsigned char>(text[i + 1]) == 0x93)) {
            ++i;
            piece = "oe";
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        } else if (c >= 'A' && c <= 'Z') {
            one = static_cast<char>(c - 'A' + 'a');
        } else {
            one = static_cast<char>(c);
        }
        if (space) out += ' ';
        space = false;
        if (one)
            out += one;
        else
            out.append(piece);
    }
    return out;
}

std::vector<std::string> enumeration_values(std::string_view pattern) {
    constexpr std::string_view head = "(?:(?:^|\\|)(", tail = "))+$";
    if (pattern.size() < head.size() + tail.size() || pattern.substr(0, head.size()) != head ||
        pattern.substr(pattern.size() - tail.size()) != tail)
        return {};
    const std::string_view inner = pattern.substr(head.size(), pattern.size() - head.size() - tail.size());
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < inner.size(); ++i) {
        const char c = inner[i];
        if (c == '\\' && i + 1 < inner.size()) {
            out.back() += inner[++i];  // "\(" is "("
        } else if (c == '|') {
            out.emplace_back();
        } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '*' || c == '+' || c == '?' ||
                   c == '^' || c == '$' || c == '{' || c == '}') {
            return {};  // not a plain list of values ('.' is taken as written: "ORDI 3.0")
        } else {
            out.back() += c;
        }
    }
    return out;
}

std::string mend_enumeration(std::string_view value, const std::vector<std::string>& allowed,
                             std::vector<std::string>& dropped) {
    std::string out;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t end = value.find('|', start);
        if (end == std::string_view::npos) end = value.size();
        std::string_view item = value.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        start = end + 1;
        if (item.empty()) continue;
        const std::string* found = nullptr;
        for (const std::string& a : allowed)
            if (a == item) found = &a;
        if (!found) {
            const std::string folded = fold_text(item);
            for (const std::string& a : allowed)
                if (fold_text(a) == folded) found = &a;
        }
        if (!found) {
            dropped.emplace_back(item);
            continue;
        }
        if (out.find(*found) != std::string::npos) continue;  // given twice
        if (!out.empty()) out += '|';
        out += *found;
    }
    return out;
}

char detect_separator(std::string_view first_line) {
    const bool has_semicolon = first_line.find(';') != std::string_view::npos;
    const bool has_comma = first_line.find(',') != std::string_view::npos;
    if (!has_semicolon || has_comma) return ',';
    // The standard's first columns, separated by ';'.
    return first_line.find("id;") != std::string_view::npos ||
                   first_line.find("nom") != std::string_view::npos
               ? ';'
               : ',';
}

}  // namespace kiosk::places
