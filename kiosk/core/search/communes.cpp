#include "kiosk/core/search/communes.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace kiosk::search {
namespace {

// U+00C0 … U+00FF; "" = a separator.
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0–CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0–DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0–EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0–FF
};

struct Range {
    char32_t first, last;
    const char* ascii;
};
// Latin Extended-A, U+0100 … U+017F.
constexpr Range kExtendedA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},  {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"},
    {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},  {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"},  {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

bool is_separator_cp(char32_t cp) {
    return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || cp == 0x2BC ||
           (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D ||
           cp == 0x2026 || cp == 0x202F;
}

// Folds `s`; `trailing` tells whether it ended with a separator after some text.
std::string fold_impl(std::string_view s, bool* trailing) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    auto put = [&](std::string_view text) {
        if (text.empty()) {
            pending_space = !out.empty();
            return;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += text;
    };
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            const char c = static_cast<char>(b);
            if (c >= 'A' && c <= 'Z') {
                const char l = static_cast<char>(c - 'A' + 'a');
                put(std::string_view(&l, 1));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                put(std::string_view(&s[i], 1));
            } else {
                put({});
            }
            ++i;
            continue;
        }
        std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (std::size_t j = 1; j < len; ++j) {
            const unsigned char cb = static_cast<unsigned char>(s[i + j]);
            if ((cb & 0xC0) != 0x80) {
                len = 1;
                break;
            }
            cp = (cp << 6) | (cb & 0x3F);
        }
        if (len == 1) {  // not UTF-8: kept as it is
            put(s.substr(i, 1));
            ++i;
            continue;
        }
        if (is_separator_cp(cp)) {
            put({});
        } else if (cp >= 0xC0 && cp <= 0xFF) {
            put(kLatin1[cp - 0xC0]);
        } else if (cp >= 0x100 && cp <= 0x17F) {
            for (const Range& r : kExtendedA)
                if (cp >= r.first && cp <= r.last) put(r.ascii);
        } else {
            put(s.substr(i, len));
        }
        i += len;
    }
    if (trailing) *trailing = pending_space;
    return out;
}

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find(' ', start);
        if (end == std::string_view::npos) end = s.size();
        words.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

std::string_view spelled_out(std::string_view word) {
    if (word == "st") return "saint";
    if (word == "ste") return "sainte";
    return word;
}

bool small_word(std::string_view w) {
    static constexpr std::string_view kSmall[] = {"a",  "au", "aux", "d",  "de",  "des", "du",   "en",
                                                  "et", "l",  "la",  "le", "les", "lez", "sous", "sur"};
    return std::find(std::begin(kSmall), std::end(kSmall), w) != std::end(kSmall);
}

bool all_digits(std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The folded name with "st" and "ste" spelled out.
std::string name_key(std::string_view name) {
    std::string key;
    const std::string folded = fold_impl(name, nullptr);
    for (std::string_view w : split(folded)) {
        if (!key.empty()) key += ' ';
        key += spelled_out(w);
    }
    return key;
}

}  // namespace

std::string fold(std::string_view utf8) {
    return fold_impl(utf8, nullptr);
}

std::string Suggestion::label() const {
    if (!commune) return {};
    return commune->name + " (" + commune->department + ")";
}

CommuneIndex::CommuneIndex(std::vector<places::Commune> communes) : communes_(std::move(communes)) {
    const std::size_t n = communes_.size();
    names_.reserve(n);
    for (const places::Commune& c : communes_) names_.push_back(name_key(c.name));

    // Rank of each commune by population, then name: ties within a match group are broken by it.
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const places::Commune &ca = communes_[a], &cb = communes_[b];
        if (ca.population != cb.population) return ca.population > cb.population;
        if (names_[a] != names_[b]) return names_[a] < names_[b];
        return ca.insee < cb.insee;
    });
    rank_.resize(n);
    for (std::uint32_t r = 0; r < n; ++r) rank_[order[r]] = r;

    homonym_.assign(n, false);
    std::vector<std::uint32_t> by_name(order);
    std::stable_sort(by_name.begin(), by_name.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return names_[a] < names_[b]; });
    for (std::size_t i = 1; i < n; ++i)
        if (names_[by_name[i]] == names_[by_name[i - 1]])
            homonym_[by_name[i]] = homonym_[by_name[i - 1]] = true;

    for (std::uint32_t c = 0; c < n; ++c) {
        const std::string& key = names_[c];
        if (key.empty()) continue;
        entries_.push_back({c, 0});
        for (std::size_t i = key.find(' '); i != std::string::npos; i = key.find(' ', i + 1)) {
            const std::size_t start = i + 1;
            const std::size_t end = std::min(key.find(' ', start), key.size());
            if (!small_word(std::string_view(key).substr(start, end - start)))
                entries_.push_back({c, static_cast<std::uint32_t>(start)});
        }
        for (const std::string& code : communes_[c].postal_codes) postal_.push_back({code, c});
    }
    std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
        const std::string_view ka = key(a), kb = key(b);
        return ka != kb ? ka < kb : a.commune < b.commune;
    });
    std::sort(postal_.begin(), postal_.end(), [](const PostalEntry& a, const PostalEntry& b) {
        return a.code != b.code ? a.code < b.code : a.commune < b.commune;
    });
}

