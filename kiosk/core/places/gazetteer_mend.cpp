#include "kiosk/core/places/gazetteer_mend.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
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
    // Sorted vectors, not hash maps of strings: made at the kiosk's peak of memory, they cost 16 bytes a key
    // instead of ~100.
    std::vector<const Commune*> by_insee;
    by_insee.reserve(communes.size());
    for (const Commune& c : communes) by_insee.push_back(&c);
    std::stable_sort(by_insee.begin(), by_insee.end(),
                     [](const Commune* a, const Commune* b) { return a->insee < b->insee; });
    auto find_insee = [&](std::string_view code) -> const Commune* {
        const auto it = std::lower_bound(by_insee.begin(), by_insee.end(), code,
                                         [](const Commune* c, std::string_view v) { return c->insee < v; });
        return it != by_insee.end() && (*it)->insee == code ? *it : nullptr;
    };
    // "42600 montbrison", by its hash (the candidates checked): made only when a place needs it (no INSEE
    // code, or one that names another commune), as it costs more to make than all the rest.
    std::vector<std::pair<std::uint64_t, const Commune*>> by_postal_name;
    auto by_postal_and_name = [&](std::string_view code, const std::string& key) -> const Commune* {
        const std::hash<std::string> hash;
        if (by_postal_name.empty()) {
            by_postal_name.reserve(communes.size() + communes.size() / 4);
            for (const Commune& c : communes) {
                const std::string k = name_key(c.name);
                for (std::string_view pc : c.postal_codes)
                    by_postal_name.emplace_back(hash(std::string(pc) + " " + k), &c);
            }
            std::stable_sort(by_postal_name.begin(), by_postal_name.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        }
        const std::uint64_t h = hash(std::string(code) + " " + key);
        auto it = std::lower_bound(by_postal_name.begin(), by_postal_name.end(), h,
                                   [](const auto& e, std::uint64_t v) { return e.first < v; });
        for (; it != by_postal_name.end() && it->first == h; ++it) {
            const Commune& c = *it->second;
            if (name_key(c.name) != key) continue;
            for (std::string_view pc : c.postal_codes)
                if (pc == code) return &c;
        }
        return nullptr;
    };
    std::unordered_multimap<std::string_view, std::string_view> formers;  // current commune → former names
    for (Place& p : places) {
        const Commune* c = nullptr;
        if (!p.insee_code.empty()) c = find_insee(p.insee_code);
        const std::string key = name_key(p.commune);
        if (c && name_key(c->name) != key) {
            // The INSEE code may name the commune the place belongs to while the address names a former one:
            // the postal code and the name, when they agree, say better.
            if (const Commune* named = by_postal_and_name(p.postal_code, key)) c = named;
        }
        if (!c) c = by_postal_and_name(p.postal_code, key);
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
