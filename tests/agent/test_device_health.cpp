// The device's health beyond disk and network: the camera opened for a moment (real frames from a replay of
// the demo pass, decoded by zxing-cpp), the scanner, the content's version and age (real file dates, the
// fleet's slot layout), the last crash (the marker a run leaves behind when it does not end by itself), and
// the chime of a call for help (its two tones found back in the samples).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "kiosk/core/health.hpp"
#include "kiosk/core/help_chime.hpp"
#include "kiosk/core/journeys/device_probe.hpp"
#include "kiosk/core/run_marker.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "health_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
using test::part;
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
std::int64_t unix_of(WallTime t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
}  // namespace

TEST_CASE("Last crash: a marker a run left behind is found at the next start and kept after clean runs") {
    test::TempDir dir;
    const std::int64_t t0 = unix_of(test::test_date());
    {
        RunMarker first(dir.path, t0);
        CHECK_FALSE(first.last_crash());
        CHECK_FALSE(first.crashed_last_time());
        CHECK(slurp(dir.path / "running") == "started " + std::to_string(t0) + "\n");
    }  // a clean exit: the marker goes
    CHECK_FALSE(std::filesystem::exists(dir.path / "running"));
    {
        RunMarker clean(dir.path, t0 + 60);
        CHECK_FALSE(clean.last_crash());
    }
    // A run that crashes: the crash handler appends the signal's name to the marker (crash.cpp does it with
    // open/write in the handler; written the same way here), and the process never reaches the destructor.
    {
        auto* crashed = new RunMarker(dir.path, t0 + 100);
        std::ofstream(dir.path / "running", std::ios::app) << "signal SIGSEGV\n";
        (void)crashed;  // leaked on purpose: a crash runs no destructor
    }
    {
        RunMarker next(dir.path, t0 + 200);
        REQUIRE(next.last_crash());
        CHECK(next.crashed_last_time());
        CHECK(next.last_crash()->started_at == t0 + 100);
        CHECK(next.last_crash()->found_at == t0 + 200);
        CHECK(next.last_crash()->signal == "SIGSEGV");
    }
    {
        RunMarker later(dir.path, t0 + 300);  // a clean run since: still shown, from <data>/last-crash
        REQUIRE(later.last_crash());
        CHECK_FALSE(later.crashed_last_time());
        CHECK(later.last_crash()->signal == "SIGSEGV");
        CHECK(later.last_crash()->found_at == t0 + 200);
    }
    // A kill or a power cut: no signal written, said as such.
    std::ofstream(dir.path / "running") << "started " << t0 + 400 << "\n";
    RunMarker after_cut(dir.path, t0 + 500);
    REQUIRE(after_cut.last_crash());
    CHECK(after_cut.last_crash()->signal.empty());
    // Garbage in the marker is no crash report, but still an unclean stop.
    CHECK_FALSE(RunMarker::parse("\x01\x02 nonsense"));
    CHECK(RunMarker::parse("started 12\nsignal rm -rf\n")->signal.empty());
}

TEST_CASE("Health of the last crash: attention at this start and for 7 days, then OK with its date") {
    HealthFacts f = test::healthy_facts();
    CHECK(part(assess_health(f), "crash").state == HealthState::Ok);
    CHECK(part(assess_health(f), "crash").words == "agent.health.crash_none");
    f.last_crash = LastCrash{unix_of(f.now - 2h), unix_of(f.now - 1h), "SIGSEGV"};
    f.crashed_last_time = true;
    auto line = part(assess_health(f), "crash");
    CHECK(line.state == HealthState::Attention);
    CHECK(line.words == "agent.health.crash_signal");
    CHECK(line.values["signal"] == "SIGSEGV");
    CHECK(line.todo == "agent.health.crash_todo");
    f.crashed_last_time = false;
    f.last_crash->found_at = unix_of(f.now - 24h * 10);
    f.last_crash->signal.clear();
    line = part(assess_health(f), "crash");
    CHECK(line.state == HealthState::Ok);
    CHECK(line.words == "agent.health.crash_stopped");
    CHECK(line.values["when"].size() == 16);  // "2026-11-14 10:00"
}

