#include "log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace kiosk::log {
namespace {
std::atomic<Level> g_min{Level::Info};
std::mutex g_mutex;
std::function<void(std::string_view)> g_sink;  // guarded by g_mutex

const char* level_name(Level level) {
    switch (level) {
        case Level::Debug:
            return "debug";
        case Level::Info:
            return "info";
        case Level::Warning:
            return "warning";
        case Level::Error:
            return "error";
    }
    return "?";
}
}  // namespace

void set_min_level(Level level) {
    g_min = level;
}
Level min_level() {
    return g_min;
}

bool parse_level(std::string_view name, Level& out) {
    if (name == "debug")
        out = Level::Debug;
    else if (name == "info")
        out = Level::Info;
    else if (name == "warning")
        out = Level::Warning;
    else if (name == "error")
        out = Level::Error;
    else
        return false;
    return true;
}

std::string escape(std::string_view text) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

void set_sink(std::function<void(std::string_view line)> sink) {
    std::lock_guard lock(g_mutex);
    g_sink = std::move(sink);
}

void write(Level level, std::string_view message) {
    // One fputs per line so that concurrent threads never interleave inside a line.
    std::string line = "<" + std::to_string(static_cast<int>(level)) + ">kiosk " + level_name(level) + ": ";
    line.append(escape(message));
    std::lock_guard lock(g_mutex);
    if (g_sink) {
        g_sink(line);
        return;
    }
    line.push_back('\n');
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

}  // namespace kiosk::log
