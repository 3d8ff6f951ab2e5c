#include "log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace kiosk::log {
namespace {
std::atomic<Level> g_min{Level::Info};
std::mutex g_mutex;

const char* level_name(Level level) {
    switch (level) {
        case Level::Debug: return "debug";
        case Level::Info: return "info";
        case Level::Warning: return "warning";
        case Level::Error: return "error";
    }
    return "?";
}
}  // namespace

void set_min_level(Level level) { g_min = level; }
Level min_level() { return g_min; }

bool parse_level(std::string_view name, Level& out) {
    if (name == "debug") out = Level::Debug;
    else if (name == "info") out = Level::Info;
    else if (name == "warning") out = Level::Warning;
    else if (name == "error") out = Level::Error;
    else return false;
    return true;
}

void write(Level level, std::string_view message) {
    // One fputs per line so that concurrent threads never interleave inside a line.
    std::string line = "<" + std::to_string(static_cast<int>(level)) + ">kiosk " + level_name(level) + ": ";
    line.append(message);
    line.push_back('\n');
    std::lock_guard lock(g_mutex);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

}  // namespace kiosk::log