TEST_CASE("Camera probe: the demo pass replayed gives frames and a decode time, a missing camera is down") {
    const auto folder = test::source_dir() / "content/pass/demo";
    journeys::SourceMaker replay = [folder](std::string&) -> std::unique_ptr<scan::CodeSource> {
        return std::make_unique<scan::ReplaySource>(std::vector<std::filesystem::path>{folder},
                                                    scan::ReplayOptions{std::chrono::milliseconds(20), true});
    };
    const Task task;
    const CameraProbe p = journeys::probe_camera(replay, task, std::chrono::milliseconds(600));
    CHECK(p.configured);
    CHECK(p.opened);
    CHECK(p.frames > 5);
    CHECK(p.decode_ms >= 0);
    CHECK(p.seconds > 0.5);
    std::printf("camera probe (replay, 20 ms a frame): %d frames in %.2f s, one decoded in %.1f ms\n",
                p.frames, p.seconds, p.decode_ms);
    HealthFacts f = test::healthy_facts();
    f.camera = p;
    const auto line = part(assess_health(f), "camera");
    CHECK(line.state != HealthState::Down);
    CHECK(std::stoi(line.values.at("fps")) > 5);

    journeys::SourceMaker missing = [](std::string&) -> std::unique_ptr<scan::CodeSource> {
        return std::make_unique<scan::ReplaySource>(
            std::vector<std::filesystem::path>{"/nonexistent/camera-folder"});
    };
    const CameraProbe none = journeys::probe_camera(missing, task);
    CHECK(none.configured);
    CHECK_FALSE(none.opened);
    CHECK_FALSE(none.error.empty());
    f.camera = none;
    CHECK(part(assess_health(f), "camera").state == HealthState::Down);
    CHECK(part(assess_health(f), "camera").todo == "agent.health.camera_todo");

    const CameraProbe unconfigured = journeys::probe_camera({}, task);
    CHECK_FALSE(unconfigured.configured);
    f.camera = unconfigured;
    CHECK(part(assess_health(f), "camera").state == HealthState::Attention);
    CHECK(part(assess_health(f), "camera").words == "agent.health.camera_none");
    // Frames that come but slowly, or a decoder that takes half a second, want a look.
    f.camera = {true, true, "", "v4l2", 3, 1.0, 20.0};
    CHECK(part(assess_health(f), "camera").state == HealthState::Attention);
    f.camera = {true, true, "", "v4l2", 30, 1.0, 800.0};
    CHECK(part(assess_health(f), "camera").words == "agent.health.camera_slow");
    f.camera = {true, true, "timeout", "v4l2", 0, 1.0, -1};
    CHECK(part(assess_health(f), "camera").words == "agent.health.camera_no_frames");
}

TEST_CASE("Scanner: none, a keyboard one, a serial one that does not open") {
    HealthFacts f = test::healthy_facts();
    f.scanner = journeys::probe_scanner({}, false);
    CHECK(f.scanner.kind == ScannerFacts::Kind::None);
    CHECK(part(assess_health(f), "scanner").state == HealthState::Ok);
    f.scanner = journeys::probe_scanner({}, true);
    f.last_scan_at = f.now - 5min;
    auto line = part(assess_health(f), "scanner");
    CHECK(line.words == "agent.health.scanner_keyboard");
    CHECK(line.values["last"].size() == 16);
    // A scanner source that cannot open (a replay of nothing stands for a device that is gone).
    journeys::SourceMaker gone = [](std::string&) -> std::unique_ptr<scan::CodeSource> {
        return std::make_unique<scan::ReplaySource>(std::vector<std::filesystem::path>{"/nonexistent/tty"});
    };
    f.scanner = journeys::probe_scanner(gone, false);
    CHECK(f.scanner.kind == ScannerFacts::Kind::Serial);
    CHECK_FALSE(f.scanner.opened);
    line = part(assess_health(f), "scanner");
    CHECK(line.state == HealthState::Down);
    CHECK(line.todo == "agent.health.scanner_todo");
}

