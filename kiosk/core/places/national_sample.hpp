#pragma once
// A national-size places file for benchmarks (kiosk-bench-national, kiosk-bench-fleet): the demo places
// repeated to `count`, each at a commune of the gazetteer (drawn by the square root of its population) with
// up to ~2 km of jitter, its commune, postal code and INSEE code rewritten to match. The same file at every
// run (a fixed seed).
#include <cstddef>
#include <filesystem>
#include <vector>

#include "kiosk/core/places/commune.hpp"

namespace kiosk::places {

// Writes <out_csv> (a v1 CSV of the standard) from <source_content>/places/*.csv. Returns the number written.
std::size_t write_national_places(const std::filesystem::path& source_content,
                                  const std::filesystem::path& out_csv, std::size_t count,
                                  const std::vector<Commune>& communes);

}  // namespace kiosk::places
