#pragma once
// Commune suggestions as the citizen types on the on-screen keyboard: a name or a postal code.
//
// Typing is forgiving: accents and case do not matter ("etienne" = "Étienne", "œ" = "oe"), hyphens,
// apostrophes and other punctuation are optional and count as spaces ("saint etienne", "st-etienne", "l isle"
// → "L'Isle-…"), "st" means "saint" and "ste" "sainte" (while still being typed, "st" also matches names
// starting with "St", such as Strasbourg). A trailing space or hyphen means the last word is complete ("saint
// " does not suggest Saintes). Digits alone are a postal code prefix ("420" → the communes of 420xx). A
// trailing number after a name restricts to a department or postal code prefix ("saint denis 974",
// "Saint-Denis (93)").
//
// Ranking: the exact name first, then names starting with what was typed, then names with a later word
// starting with it ("etienne" → Saint-Étienne), each group by population (largest first), then by name.
// Homonyms are told apart by department: Suggestion::label() gives "Saint-Denis (974)".
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
    enum class Match : std::uint8_t { ExactName, NamePrefix, WordPrefix, PostalCode };
    const places::Commune* commune = nullptr;
    std::string_view postal_code;  // the code that matched a typed number, otherwise the commune's first code
    Match match = Match::NamePrefix;
    bool homonym = false;  // another commune bears the same name

    // "Saint-Étienne (42)": the name and the department, as the list shows it.
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
        std::uint32_t commune;
        std::uint32_t offset;  // where the word starts in the folded name
    };
    struct PostalEntry {
        std::string_view code;
        std::uint32_t commune;
    };
    std::string_view key(const Entry& e) const {
        return std::string_view(names_[e.commune]).substr(e.offset);
    }

    std::vector<places::Commune> communes_;
    std::vector<std::string> names_;  // folded, "st"/"ste" spelled out
    std::vector<bool> homonym_;
    std::vector<std::uint32_t> rank_;  // by population (largest first), then name
    std::vector<Entry> entries_;       // every word start but small words, sorted by the text from there
    std::vector<PostalEntry> postal_;  // sorted by code
};

}  // namespace kiosk::search
