#pragma once
// The gazetteer: every French commune, to search "near a commune or a postal code".
// Built by content/tools from open data and committed as content/communes.tsv:
//   a header line, then one commune a line, tab-separated:
//   insee  name  department  postal_codes(space-separated)  population  latitude  longitude
//   coordinates_source
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::places {

struct Commune {
    std::string insee;                      // INSEE code, "42147", "2A004"
    std::string name;                       // official name, with accents: "Saint-Étienne"
    std::string department;                 // "42", "2A", "974"
    std::vector<std::string> postal_codes;  // La Poste codes
    int population = 0;
    double latitude = 0, longitude = 0;
    std::string coordinates_source;  // where the position comes from (documented in content/tools)
};

// Reads content/communes.tsv. Bad lines are reported ("file:line: reason") and skipped.
std::vector<Commune> load_communes(const std::filesystem::path& tsv, std::vector<std::string>& errors);

}  // namespace kiosk::places
