#pragma once
// Levelled logging to stderr, with the "<N>" priority prefix journald reads under systemd.
//
// What a citizen brings never goes to the log at the default level (info): no cheque number or pass id, no
// typed text, no verdict (which, with the journal's time stamps, would be a trail of who came and what they
// showed). Such details are debug only. Every line is escaped: a control character (from a server's answer,
// a file name) is written as \xNN, so that no text can start a line of its own or forge a priority.
#include <functional>
#include <sstream>
#include <string_view>

namespace kiosk::log {

enum class Level { Debug = 7, Info = 6, Warning = 4, Error = 3 };

void set_min_level(Level level);  // messages below this are dropped
Level min_level();
bool parse_level(std::string_view name, Level& out);  // "debug", "info", "warning", "error"
void write(Level level, std::string_view message);    // thread-safe, one line
std::string escape(std::string_view text);            // control characters as \xNN

// Tests: lines (prefix included, no newline) go to `sink` instead of stderr; an empty function restores
// stderr.
void set_sink(std::function<void(std::string_view line)> sink);

template <typename... Args>
void emit(Level level, const Args&... args) {
    if (static_cast<int>(level) > static_cast<int>(min_level())) return;
    std::ostringstream out;
    (out << ... << args);
    write(level, out.str());
}
template <typename... Args>
void debug(const Args&... a) {
    emit(Level::Debug, a...);
}
template <typename... Args>
void info(const Args&... a) {
    emit(Level::Info, a...);
}
template <typename... Args>
void warn(const Args&... a) {
    emit(Level::Warning, a...);
}
template <typename... Args>
void error(const Args&... a) {
    emit(Level::Error, a...);
}

}  // namespace kiosk::log
