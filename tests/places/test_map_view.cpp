// The places map's geometry, on the real gazetteer: projection, grouping of close markers, a tap on a group,
// names of communes placed without overlaps, the scale bar, the view moved within its limits.
// Markers are the real positions of the communes nearest a point: around Montbrison (the demo's kiosk, what
// the sizes were chosen on) and, held out, around Quimper and around Lyon (dense, with arrondissements).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "kiosk/core/journeys/map_tiles.hpp"
#include "kiosk/core/journeys/map_view.hpp"
#include "kiosk/core/search/geo.hpp"
#include "places_test_support.hpp"

using namespace kiosk;
namespace map = kiosk::journeys::map;

namespace {

const std::vector<places::Commune>& gazetteer() {
    static const std::vector<places::Commune> communes = [] {
        std::vector<std::string> errors;
        auto c = places::load_communes(test::source_dir() / "content/communes.tsv", errors);
        REQUIRE(errors.empty());
        REQUIRE(c.size() > 30'000);
        return c;
    }();
    return communes;
}

const places::Commune& commune(std::string_view insee) {
    for (const places::Commune& c : gazetteer())
        if (c.insee == insee && c.kind == places::Commune::Kind::Commune) return c;
    FAIL("no commune " << insee);
    return gazetteer().front();
}

// The real positions of the n communes nearest `centre` (the centre's own commune first), as results are.
std::vector<map::World> nearest(const places::Commune& centre, std::size_t n) {
    std::vector<std::pair<double, map::World>> all;
    for (const places::Commune& c : gazetteer())
        if (c.kind == places::Commune::Kind::Commune)
            all.push_back({search::distance_m(centre.latitude, centre.longitude, c.latitude, c.longitude),
                           map::project(c.latitude, c.longitude)});
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<map::World> out;
    for (std::size_t i = 0; i < n && i < all.size(); ++i) out.push_back(all[i].second);
    return out;
}

struct Region {
    const char* name;
    const char* insee;
};
const Region kTuned{"Montbrison", "42147"};
const Region kHeldOut[] = {{"Quimper", "29232"}, {"Lyon", "69123"}};

map::View view_at(const places::Commune& c, double zoom, double w = 1400, double h = 700) {
    map::View v;
    v.center = map::project(c.latitude, c.longitude);
    v.zoom = zoom;
    v.width = w;
    v.height = h;
    return v;
}

// Every marker in one group exactly, and no two discs' touch squares overlapping.
void check_groups(const std::vector<map::Group>& groups, std::size_t markers, const map::View& v, double d) {
    std::vector<int> seen(markers);
    for (const map::Group& g : groups) {
        REQUIRE_FALSE(g.members.empty());
        CHECK(std::is_sorted(g.members.begin(), g.members.end()));
        for (std::uint32_t m : g.members) ++seen.at(m);
    }
    CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<long>(markers));
    for (std::size_t a = 0; a < groups.size(); ++a)
        for (std::size_t b = a + 1; b < groups.size(); ++b) {
            const map::Point p = v.to_screen(groups[a].at), q = v.to_screen(groups[b].at);
            CHECK(std::max(std::abs(p.x - q.x), std::abs(p.y - q.y)) >= d - 1e-6);
        }
}

}  // namespace

