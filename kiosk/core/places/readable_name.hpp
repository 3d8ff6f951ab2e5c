#pragma once
// A place's name written all in capitals ("MEDIATHEQUE DE MONTBRISON", common in real exports) shown as
// people write it: "Médiathèque de Montbrison".
//  - each word gets a capital first letter, the small words inside the name ("de", "du", "la", "et", "à",
//  "sur",
//    "d'", "l'"…) none: "Maison de Services au Public d'Abondance";
//  - acronyms stay in capitals: the known ones ("CCAS", "MJC", "EPN", "CAF", "MSAP"…) and any word of
//    2 or 3 letters with at most one vowel that is not a French word ("MDM", "CAF"), or with no vowel
//    ("CMS");
//  - the usual words of place names get back the accents capitals lost ("MEDIATHEQUE" → "Médiathèque",
//    "NUMERIQUE" → "Numérique", "ECOLE" → "École");
//  - the place's commune written in the name gets its official spelling ("SAINT ETIENNE", "ST ETIENNE" →
//    "Saint-Étienne"), and so does a former commune merged into it ("CRAN GEVRIER" → "Cran-Gevrier").
// A name with a lower-case letter is kept as it is: it was written by a person.
#include <span>
#include <string>
#include <string_view>

namespace kiosk::places {

// Whether the name has letters and none in lower case.
bool all_capitals(std::string_view name);

// The name in readable case (unchanged when it is not all in capitals). `communes`: the official spellings of
// the place's commune and of its former communes (none when unknown); the longest one found is used.
std::string readable_name(std::string_view name, std::span<const std::string_view> communes);
inline std::string readable_name(std::string_view name, std::string_view commune = {}) {
    return readable_name(name, std::span<const std::string_view>(&commune, commune.empty() ? 0 : 1));
}

}  // namespace kiosk::places
