#pragma once
// Anonymous statistics of the diagnostic, in CitizenStore's counters, which survive the wipe and hold no
// personal data (no answer, no time of day, no link between counters). A level per domain is about a person:
// each counter is stored only in groups of CitizenStore::kMinPeople people, under the period they came in
// (CitizenStore::count_person), never per day, so that no stored figure describes fewer than 5 people.
//
// Metrics (each +1 per finished diagnostic), with <level> one of autonome, partiel, accompagne:
//   diag.finished                    diagnostics finished
//   diag.level.<domain>.<level>      for each assessed domain (touch, typing, internet, email, services,
//                                    security, communication, documents)
//   diag.overall.<level>             the overall level
//   diag.need.<service>              each v1 service category needed (aide_demarches, outils_quotidien,
//                                    insertion_pro, usage_securise, parentalite, loisirs,
//                                    comprendre_numerique, acces_internet, materiel_solidaire)
#include <array>
#include <map>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "kiosk/core/citizen_store.hpp"

namespace kiosk::diagnostic {

// Counts a finished diagnostic on `day` (YYYY-MM-DD, e.g. Kiosk::today(), from the injected wall clock).
// False (nothing counted) when the result is not finished.
bool record_stats(CitizenStore& store, const DiagnosticResult& result, const std::string& day);

// What is stored, all periods together: each figure is a multiple of CitizenStore::kMinPeople.
struct GroupedStats {
    std::string since;  // the first day covered ("" when nothing is stored yet)
    int finished = 0;
    // [domain][level - 1]: autonome, partiel, accompagne
    std::array<std::array<int, 3>, kDomainCount> levels{};
    std::array<int, 3> overall{};
    std::array<int, 9> needs{};  // by places::Service bit index
    int level(Domain d, Level l) const;
    int need(places::Service s) const;
};
// What the agent screen shows.
GroupedStats read_stats(const CitizenStore& store);
// The same from figures read elsewhere (a worker's read of the file: CitizenStore::read_grouped of
// stat_metrics()); a metric missing from `grouped` counts 0.
GroupedStats read_stats(const std::map<std::string, CitizenStore::Grouped>& grouped);

// Every metric name above, for documentation, exports and tests.
std::vector<std::string> stat_metrics();

}  // namespace kiosk::diagnostic
