// kiosk: the digital-inclusion kiosk. Full screen where a display exists; without one, a headless tour
// of every screen written as PNG files.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>

#include "build_info.hpp"
#include "kiosk/core/log.hpp"
#include "platform/crash.hpp"
#include "platform/harness.hpp"

using namespace kiosk;

namespace {

void usage() {
    std::puts(
        "usage: kiosk [options]\n"
        "  --config FILE          configuration (default: $KIOSK_CONFIG, /etc/kiosk/kiosk.toml, or the "
        "demo)\n"
        "  --data-dir DIR         where the database lives (overrides [paths] data)\n"
        "  --check-config         validate the configuration and exit\n"
        "  --headless             no display: play the scripted tour and write screenshots\n"
        "  --screenshots DIR      where the tour writes its PNG files (default: ./screenshots)\n"
        "  --size WxH             only this size for the tour (default: 1920x1080, 1080x1920, 1280x800)\n"
        "  --tour-pin PIN         the agent PIN the tour types (the demo configuration's is 2468)\n"
        "  --window               a window instead of full screen\n"
        "  --exit-after-first-frame   draw one frame, print \"first-frame\" and exit (benchmark)\n"
        "  --exit-after-load      draw one frame, print \"first-frame\", wait for the content (places, "
        "communes)\n"
        "                         to load, print \"loaded\" and exit (benchmark)\n"
        "  --idle-seconds N       run the real loop for N seconds, print the frames drawn, exit (benchmark)\n"
        "  --idle-on-home         with --idle-seconds: touch the attract screen first, idle on home\n"
        "  --crash-test           crash on purpose, to check the trace (tests)\n"
        "  --version");
}

std::filesystem::path default_config() {
    if (const char* env = std::getenv("KIOSK_CONFIG")) return env;
    if (std::filesystem::exists("/etc/kiosk/kiosk.toml")) return "/etc/kiosk/kiosk.toml";
    return std::filesystem::path(build::source_dir) / "content/demo/kiosk.toml";
}

std::filesystem::path default_data_dir() {
    if (const char* env = std::getenv("KIOSK_DATA_DIR")) return env;
    if (const char* xdg = std::getenv("XDG_STATE_HOME")) return std::filesystem::path(xdg) / "kiosk";
    if (const char* home = std::getenv("HOME")) return std::filesystem::path(home) / ".local/state/kiosk";
    return "/var/lib/kiosk";
}

// The high-water mark of this process's own memory (VmHWM). Not getrusage's ru_maxrss: Linux carries the
// parent's high-water mark over an exec that follows a vfork (posix_spawn), which a benchmark would misread.
long peak_rss_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib;
}

}  // namespace

