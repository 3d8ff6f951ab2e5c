#include "kiosk/core/places/gazetteer_mend.hpp"

#include <cmath>
#include <string_view>
#include <unordered_map>

#include "kiosk/core/places/repair.hpp"

namespace kiosk::places {

namespace {

// Folded, with hyphens and apostrophes as spaces: "Saint Etienne" and "SAINT-ÉTIENNE" meet.
std::string name_key(std::string_view name) {
    std::string folded = fold_text(name);
    std::string out;
    for (char c : folded) {
        if (c == '-' || c == '\'') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kRad = M_PI / 180.0, kEarthKm = 6371.0088;
    const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

GazetteerMend mend_with_gazetteer(std::vector<Place>& places, const std::vector<Commune>& communes,
                                  double max_km) {
    GazetteerMend m;
    if (communes.empty()) return m;
    std::unordered_map<std::string_view, const Commune*> by_insee;
    std::unordered_map<std::string, const Commune*> by_postal_name;  // "42600 montbrison"
    by_insee.reserve(communes.size());
    for (const Commune& c : communes) {
        by_insee.emplace(c.insee, &c);
        const std::string key = name_key(c.name);
        for (const std::string& pc : c.postal_codes) by_postal_name.emplace(pc + " " + key, &c);
    }
    for (Place& p : places) {
        const Commune* c = nullptr;
        if (auto it = by_insee.find(p.insee_code); !p.insee_code.empty() && it != by_insee.end())
            c = it->second;
        const std::string key = name_key(p.commune);
        if (c && name_key(c->name) != key) {
            // The INSEE code may name the commune the place belongs to while the address names a former one:
            // the postal code and the name, when they agree, say better.
            if (auto it = by_postal_name.find(p.postal_code + " " + key); it != by_postal_name.end())
                c = it->second;
        }
        if (!c)
            if (auto it = by_postal_name.find(p.postal_code + " " + key); it != by_postal_name.end())
                c = it->second;
        if (!c) {
            ++m.no_commune;
            continue;
        }
        if (name_key(c->name) == key && p.commune != c->name) {
            p.commune = c->name;
            ++m.renamed;
        }
        const bool has_position = c->latitude != 0 || c->longitude != 0;
        if (!has_position) continue;
        if (!p.located()) {
            p.latitude = c->latitude;
            p.longitude = c->longitude;
            p.approximate = true;
            ++m.placed;
        } else if (distance_km(*p.latitude, *p.longitude, c->latitude, c->longitude) > max_km) {
            p.latitude = c->latitude;
            p.longitude = c->longitude;
            p.approximate = true;
            ++m.moved;
        }
    }
    return m;
}

}  // namespace kiosk::places
