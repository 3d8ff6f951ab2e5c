#include "kiosk/core/places/gazetteer_mend.hpp"

#include <cmath>
#include <string_view>
#include <unordered_map>

#include "kiosk/core/places/readable_name.hpp"
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
    by_insee.reserve(communes.size());
    for (const Commune& c : communes) by_insee.emplace(c.insee, &c);
    // "42600 montbrison": made only when a place needs it (no INSEE code, or one that names another commune),
    // as it costs more to make than all the rest (37 500 communes, 40 000 keys).
    std::unordered_map<std::string, const Commune*> by_postal_name;
    auto by_postal_and_name = [&](const std::string& code_and_name) -> const Commune* {
        if (by_postal_name.empty()) {
            by_postal_name.reserve(communes.size() * 2);
            for (const Commune& c : communes) {
                const std::string key = name_key(c.name);
                for (std::string_view pc : c.postal_codes)
                    by_postal_name.emplace(std::string(pc) + " " + key, &c);
            }
        }
        const auto it = by_postal_name.find(code_and_name);
        return it == by_postal_name.end() ? nullptr : it->second;
    };
    std::unordered_multimap<std::string_view, std::string_view> formers;  // current commune → former names
    for (Place& p : places) {
        const Commune* c = nullptr;
        if (auto it = by_insee.find(p.insee_code); !p.insee_code.empty() && it != by_insee.end())
            c = it->second;
        const std::string key = name_key(p.commune);
        if (c && name_key(c->name) != key) {
            // The INSEE code may name the commune the place belongs to while the address names a former one:
            // the postal code and the name, when they agree, say better.
            if (const Commune* named = by_postal_and_name(p.postal_code + " " + key)) c = named;
        }
        if (!c) c = by_postal_and_name(p.postal_code + " " + key);
        // A name in capitals, in readable case, with its commune's official spelling (or a former commune's).
        if (all_capitals(p.name)) {
            if (formers.empty())
                for (const Commune& f : communes)
                    if (f.kind == Commune::Kind::Former) formers.emplace(f.parent(), f.name);
            std::vector<std::string_view> names;
            if (c) {
                names.push_back(c->name);
                const auto [from, to] = formers.equal_range(c->insee);
                for (auto it = from; it != to; ++it) names.push_back(it->second);
            }
            std::string readable = readable_name(p.name, names);
            if (readable != p.name) {
                p.name = std::move(readable);
                ++m.recased;
            }
        }
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
