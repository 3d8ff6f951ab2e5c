// The "find a place" journey in the real application, headless: home → search → results → details → map.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>

#include "kiosk/core/hours/calendar.hpp"
#include "kiosk/core/search/geo.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
std::filesystem::path shots() {
    return test::binary_dir() / "screenshots/places";
}

// 2026-11-24 is a Tuesday; Paris is UTC+1 in November.
WallTime paris(int day, int hour, int minute) {
    using namespace std::chrono;
    return sys_days{year{2026} / November / std::chrono::day(day)} + std::chrono::hours{hour - 1} +
           std::chrono::minutes{minute};
}

struct Visit {  // a citizen's way through the places journey
    test::TempDir data;
    platform::Harness h;
    explicit Visit(int w = 1920, int height = 1080) : h(test::demo_config(data.path), w, height) {
        REQUIRE(h.wait_background());
        REQUIRE(h.app().places().ready());
    }
    void to_needs(std::initializer_list<const char*> needs = {}) {  // needs chosen; where from is next
        REQUIRE(h.tap("attract.start"));
        REQUIRE(h.tap("home.places"));
        REQUIRE(h.screen() == Screen::PlacesNeed);
        for (const char* n : needs) REQUIRE(h.tap(n));
    }
    journeys::PlacesJourney& places() { return h.app().places(); }
    const places::Place& place(const journeys::PlaceResult& r) { return *places().place(r.id); }
};
}  // namespace

