// Anonymous daily counters of finished diagnostics (metric names in stats.hpp).
#include "stats.hpp"

namespace kiosk::diagnostic {

namespace {

constexpr Level kLevels[3] = {Level::Autonome, Level::Partiel, Level::Accompagne};

std::string level_metric(Domain d, Level l) {
    return "diag.level." + std::string(domain_id(d)) + "." + std::string(level_id(l));
}
std::string overall_metric(Level l) {
    return "diag.overall." + std::string(level_id(l));
}
std::string need_metric(std::size_t bit) {
    return "diag.need." + std::string(service_id(static_cast<places::Service>(1u << bit)));
}

}  // namespace

bool record_stats(CitizenStore& store, const DiagnosticResult& result, const std::string& day) {
    if (!result.finished) return false;
    store.count_person("diag.finished", day);
    for (Domain d : kAllDomains)
        if (Level l = result.level(d); l != Level::NotAssessed) store.count_person(level_metric(d, l), day);
    if (result.overall != Level::NotAssessed) store.count_person(overall_metric(result.overall), day);
    for (std::size_t bit = 0; bit < 9; ++bit)
        if (result.services & (1u << bit)) store.count_person(need_metric(bit), day);
    return true;
}

int GroupedStats::level(Domain d, Level l) const {
    if (l == Level::NotAssessed) return 0;
    return levels[static_cast<std::size_t>(d)][static_cast<std::size_t>(l) - 1];
}

int GroupedStats::need(places::Service s) const {
    for (std::size_t bit = 0; bit < 9; ++bit)
        if (static_cast<unsigned>(s) == (1u << bit)) return needs[bit];
    return 0;
}

GroupedStats read_stats(const CitizenStore& store) {
    return read_stats(store.grouped(stat_metrics()));
}

GroupedStats read_stats(const std::map<std::string, CitizenStore::Grouped>& grouped) {
    auto get = [&](const std::string& metric) {
        auto it = grouped.find(metric);
        return it == grouped.end() ? CitizenStore::Grouped{} : it->second;
    };
    GroupedStats s;
    const CitizenStore::Grouped finished = get("diag.finished");
    s.finished = finished.count;
    s.since = finished.since;
    for (Domain d : kAllDomains)
        for (std::size_t i = 0; i < 3; ++i)
            s.levels[static_cast<std::size_t>(d)][i] = get(level_metric(d, kLevels[i])).count;
    for (std::size_t i = 0; i < 3; ++i) s.overall[i] = get(overall_metric(kLevels[i])).count;
    for (std::size_t bit = 0; bit < 9; ++bit) s.needs[bit] = get(need_metric(bit)).count;
    return s;
}

std::vector<std::string> stat_metrics() {
    std::vector<std::string> out{"diag.finished"};
    for (Domain d : kAllDomains)
        for (Level l : kLevels) out.push_back(level_metric(d, l));
    for (Level l : kLevels) out.push_back(overall_metric(l));
    for (std::size_t bit = 0; bit < 9; ++bit) out.push_back(need_metric(bit));
    return out;
}

}  // namespace kiosk::diagnostic
