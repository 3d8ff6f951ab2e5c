#pragma once
// An installed content bundle as the running kiosk reads it, and the health check that decides whether it
// stays.
//
// The journeys read a content folder (places/, communes.tsv, i18n/, diagnostic, pass, booking…). A bundle's
// slot is turned into such a folder once: <live>/v<version>/ holds every content file written back from the
// bundle's `content_files` and `content_rows`, and `places.bundle`, which names the bundle's database: the
// places journey reads the places from it as they were imported when the bundle was built (read-only). The
// folder is made in <live>/v<version>.making and renamed into place: a kill leaves it whole or absent.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/fleet/content_store.hpp"

namespace kiosk::fleet {

// The content folder of an installed slot under `live_root`, made when needed. Nothing (and `error`) when
// the bundle cannot be read back.
std::optional<std::filesystem::path> live_folder(const InstalledContent& slot,
                                                 const std::filesystem::path& live_root, std::string& error);
// Removes the folders of versions other than `keep`.
void remove_live_folders(const std::filesystem::path& live_root, const std::vector<std::int64_t>& keep);

// Every journey's content loads from `content_dir` with the journeys' own loaders: the catalogs (fr, en),
// the places and the communes, the self-diagnostic, the pass issuers, the workshops' booking file. "" when
// all do, else what failed (one line, English). Blocking (a task). `data_dir` takes the places journey's
// scratch files.
std::string check_content_folder(const std::filesystem::path& content_dir,
                                 const std::filesystem::path& data_dir);

// Whether `png` is a PNG file of at least `min_width` × `min_height` pixels (the drawn screen).
bool png_drawn(const std::filesystem::path& png, int min_width, int min_height, std::string& why);

}  // namespace kiosk::fleet
