#pragma once
// Reading a whole file, once, for every loader of the kiosk (configuration, content, data).
#include <cstddef>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// The file's bytes, read in one go (no intermediate copy: the gazetteer is megabytes); nothing when it cannot
// be read, with the reason in `error`: "cannot be opened", "is a folder, not a file", "is not a regular
// file", "is larger than N bytes", "read error". Never throws: a folder or a device put where a file should
// be is an error like any other.
std::optional<std::string> read_file(const std::filesystem::path& file, std::string* error = nullptr,
                                     std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

// read_file for a loader that collects its problems: the bytes, or nothing with "<file>: <reason>" added to
// `errors` ("cannot open the file" when it cannot be opened, else read_file's reason).
std::optional<std::string> read_file_reporting(const std::filesystem::path& file,
                                               std::vector<std::string>& errors);

}  // namespace kiosk
