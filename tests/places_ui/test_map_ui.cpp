// The places map in the real application, headless, with real taps, drags and two-finger pinches: groups of
// close markers open with one tap, the zoom buttons keep to their limits, the view comes back, "vous êtes
// ici" lies under the markers, the communes around are named and the scale is said. Screenshots at the three
// screen sizes the kiosks have; the layout audit checks every frame (a problem fails the test).
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
namespace map = kiosk::journeys::map;

namespace {
std::filesystem::path shots() {
    return test::binary_dir() / "screenshots/places";
}

struct MapVisit {
    test::TempDir data;
    platform::Harness h;
    MapVisit(int w, int height) : h(test::demo_config(data.path), w, height) {
        REQUIRE(h.wait_background());
        REQUIRE(h.tap("attract.start"));
        REQUIRE(h.tap("home.places"));
        REQUIRE(h.tap("places.need.here"));
        REQUIRE(h.tap("places.results.map"));
        REQUIRE(h.screen() == Screen::PlacesMap);
    }
    const map::Layout& layout() { return h.app().places().map().current(); }
    std::size_t count(std::string_view prefix) {
        std::size_t n = 0;
        for (const ScreenItem& it : h.app().items().items)
            if (it.id.rfind(prefix, 0) == 0) ++n;
        return n;
    }
    // The colour of the screen at a point, from a screenshot.
    std::array<Uint8, 3> pixel(const std::string& name, float x, float y) {
        const auto file = h.shot(shots(), name);
        SDL_Surface* s = IMG_Load(file.c_str());
        REQUIRE(s);
        SDL_Surface* rgba = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
        const auto* p = static_cast<const Uint8*>(rgba->pixels) + static_cast<int>(y) * rgba->pitch +
                        static_cast<int>(x) * 4;
        std::array<Uint8, 3> out{p[0], p[1], p[2]};
        SDL_FreeSurface(rgba);
        SDL_FreeSurface(s);
        return out;
    }
};

bool red(const std::array<Uint8, 3>& c) {
    return c[0] > 200 && c[1] < 40 && c[2] < 60;  // the Marianne red of "vous êtes ici"
}
}  // namespace

TEST_CASE("the map groups close places, opens a group in one tap, zooms, pans, pinches and comes back") {
    MapVisit v(1920, 1080);
    const std::size_t results = v.h.app().places().results().size();
    REQUIRE(results >= 10);
    const map::View first = v.layout().view;
    // Markers and groups, with every place once; some are grouped at the first view.
    std::size_t in_groups = 0;
    for (const map::Group& g : v.layout().groups) in_groups += g.members.size();
    CHECK(in_groups == results);
    REQUIRE(v.count("places.map.group.") >= 1);
    CHECK(v.count("places.map.marker.") + v.count("places.map.group.") == v.layout().groups.size());
    // The names around and the scale.
    CHECK(v.count("places.map.town.") >= 5);
    const ScreenItem* scale = v.h.app().items().find("places.map.scale");
    REQUIRE(scale);
    CHECK_THAT(scale->text, Catch::EndsWith(" km"));
    CHECK(scale->text == v.layout().scale.words);
    // A group's accessible name says how many places it holds.
    const map::Group* group = nullptr;
    for (const map::Group& g : v.layout().groups)
        if (!g.single()) group = &g;
    REQUIRE(group);
    const std::string gid = "places.map.group." + std::to_string(group->members.front() + 1);
    const std::size_t members = group->members.size();
    CHECK_THAT(v.h.app().items().find(gid)->text,
               Catch::StartsWith(std::to_string(members) + " lieux proches"));
    v.h.shot(shots(), "map-1920x1080");

    // One tap on the group: its places, closer, the group split.
    REQUIRE(v.h.tap(gid));
    CHECK(v.h.screen() == Screen::PlacesMap);
    CHECK(v.layout().view.zoom >= first.zoom + 1);
    CHECK(v.layout().moved);
    v.h.shot(shots(), "map-group-opened");
    REQUIRE(v.h.tap("places.map.reset"));
    CHECK(v.layout().view.zoom == first.zoom);
    CHECK_FALSE(v.layout().moved);

    // The buttons, one level each.
    REQUIRE(v.h.tap("places.map.zoom_in"));
    CHECK(v.layout().view.zoom == Approx(first.zoom + 1));
    REQUIRE(v.h.tap("places.map.zoom_out"));
    REQUIRE(v.h.tap("places.map.zoom_out"));
    CHECK(v.layout().view.zoom == Approx(first.zoom - 1));
    REQUIRE(v.h.tap("places.map.reset"));

    // A drag moves the map (and opens nothing, even when it starts on a marker).
    REQUIRE(v.h.drag_by("places.map", 300, -100));
    CHECK(v.h.screen() == Screen::PlacesMap);
    const map::Point moved = v.layout().view.to_screen(first.center);
    CHECK(moved.x > first.width / 2 + 200);
    CHECK(moved.y < first.height / 2 - 50);
    REQUIRE(v.h.tap("places.map.reset"));
    // Two fingers apart: closer, about one level for twice the distance.
    REQUIRE(v.h.pinch("places.map", 2.0f));
    CHECK(v.h.screen() == Screen::PlacesMap);
    CHECK(v.layout().view.zoom == Approx(first.zoom + 1).margin(0.15));
    v.h.shot(shots(), "map-pinched");
    REQUIRE(v.h.pinch("places.map", 0.5f));
    CHECK(v.layout().view.zoom == Approx(first.zoom).margin(0.2));
    REQUIRE(v.h.tap("places.map.reset"));

    // Closest: the "closer" button says it can do no more.
    for (int i = 0; i < 20; ++i) v.h.tap("places.map.zoom_in");
    CHECK(v.layout().view.zoom == map::MapState::kMaxZoom);
    CHECK_FALSE(v.h.app().items().find("places.map.zoom_in")->enabled);
    CHECK(v.layout().scale.words.find(" m") != std::string::npos);
    REQUIRE(v.h.tap("places.map.reset"));

    // A single marker still opens its place.
    for (int taps = 0; !v.h.has("places.map.marker.1") && taps < 10; ++taps)
        REQUIRE(v.h.tap("places.map.group.1"));
    REQUIRE(v.h.tap("places.map.marker.1"));
    CHECK(v.h.screen() == Screen::PlacesDetail);
    CHECK(v.h.app().places().selected() == v.h.app().places().results().front().id);
}

