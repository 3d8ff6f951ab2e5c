#pragma once
// What the health tests share: a line by its part, and the facts of a healthy kiosk.
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/health.hpp"
#include "test_support.hpp"

namespace kiosk::test {

inline HealthLine part(const std::vector<HealthLine>& lines, const std::string& name) {
    for (const auto& l : lines)
        if (l.part == name) return l;
    throw std::runtime_error("no line " + name);
}

// Disk with room, a server that took a message 5 minutes ago, a camera giving 30 frames a second, content of
// 3 days ago.
inline HealthFacts healthy_facts() {
    using namespace std::chrono_literals;
    HealthFacts f;
    f.now = test_date();
    f.disk = {true, 12ull * 1024 * 1024 * 1024, 32ull * 1024 * 1024 * 1024};
    f.courier.has_server = true;
    f.courier.last_sent_at = f.now - 5min;
    f.camera = {true, true, "", "replay", 30, 1.0, 12.0};
    f.content.found = true;
    f.content.newest = f.now - 24h * 3;
    return f;
}

}  // namespace kiosk::test
