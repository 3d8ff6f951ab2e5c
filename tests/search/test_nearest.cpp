// k nearest places with filters: against a plain reference (haversine over every place) on random data, and
// the edge cases: no coordinates, k beyond the matches, radius, opening masks, overseas departments,
// widening.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "kiosk/core/search/nearest.hpp"

using namespace kiosk::search;
using kiosk::places::Fee;
using kiosk::places::Place;
using kiosk::places::Service;
using kiosk::places::Support;

namespace {

std::uint16_t bit(Service s) {
    return static_cast<std::uint16_t>(s);
}
std::uint8_t bit(Support s) {
    return static_cast<std::uint8_t>(s);
}
std::uint8_t bit(Fee f) {
    return static_cast<std::uint8_t>(f);
}

Place place_at(std::optional<double> lat, std::optional<double> lon, std::uint16_t services = 0x1FF) {
    Place p;
    p.latitude = lat;
    p.longitude = lon;
    p.services = services;
    p.fees = bit(Fee::Free);
    return p;
}

// The reference: every place, the haversine formula, the filters as the header states them.
std::vector<Hit> reference(const std::vector<Place>& places,
                           const std::vector<std::optional<WeekMask>>& hours, const Query& q, std::size_t k) {
    std::vector<Hit> all;
    const Filters& f = q.filters;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const Place& p = places[i];
        if (!p.located()) continue;
        if (f.services_any && !(p.services & f.services_any)) continue;
        if ((p.supports & f.supports_all) != f.supports_all) continue;
        if (f.free_only && !p.has(Fee::Free)) continue;
        if (f.pass_only && !p.accepts_pass) continue;
        const bool known = i < hours.size() && hours[i];
        if (f.open.kind == OpenFilter::Kind::At) {
            if (known ? !hours[i]->test(static_cast<std::size_t>(f.open.slot)) : !f.open.include_unknown)
                continue;
        } else if (f.open.kind == OpenFilter::Kind::OnDay) {
            if (known) {
                bool any = false;
                for (int s = 0; s < kSlotsPerDay; ++s)
                    any |= hours[i]->test(static_cast<std::size_t>(f.open.day) *
                                              static_cast<std::size_t>(kSlotsPerDay) +
                                          static_cast<std::size_t>(s));
                if (!any) continue;
            } else if (!f.open.include_unknown) {
                continue;
            }
        }
        if (f.accept && !f.accept(f.accept_context, static_cast<std::uint32_t>(i))) continue;
        const double d = distance_m(q.latitude, q.longitude, *p.latitude, *p.longitude);
        if (d > q.max_distance_m) continue;
        all.push_back({static_cast<std::uint32_t>(i), d});
    }
    std::sort(all.begin(), all.end(), [](const Hit& a, const Hit& b) {
        return a.distance_m < b.distance_m || (a.distance_m == b.distance_m && a.id < b.id);
    });
    if (all.size() > k) all.resize(k);
    return all;
}

struct Centre {
    double lat, lon, spread_deg;
    int weight;
};
// Mainland towns and overseas departments: places cluster around them, as in the real data.
constexpr Centre kCentres[] = {
    {48.8566, 2.3522, 0.15, 20}, {45.7640, 4.8357, 0.2, 6},    {43.2965, 5.3698, 0.2, 6},
    {45.4397, 4.3872, 0.15, 3},  {47.2184, -1.5536, 0.3, 3},   {48.5734, 7.7521, 0.2, 3},
    {46.6, 2.4, 3.0, 20},        {-20.8823, 55.4504, 0.25, 3},  // Réunion
    {16.2650, -61.5510, 0.2, 2}, {14.6161, -61.0588, 0.15, 2},  // Guadeloupe, Martinique
    {4.9224, -52.3135, 0.3, 1},  {-12.7806, 45.2279, 0.1, 1},   // Guyane, Mayotte
};

