// kiosk-bench: how fast and how light the kiosk is. Prints figures; asserts nothing.
//   exec → first frame (child processes), p50/p99 frame time per screen at 1920×1080 with the software
//   renderer, frames drawn while idle for N seconds (real clock, real loop), peak RSS.
#include <cmath>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "build_info.hpp"
#include "spawn_child.hpp"
#include "platform/harness.hpp"

extern char** environ;
using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

struct ChildResult {
    double ms_to_marker = -1;
    std::string output;  // the child reports its own peak memory (VmHWM) on stdout
};

// Runs the kiosk binary; times until a line starting with `marker` appears on its stdout.
ChildResult run_child(const std::vector<std::string>& args, const std::string& marker) {
    ChildResult r;
    const auto t0 = Clock::now();
    const bench::Spawned child = bench::spawn_reading_stdout(args, false);
    if (child.pid < 0) return r;
    char buf[4096];
    ssize_t n;
    while ((n = read(child.out, buf, sizeof buf)) > 0) {
        r.output.append(buf, static_cast<std::size_t>(n));
        if (r.ms_to_marker < 0 && r.output.find(marker) != std::string::npos)
            r.ms_to_marker = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    close(child.out);
    int status = 0;
    waitpid(child.pid, &status, 0);
    return r;
}

std::error_code& ec_ignore() {
    static std::error_code ec;
    return ec;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t i = static_cast<std::size_t>(std::llround(p * static_cast<double>(v.size() - 1)));
    return v[std::min(i, v.size() - 1)];
}

long field(const std::string& out, const std::string& name) {
    auto pos = out.find(name + " ");
    return pos == std::string::npos ? -1 : std::atol(out.c_str() + pos + name.size() + 1);
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 300, idle_seconds = 10, launches = 15;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--frames")
            frames = std::atoi(argv[i + 1]);
        else if (a == "--idle-seconds")
            idle_seconds = std::atoi(argv[i + 1]);
        else if (a == "--launches")
            launches = std::atoi(argv[i + 1]);
    }
    const std::string exe = std::string(build::binary_dir) + "/kiosk/app/kiosk";
    const std::string config = std::string(build::source_dir) + "/content/demo/kiosk.toml";
    char tmpl[] = "/tmp/kiosk-bench-XXXXXX";
    const std::string data = mkdtemp(tmpl);
    long peak_rss = 0;

    std::printf("kiosk-bench %s — software renderer, SDL dummy video, %ld cores\n\n", build::version,
                sysconf(_SC_NPROCESSORS_ONLN));

    // 1. exec → first frame presented
    std::vector<double> first;
    for (int i = 0; i < launches; ++i) {
        ChildResult r = run_child({exe, "--config", config, "--data-dir", data, "--exit-after-first-frame"},
                                  "first-frame");
        if (r.ms_to_marker >= 0) first.push_back(r.ms_to_marker);
        peak_rss = std::max(peak_rss, field(r.output, "peak-rss-kib"));
    }
    std::printf(
        "exec to first frame (1920x1080, %zu launches): p50 %.1f ms, min %.1f ms, max %.1f ms   [target <= "
        "60 ms]\n",
        first.size(), percentile(first, 0.5), percentile(first, 0.0), percentile(first, 1.0));

    // 2. frame time per screen
    {
        ConfigResult cfg = load_config(config);
        cfg.config.data_dir = data;
        platform::Harness h(cfg.config, 1920, 1080);
        auto measure = [&](const char* label) {
            h.runner().reset_stats();
            for (int i = 0; i < frames; ++i) {
                h.app().request_frames(1);
                h.runner().pump(1);
            }
            std::vector<double> all;
            for (auto& [_, v] : h.runner().stats().ms_by_screen) all.insert(all.end(), v.begin(), v.end());
            std::printf("  %-18s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms\n", label, percentile(all, 0.5),
                        percentile(all, 0.99), percentile(all, 1.0));
            return percentile(all, 0.99);
        };
        std::printf("\nframe time per screen, 1920x1080, %d frames each   [target p99 <= 8 ms]\n", frames);
        double worst = 0;
        worst = std::max(worst, measure("attract"));
        h.tap("attract.start");
        worst = std::max(worst, measure("home"));
        h.tap("header.language");
        worst = std::max(worst, measure("language"));
        h.tap("footer.back");
        for (auto [id, name] :
             {std::pair{"home.diagnostic", "diagnostic-start"}, std::pair{"home.pass", "pass-start"},
              std::pair{"home.places", "places-start"}, std::pair{"footer.about", "about"}}) {
            h.tap(id);
            worst = std::max(worst, measure(name));
            h.tap("footer.back");
        }
        h.wait(
            std::chrono::duration_cast<std::chrono::milliseconds>(h.kiosk().machine().timings().inactivity) +
            std::chrono::seconds(1));
        worst = std::max(worst, measure("still-there"));
        h.tap("still_there.no");
        worst = std::max(worst, measure("goodbye"));
        h.wait(std::chrono::duration_cast<std::chrono::milliseconds>(h.kiosk().machine().timings().goodbye) +
               std::chrono::seconds(1));
        const ImVec2 c = h.app().agent_corner().center();
        for (int i = 0; i < 3; ++i) h.tap_at(c.x, c.y);
        worst = std::max(worst, measure("agent-pin"));
        h.tap("agent.pin.cancel");
        // The journeys' screens, with the places loaded.
        h.wait_background();
        h.tap("attract.start");
        h.tap("home.places");
        h.tap("places.need.here");
        worst = std::max(worst, measure("places-results"));
        h.tap("places.result.1");
        worst = std::max(worst, measure("places-detail"));
        h.tap("places.detail.map");
        worst = std::max(worst, measure("places-map"));
        h.tap("header.home");
        h.tap("home.places");
        h.tap("places.need.commune");
        h.type("saint");
        worst = std::max(worst, measure("places-commune"));
        h.tap("header.home");
        h.tap("home.diagnostic");
        h.tap("journey.diagnostic.start");
        worst = std::max(worst, measure("diagnostic-step"));
        platform::play_diagnostic(h, platform::Profile::PartlyAutonomous);
        worst = std::max(worst, measure("diagnostic-result"));
        std::printf("  worst p99 over all screens: %.2f ms\n", worst);
    }

    // 3. idle: the real loop on the real clock
    std::printf("\nframes drawn while idle for %d s (real loop, real clock)   [target 0]\n", idle_seconds);
    for (bool home : {false, true}) {
        std::vector<std::string> args{
            exe, "--config", config, "--data-dir", data, "--idle-seconds", std::to_string(idle_seconds)};
        if (home) args.push_back("--idle-on-home");
        ChildResult r = run_child(args, "idle-frames");
        std::printf("  on %-8s %ld frames\n", home ? "home" : "attract", field(r.output, "idle-frames"));
        peak_rss = std::max(peak_rss, field(r.output, "peak-rss-kib"));
    }

    // 4. peak memory of the kiosk process, whichever run was heaviest; and of the shell alone (content
    // without places, communes or diagnostic), to tell the shell's cost from the data's.
    std::printf(
        "\npeak RSS of the kiosk process, demo content loaded (687 places, 34 969 communes): %.1f MB\n",
        static_cast<double>(peak_rss) / 1024.0);
    {
        char ctmpl[] = "/tmp/kiosk-bench-content-XXXXXX";
        const std::filesystem::path content = mkdtemp(ctmpl);
        std::filesystem::create_directory_symlink(std::filesystem::path(build::source_dir) / "content/i18n",
                                                  content / "i18n");
        std::filesystem::create_directories(content / "demo");
        const std::string shell_config = (content / "demo/kiosk.toml").string();
        {
            std::ifstream in(config);
            std::ofstream out(shell_config);
            out << in.rdbuf();
        }
        ChildResult r =
            run_child({exe, "--config", shell_config, "--data-dir", data + "/shell", "--idle-seconds", "2"},
                      "idle-frames");
        std::printf(
            "peak RSS of the kiosk process, shell alone (no places data):              %.1f MB   [target <= "
            "40 MB]\n",
            static_cast<double>(field(r.output, "peak-rss-kib")) / 1024.0);
        std::filesystem::remove_all(content, ec_ignore());
    }
    std::error_code ec;
    std::filesystem::remove_all(data, ec);
    return 0;
}
