#pragma once
// The device's health as the agent page shows it: each part with a plain state (OK / attention / en panne)
// and what to do, from facts gathered by a task (free disk: statvfs; the outbox: its courier's status),
// never in draw code. Pure: the same facts always give the same lines (tested).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "courier.hpp"
#include "wall_clock.hpp"

namespace kiosk {

struct DiskSpace {
    bool known = false;
    std::uint64_t free_bytes = 0, total_bytes = 0;
};
DiskSpace disk_space(const std::filesystem::path& dir);  // blocking (statvfs): a task

enum class HealthState { Ok, Attention, Down };

struct HealthLine {
    std::string part;  // "disk", "network"
    HealthState state = HealthState::Ok;
    std::string words;                          // translation key of what is seen, with {values}
    std::map<std::string, std::string> values;  // for the words
    std::string todo;                           // translation key of what to do, "" when nothing
};

struct HealthFacts {
    DiskSpace disk;
    CourierStatus courier;
    WallTime now;
    std::chrono::seconds uptime{0};
};

// Thresholds: disk under 500 MB free = attention, under 100 MB = en panne (the databases and content
// bundles need room); a message waiting over 1 h = attention, over 24 h or refused = en panne for the
// network part; no server configured = attention (messages stay on the kiosk).
std::vector<HealthLine> assess_health(const HealthFacts& facts);

}  // namespace kiosk