struct RandomWorld {
    std::vector<Place> places;
    std::vector<std::optional<WeekMask>> hours;
    std::vector<WeekMask> schedules;
};

RandomWorld random_world(std::mt19937& rng, std::size_t n) {
    RandomWorld w;
    // A few distinct schedules, as in reality.
    for (int s = 0; s < 6; ++s) {
        WeekMask m;
        for (int d = 0; d < 7; ++d) {
            if (d >= 5 && s % 3 != 0) continue;
            if (d == (s % 5)) continue;  // a closed weekday
            set_open(m, d, 9 * 60 + s * 15, 12 * 60);
            set_open(m, d, 14 * 60, 17 * 60 + s * 30);
        }
        w.schedules.push_back(m);
    }
    int total = 0;
    for (const Centre& c : kCentres) total += c.weight;
    std::uniform_int_distribution<int> pick(0, total - 1);
    std::uniform_real_distribution<double> u(0, 1);
    std::normal_distribution<double> g(0, 1);
    for (std::size_t i = 0; i < n; ++i) {
        int r = pick(rng);
        const Centre* c = kCentres;
        while (r >= c->weight) r -= (c++)->weight;
        Place p;
        if (u(rng) < 0.05) {  // no coordinates
        } else {
            p.latitude = c->lat + g(rng) * c->spread_deg;
            p.longitude = c->lon + g(rng) * c->spread_deg;
        }
        if (u(rng) < 0.02 && i > 0 && w.places.back().located()) {  // same building as the previous place
            p.latitude = w.places.back().latitude;
            p.longitude = w.places.back().longitude;
        }
        p.services = static_cast<std::uint16_t>(rng() & 0x1FF);
        p.supports = static_cast<std::uint8_t>((rng() & rng() & rng()) & 0x7F);
        p.fees = static_cast<std::uint8_t>(u(rng) < 0.7 ? bit(Fee::Free) : bit(Fee::Paid));
        p.accepts_pass = u(rng) < 0.2;
        w.places.push_back(p);
        if (u(rng) < 0.15)
            w.hours.push_back(std::nullopt);
        else
            w.hours.push_back(w.schedules[rng() % w.schedules.size()]);
    }
    return w;
}

Filters random_filters(std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    Filters f;
    if (u(rng) < 0.7) f.services_any = static_cast<std::uint16_t>(1u << (rng() % 9));
    if (u(rng) < 0.2) f.services_any |= static_cast<std::uint16_t>(1u << (rng() % 9));
    if (u(rng) < 0.3) f.supports_all = static_cast<std::uint8_t>(1u << (rng() % 7));
    if (u(rng) < 0.05) f.supports_all |= static_cast<std::uint8_t>(1u << (rng() % 7));
    f.free_only = u(rng) < 0.4;
    f.pass_only = u(rng) < 0.2;
    const double o = u(rng);
    if (o < 0.3)
        f.open = OpenFilter::at(static_cast<int>(rng() % kWeekSlots), u(rng) < 0.3);
    else if (o < 0.5)
        f.open = OpenFilter::on_day(static_cast<int>(rng() % 7), u(rng) < 0.3);
    return f;
}

void check_same(const std::vector<Hit>& got, const std::vector<Hit>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        REQUIRE(got[i].distance_m == Approx(want[i].distance_m).margin(1e-3));
        // Ids must agree unless two places are (nearly) as far.
        const bool tie =
            (i > 0 && std::fabs(want[i].distance_m - want[i - 1].distance_m) < 1e-3) ||
            (i + 1 < want.size() && std::fabs(want[i + 1].distance_m - want[i].distance_m) < 1e-3);
        if (!tie) REQUIRE(got[i].id == want[i].id);
    }
}

}  // namespace

