#include "places_data.hpp"

#include <algorithm>
#include <chrono>

#include "kiosk/core/files.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/places/gazetteer_mend.hpp"

namespace kiosk::journeys {

std::vector<std::optional<search::WeekMask>> PlacesData::week_masks(const hours::LocalDate& day) const {
    std::vector<std::optional<search::WeekMask>> masks(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        const hours::OpeningHours& h = hours[i];
        if (!h.understood()) continue;
        search::WeekMask mask;
        const hours::WeekSchedule week = h.week(day);
        for (int d = 0; d < 7; ++d) {
            // A public holiday the hours say nothing about: not known to be open (hours::citizen_status).
            if (hours::holiday_unsaid(h, week.days[d].date)) continue;
            for (const hours::Range& r : week.days[d].ranges)
                if (r.state == hours::State::Open) search::set_open(mask, d, r.start, r.end);
        }
        masks[i] = mask;
    }
    return masks;
}

bool PlacesData::open_at(std::uint32_t id, const hours::LocalDateTime& t) const {
    return id < hours.size() && hours::citizen_status(hours[id], t).open();
}

std::shared_ptr<PlacesData> PlacesData::load(const std::filesystem::path& content_dir,
                                             const std::filesystem::path& data_dir, std::time_t now) {
    auto data = std::make_shared<PlacesData>();
    const auto started = std::chrono::steady_clock::now();

    std::error_code ec;
    places::ContentPlaces content;
    // A fleet content bundle's folder names the bundle's database, which holds the places already imported
    // (fleet/live_content.hpp): read as it is, never written.
    if (auto bundle = read_file(content_dir / "places.bundle", nullptr, 4096)) {
        while (!bundle->empty() && (bundle->back() == '\n' || bundle->back() == '\r')) bundle->pop_back();
        try {
            places::StoreOptions read_only;
            read_only.read_only = true;
            content.places = places::PlaceStore::open(*bundle, read_only).load_all();
        } catch (const std::exception& e) {
            content.status.state = places::ContentStatus::State::Failed;
            content.status.problem = e.what();
            content.problems.push_back(e.what());
        }
        if (content.places.empty()) data->problems.push_back("no places in the content bundle " + *bundle);
    } else {
        const std::vector<std::filesystem::path> sources = places::content_files(content_dir / "places");
        if (sources.empty()) data->problems.push_back("no places in " + (content_dir / "places").string());
        std::filesystem::create_directories(data_dir, ec);
        std::filesystem::remove(data_dir / "places.imported", ec);  // the stamp now lives in the database
        content = places::sync_content(sources, content_dir / "standard", data_dir / "places.sqlite");
    }
    data->places = std::move(content.places);
    data->import_status = content.status;
    if (content.status.failed()) log::error("places: ", content.status.problem);
    for (auto& p : content.problems) data->problems.push_back(p);

    // The gazetteer first: it spells the communes and places the places that have no good position.
    std::vector<std::string> errors;
    std::vector<places::Commune> communes = places::load_communes(content_dir / "communes.tsv", errors);
    const places::GazetteerMend mend = places::mend_with_gazetteer(data->places, communes);
    if (mend.renamed || mend.placed || mend.moved || mend.recased)
        log::info("places: ", mend.recased, " name(s) in capitals written in readable case, ", mend.renamed,
                  " commune name(s) written in their official spelling, ", mend.placed,
                  " place(s) with no position placed at their commune, ", mend.moved,
                  " place(s) more than 30 km from their commune placed at it");
    data->communes = search::CommuneIndex(std::move(communes));
    data->towns = map::towns_by_population(data->communes.communes());
    for (std::size_t i = 0; i < errors.size() && i < 5; ++i) data->problems.push_back(errors[i]);
    // Optional: without it, a postal code of an arrondissement searches from the city's centre.
    if (std::filesystem::exists(content_dir / "postal_positions.tsv", ec)) {
        errors.clear();
        data->postal_positions = places::load_postal_positions(content_dir / "postal_positions.tsv", errors);
        for (std::size_t i = 0; i < errors.size() && i < 5; ++i) data->problems.push_back(errors[i]);
    }

    data->hours.reserve(data->places.size());
    for (const places::Place& p : data->places)
        data->hours.push_back(hours::OpeningHours::parse(p.opening_hours));
    data->week_of = hours::paris_local_time(now).date();
    data->index = search::PlaceIndex::build(data->places, data->week_masks(data->week_of));

    std::string tiles_problem;
    data->tiles = MapTiles::open_folder(content_dir / "map", tiles_problem);
    if (!tiles_problem.empty()) data->problems.push_back(tiles_problem);

    for (const auto& p : data->problems) log::warn("places: ", p);
    log::info(
        "places: ", data->places.size(), " places, ", data->index.size(), " located, ", data->communes.size(),
        " communes, loaded in ",
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count(),
        " ms");
    return data;
}

}  // namespace kiosk::journeys
