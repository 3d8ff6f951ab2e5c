// The places map's layout on the whole gazetteer: how long ordering the communes takes (once, while the
// content loads, on a worker) and how long one layout of the view takes (each time the view moves, on the UI
// thread), at zoom levels from France whole to a street. Prints figures; asserts nothing.
//   kiosk-bench-map [--communes FILE] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kiosk/core/journeys/map_view.hpp"

using namespace kiosk;
namespace map = kiosk::journeys::map;

int main(int argc, char** argv) {
    std::string file = std::string(KIOSK_SOURCE_DIR) + "/content/communes.tsv";
    int repeat = 400;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--communes"))
            file = argv[++i];
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::max(10, std::atoi(argv[++i]));
    }
    std::vector<std::string> errors;
    const std::vector<places::Commune> communes = places::load_communes(file, errors);
    if (communes.empty()) {
        std::fprintf(stderr, "no communes in %s\n", file.c_str());
        return 1;
    }
    using clock = std::chrono::steady_clock;
    auto ms = [](clock::time_point a, clock::time_point b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
    };
    const auto t0 = clock::now();
    const std::vector<std::uint32_t> order = map::towns_by_population(communes);
    std::printf("%zu communes, %zu may be named, ordered in %.1f ms\n", communes.size(), order.size(),
                ms(t0, clock::now()));
    // 20 markers around Montbrison, as the demo's results; a 1420 × 700 map at 1920 × 1080 (em = 44).
    std::vector<map::World> markers;
    for (int i = 0; i < 20; ++i)
        markers.push_back(map::project(45.55 + 0.02 * (i % 5), 4.0 + 0.03 * (i / 5)));
    map::Frame f;
    f.width = 1420;
    f.height = 700;
    f.marker_radius = 44;
    f.margin = 70;
    f.label = {44, 7, 11, 7, 9, 22};
    f.here_width = 250;
    auto width_of = [](std::string_view s) { return 22.0 * static_cast<double>(s.size()); };
    for (double zoom : {5.0, 8.0, 10.0, 12.0, 14.0, 16.0}) {
        map::MapState state;
        state.set_towns(communes, order);
        state.set_markers(markers, map::project(45.60752, 4.06525));
        state.layout(f, width_of);
        state.zoom_by(zoom - state.current().view.zoom, {710, 350});
        std::vector<double> times;
        for (int i = 0; i < repeat; ++i) {
            state.pan(i % 2 ? 3 : -3, 0);  // a finger dragging: a new layout each time
            const auto a = clock::now();
            state.layout(f, width_of);
            times.push_back(ms(a, clock::now()));
        }
        std::sort(times.begin(), times.end());
        const map::Layout& l = state.current();
        std::printf(
            "zoom %4.1f: layout median %.3f ms, p99 %.3f ms (%zu names in view, %zu beyond, %zu discs)\n",
            zoom, times[times.size() / 2], times[times.size() * 99 / 100], l.towns.size(), l.beyond.size(),
            l.groups.size());
    }
    return 0;
}