TEST_CASE("Great-circle distance and travel estimates", "[places]") {
    CHECK(distance_m(48.8566, 2.3522, 48.8566, 2.3522) == 0);
    CHECK(distance_m(0, 0, 1, 0) == Approx(111'195).epsilon(1e-4));  // one degree of latitude
    CHECK(distance_m(48.8566, 2.3522, 45.7640, 4.8357) == Approx(391'500).epsilon(3e-3));  // Paris–Lyon
    CHECK(distance_m(48.8566, 2.3522, 43.2965, 5.3698) == Approx(660'500).epsilon(3e-3));  // Paris–Marseille
    CHECK(distance_m(-20.8823, 55.4504, -21.3393, 55.4781) ==
          Approx(50'900).epsilon(5e-3));  // Saint-Denis–Saint-Pierre (974)
    CHECK(distance_m(45.0, 3.0, 46.0, 4.0) == Approx(distance_m(46.0, 4.0, 45.0, 3.0)));
    // The chord route gives the same figure.
    const Vec3 a = to_vec3(16.2650, -61.5510), b = to_vec3(14.6161, -61.0588);
    const double c2 = (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z);
    CHECK(arc_from_chord2(c2) == Approx(distance_m(16.2650, -61.5510, 14.6161, -61.0588)).epsilon(1e-9));
    CHECK(chord2_from_arc(arc_from_chord2(c2)) == Approx(c2).epsilon(1e-9));
    // 4.5 km/h × 1.3 on foot, 40 km/h × 1.3 by car.
    CHECK(walking_seconds(1000) == Approx(1040));
    CHECK(walking_minutes(1000) == 18);
    CHECK(driving_seconds(10'000) == Approx(1170));
    CHECK(driving_minutes(10'000) == 20);
    CHECK(walking_minutes(0) == 1);
    Hit h{0, 1000};
    CHECK(h.walking_minutes() == 18);
}

TEST_CASE("Nearest places agree with a scan of every place on random data and filters", "[places]") {
    std::mt19937 rng(20240611);
    for (std::size_t n : {0u, 1u, 7u, 9u, 100u, 3000u}) {
        RandomWorld w = random_world(rng, n);
        PlaceIndex ix = PlaceIndex::build(w.places, w.hours);
        if (n == 3000) CHECK(ix.tree_count() > 1);  // subtrees of the rare bits are searched too
        std::uniform_real_distribution<double> u(0, 1);
        std::uniform_int_distribution<int> centre(0, static_cast<int>(std::size(kCentres)) - 1);
        const int queries = n < 100 ? 100 : 600;
        for (int i = 0; i < 2 * queries; ++i) {
            if (i == queries) {  // a new week: other masks, the same tree
                std::shuffle(w.hours.begin(), w.hours.end(), rng);
                w.hours.resize(w.hours.size() * 9 / 10);  // the last ones: unknown
                ix.set_hours(w.hours);
            }
            const Centre& c = kCentres[static_cast<std::size_t>(centre(rng))];
            Query q;
            q.latitude = c.lat + (u(rng) - 0.5) * 2 * c.spread_deg;
            q.longitude = c.lon + (u(rng) - 0.5) * 2 * c.spread_deg;
            q.filters = random_filters(rng);
            if (u(rng) < 0.3) q.max_distance_m = u(rng) * 50'000;
            const std::size_t k = 1 + rng() % 40;
            INFO("n=" << n << " query " << i << " k=" << k);
            const std::vector<Hit> want = reference(w.places, w.hours, q, k);
            const std::vector<Hit> got = ix.nearest(q, k);
            check_same(got, want);
            std::vector<Hit> scanned(k);
            scanned.resize(ix.scan_nearest(q, scanned));
            REQUIRE(scanned.size() == got.size());
            for (std::size_t j = 0; j < got.size(); ++j) {
                REQUIRE(scanned[j].id == got[j].id);
                REQUIRE(scanned[j].distance_m == got[j].distance_m);
            }
            if (std::isfinite(q.max_distance_m)) {
                const std::size_t all = reference(w.places, w.hours, q, w.places.size()).size();
                REQUIRE(ix.count(q) == all);
                REQUIRE(ix.count(q, 3) == std::min<std::size_t>(all, 3));
            }
        }
    }
}

TEST_CASE("Places without coordinates are never returned and k may exceed the matches", "[places]") {
    std::vector<Place> places = {place_at(std::nullopt, std::nullopt), place_at(48.85, 2.35),
                                 place_at(48.86, std::nullopt), place_at(48.87, 2.36, bit(Service::Leisure)),
                                 place_at(45.76, 4.83)};
    const PlaceIndex ix = PlaceIndex::build(places);
    CHECK(ix.size() == 3);
    Query q{48.8566, 2.3522};
    std::vector<Hit> hits = ix.nearest(q, 20);
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].id == 1);
    CHECK(hits[1].id == 3);
    CHECK(hits[2].id == 4);
    CHECK(hits[2].distance_m == Approx(distance_m(48.8566, 2.3522, 45.76, 4.83)));
    CHECK(std::is_sorted(hits.begin(), hits.end(),
                         [](const Hit& a, const Hit& b) { return a.distance_m < b.distance_m; }));

    q.filters.services_any = bit(Service::Leisure) | bit(Service::Parenting);
    hits = ix.nearest(q, 20);
    REQUIRE(hits.size() == 3);  // place_at offers every service but place 3
    q.filters.services_any = bit(Service::Leisure);
    hits = ix.nearest(q, 20);
    REQUIRE(hits.size() == 3);
    q.filters.services_any = bit(Service::JobInsertion);
    hits = ix.nearest(q, 20);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].id == 1);
    CHECK(hits[1].id == 4);

    q.max_distance_m = 10'000;
    CHECK(ix.nearest(q, 5).size() == 1);
    CHECK(ix.nearest(q, 0).empty());
    q.max_distance_m = -1;
    CHECK(ix.nearest(q, 5).empty());

    q = Query{std::nan(""), 2.0};
    CHECK(ix.nearest(q, 5).empty());
    CHECK(ix.count(q) == 0);
    std::vector<Place> nan_place = {place_at(std::nan(""), 2.0), place_at(48.0, 2.0)};
    CHECK(PlaceIndex::build(nan_place).size() == 1);

    const PlaceIndex none = PlaceIndex::build(std::vector<Place>{place_at(std::nullopt, 2.0)});
    CHECK(none.size() == 0);
    CHECK(none.nearest(Query{48.0, 2.0}, 20).empty());
    CHECK(PlaceIndex{}.nearest(Query{48.0, 2.0}, 20).empty());
    CHECK(PlaceIndex{}.count(Query{48.0, 2.0}) == 0);
}

TEST_CASE("Filters on fees, pass, supports and services", "[places]") {
    std::vector<Place> places(4, place_at(48.85, 2.35));
    places[0].fees = bit(Fee::Paid);
    places[1].fees = bit(Fee::Free) | bit(Fee::FreeUnderConditions);
    places[1].accepts_pass = true;
    places[2].supports = bit(Support::Deafness) | bit(Support::VisualImpairment);
    places[2].fees = bit(Fee::FreeUnderConditions);
    places[3].supports = bit(Support::Deafness);
    for (std::size_t i = 0; i < places.size(); ++i)
        places[i].latitude = 48.85 + 0.001 * static_cast<double>(i);
    const PlaceIndex ix = PlaceIndex::build(places);
    auto ids = [&](Filters f) {
        std::vector<std::uint32_t> out;
        for (const Hit& h : ix.nearest(Query{48.85, 2.35, f}, 10)) out.push_back(h.id);
        return out;
    };
    Filters f;
    CHECK(ids(f) == std::vector<std::uint32_t>{0, 1, 2, 3});
    f.free_only = true;
    CHECK(ids(f) == std::vector<std::uint32_t>{1, 3});
    f = {};
    f.pass_only = true;
    CHECK(ids(f) == std::vector<std::uint32_t>{1});
    f = {};
    f.supports_all = bit(Support::Deafness);
    CHECK(ids(f) == std::vector<std::uint32_t>{2, 3});
    f.supports_all |= bit(Support::VisualImpairment);
    CHECK(ids(f) == std::vector<std::uint32_t>{2});
    f.free_only = true;
    CHECK(ids(f).empty());
    f = {};
    static const std::vector<std::uint32_t> odd = {1, 3};
    f.accept = [](const void* ctx, std::uint32_t id) {
        const auto& v = *static_cast<const std::vector<std::uint32_t>*>(ctx);
        return std::find(v.begin(), v.end(), id) != v.end();
    };
    f.accept_context = &odd;
    CHECK(ids(f) == odd);
}

TEST_CASE("Open now and open on a chosen day use the caller's weekly masks", "[places]") {
    std::vector<Place> places(4, place_at(48.85, 2.35));
    for (std::size_t i = 0; i < places.size(); ++i)
        places[i].longitude = 2.35 + 0.001 * static_cast<double>(i);
    WeekMask office, saturday;
    for (int d = 0; d < 5; ++d) {
        set_open(office, d, 9 * 60, 12 * 60);
        set_open(office, d, 13 * 60 + 30, 17 * 60);
    }
    set_open(saturday, 5, 10 * 60, 18 * 60);
    std::vector<std::optional<WeekMask>> hours = {office, saturday, std::nullopt, office};
    PlaceIndex ix = PlaceIndex::build(places, hours);
    CHECK(ix.schedule_count() == 2);
    auto ids = [&](OpenFilter o) {
        Query q{48.85, 2.35};
        q.filters.open = o;
        std::vector<std::uint32_t> out;
        for (const Hit& h : ix.nearest(q, 10)) out.push_back(h.id);
        return out;
    };
    using V = std::vector<std::uint32_t>;
    CHECK(ids(OpenFilter::any()) == V{0, 1, 2, 3});
    CHECK(ids(OpenFilter::at(week_slot(1, 10, 20))) == V{0, 3});  // Tuesday 10:20
    CHECK(ids(OpenFilter::at(week_slot(1, 12, 0))).empty());      // Tuesday 12:00, lunch
    CHECK(ids(OpenFilter::at(week_slot(1, 13, 29))).empty());
    CHECK(ids(OpenFilter::at(week_slot(1, 13, 30))) == V{0, 3});
    CHECK(ids(OpenFilter::at(week_slot(1, 12, 0), true)) == V{2});  // unknown hours allowed
    CHECK(ids(OpenFilter::at(week_slot(5, 17, 45))) == V{1});       // Saturday
    CHECK(ids(OpenFilter::at(week_slot(6, 23, 45))).empty());       // Sunday night
    CHECK(ids(OpenFilter::on_day(5)) == V{1});
    CHECK(ids(OpenFilter::on_day(0)) == V{0, 3});
    CHECK(ids(OpenFilter::on_day(6)).empty());
    CHECK(ids(OpenFilter::on_day(6, true)) == V{2});

    // New masks for a week with a holiday on Monday, without rebuilding.
    WeekMask holiday = office;
    for (int s = 0; s < kSlotsPerDay; ++s) holiday.reset(static_cast<std::size_t>(s));
    ix.set_hours(std::vector<std::optional<WeekMask>>{holiday, saturday, office});
    CHECK(ids(OpenFilter::on_day(0)) == V{2});
    CHECK(ids(OpenFilter::on_day(1)) == V{0, 2});
    CHECK(ids(OpenFilter::on_day(1, true)) == V{0, 2, 3});
}

TEST_CASE("Overseas departments are searched like the mainland", "[places]") {
    std::vector<Place> places = {
        place_at(-20.8823, 55.4504),  // Saint-Denis (974)
        place_at(-21.3393, 55.4781),  // Saint-Pierre (974)
        place_at(16.2411, -61.5331),  // Pointe-à-Pitre (971)
        place_at(15.9985, -61.7261),  // Basse-Terre (971)
        place_at(14.6161, -61.0588),  // Fort-de-France (972)
        place_at(4.9224, -52.3135),   // Cayenne (973)
        place_at(-12.7806, 45.2279),  // Mamoudzou (976)
        place_at(48.8566, 2.3522),    // Paris
        place_at(46.7785, -56.1773),  // Saint-Pierre-et-Miquelon
    };
    places[1].accepts_pass = true;
    places[7].accepts_pass = true;
    const PlaceIndex ix = PlaceIndex::build(places);
    auto first_ids = [&](double lat, double lon, std::size_t k, Filters f = {}) {
        std::vector<std::uint32_t> out;
        for (const Hit& h : ix.nearest(Query{lat, lon, f}, k)) out.push_back(h.id);
        return out;
    };
    using V = std::vector<std::uint32_t>;
    CHECK(first_ids(-20.95, 55.30, 2) == V{0, 1});     // Saint-Paul, Réunion
    CHECK(first_ids(16.27, -61.50, 3) == V{2, 3, 4});  // Les Abymes, Guadeloupe
    CHECK(first_ids(-12.78, 45.22, 2) == V{6, 0});     // Mayotte, then Réunion
    CHECK(first_ids(4.93, -52.33, 1) == V{5});
    CHECK(first_ids(46.78, -56.17, 1) == V{8});
    Filters pass;
    pass.pass_only = true;
    CHECK(first_ids(16.27, -61.50, 5, pass) == V{7, 1});  // across the ocean: far, but true
    const std::vector<Hit> far = ix.nearest(Query{16.27, -61.50, pass}, 1);
    REQUIRE(far.size() == 1);
    CHECK(far[0].distance_m == Approx(distance_m(16.27, -61.50, 48.8566, 2.3522)).epsilon(1e-9));
    CHECK(far[0].distance_m > 6'000'000);
    Query near{16.27, -61.50, pass};
    near.max_distance_m = 50'000;
    CHECK(ix.nearest(near, 5).empty());
}

TEST_CASE("Widening proposes a larger radius or one filter fewer", "[places]") {
    // Ten places a kilometre apart northwards from Saint-Étienne; the farthest are free.
    std::vector<Place> places;
    for (int i = 0; i < 10; ++i) {
        Place p = place_at(45.4397 + i * 0.009, 4.3872);
        p.fees = i >= 7 ? bit(Fee::Free) : bit(Fee::Paid);
        places.push_back(p);
    }
    WeekMask office;
    for (int d = 0; d < 5; ++d) set_open(office, d, 9 * 60, 17 * 60);
    const PlaceIndex ix = PlaceIndex::build(places, std::vector<std::optional<WeekMask>>(10, office));

    Query q{45.4397, 4.3872};
    q.max_distance_m = 3'100;
    q.filters.free_only = true;
    q.filters.open = OpenFilter::at(week_slot(2, 20, 0));  // Wednesday 20:00
    const Widening w = ix.widen(q);
    CHECK(w.matches == 0);
    CHECK(w.radius_m == 0);  // nothing open then, anywhere
    REQUIRE(w.without_open);
    CHECK(*w.without_open == 0);  // the free ones are 7 km away and more
    REQUIRE(w.without_free);
    CHECK(*w.without_free == 0);
    CHECK_FALSE(w.without_pass);
    CHECK_FALSE(w.without_supports);
    CHECK_FALSE(w.without_services);

    q.filters.open = OpenFilter::at(week_slot(2, 10, 0));
    const Widening w2 = ix.widen(q, 2);
    CHECK(w2.matches == 0);
    CHECK(w2.radius_m == 10'000);  // the second free place is 7.0 km away
    CHECK(w2.at_radius == 3);
    REQUIRE(w2.without_free);
    CHECK(*w2.without_free == 4);                                            // 0, 1, 2 and 3 km
    CHECK(ix.widen(q, 1, 2).without_free == std::optional<std::size_t>(2));  // counts stop at the cap
}
