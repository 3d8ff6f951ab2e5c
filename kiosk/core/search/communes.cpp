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

// A department or a postal code prefix typed before or after a name: "42", "974", "38000", "2a".
bool area_word(std::string_view w) {
    return (all_digits(w) && w.size() >= 2 && w.size() <= 5) || w == "2a" || w == "2b";
}

// "15e", "1er", "2eme", "05" → "15", "1", "2", "5"; other words as they are.
std::string_view ordinal(std::string_view w) {
    std::size_t d = 0;
    while (d < w.size() && w[d] >= '0' && w[d] <= '9') ++d;
    if (d == 0) return w;
    static constexpr std::string_view kSuffixes[] = {"",    "e",  "er",   "ere", "re",
                                                     "eme", "em", "ieme", "nd",  "nde"};
    if (std::find(std::begin(kSuffixes), std::end(kSuffixes), w.substr(d)) == std::end(kSuffixes)) return w;
    std::size_t z = 0;
    while (z + 1 < d && w[z] == '0') ++z;
    return w.substr(z, d - z);
}

// "arrondissement" or its start, or a usual abbreviation.
bool arrondissement_word(std::string_view w) {
    return std::string_view("arrondissement").starts_with(w) || w == "arrt" || w == "arrdt" || w == "ardt";
}

// Words as names are indexed: ordinals as numbers, "arrondissement" after a number dropped. Returns whether
// the last word is known to be complete: it was dropped, or it was an ordinal ("paris 1er" is not Paris 10e).
bool name_words(std::vector<std::string_view>& words) {
    std::vector<std::string_view> out;
    out.reserve(words.size());
    bool complete = false;
    for (std::string_view w : words) {
        const bool dropped = !out.empty() && all_digits(out.back()) && arrondissement_word(w);
        if (dropped) {
            complete = true;
            continue;
        }
        const std::string_view number = ordinal(w);
        complete = number.size() != w.size() && !all_digits(w);
        out.push_back(number);
    }
    words = std::move(out);
    return complete;
}

// The folded name with "st" and "ste" spelled out, ordinals as numbers, "arrondissement" dropped.
std::string name_key(std::string_view name) {
    std::string key;
    const std::string folded = fold_impl(name, nullptr);
    std::vector<std::string_view> words = split(folded);
    name_words(words);
    for (std::string_view w : words) {
        if (!key.empty()) key += ' ';
        key += spelled_out(w);
    }
    return key;
}

bool elided(std::string_view w) {
    return w == "l" || w == "d";
}

// "l isle d abeau" → "lisle dabeau", with where each glued word starts; unchanged when nothing is glued.
std::string glue(std::string_view key, std::vector<std::uint32_t>* glued_words = nullptr) {
    std::string out;
    out.reserve(key.size());
    const std::vector<std::string_view> words = split(key);
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!out.empty()) out += ' ';
        if (elided(words[i]) && i + 1 < words.size()) {
            if (glued_words && !out.empty()) glued_words->push_back(static_cast<std::uint32_t>(out.size()));
            out += words[i];
            out += words[++i];
        } else {
            out += words[i];
        }
    }
    return out;
}

// Letters that typos are counted against: the words but "saint", "sainte" and the small ones.
std::size_t typo_letters(std::string_view v) {
    std::size_t n = 0;
    for (std::string_view w : split(v))
        if (w != "saint" && w != "sainte" && !small_word(w)) n += w.size();
    return n;
}

constexpr int kPromoteRatio = 10;          // a prefix match this many times bigger than the exact one
constexpr int kPromoteMinimum = 10'000;    // and at least this big comes first
constexpr std::uint8_t kAreaTier = 3;      // the number read as a department or postal code
constexpr std::uint8_t kTypoTier = 8;      // + the distance
constexpr std::size_t kTypoMaxQuery = 40;  // longer typed text: no typo search
constexpr std::size_t kTypoMaxKey = 96;

}  // namespace

std::string fold(std::string_view utf8) {
    return fold_impl(utf8, nullptr);
}

std::string Suggestion::label() const {
    if (!commune) return {};
    if (parent && commune->kind == places::Commune::Kind::Former)
        return commune->name + " (" + parent->name + ", " + commune->department + ")";
    return commune->name + " (" + commune->department + ")";
}

