#pragma once
// Everything the places journey searches, loaded once on a worker thread: the places (imported from the
// content's v1 CSV into the places database when it changed), their opening hours parsed, the spatial index,
// and the commune gazetteer. Immutable once built; shared with the UI thread through a shared_ptr.
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/hours/opening_hours.hpp"
#include "kiosk/core/journeys/map_tiles.hpp"
#include "kiosk/core/journeys/map_view.hpp"
#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/place.hpp"
#include "kiosk/core/places/postal_position.hpp"
#include "kiosk/core/search/communes.hpp"
#include "kiosk/core/search/nearest.hpp"

namespace kiosk::journeys {

struct PlacesData {
    std::vector<places::Place> places;
    std::vector<hours::OpeningHours> hours;  // parallel to places
    search::PlaceIndex index;                // ids are positions in `places`
    hours::LocalDate week_of;                // the week the index's open masks describe
    search::CommuneIndex communes;
    std::vector<std::uint32_t> towns;  // the communes the map may name, the most populated first (map_view)
    std::vector<places::PostalPosition> postal_positions;  // the arrondissements' postal codes, by code
    MapTiles tiles;                                        // <content>/map/*.mbtiles when one is provided
    std::vector<std::string> problems;    // what could not be loaded, for the agent screen and the logs
    places::ContentStatus import_status;  // the content import: unchanged, imported, or failed (and why)

    // Content: <content>/map/*.mbtiles (optional raster tiles), <content>/places/*.csv (v1) imported into
    // <data>/places.sqlite when the files changed (places::sync_content: one transaction, the last good
    // places kept on failure, a damaged database rebuilt), <content>/standard for validation,
    // <content>/communes.tsv, <content>/postal_positions.tsv (optional). Never throws: problems are listed.
    static std::shared_ptr<PlacesData> load(const std::filesystem::path& content_dir,
                                            const std::filesystem::path& data_dir, std::time_t now);

    // Open masks of the week holding `day`, one per place (nullopt where the hours are unknown or unread).
    // A public holiday the hours say nothing about is not open (unknown): no slot of that day is set.
    std::vector<std::optional<search::WeekMask>> week_masks(const hours::LocalDate& day) const;
    // Whether place `id` is open at t, as the citizen is told (hours::citizen_status: a public holiday the
    // hours do not mention is unknown, not open).
    bool open_at(std::uint32_t id, const hours::LocalDateTime& t) const;
};

}  // namespace kiosk::journeys
