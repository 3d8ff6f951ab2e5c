#include "kiosk/core/places/readable_name.hpp"

#include <algorithm>
#include <vector>

#include "kiosk/core/places/repair.hpp"
#include "kiosk/core/utf8.hpp"

namespace kiosk::places {

namespace {

// One UTF-8 code point at s[i]; `len` its length (1 and the byte when malformed).
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
    const auto b = static_cast<unsigned char>(s[i]);
    len = 1;
    if (b < 0x80) return b;
    std::size_t n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
    if (n == 1 || i + n > s.size()) return b;
    char32_t cp = n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return b;
        cp = (cp << 6) | (c & 0x3F);
    }
    len = n;
    return cp;
}

bool upper_letter(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || c == 0x152 || c == 0x178;
}
bool lower_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || c == 0x153;
}
bool word_char(char32_t c) {
    return upper_letter(c) || lower_letter(c) || (c >= '0' && c <= '9');
}
char32_t to_lower(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    if (c == 0x152) return 0x153;
    if (c == 0x178) return 0xFF;
    return c;
}
char32_t to_upper(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 0x20;
    if (c == 0x153) return 0x152;
    return c;
}

std::string lower(std::string_view w) {
    std::string out;
    for (std::size_t i = 0; i < w.size();) {
        std::size_t len;
        const char32_t c = decode(w, i, len);
        if (len == 1 && c >= 0x80)
            out += w[i];
        else
            append_utf8(to_lower(c), out);
        i += len;
    }
    return out;
}

std::string capitalised(std::string_view lower_word) {
    if (lower_word.empty()) return {};
    std::size_t len;
    const char32_t c = decode(lower_word, 0, len);
    std::string out;
    append_utf8(to_upper(c), out);
    out.append(lower_word.substr(len));
    return out;
}

// Acronyms of the national data that a rule on their letters would not keep.
constexpr std::string_view kAcronyms[] = {
    "aptic", "bij",   "caf",   "ccas", "cdad", "cias", "cio",    "cpam", "crij",
    "csc",   "ehpad", "epci",  "epn",  "fjt",  "mdph", "mfr",    "msa",  "msap",
    "mjc",   "pij",   "pimms", "pmi",  "udaf", "unaf", "urssaf", "ape",  "apf",
};
// French words of 2 or 3 letters that are words, not acronyms, in place names.
constexpr std::string_view kShortWords[] = {
    "art", "bel", "bon", "bus", "cap",  "cite", "eco", "ile",   "lac", "mer", "mon",
    "net", "pic", "pre", "rue", "val",  "vie",  "web", "lab",   "fab", "pop", "job",
    "ma",  "mes", "ton", "tes", "mon",  "nos",  "vos", "son",   "ses", "un",  "une",
    "an",  "ans", "vo",  "cyb", "clic", "tic",  "tac", "saint", "st",  "ste", "bis",
};
// Small words written in lower case inside a name.
constexpr std::string_view kSmall[] = {"a",    "au",  "aux", "d",    "de",   "des",  "du",   "en",
                                       "et",   "l",   "la",  "le",   "les",  "sur",  "sous", "par",
                                       "pour", "lez", "les", "chez", "avec", "dans", "ou"};
// Usual words of place names whose accents capitals lost, folded → accented.
struct Accented {
    std::string_view folded, accented;
};
constexpr Accented kAccented[] = {
    {"agglomeration", "agglomération"},
    {"bibliotheque", "bibliothèque"},
    {"cite", "cité"},
    {"communaute", "communauté"},
    {"creation", "création"},
    {"departement", "département"},
    {"departemental", "départemental"},
    {"departementale", "départementale"},
    {"ecole", "école"},
    {"economie", "économie"},
    {"education", "éducation"},
    {"emploi", "emploi"},
    {"epicerie", "épicerie"},
    {"equipement", "équipement"},
    {"etudiants", "étudiants"},
    {"generation", "génération"},
    {"generations", "générations"},
    {"insertion", "insertion"},
    {"integration", "intégration"},
    {"ludotheque", "ludothèque"},
    {"mediatheque", "médiathèque"},
    {"mediation", "médiation"},
    {"multimedia", "multimédia"},
    {"numerique", "numérique"},
    {"numeriques", "numériques"},
    {"prefecture", "préfecture"},
    {"regional", "régional"},
    {"regionale", "régionale"},
    {"reseau", "réseau"},
    {"reussite", "réussite"},
    {"sante", "santé"},
    {"securite", "sécurité"},
    {"societe", "société"},
    {"solidarite", "solidarité"},
    {"solidarites", "solidarités"},
    {"theatre", "théâtre"},
    {"universite", "université"},
    {"activites", "activités"},
    {"athenee", "athénée"},
    {"elus", "élus"},
    {"ecrivain", "écrivain"},
    {"eglise", "église"},
    {"ecoute", "écoute"},
    {"egalite", "égalité"},
    {"centre", "centre"},
    {"cooperative", "coopérative"},
    {"defense", "défense"},
    {"deleguee", "déléguée"},
    {"developpement", "développement"},
    {"pole", "pôle"},
    {"hotel", "hôtel"},
    {"cafe", "café"},
    {"quartier", "quartier"},
    {"collectivite", "collectivité"},
    {"proximite", "proximité"},
    {"famille", "famille"},
    {"democratie", "démocratie"},
    {"citoyennete", "citoyenneté"},
    {"electronique", "électronique"},
};

