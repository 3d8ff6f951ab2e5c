#include "health.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

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
// "2026-11-24 09:30", the machine's local time.
std::string when(WallTime t) {
    std::string s = local_iso(t);
    if (s.size() >= 16) s = s.substr(0, 10) + " " + s.substr(11, 5);
    return s;
}

std::string number(double v, int decimals) {
    char out[32];
    std::snprintf(out, sizeof out, "%.*f", decimals, v);
    std::string s = out;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

// The newest modification time of the files under `dir` (a few levels deep, at most 20,000 files).
std::optional<WallTime> newest_file(const std::filesystem::path& dir) {
    std::optional<std::filesystem::file_time_type> newest;
    std::error_code ec;
    std::filesystem::recursive_directory_iterator it(
        dir, std::filesystem::directory_options::skip_permission_denied, ec);
    int seen = 0;
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (++seen > 20000) break;
        if (it.depth() > 4) {
            it.disable_recursion_pending();
            continue;
        }
        std::error_code e2;
        if (!it->is_regular_file(e2)) continue;
        const auto t = it->last_write_time(e2);
        if (!e2 && (!newest || t > *newest)) newest = t;
    }
    if (!newest) return std::nullopt;
    return std::chrono::time_point_cast<WallTime::duration>(std::chrono::file_clock::to_sys(*newest));
}
}  // namespace

ContentFacts content_facts(const std::filesystem::path& content_dir, const std::filesystem::path& data_dir) {
    ContentFacts c;
    std::error_code ec;
    // The fleet's installed bundle, when the kiosk's content comes from it (content_store.hpp's layout).
    if (!data_dir.empty()) {
        const std::filesystem::path current = data_dir / "content" / "current";
        const std::filesystem::path target = std::filesystem::read_symlink(current, ec);
        const std::string name = ec ? std::string() : target.filename().string();
        if (name.size() > 1 && name[0] == 'v') {
            char* end = nullptr;
            const long long v = std::strtoll(name.c_str() + 1, &end, 10);
            if (*end == '\0' && v > 0) {
                c.version = v;
                c.found = std::filesystem::exists(current / "bundle.sqlite", ec);
                c.newest = newest_file(current);
                if (c.found) return c;
                c.version = 0;
            }
        }
    }
    c.found = std::filesystem::is_directory(content_dir / "i18n", ec);
    c.newest = newest_file(content_dir);
    return c;
}

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
    {
        const CameraProbe& cam = f.camera;
        HealthLine line{"camera", HealthState::Ok, "agent.health.camera_ok", {}, {}};
        line.values["frames"] = std::to_string(cam.frames);
        line.values["fps"] = number(cam.seconds > 0 ? cam.frames / cam.seconds : 0, 0);
        line.values["decode"] = number(cam.decode_ms < 0 ? 0 : cam.decode_ms, 0);
        line.values["last"] = f.last_code_at ? when(*f.last_code_at) : std::string("—");
        line.values["error"] = cam.error;
        if (!cam.configured) {
            line.state = HealthState::Attention;
            line.words = "agent.health.camera_none";
            line.todo = "agent.health.camera_none_todo";
        } else if (!cam.opened) {
            line.state = HealthState::Down;
            line.words = "agent.health.camera_closed";
            line.todo = "agent.health.camera_todo";
        } else if (cam.frames == 0) {
            line.state = HealthState::Down;
            line.words = "agent.health.camera_no_frames";
            line.todo = "agent.health.camera_todo";
        } else if ((cam.seconds > 0 && cam.frames / cam.seconds < 5) || cam.decode_ms > 500) {
            line.state = HealthState::Attention;
            line.words = "agent.health.camera_slow";
            line.todo = "agent.health.camera_slow_todo";
        }
        out.push_back(line);
    }
    {
        const ScannerFacts& sc = f.scanner;
        HealthLine line{"scanner", HealthState::Ok, "agent.health.scanner_none", {}, {}};
        line.values["last"] = f.last_scan_at ? when(*f.last_scan_at) : std::string("—");
        line.values["error"] = sc.error;
        if (sc.kind == ScannerFacts::Kind::Keyboard) {
            line.words = "agent.health.scanner_keyboard";
        } else if (sc.kind == ScannerFacts::Kind::Serial) {
            line.words = sc.opened ? "agent.health.scanner_ok" : "agent.health.scanner_closed";
            if (!sc.opened) {
                line.state = HealthState::Down;
                line.todo = "agent.health.scanner_todo";
            }
        }
        out.push_back(line);
    }
    {
        const ContentFacts& c = f.content;
        HealthLine line{"content", HealthState::Ok, "agent.health.content_local", {}, {}};
        if (c.version > 0) line.words = "agent.health.content_bundle";
        line.values["version"] = std::to_string(c.version);
        const long days =
            c.newest ? static_cast<long>(
                           std::chrono::duration_cast<std::chrono::hours>(f.now - *c.newest).count() / 24)
                     : 0;
        line.values["days"] = std::to_string(std::max(0L, days));
        line.values["date"] = c.newest ? when(*c.newest).substr(0, 10) : std::string("—");
        if (!c.found) {
            line.state = HealthState::Down;
            line.words = "agent.health.content_missing";
            line.todo = "agent.health.content_todo";
        } else if (days > 90) {
            line.state = HealthState::Attention;
            line.todo = "agent.health.content_old_todo";
        }
        out.push_back(line);
    }
    {
        HealthLine line{"crash", HealthState::Ok, "agent.health.crash_none", {}, {}};
        if (f.last_crash) {
            const LastCrash& c = *f.last_crash;
            const WallTime found{std::chrono::seconds(c.found_at)};
            line.values["when"] = c.found_at > 0 ? when(found) : std::string("—");
            line.values["signal"] = c.signal;
            line.words = c.signal.empty() ? "agent.health.crash_stopped" : "agent.health.crash_signal";
            if (f.crashed_last_time || f.now - found < std::chrono::hours(24 * 7)) {
                line.state = HealthState::Attention;
                line.todo = "agent.health.crash_todo";
            }
        }
        out.push_back(line);
    }
    return out;
}

}  // namespace kiosk
