// kiosk-bench-national: the kiosk with a national-size content, side by side with headless Chromium rendering
// the same home screen as a static page. Prints figures; asserts nothing.
//
// The content is made in a temporary folder: the demo places (content/places/*.csv) repeated to N places
// (20 000 by default, about the national map), each at a commune of the gazetteer (drawn by the square root
// of its population, so that rural France has its share) with up to ~2 km of jitter, its commune, postal code
// and INSEE code rewritten to match; and the whole gazetteer (content/communes.tsv). Then:
//   1. the import of that content into a new places database (places::sync_content, in this process);
//   2. the kiosk launched with it (database already imported, as on every start but the first):
//      exec → first frame, first frame → places and communes loaded, exec → exit, peak RSS;
//   3. `chromium --headless --screenshot` of a static HTML home screen (same texts, same fonts, 1920×1080):
//      exec → exit, peak RSS.
// The peak memory of a whole process tree is given two ways: the largest single process (wait4's ru_maxrss,
// what /usr/bin/time -v prints) and the peak of the tree's summed RSS and PSS (shared pages divided among the
// processes sharing them), sampled every 5 ms from /proc (Chromium runs several processes; the kiosk one).
//
// Chromium is Debian's `chromium` package, not a dependency of the kiosk: `apt-get install chromium` to
// compare (without it, the Chromium part is skipped). --keep DIR writes the content there and keeps it.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "build_info.hpp"
#include "spawn_child.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/csv.hpp"
#include "kiosk/core/places/gazetteer_mend.hpp"
#include "kiosk/core/places/national_sample.hpp"
#include "kiosk/core/hours/opening_hours.hpp"
#include "kiosk/core/search/communes.hpp"
#include "kiosk/core/search/nearest.hpp"
#include <malloc.h>

extern char** environ;
using namespace kiosk;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Resident pages of one process (statm's second field), in KiB; 0 when it is gone.
long rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/statm");
    long size = 0, resident = 0;
    if (!(in >> size >> resident)) return 0;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Proportional set size of one process (smaps_rollup's Pss: shared pages divided among their sharers), KiB.
long pss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("Pss:", 0) == 0) return std::atol(line.c_str() + 4);
    return 0;
}

// pid and every descendant, from /proc/<pid>/task/<tid>/children.
void tree(pid_t pid, std::vector<pid_t>& out) {
    out.push_back(pid);
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream in(task.path() / "children");
        pid_t child;
        while (in >> child) tree(child, out);
    }
}

struct Run {
    double ms_first_frame = -1, ms_loaded = -1, ms_exit = -1;
    long max_rss_kib = 0;    // wait4: the largest process of the tree
    long tree_rss_kib = 0;   // sampled: the tree's summed RSS at its peak
    long tree_pss_kib = 0;   // sampled: the tree's summed PSS at its peak (shared pages counted once)
    long self_hwm_kib = -1;  // the kiosk's own VmHWM, as it prints it
    int status = 0;
    std::string output;
};

