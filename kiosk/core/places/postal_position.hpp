#pragma once
// Positions of postal codes that are not their commune's: the codes of the arrondissements municipaux of
// Paris, Lyon and Marseille (75015, 75116, 69003, 13011…), which the gazetteer gives to the whole city.
// Built by content/tools/communes with content/communes.tsv and committed as content/postal_positions.tsv:
//   a header line, then one postal code a line, tab-separated:
//   postal_code  insee  name  parent  latitude  longitude  coordinates_source
// insee and name are the arrondissement's ("75115", "Paris 15e Arrondissement"), parent the commune of the
// gazetteer that has the postal code ("75056", Paris).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::places {

struct PostalPosition {
    std::string postal_code;  // "75015"
    std::string insee;        // the arrondissement's INSEE code, "75115"
    std::string name;         // "Paris 15e Arrondissement"
    std::string parent;       // the commune's INSEE code, "75056"
    double latitude = 0, longitude = 0;
    std::string coordinates_source;
};

// Reads content/postal_positions.tsv, sorted by postal code (one line a code: a repeated code is an error).
// Bad lines are reported ("file:line: reason") and skipped.
std::vector<PostalPosition> load_postal_positions(const std::filesystem::path& tsv,
                                                  std::vector<std::string>& errors);

// The position of `postal_code` in positions sorted by code, or nullptr.
const PostalPosition* find_postal_position(const std::vector<PostalPosition>& sorted,
                                           std::string_view postal_code);

}  // namespace kiosk::places
