#pragma once
// The gazetteer: every French commune, to search "near a commune or a postal code".
// Built by content/tools from open data and committed as content/communes.tsv:
//   a header line, then one commune a line, tab-separated:
//   insee  name  department  postal_codes(space-separated)  population  latitude  longitude
//   coordinates_source  kind  parent
// kind is "commune", "arrondissement" (of Paris, Lyon, Marseille) or "former" (a former commune merged into a
// current one: a commune déléguée or associée); parent is, for the last two, the INSEE code of the current
// commune they belong to. A file of the first 8 columns only is read as communes alone.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::places {

struct Commune {
    enum class Kind : std::uint8_t { Commune, Arrondissement, Former };
    std::string insee;       // INSEE code, "42147", "2A004" (a former commune's may be its parent's)
    std::string name;        // official name, with accents: "Saint-Étienne"
    std::string department;  // "42", "2A", "974"
    std::vector<std::string> postal_codes;  // La Poste codes (none for a former commune)
    int population = 0;                     // 0 for a former commune (not in the sources)
    double latitude = 0, longitude = 0;
    std::string coordinates_source;  // where the position comes from (documented in content/tools)
    Kind kind = Kind::Commune;
    // An arrondissement's or former commune's current commune: its INSEE code, all zero bytes for a commune
    // (5 chars, not a std::string: 32 bytes less on each of ~37 500 rows).
    std::array<char, 5> parent_code{};

    std::string_view parent() const {
        return parent_code[0] ? std::string_view(parent_code.data(), parent_code.size()) : std::string_view();
    }
};

// Reads content/communes.tsv. Bad lines are reported ("file:line: reason") and skipped.
std::vector<Commune> load_communes(const std::filesystem::path& tsv, std::vector<std::string>& errors);

}  // namespace kiosk::places