// Spawns args (stdout read for the markers, stderr to /dev/null), samples the tree's memory until it exits.
Run run(const std::vector<std::string>& args) {
    Run r;
    const auto t0 = Clock::now();
    const bench::Spawned child = bench::spawn_reading_stdout(args, true);
    if (child.pid < 0) return r;
    const pid_t pid = child.pid;
    const int out = child.out;
    rusage usage{};
    for (;;) {
        char buf[4096];
        ssize_t n;
        while ((n = read(out, buf, sizeof buf)) > 0) {
            r.output.append(buf, static_cast<std::size_t>(n));
            if (r.ms_first_frame < 0 && r.output.find("first-frame\n") != std::string::npos)
                r.ms_first_frame = ms_since(t0);
            if (r.ms_loaded < 0 && r.output.find("loaded\n") != std::string::npos) r.ms_loaded = ms_since(t0);
        }
        const pid_t done = wait4(pid, &r.status, WNOHANG, &usage);
        if (done == pid) break;
        std::vector<pid_t> pids;
        tree(pid, pids);
        long sum = 0, pss = 0;
        for (pid_t p : pids) {
            sum += rss_kib(p);
            pss += pss_kib(p);
        }
        r.tree_rss_kib = std::max(r.tree_rss_kib, sum);
        r.tree_pss_kib = std::max(r.tree_pss_kib, pss);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    r.ms_exit = ms_since(t0);
    char buf[4096];
    ssize_t n;
    while ((n = read(out, buf, sizeof buf)) > 0) r.output.append(buf, static_cast<std::size_t>(n));
    close(out);
    r.max_rss_kib = usage.ru_maxrss;
    r.tree_rss_kib = std::max(r.tree_rss_kib, r.max_rss_kib);
    if (auto at = r.output.find("peak-rss-kib "); at != std::string::npos)
        r.self_hwm_kib = std::atol(r.output.c_str() + at + 13);
    return r;
}

double median(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double mb(long kib) {
    return static_cast<double>(kib) / 1024.0;
}

std::string find_chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (access(p, X_OK) == 0) return p;
    return {};
}

// The home screen as a static page: the kiosk's own French texts and fonts, 1920×1080.
void write_home_page(const fs::path& file, const fs::path& content) {
    Translator t;
    std::vector<std::string> errors;
    t.load_folder(content / "i18n", "fr", errors);
    t.set_language("fr");
    auto esc = [](const std::string& s) {
        std::string o;
        for (char c : s)
            o += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
        return o;
    };
    std::ofstream out(file);
    out << "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><style>\n"
        << "@font-face{font-family:K;src:url('file://" << build::font_regular << "')}\n"
        << "@font-face{font-family:K;font-weight:bold;src:url('file://" << build::font_bold << "')}\n"
        << "html,body{margin:0;width:1920px;height:1080px;background:#f4f1ea;font-family:K,sans-serif;"
           "color:#1a1a1a}\n"
        << "header{height:120px;background:#000091;color:#fff;display:flex;align-items:center;"
           "padding:0 48px;font-size:40px;font-weight:bold;justify-content:space-between}\n"
        << "h1{font-size:56px;margin:60px 48px 40px}\n"
        << ".cards{display:flex;gap:40px;margin:0 48px}\n"
        << ".card{flex:1;background:#fff;border:4px solid #000091;border-radius:24px;padding:40px;"
           "min-height:420px}\n"
        << ".card h2{font-size:48px;margin:0 0 24px}.card p{font-size:36px;line-height:1.35}\n"
        << "footer{position:absolute;bottom:0;height:110px;width:1920px;background:#e3e3fd;display:flex;"
           "align-items:center;padding:0 48px;font-size:36px;box-sizing:border-box}\n"
        << "</style></head><body>\n"
        << "<header><span>France Services de Montbrison</span><span>Français / English</span></header>\n"
        << "<h1>" << esc(t.tr("home.question")) << "</h1><div class=\"cards\">\n"
        << "<div class=\"card\"><h2>" << esc(t.tr("home.diagnostic.title")) << "</h2><p>"
        << esc(t.tr("home.diagnostic.text")) << "</p></div>\n"
        << "<div class=\"card\"><h2>" << esc(t.tr("home.pass.title")) << "</h2><p>"
        << esc(t.tr("home.pass.text")) << "</p></div>\n"
        << "<div class=\"card\"><h2>" << esc(t.tr("home.places.title")) << "</h2><p>"
        << esc(t.tr("home.places.text")) << "</p></div>\n"
        << "</div><footer>Accueil</footer></body></html>\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 20'000;
    int launches = 5;
    std::string keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--places")
            count = static_cast<std::size_t>(std::atol(argv[i + 1]));
        else if (a == "--launches")
            launches = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--keep")
            keep = argv[i + 1];
    }
    const fs::path source = fs::path(build::source_dir) / "content";
    const std::string exe = std::string(build::binary_dir) + "/kiosk/app/kiosk";
    char tmpl[] = "/tmp/kiosk-bench-national-XXXXXX";
    const fs::path work = mkdtemp(tmpl);
    const fs::path content = keep.empty() ? work / "content" : fs::path(keep);
    fs::create_directories(content / "places");
    fs::create_directories(content / "demo");
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(source))
        if (e.path().filename() != "places" && e.path().filename() != "demo")
            fs::create_directory_symlink(e.path(), content / e.path().filename(), ec);
    fs::copy_file(source / "demo/kiosk.toml", content / "demo/kiosk.toml",
                  fs::copy_options::overwrite_existing);
    std::vector<std::string> errors;
    const std::vector<places::Commune> communes = places::load_communes(source / "communes.tsv", errors);
    const fs::path csv = content / "places/national-v1.csv";
    places::write_national_places(source, csv, count, communes);
    std::printf(
        "kiosk-bench-national %s, %ld cores: %zu places (the demo places repeated over France), %zu "
        "communes; content in %s\n\n",
        build::version, sysconf(_SC_NPROCESSORS_ONLN), count, communes.size(), content.c_str());

    // 1. import
    const fs::path data = work / "var";
    fs::create_directories(data);
    {
        const auto t0 = Clock::now();
        places::ContentPlaces imported =
            places::sync_content({csv}, content / "standard", data / "places.sqlite");
        const double ms = ms_since(t0);
        std::printf("import of %s (%.1f MB): %.0f ms, %zu places served, %zu problem line(s)%s%s\n",
                    csv.filename().c_str(), static_cast<double>(fs::file_size(csv)) / 1e6, ms,
                    imported.places.size(), imported.problems.size(),
                    imported.status.failed() ? ", FAILED: " : "", imported.status.problem.c_str());
    }

    // What each structure of the loaded content costs, in this process: the heap in use after it was built
    // (mallinfo2), the structures built in the kiosk's order (journeys/places_data.cpp).
    {
        auto heap = [] { return static_cast<double>(mallinfo2().uordblks) / 1e6; };
        malloc_trim(0);
        double at = heap();
        auto t = Clock::now();
        auto step = [&](const char* what) {
            const double now = heap();
            std::printf("  %-46s %6.2f MB  %6.1f ms\n", what, now - at, ms_since(t));
            at = now;
            t = Clock::now();
        };
        std::printf(
            "\nheap held by each structure of the loaded content (mallinfo2), and the time to build it, "
            "in this process\n");
        places::ContentPlaces served =
            places::sync_content({csv}, content / "standard", data / "places.sqlite");
        step("places (std::vector<Place>)");
        std::vector<std::string> problems;
        std::vector<places::Commune> gazetteer = places::load_communes(content / "communes.tsv", problems);
        step("communes (std::vector<Commune>)");
        places::mend_with_gazetteer(served.places, gazetteer);
        step("places mended by the gazetteer");
        search::CommuneIndex index(std::move(gazetteer));
        step("commune search index (beyond the communes)");
        std::vector<hours::OpeningHours> hours;
        hours.reserve(served.places.size());
        for (const places::Place& p : served.places)
            hours.push_back(hours::OpeningHours::parse(p.opening_hours));
        step("opening hours, parsed");
        search::PlaceIndex nearest =
            search::PlaceIndex::build(std::span<const places::Place>(served.places), {});
        step("nearest-place index");
    }

    // 2. the kiosk
    const std::string config = (content / "demo/kiosk.toml").string();
    std::vector<double> first, loaded, exit_ms;
    long kiosk_max = 0, kiosk_tree = 0, kiosk_pss = 0, kiosk_hwm = 0;
    for (int i = 0; i < launches; ++i) {
        Run r = run({exe, "--config", config, "--data-dir", data.string(), "--exit-after-load"});
        if (r.ms_loaded < 0) {
            std::printf("the kiosk did not report \"loaded\" (exit status %d)\n", r.status);
            continue;
        }
        first.push_back(r.ms_first_frame);
        loaded.push_back(r.ms_loaded - r.ms_first_frame);
        exit_ms.push_back(r.ms_exit);
        kiosk_max = std::max(kiosk_max, r.max_rss_kib);
        kiosk_tree = std::max(kiosk_tree, r.tree_rss_kib);
        kiosk_pss = std::max(kiosk_pss, r.tree_pss_kib);
        kiosk_hwm = std::max(kiosk_hwm, r.self_hwm_kib);
    }
    std::printf("\nkiosk, %zu launches (median; peak memory: the heaviest run)\n", exit_ms.size());
    std::printf("  exec to first frame            %7.1f ms\n", median(first));
    std::printf("  first frame to content loaded  %7.1f ms   [goal <= 100 ms]\n", median(loaded));
    std::printf("  exec to exit                   %7.1f ms\n", median(exit_ms));
    std::printf("  peak RSS (VmHWM, the process)  %7.1f MB   [goal <= 45 MB]\n", mb(kiosk_hwm));
    std::printf("  peak RSS, wait4 / tree sampled %7.1f MB / %.1f MB (PSS %.1f MB)\n", mb(kiosk_max),
                mb(kiosk_tree), mb(kiosk_pss));

    // 3. Chromium
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        std::printf("\nchromium: not installed (apt-get install chromium), no side by side\n");
    } else {
        const fs::path page = work / "home.html", png = work / "home.png";
        write_home_page(page, content);
        std::vector<double> wall;
        long max_rss = 0, tree_rss = 0, tree_pss = 0;
        for (int i = 0; i < launches; ++i) {
            fs::remove(png, ec);
            // --no-sandbox: the benchmark may run as root, where Chromium refuses its sandbox.
            Run r =
                run({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--window-size=1920,1080", "--screenshot=" + png.string(), "file://" + page.string()});
            if (!fs::exists(png, ec)) {
                std::printf("chromium wrote no PNG (exit status %d)\n", r.status);
                continue;
            }
            wall.push_back(r.ms_exit);
            max_rss = std::max(max_rss, r.max_rss_kib);
            tree_rss = std::max(tree_rss, r.tree_rss_kib);
            tree_pss = std::max(tree_pss, r.tree_pss_kib);
        }
        std::printf("\nheadless Chromium, the home screen as a static page to a PNG, %zu launches\n",
                    wall.size());
        std::printf("  exec to exit                   %7.1f ms\n", median(wall));
        std::printf("  peak RSS, wait4 / tree sampled %7.1f MB / %.1f MB (PSS %.1f MB)\n", mb(max_rss),
                    mb(tree_rss), mb(tree_pss));
        if (!wall.empty() && !exit_ms.empty())
            std::printf(
                "\nside by side (kiosk from exec until its national content is loaded and it exits):\n"
                "  time %.1f× faster   [goal >= 12×]\n"
                "  memory %.1f× less (largest process, wait4), %.1f× less (tree PSS, sampled)   [goal >= "
                "6×]\n",
                median(wall) / median(exit_ms), static_cast<double>(max_rss) / kiosk_max,
                static_cast<double>(tree_pss) / kiosk_pss);
    }
    if (keep.empty()) fs::remove_all(work, ec);
    return 0;
}
