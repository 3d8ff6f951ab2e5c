#include "health.hpp"

#include <sys/statvfs.h>

#include <cstdio>

namespace kiosk {

namespace {
std::string megabytes(std::uint64_t bytes) {
    char out[32];
    if (bytes >= 10ull * 1024 * 1024 * 1024)
        std::snprintf(out, sizeof out, "%.0f Go", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
    else if (bytes >= 1024ull * 1024 * 1024)
        std::snprintf(out, sizeof out, "%.1f Go", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
    else
        std::snprintf(out, sizeof out, "%.0f Mo", static_cast<double>(bytes) / (1024.0 * 1024));
    std::string s = out;
    for (char& c : s)
        if (c == '.') c = ',';  // French decimal comma
    return s;
}
}  // namespace

DiskSpace disk_space(const std::filesystem::path& dir) {
    DiskSpace d;
    struct statvfs st {};
    if (::statvfs(dir.empty() ? "." : dir.c_str(), &st) != 0) return d;
    d.known = true;
    d.free_bytes = static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
    d.total_bytes = static_cast<std::uint64_t>(st.f_blocks) * st.f_frsize;
    return d;
}

std::vector<HealthLine> assess_health(const HealthFacts& f) {
    std::vector<HealthLine> out;
    {
        HealthLine disk{"disk", HealthState::Ok, "agent.health.disk_free", {}, {}};
        if (!f.disk.known) {
            disk.state = HealthState::Attention;
            disk.words = "agent.health.disk_unknown";
        } else {
            disk.values["free"] = megabytes(f.disk.free_bytes);
            constexpr std::uint64_t MB = 1024ull * 1024;
            if (f.disk.free_bytes < 100 * MB) {
                disk.state = HealthState::Down;
                disk.todo = "agent.health.disk_todo";
            } else if (f.disk.free_bytes < 500 * MB) {
                disk.state = HealthState::Attention;
                disk.todo = "agent.health.disk_todo";
            }
        }
        out.push_back(disk);
    }
    {
        HealthLine net{"network", HealthState::Ok, "agent.health.network_ok", {}, {}};
        const CourierStatus& c = f.courier;
        const auto waited =
            c.oldest_pending_at
                ? std::chrono::duration_cast<std::chrono::minutes>(f.now - *c.oldest_pending_at)
                : std::chrono::minutes(0);
        if (!c.has_server) {
            net.state = HealthState::Attention;
            net.words = "agent.health.network_none";
            net.todo = "agent.health.network_none_todo";
        } else if (c.dead > 0 || (c.pending > 0 && waited >= std::chrono::hours(24))) {
            net.state = HealthState::Down;
            net.words = "agent.health.network_stuck";
            net.todo = "agent.health.network_todo";
        } else if (c.pending > 0 && waited >= std::chrono::hours(1)) {
            net.state = HealthState::Attention;
            net.words = "agent.health.network_stuck";
            net.todo = "agent.health.network_todo";
        } else if (!c.last_sent_at && c.pending > 0) {
            net.state = HealthState::Attention;
            net.words = "agent.health.network_waiting";
        }
        net.values["pending"] = std::to_string(c.pending);
        net.values["dead"] = std::to_string(c.dead);
        net.values["hours"] = std::to_string(waited.count() / 60);
        out.push_back(net);
    }
    return out;
}

}  // namespace kiosk
