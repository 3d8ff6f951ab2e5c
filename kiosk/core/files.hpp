#pragma once
// Reading a whole file, once, for every loader of the kiosk (configuration, content, data).
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk {

// The file's bytes, read in one go (no intermediate copy: the gazetteer is megabytes); nothing when it cannot
// be opened or read, with the reason in `error` ("cannot be opened", "read error").
std::optional<std::string> read_file(const std::filesystem::path& file, std::string* error = nullptr);

}  // namespace kiosk
