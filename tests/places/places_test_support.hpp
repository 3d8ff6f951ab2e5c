#pragma once
// Paths of the places tests.
#include <filesystem>

#include "test_support.hpp"

namespace kiosk::test {
inline std::filesystem::path standard_dir() {
    return source_dir() / "content/standard";
}
inline std::filesystem::path places_data() {
    return source_dir() / "tests/places/data";
}
}  // namespace kiosk::test