TEST_CASE("the map's projection goes there and back for every commune, as the tiles' does") {
    std::size_t checked = 0;
    for (const places::Commune& c : gazetteer()) {
        const map::World w = map::project(c.latitude, c.longitude);
        const map::LatLon back = map::unproject(w);
        if (std::abs(back.latitude - c.latitude) > 1e-9 || std::abs(back.longitude - c.longitude) > 1e-9)
            FAIL(c.name << ": " << back.latitude << ", " << back.longitude);
        ++checked;
    }
    CHECK(checked == gazetteer().size());
    const places::Commune& m = commune("42147");
    const map::World w = map::project(m.latitude, m.longitude);
    const journeys::WorldPixel t = journeys::to_world_pixel(m.latitude, m.longitude, 12);
    CHECK(w.x * 4096 == Approx(t.x).epsilon(1e-12));
    CHECK(w.y * 4096 == Approx(t.y).epsilon(1e-12));
    // The screen and back.
    const map::View v = view_at(m, 11.3);
    const map::Point p = v.to_screen(map::project(45.5, 4.2));
    const map::LatLon q = map::unproject(v.to_world(p));
    CHECK(q.latitude == Approx(45.5).margin(1e-9));
    CHECK(q.longitude == Approx(4.2).margin(1e-9));
    CHECK(v.to_screen(v.center).x == Approx(700));
    // The ground a pixel covers: 156 543 m at the equator at zoom 0, half as much a zoom closer, less north.
    CHECK(map::metres_per_pixel(0, 0) == Approx(156'543.03).epsilon(1e-6));
    CHECK(map::metres_per_pixel(0, 1) == Approx(78'271.52).epsilon(1e-6));
    CHECK(map::metres_per_pixel(45.60752, 12) == Approx(26.733).epsilon(1e-3));
}

TEST_CASE("the scale bar has a round length, the longest that fits, and says it") {
    struct Case {
        double latitude, zoom, max_px;
        double metres;
        const char* words;
    };
    for (const Case& c : {Case{45.60752, 12, 300, 5000, "5 km"}, Case{45.60752, 14, 200, 1000, "1 km"},
                          Case{45.60752, 17, 200, 100, "100 m"}, Case{45.60752, 9, 300, 50000, "50 km"},
                          Case{48.0, 10.5, 250, 10000, "10 km"}, Case{-21.1, 15, 180, 500, "500 m"}}) {
        INFO(c.latitude << " zoom " << c.zoom);
        const map::ScaleBar b = map::scale_bar(c.latitude, c.zoom, c.max_px);
        CHECK(b.metres == c.metres);
        CHECK(b.words == c.words);
        CHECK(b.pixels <= c.max_px);
        CHECK(b.pixels == Approx(b.metres / map::metres_per_pixel(c.latitude, c.zoom)));
        // The next round length would not fit.
        const map::ScaleBar longer = map::scale_bar(c.latitude, c.zoom, 1e9);
        CHECK(longer.metres > b.metres);
    }
}

TEST_CASE("close markers become one disc with their count, none lost, and groups split as the map zooms in") {
    for (const Region& r : {kTuned, kHeldOut[0], kHeldOut[1]}) {
        INFO(r.name);
        const places::Commune& c = commune(r.insee);
        const std::vector<map::World> markers = nearest(c, 20);
        const double d = 88;  // two em at 1080 pixels
        std::size_t before = 0;
        for (double zoom : {6.0, 8.0, 9.5, 11.0, 12.5, 14.0, 17.0}) {
            INFO("zoom " << zoom);
            const map::View v = view_at(c, zoom);
            const std::vector<map::Group> groups = map::cluster(markers, v, d);
            check_groups(groups, markers.size(), v, d);
            // A single marker stays exactly on its place; a group's disc is its members' centre.
            for (const map::Group& g : groups)
                if (g.single()) {
                    CHECK(g.at.x == markers[g.members[0]].x);
                    CHECK(g.at.y == markers[g.members[0]].y);
                } else {
                    CHECK(g.at.x >= g.extent.min.x);
                    CHECK(g.at.x <= g.extent.max.x);
                }
            CHECK(groups.size() >= before);  // closer, more discs
            before = groups.size();
        }
        CHECK(map::cluster(markers, view_at(c, 6), d).size() <= 2);  // a region: one or two discs
        // A street: every place alone but those at one spot (the gazetteer puts some communes at their
        // postal code's centre, all at one point).
        std::vector<std::pair<double, double>> spots;
        for (const map::World& w : markers) spots.push_back({w.x, w.y});
        std::sort(spots.begin(), spots.end());
        spots.erase(std::unique(spots.begin(), spots.end()), spots.end());
        CHECK(map::cluster(markers, view_at(c, 17), d).size() == spots.size());
    }
    CHECK(map::cluster({}, map::View{}, 88).empty());
}

TEST_CASE("a tap on a group shows its members, at least a zoom level closer, and the group splits") {
    for (const Region& r : {kTuned, kHeldOut[0], kHeldOut[1]}) {
        INFO(r.name);
        const places::Commune& c = commune(r.insee);
        const std::vector<map::World> markers = nearest(c, 20);
        const double d = 88, margin = 70;
        for (double zoom : {7.0, 9.0, 10.5}) {
            const map::View v = view_at(c, zoom);
            for (const map::Group& g : map::cluster(markers, v, d)) {
                if (g.single()) continue;
                const map::View z = map::zoom_to(g, v, margin, 17);
                CHECK(z.zoom >= v.zoom + 1);
                CHECK(z.zoom <= 17);
                for (std::uint32_t m : g.members) {
                    const map::Point p = z.to_screen(markers[m]);
                    CHECK(p.x >= margin - 1e-6);
                    CHECK(p.x <= z.width - margin + 1e-6);
                    CHECK(p.y >= margin - 1e-6);
                    CHECK(p.y <= z.height - margin + 1e-6);
                }
                // Its members alone, at the new view: more than one disc.
                std::vector<map::World> members;
                for (std::uint32_t m : g.members) members.push_back(markers[m]);
                CHECK(map::cluster(members, z, d).size() >= 2);
            }
        }
    }
    // Places at one address: the closest view, which cannot split them.
    map::Group same;
    same.members = {0, 1};
    same.extent.add(map::project(45.6, 4.06));
    const map::View z = map::zoom_to(same, view_at(commune("42147"), 12), 70, 17);
    CHECK(z.zoom == 17);
}

TEST_CASE("communes are named by population, where no name covers another, a marker or the map's edge") {
    const auto order = map::towns_by_population(gazetteer());
    REQUIRE(order.size() > 30'000);
    CHECK(gazetteer()[order[0]].name == "Paris");
    for (std::uint32_t i : order)
        CHECK((gazetteer()[i].kind == places::Commune::Kind::Commune ||
               gazetteer()[i].coordinates_source != "parent"));
    for (std::size_t i = 1; i < order.size(); ++i)
        CHECK(gazetteer()[order[i - 1]].population >= gazetteer()[order[i]].population);

    auto width_of = [](std::string_view s) { return 20.0 * static_cast<double>(s.size()); };
    for (const Region& r : {kTuned, kHeldOut[0], kHeldOut[1]}) {
        INFO(r.name);
        const places::Commune& c = commune(r.insee);
        for (double zoom : {8.0, 10.0, 12.0}) {
            INFO("zoom " << zoom);
            map::MapState state;
            state.set_towns(gazetteer(), order);
            state.set_markers(nearest(c, 20), map::project(c.latitude, c.longitude));
            map::Frame f;
            f.width = 1400;
            f.height = 700;
            f.marker_radius = 44;
            f.here_width = 200;
            f.label = {44, 7, 11, 7, 9, 22};
            const map::Layout* l = &state.layout(f, width_of);
            state.zoom_by(zoom - l->view.zoom, {700, 350});
            l = &state.layout(f, width_of);
            REQUIRE_FALSE(l->towns.empty());
            CHECK(l->towns.size() <= map::MapState::kMaxTowns);
            CHECK(l->town_names.size() == l->towns.size());
            const map::Box inside{9, 9, 1400 - 9, 700 - 9};
            std::vector<map::Box> markers;
            for (const map::Group& g : l->groups) {
                const map::Point p = l->view.to_screen(g.at);
                markers.push_back({p.x - 44, p.y - 44, p.x + 44, p.y + 44});
            }
            for (std::size_t a = 0; a < l->towns.size(); ++a) {
                const map::Label& t = l->towns[a];
                INFO(l->town_names[t.candidate]);
                CHECK(t.box.inside(inside));
                // The words and the dot are within the box.
                CHECK(t.text.x >= t.box.x0);
                CHECK(t.text.x + width_of(l->town_names[t.candidate]) <= t.box.x1);
                CHECK(t.text.y + 44 <= t.box.y1);
                for (const map::Box& m : markers) CHECK_FALSE(t.box.overlaps(m));
                if (l->here_label) CHECK_FALSE(t.box.overlaps(l->here_label->box));
                for (std::size_t b = a + 1; b < l->towns.size(); ++b)
                    CHECK_FALSE(t.box.overlaps(l->towns[b].box));
            }
            if (l->here_label)
                for (const map::Box& m : markers) CHECK_FALSE(l->here_label->box.overlaps(m));
            // Tried by population: the names written go from the most populated down.
            std::vector<int> populations;
            REQUIRE(l->town_communes.size() == l->towns.size());
            for (std::size_t k = 0; k < l->towns.size(); ++k) {
                const places::Commune& t = gazetteer()[l->town_communes[k]];
                CHECK_THAT(t.name, Catch::StartsWith(std::string(l->town_names[k])));
                CHECK_FALSE(l->town_names[k].ends_with(" Arrondissement"));
                const map::Point p = l->view.to_screen(map::project(t.latitude, t.longitude));
                CHECK(p.x == Approx(l->towns[k].dot.x));
                populations.push_back(t.population);
            }
            CHECK(std::is_sorted(populations.rbegin(), populations.rend()));
        }
    }
}

TEST_CASE("place_labels keeps a name off obstacles and tries the four sides of its point") {
    map::View v;
    v.center = {128, 128};
    v.zoom = 10;
    v.width = 800;
    v.height = 600;
    const map::World c = v.to_world({400, 300});
    const map::LabelStyle st{40, 5, 8, 4, 6, 0};
    const map::LabelCandidate one{c, 200};
    // Nothing in the way: to the right of the dot.
    auto l = map::place_labels(std::span(&one, 1), v, st, {}, 5);
    REQUIRE(l.size() == 1);
    CHECK(l[0].text.x == Approx(400 + 5 + 8));
    // The right blocked: to the left; both sides: above; and below when above is blocked too.
    std::vector<map::Box> obstacles{{520, 290, 700, 310}};
    l = map::place_labels(std::span(&one, 1), v, st, obstacles, 5);
    REQUIRE(l.size() == 1);
    CHECK(l[0].text.x == Approx(400 - 5 - 8 - 200));
    obstacles.push_back({100, 290, 280, 310});
    l = map::place_labels(std::span(&one, 1), v, st, obstacles, 5);
    REQUIRE(l.size() == 1);
    CHECK(l[0].text.y < 300 - 5);
    obstacles.push_back({250, 100, 550, 290});
    l = map::place_labels(std::span(&one, 1), v, st, obstacles, 5);
    REQUIRE(l.size() == 1);
    CHECK(l[0].text.y > 300 + 5);
    obstacles.push_back({250, 330, 550, 500});
    CHECK(map::place_labels(std::span(&one, 1), v, st, obstacles, 5).empty());
    // Near the edge: the side that stays inside.
    const map::LabelCandidate edge{v.to_world({780, 300}), 200};
    l = map::place_labels(std::span(&edge, 1), v, st, {}, 5);
    REQUIRE(l.size() == 1);
    CHECK(l[0].text.x < 780);
    CHECK(l[0].box.x1 <= 800 - 6);
}

TEST_CASE("the map's view moves with the fingers and the buttons, within its limits, and comes back") {
    const places::Commune& c = commune("42147");
    map::MapState state;
    state.set_markers(nearest(c, 20), map::project(c.latitude, c.longitude));
    map::Frame f;
    f.width = 1400;
    f.height = 700;
    f.marker_radius = 44;
    f.margin = 70;
    auto width_of = [](std::string_view s) { return 20.0 * static_cast<double>(s.size()); };
    const map::View first = state.layout(f, width_of).view;
    CHECK_FALSE(state.current().moved);
    // The first view fits every marker within the margin.
    for (const map::World& w : nearest(c, 20)) {
        const map::Point p = first.to_screen(w);
        CHECK(p.x >= 70 - 1e-6);
        CHECK(p.x <= 1400 - 70 + 1e-6);
        CHECK(p.y >= 70 - 1e-6);
        CHECK(p.y <= 700 - 70 + 1e-6);
    }

    // A pinch: twice as far apart is one zoom level, the point between the fingers stays under them.
    const map::Point fingers{300, 200};
    const map::World under = first.to_world(fingers);
    state.move({{0, 0}, 2.0, fingers});
    map::View v = state.layout(f, width_of).view;
    CHECK(v.zoom == Approx(first.zoom + 1));
    CHECK(v.to_screen(under).x == Approx(300));
    CHECK(v.to_screen(under).y == Approx(200));
    CHECK(state.current().moved);
    // A drag: the map follows the finger.
    const map::World at_centre = v.to_world({700, 350});
    state.move({{-120, 45}, 1, {}});
    v = state.layout(f, width_of).view;
    CHECK(v.to_screen(at_centre).x == Approx(580));
    CHECK(v.to_screen(at_centre).y == Approx(395));

    // The buttons: one level each, never beyond the limits.
    for (int i = 0; i < 30; ++i) state.zoom_in();
    CHECK(state.layout(f, width_of).view.zoom == map::MapState::kMaxZoom);
    CHECK_FALSE(state.current().can_zoom_in);
    CHECK(state.current().can_zoom_out);
    for (int i = 0; i < 30; ++i) state.zoom_out();
    CHECK(state.layout(f, width_of).view.zoom == map::MapState::kMinZoom);
    CHECK_FALSE(state.current().can_zoom_out);
    // Dragged far away, the markers still reach the middle of the map.
    state.zoom_in();
    state.zoom_in();
    for (int i = 0; i < 40; ++i) state.pan(900, 900);
    v = state.layout(f, width_of).view;
    map::Extent e;
    for (const map::World& w : nearest(c, 20)) e.add(w);
    CHECK(v.to_screen(e.max).x >= 700 - 1e-6);
    CHECK(v.to_screen(e.max).y >= 350 - 1e-6);

    // Back to the first view.
    state.reset();
    v = state.layout(f, width_of).view;
    CHECK(v.zoom == first.zoom);
    CHECK(v.center.x == first.center.x);
    CHECK_FALSE(state.current().moved);

    // A group opened: its extent, closer; a single marker is no group.
    std::size_t group = 0;
    while (group < state.current().groups.size() && state.current().groups[group].single()) ++group;
    REQUIRE(group < state.current().groups.size());
    const double before = state.current().view.zoom;
    REQUIRE(state.open_group(group));
    CHECK(state.layout(f, width_of).view.zoom >= before + 1);
    CHECK(state.current().groups.size() >= 2);
    CHECK_FALSE(state.open_group(999));

    // Tiles of zoom levels 8 to 15: the view keeps to them.
    state.set_zoom_range(8, 15);
    CHECK(state.layout(f, width_of).view.zoom >= 8);  // fit again within them
    for (int i = 0; i < 30; ++i) state.zoom_in();
    CHECK(state.layout(f, width_of).view.zoom == 15);
    for (int i = 0; i < 30; ++i) state.zoom_out();
    CHECK(state.layout(f, width_of).view.zoom == 8);
}

TEST_CASE("at the closest view, places at one address each get a disc round their spot") {
    const places::Commune& c = commune("42147");
    const map::World spot = map::project(c.latitude, c.longitude);
    // Three places at one address, one a street away, one in the next commune.
    std::vector<map::World> markers{spot, spot, spot, map::project(c.latitude + 0.003, c.longitude),
                                    map::project(45.58, 4.1)};
    map::MapState state;
    state.set_markers(markers, spot);
    map::Frame f;
    f.width = 1400;
    f.height = 700;
    f.marker_radius = 44;
    auto width_of = [](std::string_view s) { return 20.0 * static_cast<double>(s.size()); };
    state.layout(f, width_of);
    for (int i = 0; i < 30; ++i) state.zoom_in();
    const map::Layout& l = state.layout(f, width_of);
    REQUIRE(l.view.zoom == map::MapState::kMaxZoom);
    CHECK(l.groups.size() == markers.size());
    for (const map::Group& g : l.groups) CHECK(g.single());
    check_groups(l.groups, markers.size(), l.view, 88);
    // Each disc stays near its place.
    for (const map::Group& g : l.groups) {
        const map::Point a = l.view.to_screen(g.at), b = l.view.to_screen(markers[g.members[0]]);
        CHECK(std::hypot(a.x - b.x, a.y - b.y) < 200);
    }
    // One level back, the three at one address are one group again.
    state.zoom_out();
    bool three = false;
    for (const map::Group& g : state.layout(f, width_of).groups) three = three || g.members.size() == 3;
    CHECK(three);
}

TEST_CASE("too close to see more than a couple of communes, the largest around are named at the edge") {
    const auto order = map::towns_by_population(gazetteer());
    auto width_of = [](std::string_view s) { return 20.0 * static_cast<double>(s.size()); };
    for (const Region& r : {kTuned, kHeldOut[0], kHeldOut[1]}) {
        INFO(r.name);
        const places::Commune& c = commune(r.insee);
        map::MapState state;
        state.set_towns(gazetteer(), order);
        state.set_markers(nearest(c, 20), map::project(c.latitude, c.longitude));
        map::Frame f;
        f.width = 1400;
        f.height = 700;
        f.marker_radius = 44;
        f.here_width = 200;
        f.label = {44, 7, 11, 7, 9, 22};
        state.layout(f, width_of);
        state.zoom_by(16 - state.current().view.zoom, {700, 350});
        const map::Layout& l = state.layout(f, width_of);
        REQUIRE(l.towns.size() < map::MapState::kFewTowns);
        REQUIRE_FALSE(l.beyond.empty());
        CHECK(l.beyond.size() <= map::MapState::kMaxBeyond);
        const map::Box inside{9, 9, 1400 - 9, 700 - 9};
        for (std::size_t a = 0; a < l.beyond.size(); ++a) {
            const map::Layout::Beyond& b = l.beyond[a];
            INFO(b.name);
            CHECK(b.box.inside(inside));
            CHECK(std::hypot(b.toward.x, b.toward.y) == Approx(1));
            for (const map::Group& g : l.groups) {
                const map::Point p = l.view.to_screen(g.at);
                CHECK_FALSE(b.box.overlaps({p.x - 44, p.y - 44, p.x + 44, p.y + 44}));
            }
            for (const map::Label& t : l.towns) CHECK_FALSE(b.box.overlaps(t.box));
            if (l.here_label) CHECK_FALSE(b.box.overlaps(l.here_label->box));
            for (std::size_t k = a + 1; k < l.beyond.size(); ++k)
                CHECK_FALSE(b.box.overlaps(l.beyond[k].box));
            // The commune lies beyond the map, the way the arrow points.
            bool found = false;
            for (const places::Commune& t : gazetteer()) {
                if (t.name.rfind(std::string(b.name), 0) != 0) continue;
                const map::Point p = l.view.to_screen(map::project(t.latitude, t.longitude));
                const bool outside = p.x < 0 || p.y < 0 || p.x > 1400 || p.y > 700;
                const double dx = p.x - 700, dy = p.y - 350, d = std::hypot(dx, dy);
                if (outside && std::abs(dx / d - b.toward.x) < 1e-9 && std::abs(dy / d - b.toward.y) < 1e-9)
                    found = true;
            }
            CHECK(found);
        }
    }
}
