#include "spoken_words.hpp"

#include <functional>
#include <regex>

namespace kiosk::access {

namespace {

const char* const kFrUnits[] = {"zéro",     "un",     "deux",  "trois",    "quatre",   "cinq",    "six",
                                "sept",     "huit",   "neuf",  "dix",      "onze",     "douze",   "treize",
                                "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"};
const char* const kFrTens[] = {"", "", "vingt", "trente", "quarante", "cinquante", "soixante"};

std::string fr_below_100(int n) {
    if (n < 20) return kFrUnits[n];
    int tens = n / 10, unit = n % 10;
    if (tens == 7 || tens == 9) {  // soixante-dix…, quatre-vingt-dix…
        const std::string base = tens == 7 ? "soixante" : "quatre-vingt";
        if (tens == 7 && unit == 1) return "soixante et onze";
        return base + "-" + kFrUnits[10 + unit];
    }
    if (tens == 8) return unit == 0 ? "quatre-vingts" : "quatre-vingt-" + std::string(kFrUnits[unit]);
    std::string s = kFrTens[tens];
    if (unit == 1) return s + " et un";
    if (unit > 0) s += "-" + std::string(kFrUnits[unit]);
    return s;
}

std::string fr_below_1000(int n) {
    const int hundreds = n / 100, rest = n % 100;
    std::string s;
    if (hundreds == 1)
        s = "cent";
    else if (hundreds > 1)
        s = std::string(kFrUnits[hundreds]) + (rest == 0 ? " cents" : " cent");
    if (rest > 0 || hundreds == 0) s += (s.empty() ? "" : " ") + fr_below_100(rest);
    return s;
}

std::string fr_number(long n) {
    if (n < 0) return "moins " + fr_number(-n);
    if (n < 1000) return fr_below_1000(static_cast<int>(n));
    if (n < 1000000) {
        const long thousands = n / 1000, rest = n % 1000;
        std::string s = thousands == 1 ? "mille" : fr_below_1000(static_cast<int>(thousands)) + " mille";
        // "quatre-vingts mille" loses its s, as "deux cents mille": the plural mark only at the end.
        if (s.size() > 12 && s.compare(s.size() - 12, 12, "vingts mille") == 0) s.erase(s.size() - 7, 1);
        if (s.size() > 11 && s.compare(s.size() - 11, 11, "cents mille") == 0) s.erase(s.size() - 7, 1);
        if (rest > 0) s += " " + fr_below_1000(static_cast<int>(rest));
        return s;
    }
    const long millions = n / 1000000, rest = n % 1000000;
    std::string s = fr_number(millions) + (millions == 1 ? " million" : " millions");
    if (rest > 0) s += " " + fr_number(rest);
    return s;
}

const char* const kEnUnits[] = {"zero",    "one",     "two",       "three",    "four",
                                "five",    "six",     "seven",     "eight",    "nine",
                                "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
const char* const kEnTens[] = {"",      "",      "twenty",  "thirty", "forty",
                               "fifty", "sixty", "seventy", "eighty", "ninety"};

std::string en_below_1000(int n) {
    std::string s;
    if (n >= 100) {
        s = std::string(kEnUnits[n / 100]) + " hundred";
        n %= 100;
        if (n == 0) return s;
        s += " and ";
    }
    if (n < 20) return s + kEnUnits[n];
    s += kEnTens[n / 10];
    if (n % 10) s += "-" + std::string(kEnUnits[n % 10]);
    return s;
}

std::string en_number(long n) {
    if (n < 0) return "minus " + en_number(-n);
    if (n < 1000) return en_below_1000(static_cast<int>(n));
    if (n < 1000000) {
        std::string s = en_below_1000(static_cast<int>(n / 1000)) + " thousand";
        if (n % 1000) s += (n % 1000 < 100 ? " and " : " ") + en_below_1000(static_cast<int>(n % 1000));
        return s;
    }
    std::string s = en_number(n / 1000000) + " million";
    if (n % 1000000) s += " " + en_number(n % 1000000);
    return s;
}

bool french(std::string_view language) {
    return language.substr(0, 2) == "fr";
}
bool english(std::string_view language) {
    return language.substr(0, 2) == "en";
}

// Replaces every match of `re` by what `with` makes of it.
std::string replace_all(const std::string& text, const std::regex& re,
                        const std::function<std::string(const std::smatch&)>& with) {
    std::string out;
    auto begin = text.cbegin();
    std::smatch m;
    while (std::regex_search(begin, text.cend(), m, re)) {
        out.append(begin, m[0].first);
        out += with(m);
        begin = m[0].second;
    }
    out.append(begin, text.cend());
    return out;
}

int to_int(const std::ssub_match& s) {
    return s.matched ? std::stoi(s.str()) : 0;
}

// Spaces between a number and its unit: a space, a no-break space or a narrow no-break space.
#define SP "(?: |\xC2\xA0|\xE2\x80\xAF)"
// An en dash, an em dash or a hyphen between two hours.
#define DASH SP "?(?:\xE2\x80\x93|\xE2\x80\x94|-)" SP "?"

std::string fr_time(int h, int m) {
    std::string s;
    if (h == 12 && m == 0) return "midi";
    if ((h == 0 || h == 24) && m == 0) return "minuit";
    s = h == 1                          ? "une heure"
        : fr_number(h) == "vingt et un" ? "vingt et une heures"
                                        : fr_number(h) + " heures";
    if (m > 0) s += " " + fr_number(m);
    return s;
}

std::string en_time(int h, int m) {
    if (h == 12 && m == 0) return "noon";
    if ((h == 0 || h == 24) && m == 0) return "midnight";
    std::string s = en_number(h > 12 ? h - 12 : h);
    if (m == 0) return s + " o'clock";
    return s + " " + (m < 10 ? "oh " + en_number(m) : en_number(m));
}

const char* const kFrMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                 "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
const char* const kEnMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};

std::string digits_or_number(const std::string& digits, std::string_view language) {
    // A leading zero or a long run (a phone number's group, a code): digit by digit.
    if (digits.size() > 1 && (digits[0] == '0' || digits.size() > 7)) {
        std::string s;
        for (char c : digits) {
            if (!s.empty()) s += " ";
            s += number_in_words(c - '0', language);
        }
        return s;
    }
    return number_in_words(std::stol(digits), language);
}

}  // namespace

std::string number_in_words(long n, std::string_view language, bool feminine) {
    if (french(language)) {
        std::string s = fr_number(n);
        if (feminine && (s == "un" || (s.size() > 6 && s.compare(s.size() - 6, 6, " et un") == 0))) s += "e";
        return s;
    }
    if (english(language)) return en_number(n);
    return std::to_string(n);
}

std::string speakable(std::string_view input, std::string_view language) {
    std::string text;
    // Pictograms (private-use characters, 3 bytes in UTF-8: EE-EF xx xx) are not said.
    for (std::size_t i = 0; i < input.size(); ++i) {
        const auto c = static_cast<unsigned char>(input[i]);
        if ((c == 0xEE || c == 0xEF) && i + 2 < input.size() &&
            !(c == 0xEF && static_cast<unsigned char>(input[i + 1]) >= 0xA4)) {
            i += 2;
            continue;
        }
        text += input[i];
    }
    // Separators are pauses.
    text = std::regex_replace(text, std::regex(SP "?(?:\xC2\xB7|\\|)" SP "?"), ", ");
    if (french(language)) {
        static const std::string t = "(\\d{1,2})" SP "h(?:" SP "?(\\d{2}))?(?![A-Za-z0-9])";
        static const std::regex range(t + DASH + t);
        static const std::regex time(t);
        static const std::regex date("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b");
        static const std::regex km("(\\d+)(?:,(\\d+))?" SP "km\\b");
        static const std::regex metres("(\\d+)" SP "m(?![A-Za-z0-9\xC3])");
        static const std::regex minutes("(\\d+)" SP "min\\b");
        static const std::regex euros("(\\d+)(?:,(\\d{2}))?" SP "?\xE2\x82\xAC");
        text = replace_all(text, range, [](const std::smatch& m) {
            return "de " + fr_time(to_int(m[1]), to_int(m[2])) + " à " + fr_time(to_int(m[3]), to_int(m[4]));
        });
        text =
            replace_all(text, time, [](const std::smatch& m) { return fr_time(to_int(m[1]), to_int(m[2])); });
        text = replace_all(text, date, [](const std::smatch& m) {
            const int month = to_int(m[2]);
            if (month < 1 || month > 12) return m[0].str();
            const int day = to_int(m[1]);
            return (day == 1 ? std::string("premier") : fr_number(day)) + " " + kFrMonths[month - 1] + " " +
                   fr_number(to_int(m[3]));
        });
        text = replace_all(text, km, [](const std::smatch& m) {
            std::string s = fr_number(to_int(m[1]));
            if (m[2].matched) s += " virgule " + digits_or_number(m[2].str(), "fr");
            return s + (to_int(m[1]) >= 2 || m[2].matched ? " kilomètres" : " kilomètre");
        });
        text = replace_all(text, metres, [](const std::smatch& m) {
            return fr_number(to_int(m[1])) + (to_int(m[1]) >= 2 ? " mètres" : " mètre");
        });
        text = replace_all(text, minutes, [](const std::smatch& m) {
            return number_in_words(to_int(m[1]), "fr", true) + (to_int(m[1]) >= 2 ? " minutes" : " minute");
        });
        text = replace_all(text, euros, [](const std::smatch& m) {
            std::string s = fr_number(to_int(m[1])) + (to_int(m[1]) >= 2 ? " euros" : " euro");
            if (m[2].matched && to_int(m[2]) > 0) s += " " + fr_number(to_int(m[2]));
            return s;
        });
    } else if (english(language)) {
        static const std::string t = "(\\d{1,2}):(\\d{2})";
        static const std::regex range(t + DASH + t);
        static const std::regex time(t);
        static const std::regex km("(\\d+)(?:\\.(\\d+))?" SP "km\\b");
        static const std::regex metres("(\\d+)" SP "m(?![A-Za-z0-9])");
        static const std::regex minutes("(\\d+)" SP "min\\b");
        static const std::regex date("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b");
        text = replace_all(text, range, [](const std::smatch& m) {
            return "from " + en_time(to_int(m[1]), to_int(m[2])) + " to " +
                   en_time(to_int(m[3]), to_int(m[4]));
        });
        text =
            replace_all(text, time, [](const std::smatch& m) { return en_time(to_int(m[1]), to_int(m[2])); });
        text = replace_all(text, date, [](const std::smatch& m) {
            const int month = to_int(m[2]);
            if (month < 1 || month > 12) return m[0].str();
            return en_number(to_int(m[1])) + " " + kEnMonths[month - 1] + " " + en_number(to_int(m[3]));
        });
        text = replace_all(text, km, [](const std::smatch& m) {
            std::string s = en_number(to_int(m[1]));
            if (m[2].matched) s += " point " + digits_or_number(m[2].str(), "en");
            return s + " kilometres";
        });
        text = replace_all(text, metres,
                           [](const std::smatch& m) { return en_number(to_int(m[1])) + " metres"; });
        text = replace_all(text, minutes,
                           [](const std::smatch& m) { return en_number(to_int(m[1])) + " minutes"; });
    }
    if (french(language) || english(language)) {
        static const std::regex number("\\d+");
        const std::string lang(language);
        text = replace_all(text, number,
                           [&lang](const std::smatch& m) { return digits_or_number(m[0].str(), lang); });
    }
    return text;
}

std::vector<Phrase> read_screen(const std::vector<ScreenItem>& items, const Translator& t) {
    std::size_t first = 0;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].modal) first = i;
    const std::string& language = t.language();
    std::vector<Phrase> headings, words, actions, bar_words, bar_actions;
    for (std::size_t i = first; i < items.size(); ++i) {
        const ScreenItem& it = items[i];
        if (it.text.empty() || it.visible().empty()) continue;
        std::string said = speakable(it.text, language);
        for (char& c : said)
            if (c == '\n') c = ',';
        switch (it.role) {
            case Role::Heading:
                (it.in_bar ? bar_words : headings).push_back({it.id, said});
                break;
            case Role::Text:
                (it.in_bar ? bar_words : words).push_back({it.id, said});
                break;
            case Role::Button:
            case Role::Input: {
                std::string s = format(t.tr("access.speech.button"), {{"label", said}});
                if (it.selected) s += ", " + t.tr("access.speech.selected");
                (it.in_bar ? bar_actions : actions).push_back({it.id, s});
                break;
            }
            case Role::Image:
            case Role::List:
                break;
        }
    }
    std::vector<Phrase> out;
    for (auto* part : {&headings, &words, &actions, &bar_words, &bar_actions})
        out.insert(out.end(), part->begin(), part->end());
    return out;
}

std::string join(const std::vector<Phrase>& phrases) {
    std::string s;
    for (const Phrase& p : phrases) {
        if (!s.empty()) s += "\n";
        s += p.words;
        // A pause after each: a full stop unless it ends with a mark of its own.
        if (!p.words.empty() && std::string_view(".?!:").find(p.words.back()) == std::string_view::npos)
            s += ".";
    }
    return s;
}

}  // namespace kiosk::access