CommuneIndex::CommuneIndex(std::vector<places::Commune> communes) : communes_(std::move(communes)) {
    const std::size_t n = communes_.size();
    names_.starts.reserve(n + 1);
    for (const places::Commune& c : communes_) names_.add(name_key(c.name));
    names_.chars.shrink_to_fit();

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

    // Former communes and arrondissements: the row of their current commune (none when it is not there).
    parent_.resize(n);
    std::vector<std::uint32_t> current;  // the current communes' rows, by INSEE code
    for (std::uint32_t c = 0; c < n; ++c)
        if (communes_[c].kind == places::Commune::Kind::Commune) current.push_back(c);
    std::sort(current.begin(), current.end(),
              [&](std::uint32_t a, std::uint32_t b) { return communes_[a].insee < communes_[b].insee; });
    for (std::uint32_t c = 0; c < n; ++c) {
        parent_[c] = c;
        if (communes_[c].kind == places::Commune::Kind::Commune) continue;
        const std::string_view code = communes_[c].parent();
        const auto it =
            std::lower_bound(current.begin(), current.end(), code,
                             [&](std::uint32_t row, std::string_view v) { return communes_[row].insee < v; });
        if (it != current.end() && communes_[*it].insee == code) parent_[c] = *it;
    }

    for (std::uint32_t c = 0; c < n; ++c) {
        const std::string_view key = names_[c];
        if (key.empty()) continue;
        entries_.push_back({c, 0});
        for (std::size_t i = key.find(' '); i != std::string::npos; i = key.find(' ', i + 1)) {
            const std::size_t start = i + 1;
            const std::size_t end = std::min(key.find(' ', start), key.size());
            if (!small_word(std::string_view(key).substr(start, end - start)))
                entries_.push_back({c, static_cast<std::uint32_t>(start)});
        }
        std::vector<std::uint32_t> glued_words;
        std::string glued = glue(key, &glued_words);
        if (glued != key) {
            const auto g = static_cast<std::uint32_t>(glued_.size());
            glued_.add(glued);
            glued_commune_.push_back(c);
            glued_entries_.push_back({g, 0});
            for (std::uint32_t at : glued_words) glued_entries_.push_back({g, at});
        }
        for (std::string_view code : communes_[c].postal_codes) postal_.push_back({code, c});
    }
    std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
        const std::string_view ka = key(a), kb = key(b);
        return ka != kb ? ka < kb : a.key < b.key;
    });
    std::sort(glued_entries_.begin(), glued_entries_.end(), [&](const Entry& a, const Entry& b) {
        const std::string_view ka = glued_key(a), kb = glued_key(b);
        return ka != kb ? ka < kb : a.key < b.key;
    });
    std::sort(postal_.begin(), postal_.end(), [](const PostalEntry& a, const PostalEntry& b) {
        return a.code != b.code ? a.code < b.code : a.commune < b.commune;
    });
    // Grown by push_back: up to twice the room they need, kept for the kiosk's life otherwise.
    entries_.shrink_to_fit();
    glued_entries_.shrink_to_fit();
    glued_commune_.shrink_to_fit();
    glued_.chars.shrink_to_fit();
    glued_.starts.shrink_to_fit();
    postal_.shrink_to_fit();
}

// The best candidates so far, sorted, one per commune.
struct CommuneIndex::TopList {
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

