#pragma once
// Commune suggestions as the citizen types on the on-screen keyboard: a name or a postal code.
//
// Typing is forgiving: accents and case do not matter ("etienne" = "Étienne", "œ" = "oe"), hyphens,
// apostrophes and other punctuation are optional and count as spaces ("saint etienne", "st-etienne", "l isle"
// → "L'Isle-…"), an elided article may be glued to its word ("lhay les roses" → L'Haÿ-les-Roses, "lisle
// dabeau" → L'Isle-d'Abeau), "st" means "saint" and "ste" "sainte" (while still being typed, "st" also
// matches names starting with "St", such as Strasbourg). A trailing space or hyphen means the last word is
// complete ("saint " does not suggest Saintes). Digits alone are a postal code prefix ("420" → the communes
// of 420xx), "2a" and "2b" the departments of Corsica. A number before or after a name restricts to a
// department or postal code prefix ("saint denis 974", "Saint-Denis (93)", "38000 grenoble", "42
// montbrison").
//
// The gazetteer's arrondissements (Paris, Lyon, Marseille) are found by their number: "paris 15", "paris
// 15e", "lyon 1er", "marseille 15 arrondissement" (ordinals count as numbers, "arrondissement" or its start
// is optional). Former communes merged into a commune nouvelle are found by their name ("seynod", "annecy le
// vieux") and labelled with it: "Seynod (Annecy, 74)".
//
// Ranking, in groups: the exact name, then names starting with what was typed, then names with a later word
// starting with it ("etienne" → Saint-Étienne), each group by population (largest first), then by name. The
// well-known commune comes first: a name starting with what was typed as a whole word goes into the first
// group when its population is at least 10 times the largest exact match's and at least 10 000 ("bourg" →
// Bourg-en-Bresse, then Bourg, then Bourges). A name read with the number as a department or postal code
// ranks after one that has the number in it ("marseille 13": the 13th arrondissement, then Marseille). Only
// when those do not fill the list, names within a few typos come after, the nearest first, then by population
// ("montbrisson" → Montbrison, "clermont ferand" → Clermont-Ferrand): Damerau-Levenshtein distance (adjacent
// transpositions) on the folded text, of what was typed to the start of a name or of a later word, the first
// letter as typed; at most 1 when the words but "saint" and the small ones have 5 to 8 letters, 2 from 9,
// none below 5. Homonyms are told apart by department: Suggestion::label() gives "Saint-Denis (974)".
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/places/commune.hpp"

namespace kiosk::search {

// Lower-case ASCII: accents removed (Latin-1 and Latin Extended-A), every other ASCII character than a letter
// or a digit, and the typographic apostrophes, as a single space, no leading or trailing space. Other
// characters are kept as they are.
std::string fold(std::string_view utf8);

struct Suggestion {
    enum class Match : std::uint8_t { ExactName, NamePrefix, WordPrefix, PostalCode, Typo };
    const places::Commune* commune = nullptr;
    std::string_view postal_code;  // the code that matched a typed number, otherwise the commune's first code
    Match match = Match::NamePrefix;
    bool homonym = false;                     // another commune bears the same name
    const places::Commune* parent = nullptr;  // a former commune's or an arrondissement's current commune

    // "Saint-Étienne (42)": the name and the department, as the list shows it; a former commune with the
    // commune it is now part of: "Seynod (Annecy, 74)".
    std::string label() const;
};

class CommuneIndex {
  public:
    CommuneIndex() = default;
    explicit CommuneIndex(std::vector<places::Commune> communes);

    // The best out.size() suggestions for what was typed; returns how many.
    std::size_t suggest(std::string_view typed, std::span<Suggestion> out) const;
    std::vector<Suggestion> suggest(std::string_view typed, std::size_t max = 8) const;

    const std::vector<places::Commune>& communes() const { return communes_; }
    std::size_t size() const { return communes_.size(); }

  private:
    struct Entry {
        std::uint32_t key;     // names_[key] (key = the commune) or glued_[key]
        std::uint32_t offset;  // where the word starts in it
    };
    struct PostalEntry {
        std::string_view code;
        std::uint32_t commune;
    };
    struct TopList;  // the best candidates so far
    // Many short texts in one buffer (not a std::string each: 32 bytes and often a heap block apiece).
    struct Texts {
        std::string chars;
        std::vector<std::uint32_t> starts{0};  // text i is [starts[i], starts[i + 1])
        void add(std::string_view t) {
            chars += t;
            starts.push_back(static_cast<std::uint32_t>(chars.size()));
        }
        std::string_view operator[](std::size_t i) const {
            return std::string_view(chars).substr(starts[i], starts[i + 1] - starts[i]);
        }
        std::size_t size() const { return starts.size() - 1; }
    };

    std::string_view key(const Entry& e) const { return names_[e.key].substr(e.offset); }
    std::string_view glued_key(const Entry& e) const { return glued_[e.key].substr(e.offset); }
    bool in_area(std::uint32_t c, std::string_view area) const;
    std::string_view first_code(std::uint32_t c, std::string_view prefix) const;
    void match_names(std::string_view v, bool complete, std::string_view area, std::uint8_t base, bool glued,
                     TopList& top) const;
    void match_typos(std::string_view v, int max_distance, bool complete, std::string_view area,
                     TopList& top) const;

    std::vector<places::Commune> communes_;
    Texts names_;  // folded, "st"/"ste" spelled out, ordinals as numbers
    std::vector<bool> homonym_;
    std::vector<std::uint32_t> rank_;    // by population (largest first), then name
    std::vector<std::uint32_t> parent_;  // the row of its current commune, or itself
    std::vector<Entry> entries_;         // every word start but small words, sorted by the text from there
    // Names with an elided article ("l hay les roses"), the article glued to its word ("lhay les roses"): the
    // start and the glued words, sorted so.
    Texts glued_;
    std::vector<std::uint32_t> glued_commune_;
    std::vector<Entry> glued_entries_;
    std::vector<PostalEntry> postal_;  // sorted by code
};

}  // namespace kiosk::search
