#include "places_data.hpp"

#include <fstream>

#include "kiosk/core/files.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/place_store.hpp"

namespace kiosk::journeys {
namespace {

// What was imported last, so that an unchanged content file is not imported again at every start.
std::string stamp_of(const std::vector<std::filesystem::path>& files) {
    std::string s;
    for (const auto& f : files) {
        std::error_code ec;
        auto size = std::filesystem::file_size(f, ec);
        auto time = std::filesystem::last_write_time(f, ec).time_since_epoch().count();
        s += f.string() + " " + std::to_string(size) + " " + std::to_string(time) + "\n";
    }
    return s;
}


}  // namespace

std::vector<std::optional<search::WeekMask>> PlacesData::week_masks(const hours::LocalDate& day) const {
    std::vector<std::optional<search::WeekMask>> masks(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        const hours::OpeningHours& h = hours[i];
        if (!h.understood()) continue;
        search::WeekMask mask;
        const hours::WeekSchedule week = h.week(day);
        for (int d = 0; d < 7; ++d)
            for (const hours::Range& r : week.days[d].ranges)
                if (r.state == hours::State::Open) search::set_open(mask, d, r.start, r.end);
        masks[i] = mask;
    }
    return masks;
}

std::shared_ptr<PlacesData> PlacesData::load(const std::filesystem::path& content_dir,
                                             const std::filesystem::path& data_dir, std::time_t now) {
    auto data = std::make_shared<PlacesData>();
    const auto started = std::chrono::steady_clock::now();

    std::vector<std::filesystem::path> sources;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(content_dir / "places", ec))
        if (f.path().extension() == ".csv") sources.push_back(f.path());
    std::sort(sources.begin(), sources.end());
    if (sources.empty()) data->problems.push_back("no places in " + (content_dir / "places").string());

    try {
        std::filesystem::create_directories(data_dir, ec);
        places::PlaceStore store = places::PlaceStore::open(data_dir / "places.sqlite");
        const std::filesystem::path stamp_file = data_dir / "places.imported";
        const std::string stamp = stamp_of(sources);
        if (!sources.empty() && (store.count() == 0 || kiosk::read_file(stamp_file).value_or("") != stamp)) {
            const places::Standard standard = places::Standard::load(content_dir / "standard");
            for (const auto& file : sources) {
                places::ImportReport report = store.import_file(file, standard);
                log::info("places: ", file.filename().string(), ": ", report.accepted, " kept, ", report.rejected,
                          " rejected");
                if (!report.ok()) data->problems.push_back(file.string() + ": " + report.fatal);
            }
            std::ofstream(stamp_file, std::ios::binary | std::ios::trunc) << stamp;
        }
        data->places = store.load_all();
    } catch (const std::exception& e) {
        data->problems.push_back(std::string("places database: ") + e.what());
    }

    data->hours.reserve(data->places.size());
    for (const places::Place& p : data->places) data->hours.push_back(hours::OpeningHours::parse(p.opening_hours));
    data->week_of = hours::paris_local_time(now).date();
    data->index = search::PlaceIndex::build(data->places, data->week_masks(data->week_of));

    std::vector<std::string> errors;
    data->communes = search::CommuneIndex(places::load_communes(content_dir / "communes.tsv", errors));
    for (std::size_t i = 0; i < errors.size() && i < 5; ++i) data->problems.push_back(errors[i]);

    std::string tiles_problem;
    data->tiles = MapTiles::open_folder(content_dir / "map", tiles_problem);
    if (!tiles_problem.empty()) data->problems.push_back(tiles_problem);

    for (const auto& p : data->problems) log::warn("places: ", p);
    log::info("places: ", data->places.size(), " places, ", data->index.size(), " located, ",
              data->communes.size(), " communes, loaded in ",
              std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count(),
              " ms");
    return data;
}

}  // namespace kiosk::journeys