    bool full() const { return items.size() == cap; }
    // Whether a candidate of this tier and rank would be kept.
    bool wants(std::uint8_t tier, std::uint32_t rank) const {
        return !full() || Candidate{0, tier, rank, {}, {}}.before(items.back());
    }
    void offer(const Candidate& c) {
        if (full() && !c.before(items.back())) return;
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

std::string_view CommuneIndex::first_code(std::uint32_t c, std::string_view prefix) const {
    for (std::uint32_t row : {c, parent_[c]})
        for (std::string_view code : communes_[row].postal_codes)
            if (code.starts_with(prefix)) return code;
    return {};
}

bool CommuneIndex::in_area(std::uint32_t c, std::string_view area) const {
    if (area.empty()) return true;
    const std::string& dep = communes_[c].department;
    if (dep.size() == area.size() && std::equal(dep.begin(), dep.end(), area.begin(),
                                                [](char a, char b) { return (a | 0x20) == (b | 0x20); }))
        return true;
    return all_digits(area) && !first_code(c, area).empty();
}

// The names starting with v (a whole word when `complete`), in `area`, in the tiers from `base`.
void CommuneIndex::match_names(std::string_view v, bool complete, std::string_view area, std::uint8_t base,
                               bool glued, TopList& top) const {
    const std::vector<Entry>& entries = glued ? glued_entries_ : entries_;
    auto key_of = [&](const Entry& e) { return glued ? glued_key(e) : key(e); };
    auto commune_of = [&](const Entry& e) { return glued ? glued_commune_[e.key] : e.key; };
    auto it = std::lower_bound(entries.begin(), entries.end(), v,
                               [&](const Entry& e, std::string_view value) { return key_of(e) < value; });
    // The exact names come first: the largest of them tells which prefix matches are so much bigger that they
    // come before it, when what was typed ends a word of theirs. Names with a glued article are never put
    // first so.
    long promote_from = -1;
    if (!glued) {
        int largest = -1;
        for (auto e = it; e != entries.end() && key_of(*e) == v; ++e)
            if (e->offset == 0 && in_area(commune_of(*e), area))
                largest = std::max(largest, communes_[commune_of(*e)].population);
        if (largest >= 0)
            promote_from =
                std::max(static_cast<long>(largest) * kPromoteRatio, static_cast<long>(kPromoteMinimum));
    }
    for (; it != entries.end(); ++it) {
        const std::string_view k = key_of(*it);
        if (!k.starts_with(v)) break;
        if (complete && k.size() > v.size() && k[v.size()] != ' ') continue;
        const std::uint32_t c = commune_of(*it);
        const bool whole = k.size() == v.size();
        std::uint8_t tier = it->offset != 0 ? 2 : whole ? 0 : 1;
        const Suggestion::Match match = tier == 0   ? Suggestion::Match::ExactName
                                        : tier == 1 ? Suggestion::Match::NamePrefix
                                                    : Suggestion::Match::WordPrefix;
        // "bourg" → Bourg-en-Bresse before Bourg, not Bourges: what was typed is a whole word of it.
        if (tier == 1 && promote_from >= 0 && k[v.size()] == ' ' && communes_[c].population >= promote_from)
            tier = 0;
        tier = static_cast<std::uint8_t>(tier + base);
        if (!top.wants(tier, rank_[c]) || !in_area(c, area)) continue;
        top.offer({c, tier, rank_[c], {}, match});
    }
}

// Names within max_distance typos (Damerau-Levenshtein, adjacent transpositions) of v, v being the start of
// what is looked for: a walk over the sorted word starts as over a trie, one row of the distance table per
// character, shared by the keys with the same start, and a start dropped as soon as no row entry is within
// the distance.
void CommuneIndex::match_typos(std::string_view v, int max_distance, bool complete, std::string_view area,
                               TopList& top) const {
    const std::size_t m = v.size();
    if (m == 0 || m > kTypoMaxQuery || entries_.empty()) return;
    const std::size_t width = m + 2;
    std::array<std::uint8_t, (kTypoMaxKey + 1) * (kTypoMaxQuery + 2)> rows{};
    std::array<std::uint8_t, kTypoMaxKey + 1>
        best{};  // the smallest distance of v to a start of the key so far
    auto row = [&](std::size_t j) { return rows.data() + j * width; };
    constexpr std::uint8_t kFar = 0xFF;
    const auto band = static_cast<std::size_t>(max_distance);
    for (std::size_t i = 0; i <= m; ++i) row(0)[i] = static_cast<std::uint8_t>(i <= band ? i : kFar);
    best[0] = kFar;

    auto offer = [&](std::size_t from, std::size_t to, int distance) {
        const auto tier = static_cast<std::uint8_t>(kTypoTier + distance);
        for (std::size_t e = from; e < to; ++e) {
            const std::uint32_t c = entries_[e].key;
            if (!top.wants(tier, rank_[c]) || !in_area(c, area)) continue;
            top.offer({c, tier, rank_[c], {}, Suggestion::Match::Typo});
        }
    };

    // The first letter is taken as typed (as most spelling correctors do): the keys starting with it.
    const std::string_view initial = v.substr(0, 1);
    const auto first =
        std::lower_bound(entries_.begin(), entries_.end(), initial,
                         [&](const Entry& x, std::string_view value) { return key(x) < value; });
    const auto after = std::partition_point(first, entries_.end(),
                                            [&](const Entry& x) { return key(x).starts_with(initial); });
    const std::size_t stop = static_cast<std::size_t>(after - entries_.begin());
    // The first entry from `from` on that does not start with `start`: galloping, as most such runs are
    // short.
    auto skip = [&](std::size_t from, std::string_view start) {
        std::size_t step = 1, known = from;  // entries_[known] starts so
        while (known + step < stop && key(entries_[known + step]).starts_with(start)) {
            known += step;
            step *= 2;
        }
        const auto end =
            std::partition_point(entries_.begin() + static_cast<std::ptrdiff_t>(known) + 1,
                                 entries_.begin() + static_cast<std::ptrdiff_t>(std::min(known + step, stop)),
                                 [&](const Entry& x) { return key(x).starts_with(start); });
        return static_cast<std::size_t>(end - entries_.begin());
    };

    std::string_view previous;
    std::size_t valid = 0;  // rows 0..valid are those of `previous`
    for (std::size_t e = static_cast<std::size_t>(first - entries_.begin()); e < stop;) {
        const std::string_view k = key(entries_[e]).substr(0, kTypoMaxKey);
        std::size_t j = 0;
        const std::size_t shared = std::min(valid, previous.size());
        while (j < shared && j < k.size() && k[j] == previous[j]) ++j;
        bool dropped = false;
        for (++j; j <= k.size(); ++j) {
            // Only the band |i - j| <= max_distance can be within the distance: the cells beside it are far.
            std::uint8_t* r = row(j);
            const std::uint8_t* up = row(j - 1);
            const char kc = k[j - 1];
            const std::size_t lo = j > band ? j - band : 1, hi = std::min(m, j + band);
            r[0] = static_cast<std::uint8_t>(std::min<std::size_t>(j, kFar));
            std::uint8_t lowest = j <= band ? r[0] : kFar;
            if (lo > 1) r[lo - 1] = kFar;
            for (std::size_t i = lo; i <= hi; ++i) {
                int d = std::min({up[i] + 1, r[i - 1] + 1, up[i - 1] + (kc == v[i - 1] ? 0 : 1)});
                if (j > 1 && i > 1 && kc == v[i - 2] && k[j - 2] == v[i - 1])
                    d = std::min(d, row(j - 2)[i - 2] + 1);
                r[i] = static_cast<std::uint8_t>(std::min(d, int{kFar}));
                lowest = std::min(lowest, r[i]);
            }
            if (hi < m) r[hi + 1] = kFar;
            const std::uint8_t last = lo <= m && m <= hi ? r[m] : kFar;
            const bool boundary = !complete || j == k.size() || k[j] == ' ';
            best[j] = std::min(best[j - 1], boundary ? last : kFar);
            if (lowest > max_distance) {
                // No key starting with k[0, j) comes nearer: they all are as near as their start k[0, j - 1).
                const std::size_t to = skip(e, k.substr(0, j));
                if (best[j - 1] <= max_distance) offer(e, to, best[j - 1]);
                previous = k;
                valid = j;
                e = to;
                dropped = true;
                break;
            }
        }
        if (dropped) continue;
        const std::size_t depth = std::min(j - 1, k.size());
        if (best[depth] <= max_distance) offer(e, e + 1, best[depth]);
        previous = k;
        valid = depth;
        ++e;
    }
}

std::size_t CommuneIndex::suggest(std::string_view typed, std::span<Suggestion> out) const {
    if (out.empty() || communes_.empty()) return 0;
    bool complete = false;
    const std::string folded = fold_impl(typed, &complete);
    std::vector<std::string_view> words = split(folded);
    if (words.empty()) return 0;
    TopList top{{}, out.size()};
    top.items.reserve(out.size() + 1);

    if (std::all_of(words.begin(), words.end(), all_digits)) {
        // A postal code, maybe typed with spaces ("42 000"); an arrondissement before its city.
        std::string code;
        for (std::string_view w : words) code += w;
        auto it = std::lower_bound(postal_.begin(), postal_.end(), code,
                                   [](const PostalEntry& e, const std::string& v) { return e.code < v; });
        for (; it != postal_.end() && it->code.starts_with(code); ++it) {
            const bool exact = it->code.size() == code.size();
            const bool arrondissement = communes_[it->commune].kind == places::Commune::Kind::Arrondissement;
            top.offer({it->commune, static_cast<std::uint8_t>(exact ? (arrondissement ? 0 : 1) : 2),
                       rank_[it->commune], it->code, Suggestion::Match::PostalCode});
        }
    } else if (words.size() == 1 && (words[0] == "2a" || words[0] == "2b")) {
        // A department of Corsica: its communes, the largest first (their postal codes start with 20).
        auto it = std::lower_bound(postal_.begin(), postal_.end(), std::string_view("20"),
                                   [](const PostalEntry& e, std::string_view v) { return e.code < v; });
        for (; it != postal_.end() && it->code.starts_with("20"); ++it)
            if (in_area(it->commune, words[0]))
                top.offer({it->commune, 0, rank_[it->commune], it->code, Suggestion::Match::PostalCode});
    } else {
        // Readings of what was typed: the words as a name ("paris 15"), then a number after or before the
        // name as a department or postal code ("saint denis 974", "38000 grenoble").
        struct Reading {
            std::vector<std::string_view> words;
            bool complete;
            std::string_view area;
            std::uint8_t base;
        };
        std::vector<Reading> readings{{words, complete, {}, 0}};
        if (words.size() >= 2 && area_word(words.back()))
            readings.push_back({{words.begin(), words.end() - 1}, true, words.back(), kAreaTier});
        else if (words.size() >= 2 && area_word(words.front()) && !all_digits(words.back()))
            readings.push_back({{words.begin() + 1, words.end()}, complete, words.front(), kAreaTier});

        std::vector<std::pair<std::string, std::size_t>> typo_queries;  // the name, which reading
        for (std::size_t r = 0; r < readings.size(); ++r) {
            Reading& reading = readings[r];
            if (name_words(reading.words)) reading.complete = true;
            if (reading.words.empty()) continue;
            std::string stem;  // every word but the last, spelled out
            for (std::size_t i = 0; i + 1 < reading.words.size(); ++i) {
                stem += spelled_out(reading.words[i]);
                stem += ' ';
            }
            const std::string_view last = reading.words.back();
            std::vector<std::string> variants{stem +
                                              std::string(reading.complete ? spelled_out(last) : last)};
            if (!reading.complete && spelled_out(last) != last)
                variants.push_back(stem + std::string(spelled_out(last)));
            for (const std::string& v : variants) {
                match_names(v, reading.complete, reading.area, reading.base, false, top);
                const std::string g = glue(v);
                // "lisle d": the article being typed
                const bool open_article = elided(split(g).back());
                match_names(g, reading.complete && !open_article, reading.area, reading.base, true, top);
            }
            if (std::none_of(reading.words.begin(), reading.words.end(), all_digits))
                typo_queries.emplace_back(variants.back(), r);
        }
        // Typos only when the names so typed do not fill the list.
        for (const auto& [v, r] : typo_queries) {
            if (top.full()) break;
            const std::size_t letters = typo_letters(v);
            const int distance = letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
            if (distance > 0) match_typos(v, distance, readings[r].complete, readings[r].area, top);
        }
        for (TopList::Candidate& c : top.items) {
            for (const Reading& reading : readings)
                if (c.tier >= reading.base && !reading.area.empty() && all_digits(reading.area))
                    c.code = first_code(c.commune, reading.area);
        }
    }

    std::size_t n = 0;
    for (const TopList::Candidate& c : top.items) {
        const places::Commune& commune = communes_[c.commune];
        std::string_view code = c.code;
        if (code.empty() && !commune.postal_codes.empty()) code = commune.postal_codes.front();
        const places::Commune* parent =
            parent_[c.commune] == c.commune ? nullptr : &communes_[parent_[c.commune]];
        out[n++] = {&commune, code, c.match, homonym_[c.commune], parent};
    }
    return n;
}

std::vector<Suggestion> CommuneIndex::suggest(std::string_view typed, std::size_t max) const {
    std::vector<Suggestion> s(max);
    s.resize(suggest(typed, std::span<Suggestion>(s)));
    return s;
}

}  // namespace kiosk::search