int main(int argc, char** argv) {
    platform::install_crash_handler();
    std::filesystem::path config_file = default_config(), data_dir, shots = "screenshots";
    bool check_only = false, headless = false, window = false, first_frame = false, after_load = false;
    int idle_seconds = 0;
    bool idle_on_home = false;
    std::string tour_pin = "2468";
    std::vector<std::pair<int, int>> sizes;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "kiosk: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--config")
            config_file = next();
        else if (a == "--data-dir")
            data_dir = next();
        else if (a == "--check-config")
            check_only = true;
        else if (a == "--headless")
            headless = true;
        else if (a == "--screenshots")
            shots = next();
        else if (a == "--tour-pin")
            tour_pin = next();
        else if (a == "--window")
            window = true;
        else if (a == "--exit-after-first-frame")
            first_frame = true;
        else if (a == "--exit-after-load")
            first_frame = after_load = true;
        else if (a == "--idle-seconds")
            idle_seconds = std::atoi(next().c_str());
        else if (a == "--idle-on-home")
            idle_on_home = true;
        else if (a == "--size") {
            int w = 0, h = 0;
            if (std::sscanf(next().c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 320) {
                std::fprintf(stderr, "kiosk: --size wants WIDTHxHEIGHT, such as 1920x1080\n");
                return 2;
            }
            sizes.emplace_back(w, h);
        } else if (a == "--crash-test") {
            volatile int* p = nullptr;
            return *p;
        } else if (a == "--version") {
            std::printf("kiosk %s\n", build::version);
            return 0;
        } else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else {
            std::fprintf(stderr, "kiosk: unknown option %s (see --help)\n", a.c_str());
            return 2;
        }
    }

    ConfigResult loaded = load_config(config_file);
    if (!loaded.ok()) {
        std::fprintf(stderr, "kiosk: the configuration has %zu problem(s):\n", loaded.errors.size());
        for (const ConfigError& e : loaded.errors) std::fprintf(stderr, "  %s\n", e.to_string().c_str());
        return 2;
    }
    Config config = loaded.config;
    if (!data_dir.empty()) config.data_dir = std::filesystem::absolute(data_dir);
    if (config.data_dir.empty()) config.data_dir = default_data_dir();
    log::Level level;
    if (const char* env = std::getenv("KIOSK_LOG_LEVEL"); env && log::parse_level(env, level))
        log::set_min_level(level);
    else if (log::parse_level(config.log_level, level))
        log::set_min_level(level);
    log::info("kiosk ", build::version, " (", config.kiosk_id, ", ", config.site_name, ") with ",
              config_file.string());
    if (check_only) {
        std::printf("%s: OK\n", config_file.c_str());
        return 0;
    }

    try {
        const bool benchmark = first_frame || idle_seconds > 0;
        if (!headless && !benchmark && !platform::Display::video_available()) {
            log::info("no display found: playing the headless tour");
            headless = true;
        }
        if (headless && !benchmark) {
            if (sizes.empty()) sizes = {{1920, 1080}, {1080, 1920}, {1280, 800}};
            std::size_t count = 0;
            std::vector<std::string> layout;
            // With no printer configured, the tour prints its tickets as PNG files beside the screenshots.
            if (config.devices.printer == "none")
                config.devices.printer = "file:" + std::filesystem::absolute(shots / "tickets").string();
            for (auto [w, h] : sizes) {
                // The tour reports what the layout audit finds rather than stopping at the first problem.
                platform::Harness harness(config, w, h, platform::LayoutAudit::Report);
                const std::string prefix = std::to_string(w) + "x" + std::to_string(h) + "-";
                for (const auto& file : platform::run_tour(harness, shots, prefix, tour_pin)) {
                    std::printf("%s\n", std::filesystem::absolute(file).c_str());
                    ++count;
                }
                layout.insert(layout.end(), harness.layout_problems().begin(),
                              harness.layout_problems().end());
            }
            std::printf("kiosk: %zu screenshots in %s\n", count, std::filesystem::absolute(shots).c_str());
            for (const std::string& p : layout) std::printf("kiosk: layout: %s\n", p.c_str());
            std::printf("kiosk: the layout audit found %zu problem(s)\n", layout.size());
            return 0;
        }

        platform::SystemClock clock;
        platform::SystemWallClock wall;  // the real kiosk lives on the machine's date
        std::vector<std::string> errors;
        auto model = platform::make_kiosk(config, clock.now(), wall, errors);
        for (const auto& e : errors) log::warn("content: ", e);
        platform::DisplayOptions options{config.display_width, config.display_height,
                                         config.fullscreen && !window, headless || benchmark};
        if (benchmark && (options.width == 0 || options.height == 0))
            options.width = 1920, options.height = 1080;
        platform::Display display(options);
        ui::App app(*model, platform::default_font_files());
        platform::Runner runner(*model, app, display, clock);
        if (first_frame) {
            runner.pump(1);
            std::printf("first-frame\n");
            std::fflush(stdout);
            if (after_load) {
                while (app.background_busy()) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    runner.pump(1);
                }
                std::printf("loaded\n");
                std::fflush(stdout);
            }
            std::printf("peak-rss-kib %ld\n", peak_rss_kib());
            return 0;
        }
        if (idle_seconds > 0) {
            runner.pump();  // the attract screen settles, the places load
            while (app.background_busy()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                runner.pump();
            }
            if (idle_on_home) runner.tap(display.width() * 0.5f, display.height() * 0.5f);
            const unsigned long before = runner.stats().frames;
            // SDL's timer ends the run: no thread of our own for it.
            SDL_InitSubSystem(SDL_INIT_TIMER);
            const SDL_TimerID stopper = SDL_AddTimer(
                static_cast<Uint32>(idle_seconds) * 1000,
                [](Uint32, void*) -> Uint32 {
                    SDL_Event quit{};
                    quit.type = SDL_QUIT;
                    SDL_PushEvent(&quit);
                    return 0;
                },
                nullptr);
            runner.run();
            SDL_RemoveTimer(stopper);
            std::printf("idle-frames %lu\npeak-rss-kib %ld\n", runner.stats().frames - before,
                        peak_rss_kib());
            return 0;
        }
        runner.run();
    } catch (const std::exception& e) {
        log::error(e.what());
        return 1;
    }
    return 0;
}