namespace {

// The best candidates so far, sorted, one per commune.
struct TopList {
    struct Candidate {
        std::uint32_t commune;
        std::uint8_t tier;
        std::uint32_t rank;
        std::string_view code;
        Suggestion::Match match;
        bool before(const Candidate& o) const { return tier != o.tier ? tier < o.tier : rank < o.rank; }
    };
    std::vector<Candidate> items;
    std::size_t cap;

    void offer(const Candidate& c) {
        if (items.size() == cap && !c.before(items.back())) return;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].commune == c.commune) {
                if (!c.before(items[i])) return;
                items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
                break;
            }
        auto at = std::upper_bound(items.begin(), items.end(), c,
                                   [](const Candidate& a, const Candidate& b) { return a.before(b); });
        items.insert(at, c);
        if (items.size() > cap) items.pop_back();
    }
};

}  // namespace

std::size_t CommuneIndex::suggest(std::string_view typed, std::span<Suggestion> out) const {
    if (out.empty() || communes_.empty()) return 0;
    bool complete = false;
    const std::string folded = fold_impl(typed, &complete);
    std::vector<std::string_view> words = split(folded);
    if (words.empty()) return 0;
    TopList top{{}, out.size()};
    top.items.reserve(out.size() + 1);

    auto first_code = [&](std::uint32_t c, std::string_view prefix) -> std::string_view {
        for (const std::string& code : communes_[c].postal_codes)
            if (code.starts_with(prefix)) return code;
        return {};
    };

    if (std::all_of(words.begin(), words.end(), all_digits)) {
        // A postal code, maybe typed with spaces ("42 000").
        std::string code;
        for (std::string_view w : words) code += w;
        auto it = std::lower_bound(postal_.begin(), postal_.end(), code,
                                   [](const PostalEntry& e, const std::string& v) { return e.code < v; });
        for (; it != postal_.end() && it->code.starts_with(code); ++it)
            top.offer({it->commune, static_cast<std::uint8_t>(it->code.size() == code.size() ? 0 : 1),
                       rank_[it->commune], it->code, Suggestion::Match::PostalCode});
    } else {
        // A trailing department or postal code restricts the names: "saint denis 974", "Saint-Denis (93)".
        std::string_view area;
        if (words.size() >= 2 && ((all_digits(words.back()) && words.back().size() <= 5) ||
                                  words.back() == "2a" || words.back() == "2b")) {
            area = words.back();
            words.pop_back();
            complete = true;
        }
        std::string stem;  // every word but the last, spelled out
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            stem += spelled_out(words[i]);
            stem += ' ';
        }
        const std::string_view last = words.back();
        std::vector<std::string> variants{stem + std::string(complete ? spelled_out(last) : last)};
        if (!complete && spelled_out(last) != last) variants.push_back(stem + std::string(spelled_out(last)));

        auto in_area = [&](std::uint32_t c) {
            if (area.empty()) return true;
            const std::string& dep = communes_[c].department;
            if (dep.size() == area.size() &&
                std::equal(dep.begin(), dep.end(), area.begin(),
                           [](char a, char b) { return (a | 0x20) == (b | 0x20); }))
                return true;
            return !first_code(c, area).empty();
        };
        for (const std::string& v : variants) {
            auto it =
                std::lower_bound(entries_.begin(), entries_.end(), v,
                                 [&](const Entry& e, const std::string& value) { return key(e) < value; });
            for (; it != entries_.end(); ++it) {
                const std::string_view k = key(*it);
                if (!k.starts_with(v)) break;
                if (complete && k.size() > v.size() && k[v.size()] != ' ') continue;
                const bool whole = k.size() == v.size();
                const std::uint8_t tier = it->offset != 0 ? 2 : whole ? 0 : 1;
                const TopList::Candidate c{it->commune,
                                           tier,
                                           rank_[it->commune],
                                           {},
                                           tier == 0   ? Suggestion::Match::ExactName
                                           : tier == 1 ? Suggestion::Match::NamePrefix
                                                       : Suggestion::Match::WordPrefix};
                if (top.items.size() == top.cap && !c.before(top.items.back())) continue;
                if (!in_area(it->commune)) continue;
                top.offer(c);
            }
        }
        for (TopList::Candidate& c : top.items) {
            c.code = area.empty() ? std::string_view{} : first_code(c.commune, area);
        }
    }

    std::size_t n = 0;
    for (const TopList::Candidate& c : top.items) {
        const places::Commune& commune = communes_[c.commune];
        std::string_view code = c.code;
        if (code.empty() && !commune.postal_codes.empty()) code = commune.postal_codes.front();
        out[n++] = {&commune, code, c.match, homonym_[c.commune]};
    }
    return n;
}

std::vector<Suggestion> CommuneIndex::suggest(std::string_view typed, std::size_t max) const {
    std::vector<Suggestion> s(max);
    s.resize(suggest(typed, std::span<Suggestion>(s)));
    return s;
}

}  // namespace kiosk::search
