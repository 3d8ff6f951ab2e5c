#pragma once
// Helpers shared by the tests: a fresh temporary folder and the demo configuration pointed at it.
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/i18n.hpp"

namespace kiosk::test {

inline std::filesystem::path source_dir() {
    return KIOSK_SOURCE_DIR;
}
inline std::filesystem::path binary_dir() {
    return KIOSK_BINARY_DIR;
}

// A folder that exists for the life of the object.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("kiosk-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// A wall clock on a fixed date (Tuesday 24 November 2026, 09:00 UTC) for what dates its rows: tests never
// depend on the machine's date.
inline WallTime test_date() {
    using namespace std::chrono;
    return sys_days{year{2026} / November / 24} + std::chrono::hours{9};
}
inline const WallClock& test_clock() {
    static const ManualWallClock clock(test_date());
    return clock;
}

// The demo configuration, with its database in `data_dir`.
inline Config demo_config(const std::filesystem::path& data_dir) {
    ConfigResult r = load_config(source_dir() / "content/demo/kiosk.toml");
    if (!r.ok()) throw std::runtime_error("demo configuration: " + r.errors.front().to_string());
    r.config.data_dir = data_dir;
    return r.config;
}

// The shipped catalogs (content/i18n, French as the fallback), set to `language`; throws when they cannot be
// read or have no such language.
inline Translator shipped_translator(const std::string& language) {
    Translator t;
    std::vector<std::string> errors;
    t.load_folder(source_dir() / "content/i18n", "fr", errors);
    if (!errors.empty()) throw std::runtime_error("catalogs: " + errors.front());
    if (!t.set_language(language)) throw std::runtime_error("no catalog for " + language);
    return t;
}

}  // namespace kiosk::test
