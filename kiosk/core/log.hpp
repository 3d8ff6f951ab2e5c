#pragma once
// Levelled logging to stderr, with the "<N>" priority prefix journald reads under systemd.
#include <sstream>
#include <string_view>

namespace kiosk::log {

enum class Level { Debug = 7, Info = 6, Warning = 4, Error = 3 };

void set_min_level(Level level);           // messages below this are dropped
Level min_level();
bool parse_level(std::string_view name, Level& out);  // "debug", "info", "warning", "error"
void write(Level level, std::string_view message);  // thread-safe, one line

template <typename... Args>
void emit(Level level, const Args&... args) {
    if (static_cast<int>(level) > static_cast<int>(min_level())) return;
    std::ostringstream out;
    (out << ... << args);
    write(level, out.str());
}
template <typename... Args> void debug(const Args&... a) { emit(Level::Debug, a...); }
template <typename... Args> void info(const Args&... a) { emit(Level::Info, a...); }
template <typename... Args> void warn(const Args&... a) { emit(Level::Warning, a...); }
template <typename... Args> void error(const Args&... a) { emit(Level::Error, a...); }

}  // namespace kiosk::log