TEST_CASE("vous êtes ici is drawn under the markers, its words beside it cover none") {
    MapVisit v(1920, 1080);
    const ScreenItem* found = v.h.app().items().find("places.map");
    REQUIRE(found);
    const ScreenItem map_copy = *found;  // the items are the last frame's: kept, not pointed at
    const ScreenItem* map_item = &map_copy;
    const map::Point here = v.layout().here;
    const float x = map_item->rect.x0 + static_cast<float>(here.x);
    const float y = map_item->rect.y0 + static_cast<float>(here.y);
    // Under a marker's disc (any disc reaches 28 pixels from its centre at this size), the marker is seen;
    // away from every disc (none reaches 45 pixels), the red disc.
    auto nearest_disc = [&v] {
        double d = 1e9;
        const map::Point h = v.layout().here;
        for (const map::Group& g : v.layout().groups) {
            const map::Point p = v.layout().view.to_screen(g.at);
            d = std::min(d, std::hypot(p.x - h.x, p.y - h.y));
        }
        return d;
    };
    double d = nearest_disc();
    if (d < 28) CHECK_FALSE(red(v.pixel("map-here", x, y)));
    if (d > 45) CHECK(red(v.pixel("map-here", x, y)));
    // Closer until no marker is on it: the red disc and its words, which hide no marker.
    for (int i = 0; i < 8 && d <= 45; ++i) {
        // The red disc dragged to the middle of the map first, where "plus près" zooms.
        const map::Point h = v.layout().here;
        REQUIRE(v.h.drag_by("places.map", static_cast<float>(v.layout().view.width / 2 - h.x),
                            static_cast<float>(v.layout().view.height / 2 - h.y)));
        REQUIRE(v.h.tap("places.map.zoom_in"));
        d = nearest_disc();
    }
    REQUIRE(d > 45);
    // Round its centre (a place at the kiosk's own address has its spot and a line there at the closest
    // view): most of the disc is red.
    const map::Point h2 = v.layout().here;
    int reds = 0;
    for (int k = 0; k < 8; ++k) {
        const double a = k * 3.14159265 / 4;
        reds +=
            red(v.pixel("map-here-closer", map_item->rect.x0 + static_cast<float>(h2.x + 12 * std::cos(a)),
                        map_item->rect.y0 + static_cast<float>(h2.y + 12 * std::sin(a))));
    }
    CHECK(reds >= 5);
    const ScreenItem* words = v.h.app().items().find("places.map.here");
    REQUIRE(words);
    CHECK(words->text == "Vous êtes ici");
    for (const ScreenItem& it : v.h.app().items().items)
        if (it.id.rfind("places.map.marker.", 0) == 0 || it.id.rfind("places.map.group.", 0) == 0)
            CHECK_FALSE(it.rect.overlaps(words->rect));
}

TEST_CASE("the map reads at every kiosk screen size, upright too") {
    for (auto [w, h] : {std::pair{1080, 1920}, std::pair{1280, 800}}) {
        INFO(w << "x" << h);
        MapVisit v(w, h);
        CHECK(v.count("places.map.town.") >= 3);
        CHECK(v.h.has("places.map.zoom_in"));
        CHECK(v.h.has("places.map.zoom_out"));
        CHECK(v.h.has("places.map.reset"));
        for (const char* id : {"places.map.zoom_in", "places.map.zoom_out", "places.map.reset"}) {
            const ScreenItem* b = v.h.app().items().find(id);
            CHECK(b->rect.height() >= v.h.app().fonts().em * 2.2f);  // large targets
        }
        v.h.shot(shots(), "map-" + std::to_string(w) + "x" + std::to_string(h));
        REQUIRE(v.h.tap("places.map.zoom_in"));
        REQUIRE(v.h.drag_by("places.map", -150, 80));
        v.h.shot(shots(), "map-" + std::to_string(w) + "x" + std::to_string(h) + "-moved");
        CHECK(v.h.layout_problems().empty());
    }
}