TEST_CASE("a citizen finds places near the kiosk, opens one and sees it on the map") {
    Visit j;
    j.h.wall_clock().set(paris(24, 10, 0));
    j.to_needs();
    REQUIRE(j.h.tap("places.need.here"));
    REQUIRE(j.h.screen() == Screen::PlacesResults);
    const auto& results = j.places().results();
    REQUIRE(results.size() >= 10);  // the demo has 17 places within 25 km of Montbrison
    CHECK(results.size() <= journeys::PlacesJourney::kMaxResults);
    for (const auto& r : results) CHECK(r.distance_m <= 25'000);
    for (std::size_t i = 1; i < results.size(); ++i)
        CHECK(results[i - 1].distance_m <= results[i].distance_m);
    CHECK(results.front().distance_m < 5'000);
    CHECK(j.h.has("places.result.1"));
    j.h.shot(shots(), "results-near-kiosk");

    REQUIRE(j.h.tap("places.result.1"));
    REQUIRE(j.h.screen() == Screen::PlacesDetail);
    CHECK(j.places().selected() == results.front().id);
    j.h.shot(shots(), "detail");
    REQUIRE(j.h.tap("places.detail.map"));
    REQUIRE(j.h.screen() == Screen::PlacesMap);
    // Every result is on the map once: its own numbered marker, or in a group's disc with its count.
    std::vector<int> seen(results.size());
    for (const journeys::map::Group& g : j.places().map().current().groups) {
        CHECK(j.h.has((g.single() ? "places.map.marker." : "places.map.group.") +
                      std::to_string(g.members.front() + 1)));
        for (std::uint32_t m : g.members) ++seen.at(m);
    }
    CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<long>(results.size()));
    j.h.shot(shots(), "map");
    // The nearest place, opened from its marker (its group's first zoomed into when it is in one).
    for (int taps = 0; !j.h.has("places.map.marker.1") && taps < 10; ++taps)
        REQUIRE(j.h.tap("places.map.group.1"));
    REQUIRE(j.h.tap("places.map.marker.1"));
    CHECK(j.h.screen() == Screen::PlacesDetail);
    REQUIRE(j.h.tap("footer.back"));
    CHECK(j.h.screen() == Screen::PlacesMap);  // back the way the citizen came
    REQUIRE(j.h.tap("footer.back"));
    REQUIRE(j.h.tap("footer.back"));
    CHECK(j.h.screen() == Screen::PlacesResults);
}

TEST_CASE("needs and filters narrow the results, each result keeps to them") {
    Visit j;
    j.h.wall_clock().set(paris(24, 10, 0));  // Tuesday 10:00
    j.to_needs({"places.need.admin"});
    REQUIRE(j.h.tap("places.need.here"));
    for (const auto& r : j.places().results()) CHECK(j.place(r).has(places::Service::AdminProcedures));

    REQUIRE(j.h.tap("places.filter.open"));
    CHECK(j.places().query().open_now);
    const hours::LocalDateTime tuesday = hours::make_local(2026, 11, 24, 10, 0);
    REQUIRE_FALSE(j.places().results().empty());
    for (const auto& r : j.places().results()) {
        INFO(j.place(r).name << ": " << j.place(r).opening_hours);
        CHECK(j.places().hours_of(r.id)->is_open(tuesday));
        CHECK(r.now.open());
    }
    j.h.shot(shots(), "results-open-now");
    REQUIRE(j.h.tap("places.filter.open"));
    REQUIRE(j.h.tap("places.filter.free"));
    for (const auto& r : j.places().results()) CHECK(j.place(r).has(places::Fee::Free));
    REQUIRE(j.h.tap("places.filter.free"));
    REQUIRE(j.h.tap("places.filter.pass"));
    for (const auto& r : j.places().results()) CHECK(j.place(r).accepts_pass);
}

TEST_CASE("when nothing matches the kiosk says so and widens in one tap") {
    Visit j;
    j.h.wall_clock().set(paris(29, 3, 0));  // Sunday 3 a.m.: nothing is open
    j.to_needs();
    REQUIRE(j.h.tap("places.need.here"));
    REQUIRE(j.h.tap("places.filter.open"));
    REQUIRE(j.places().results().empty());
    CHECK(j.h.has("places.widen.open"));
    j.h.shot(shots(), "no-result");
    REQUIRE(j.h.tap("places.widen.open"));
    CHECK_FALSE(j.places().query().open_now);
    CHECK_FALSE(j.places().results().empty());
}

TEST_CASE("in another week than the places were loaded for, nothing open still widens in one tap") {
    Visit j;                                // loaded on the pinned date, in the week of Monday 23 November
    j.h.wall_clock().set(paris(22, 3, 0));  // Sunday of the week before, 3 a.m.: nothing is open
    j.to_needs();
    REQUIRE(j.h.tap("places.need.here"));
    REQUIRE(j.h.tap("places.filter.open"));
    REQUIRE(j.places().results().empty());
    REQUIRE(j.places().widening().without_open);
    CHECK(*j.places().widening().without_open > 0);
    REQUIRE(j.h.tap("places.widen.open"));
    CHECK_FALSE(j.places().query().open_now);
    CHECK_FALSE(j.places().results().empty());
}

TEST_CASE("typing a postal code or a name on the keyboard suggests communes") {
    Visit j(1280, 800);
    j.to_needs();
    REQUIRE(j.h.tap("places.need.commune"));
    REQUIRE(j.h.screen() == Screen::PlacesCommune);
    j.h.type("42000");
    REQUIRE_FALSE(j.places().suggestions().empty());
    CHECK(j.places().suggestions().front().commune->name == "Saint-Étienne");
    for (int i = 0; i < 5; ++i) REQUIRE(j.h.tap("kbd.erase"));
    CHECK(j.places().typed().empty());
    j.h.type("montbri");
    REQUIRE_FALSE(j.places().suggestions().empty());
    CHECK(j.places().suggestions().front().commune->insee == "42147");
    j.h.shot(shots(), "commune-typed");
    REQUIRE(j.h.tap("places.commune.1"));
    CHECK(j.h.screen() == Screen::PlacesResults);
    CHECK(j.places().origin_label() == "Montbrison");
    CHECK_FALSE(j.places().results().empty());
}

TEST_CASE("a postal code of an arrondissement searches from that arrondissement, not the city's centre") {
    Visit j(1280, 800);
    j.to_needs();
    REQUIRE(j.h.tap("places.need.commune"));
    j.h.type("75015");
    REQUIRE_FALSE(j.places().suggestions().empty());
    REQUIRE(j.h.tap("places.commune.1"));
    CHECK(j.h.screen() == Screen::PlacesResults);
    const auto& q = j.places().query();
    CHECK_FALSE(q.from_kiosk);
    // The mairie of the 15th is at 48.8414 N, 2.3003 E; the centre of Paris 4.4 km away.
    CHECK(search::distance_m(q.latitude, q.longitude, 48.8414, 2.3003) < 1000);
    CHECK(j.places().origin_label() == "Paris 15e Arrondissement");
    // Typed by name, Paris is its centre.
    for (int i = 0; i < 3 && j.h.screen() != Screen::PlacesCommune; ++i)
        REQUIRE(j.h.tap(j.h.screen() == Screen::PlacesNeed ? "places.need.commune" : "footer.back"));
    REQUIRE(j.h.screen() == Screen::PlacesCommune);
    while (!j.places().typed().empty()) REQUIRE(j.h.tap("kbd.erase"));
    j.h.type("paris");
    REQUIRE_FALSE(j.places().suggestions().empty());
    REQUIRE(j.places().suggestions().front().commune->insee == "75056");
    REQUIRE(j.h.tap("places.commune.1"));
    CHECK(search::distance_m(j.places().query().latitude, j.places().query().longitude, 48.85341, 2.3488) <
          500);
    CHECK(j.places().origin_label() == "Paris");
}

TEST_CASE("the places journey is forgotten with the session") {
    Visit j;
    j.to_needs({"places.need.internet"});
    REQUIRE(j.h.tap("places.need.here"));
    REQUIRE_FALSE(j.places().results().empty());
    REQUIRE(j.h.tap("footer.finish"));
    CHECK(j.h.screen() == Screen::Goodbye);
    CHECK(j.places().query().services == 0);
    CHECK(j.places().results().empty());
    CHECK(j.places().typed().empty());
}

TEST_CASE("a kiosk whose content has no places still runs and says so") {
    test::TempDir data, content;
    Config config = test::demo_config(data.path);
    std::filesystem::copy(config.content_dir / "i18n", content.path / "i18n");
    config.content_dir = content.path;
    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    const journeys::PlacesData* loaded = h.app().places().data();
    REQUIRE(loaded);
    CHECK(loaded->places.empty());
    CHECK_FALSE(loaded->problems.empty());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.here"));
    CHECK(h.screen() == Screen::PlacesResults);
    CHECK(h.app().places().results().empty());
}

TEST_CASE("more choices: a day of opening and a specific support narrow the results") {
    Visit j;
    j.h.wall_clock().set(paris(24, 10, 0));
    j.to_needs();
    REQUIRE(j.h.tap("places.need.here"));
    const std::size_t all = j.places().results().size();
    REQUIRE(j.h.tap("places.filter.more"));
    REQUIRE(j.h.has("places.filter.day.5"));
    REQUIRE(j.h.tap("places.filter.day.5"));  // Saturday
    CHECK(j.places().query().open_day == 5);
    const hours::LocalDate saturday{2026, 11, 28};
    for (const auto& r : j.places().results()) {
        bool open_that_day = false;
        for (const auto& range : j.places().hours_of(r.id)->day(saturday).ranges)
            open_that_day = open_that_day || range.state == hours::State::Open;
        INFO(j.place(r).name << ": " << j.place(r).opening_hours);
        CHECK(open_that_day);
    }
    CHECK(j.places().results().size() < all);
    j.h.shot(shots(), "results-more-choices");
    REQUIRE(j.h.tap("places.filter.day.5"));
    CHECK(j.places().query().open_day == -1);
    REQUIRE(j.h.tap("places.filter.support.reading"));
    for (const auto& r : j.places().results()) CHECK(j.place(r).has(places::Support::Illiteracy));
    REQUIRE(j.h.tap("places.filter.show"));
    CHECK_FALSE(j.places().query().more_filters);
    CHECK(j.h.has("places.filter.more"));
}
