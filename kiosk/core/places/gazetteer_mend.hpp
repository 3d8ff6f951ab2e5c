#pragma once
// What the gazetteer (every French commune, content/communes.tsv) mends in the places it is given, at load:
//  - a commune written in capitals or without its accents and hyphens ("MONTBRISON", "Saint Etienne") is
//    shown in its official spelling ("Montbrison", "Saint-Étienne"), found through the INSEE code (or the
//    postal code and the name);
//  - a place's name written in capitals is shown in readable case (readable_name.hpp), its commune in it in
//    the official spelling: "MEDIATHEQUE DE MONTBRISON" → "Médiathèque de Montbrison";
//  - a place without a position, or placed more than `max_km` from its own commune (a geocoding mistake),
//    is placed at its commune's position and flagged `approximate`, so that it is still found near the
//    citizen and the kiosk says the position is approximate.
#include <cstddef>
#include <vector>

#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/places/place.hpp"

namespace kiosk::places {

struct GazetteerMend {
    std::size_t renamed = 0;     // communes written in their official spelling
    std::size_t placed = 0;      // places without a position, placed at their commune
    std::size_t moved = 0;       // places too far from their commune, placed at it
    std::size_t recased = 0;     // names in capitals written in readable case
    std::size_t no_commune = 0;  // places whose commune the gazetteer does not know (left as they are)
};

GazetteerMend mend_with_gazetteer(std::vector<Place>& places, const std::vector<Commune>& communes,
                                  double max_km = 30);

// Great-circle distance in kilometres.
double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace kiosk::places
