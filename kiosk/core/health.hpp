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
#include "run_marker.hpp"
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

// The camera, opened by a task for a moment while the agent page is shown (the pass screen is not: the camera
// is free): how many frames came in how long, and how long one took to decode.
struct CameraProbe {
    bool configured = false;  // [devices] camera is not "none"
    bool opened = false;
    std::string error;     // why it did not open, or why no frame came (the device's words)
    std::string describe;  // "caméra /dev/video0 1280x720 YUYV"
    int frames = 0;
    double seconds = 0;     // the time the frames were counted over
    double decode_ms = -1;  // one frame through the decoder (zxing-cpp), -1 when none came
};
// The scanner: a serial one is opened by the same task; one typing as a keyboard is known by what it read.
struct ScannerFacts {
    enum class Kind { None, Keyboard, Serial };
    Kind kind = Kind::None;
    bool opened = false;
    std::string error;
};
// The content: the fleet's installed bundle (<data>/content/current -> slots/v<N>) when there is one, and
// how old its newest file is; else the content folder's newest file.
struct ContentFacts {
    bool found = false;        // a catalog is there
    std::int64_t version = 0;  // the fleet bundle's, 0 for a local content folder
    std::optional<WallTime> newest;
};
ContentFacts content_facts(const std::filesystem::path& content_dir,
                           const std::filesystem::path& data_dir);  // blocking: a task

struct HealthFacts {
    DiskSpace disk;
    CourierStatus courier;
    WallTime now;
    std::chrono::seconds uptime{0};
    CameraProbe camera;
    std::optional<WallTime> last_code_at;  // the last code the camera read (a pass, a badge) since start
    ScannerFacts scanner;
    std::optional<WallTime> last_scan_at;  // the last text the scanner gave since start
    ContentFacts content;
    std::optional<LastCrash> last_crash;
    bool crashed_last_time = false;  // found at this start
};

// Camera: no frame in the probe = en panne; under 5 frames a second or a decode over 500 ms = attention;
// none configured = attention (passes and badges are typed). Scanner: a serial one that does not open = en
// panne. Content: over 90 days old = attention, none = en panne. Last crash: at this start, or in the last
// 7 days = attention ("the kiosk restarted by itself"), older = OK with its date.
// Thresholds: disk under 500 MB free = attention, under 100 MB = en panne (the databases and content
// bundles need room); a message waiting over 1 h = attention, over 24 h or refused = en panne for the
// network part; no server configured = attention (messages stay on the kiosk).
std::vector<HealthLine> assess_health(const HealthFacts& facts);

}  // namespace kiosk