template <std::size_t N>
bool among(std::string_view w, const std::string_view (&list)[N]) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

bool has_vowel(std::string_view folded) {
    return folded.find_first_of("aeiouy") != std::string_view::npos;
}

std::size_t vowels(std::string_view folded) {
    return static_cast<std::size_t>(std::count_if(folded.begin(), folded.end(), [](char c) {
        return std::string_view("aeiouy").find(c) != std::string_view::npos;
    }));
}

bool all_digits(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Word {
    std::size_t start, end;  // in the name
    std::string folded;
};

std::vector<Word> words_of(std::string_view s) {
    std::vector<Word> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len;
        if (!word_char(decode(s, i, len))) {
            i += len;
            continue;
        }
        std::size_t j = i;
        while (j < s.size()) {
            std::size_t l;
            if (!word_char(decode(s, j, l))) break;
            j += l;
        }
        out.push_back({i, j, fold_text(s.substr(i, j - i))});
        i = j;
    }
    return out;
}

}  // namespace

bool all_capitals(std::string_view name) {
    bool letters = false;
    for (std::size_t i = 0; i < name.size();) {
        std::size_t len;
        const char32_t c = decode(name, i, len);
        if (lower_letter(c)) return false;
        letters = letters || upper_letter(c);
        i += len;
    }
    return letters;
}

std::string readable_name(std::string_view name, std::span<const std::string_view> communes) {
    if (!all_capitals(name)) return std::string(name);
    const std::vector<Word> words = words_of(name);
    // A name of one short word ("ARQA", "CCAS"): most likely an acronym.
    if (words.size() == 1 && words[0].end - words[0].start <= 5) return std::string(name);

    // A commune in the name: the span of words whose folded forms are the commune's ("st" for "saint").
    std::size_t commune_from = words.size(), commune_to = words.size();
    std::string_view commune;
    auto same_word = [](std::string_view typed, std::string_view official) {
        return typed == official || (typed == "st" && official == "saint") ||
               (typed == "ste" && official == "sainte");
    };
    for (std::string_view candidate : communes) {
        const std::vector<Word> cw = words_of(candidate);
        if (cw.empty() || (commune_to - commune_from >= cw.size() && commune_from < words.size())) continue;
        for (std::size_t i = 0; i + cw.size() <= words.size(); ++i) {
            bool same = true;
            for (std::size_t k = 0; k < cw.size() && same; ++k)
                same = same_word(words[i + k].folded, cw[k].folded);
            if (same) {
                commune_from = i;
                commune_to = i + cw.size();
                commune = candidate;
                break;
            }
        }
    }

    std::string out;
    std::size_t at = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        out.append(name.substr(at, w.start - at));
        at = w.end;
        if (i == commune_from) {
            // An elided article in the commune's name ("L'Isle-d'Abeau") comes in its own spelling too.
            out.append(commune);
            at = words[commune_to - 1].end;
            i = commune_to - 1;
            continue;
        }
        const std::string_view original = name.substr(w.start, w.end - w.start);
        const std::string low = lower(original);
        const std::string_view f = w.folded;
        const bool before_apostrophe =
            w.end < name.size() && (name[w.end] == '\'' || name.substr(w.end, 3) == "\xE2\x80\x99");
        const bool elided = (f == "d" || f == "l") && before_apostrophe;
        // A new phrase after "/", "(", ":" or a dash between spaces: its first word has its capital.
        const std::string_view gap =
            name.substr(i == 0 ? 0 : words[i - 1].end, w.start - (i == 0 ? 0 : words[i - 1].end));
        const bool phrase_start = i == 0 || gap.find_first_of("/(:") != std::string_view::npos ||
                                  gap.find(" - ") != std::string_view::npos;
        if (all_digits(f)) {
            out.append(original);
        } else if (elided && phrase_start) {
            out.append(capitalised(low));  // "L'ESPACE" → "L'Espace"
        } else if (elided || (!phrase_start && among(f, kSmall))) {
            out.append(f == "a" && low == "a" ? "\xC3\xA0" : low);  // "A" alone inside a name is "à"
        } else if (among(f, kAcronyms) || !has_vowel(f) ||
                   (f.size() <= 3 && f.size() >= 2 && vowels(f) <= 1 && !before_apostrophe &&
                    !among(f, kShortWords) && !among(f, kSmall))) {
            out.append(original);
        } else {
            std::string word = low;
            if (low == f)  // no accent written: the usual words get theirs back
                for (const Accented& a : kAccented)
                    if (a.folded == f) word = a.accented;
            out.append(capitalised(word));
        }
    }
    out.append(name.substr(at));
    return out;
}

}  // namespace kiosk::places