TEST_CASE("Content: the folder's newest file dates it, a fleet slot gives its version, none is down") {
    test::TempDir content, data;
    const WallTime now = test::test_date();
    std::filesystem::create_directories(content.path / "i18n");
    std::ofstream(content.path / "i18n/fr.po") << "msgid \"a\"\nmsgstr \"b\"\n";
    std::ofstream(content.path / "places.tsv") << "x\n";
    const auto to_file = [](WallTime t) {
        return std::chrono::file_clock::from_sys(
            std::chrono::time_point_cast<std::chrono::system_clock::duration>(t));
    };
    // libfaketime (the suite's runs at other dates) shifts the times stat() reports, not the ones a file is
    // given: the shift is measured on a file here, and the facts' "now" moves with it (0 without
    // libfaketime).
    std::filesystem::last_write_time(content.path / "places.tsv", to_file(now));
    const auto shift = std::chrono::duration_cast<std::chrono::system_clock::duration>(
        std::filesystem::last_write_time(content.path / "places.tsv") - to_file(now));
    std::filesystem::last_write_time(content.path / "i18n/fr.po", to_file(now - 24h * 120));
    std::filesystem::last_write_time(content.path / "places.tsv", to_file(now - 24h * 100));
    HealthFacts f = test::healthy_facts();
    f.now = now + shift;
    f.content = content_facts(content.path, data.path);
    CHECK(f.content.found);
    CHECK(f.content.version == 0);
    auto line = part(assess_health(f), "content");
    CHECK(line.words == "agent.health.content_local");
    CHECK(line.values["days"] == "100");
    CHECK(line.state == HealthState::Attention);  // over 90 days
    CHECK(line.todo == "agent.health.content_old_todo");

    // The fleet's store: <data>/content/current -> slots/v7 with its bundle.
    const auto slot = data.path / "content/slots/v7";
    std::filesystem::create_directories(slot);
    std::ofstream(slot / "bundle.sqlite") << "SQLite format 3";
    std::filesystem::last_write_time(slot / "bundle.sqlite", to_file(now - 24h * 2));
    std::filesystem::create_directory_symlink("slots/v7", data.path / "content/current");
    f.content = content_facts(content.path, data.path);
    CHECK(f.content.version == 7);
    line = part(assess_health(f), "content");
    CHECK(line.words == "agent.health.content_bundle");
    CHECK(line.values["version"] == "7");
    CHECK(line.values["days"] == "2");
    CHECK(line.state == HealthState::Ok);

    f.content = content_facts(content.path / "gone", {});
    CHECK(part(assess_health(f), "content").state == HealthState::Down);
}

TEST_CASE("The chime: two soft bell tones, E5 then C5, no click at either end") {
    const std::vector<std::int16_t> s = help_chime(kChimeRate);
    const std::size_t half = s.size() / 2;
    REQUIRE(half == static_cast<std::size_t>(kChimeToneSeconds * kChimeRate));
    // Goertzel: how much of a frequency is in a stretch of samples.
    auto power = [&](std::size_t from, std::size_t n, double f) {
        const double w = 2 * 3.14159265358979323846 * f / kChimeRate, c = 2 * std::cos(w);
        double s1 = 0, s2 = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            const double s0 = s[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    };
    const std::size_t n = kChimeRate / 10;  // the first 100 ms of each tone
    CHECK(power(0, n, kChimeTones[0]) > 50 * power(0, n, kChimeTones[1]));
    CHECK(power(half, n, kChimeTones[1]) > 50 * power(half, n, kChimeTones[0]));
    int loudest = 0;
    for (std::int16_t v : s) loudest = std::max(loudest, std::abs(static_cast<int>(v)));
    CHECK(loudest > 5000);
    CHECK(loudest < 16000);  // about a third of full scale: heard, not startling
    CHECK(std::abs(s.front()) < 200);
    CHECK(std::abs(s.back()) < 200);
    CHECK(std::abs(s[half]) < 200);  // the second tone starts softly too
}
