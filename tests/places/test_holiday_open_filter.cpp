// Issue 10: on a French public holiday the hours say nothing about, "open now" and "open on that day" do not
// claim the place is open (the national data has no PH rule: on 25 December nearly every place would be).
#include <catch2/catch.hpp>

#include "kiosk/core/journeys/places_data.hpp"

using namespace kiosk;

namespace {
journeys::PlacesData two_places() {
    journeys::PlacesData data;
    for (const char* value : {"Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00; PH 10:00-12:00"}) {
        places::Place p;
        p.id = value;
        p.name = value;
        p.latitude = 45.6;
        p.longitude = 4.07;
        p.opening_hours = value;
        data.places.push_back(p);
        data.hours.push_back(hours::OpeningHours::parse(value));
    }
    return data;
}
}  // namespace

TEST_CASE("places: a public holiday the hours do not mention is not open now, nor open that day") {
    journeys::PlacesData data = two_places();
    const hours::LocalDateTime christmas = hours::make_local(2026, 12, 25, 10, 0);  // a Friday
    CHECK_FALSE(data.open_at(0, christmas));
    CHECK(data.open_at(1, christmas));  // its hours say what it does on holidays
    CHECK(data.open_at(0, hours::make_local(2026, 12, 24, 10, 0)));

    const auto masks = data.week_masks({2026, 12, 21});
    REQUIRE(masks.size() == 2);
    REQUIRE(masks[0]);
    REQUIRE(masks[1]);
    CHECK_FALSE(masks[0]->test(search::week_slot(4, 10, 0)));
    CHECK(masks[0]->test(search::week_slot(3, 10, 0)));  // Thursday 24 December: an ordinary day
    CHECK(masks[1]->test(search::week_slot(4, 10, 0)));

    const search::PlaceIndex index = search::PlaceIndex::build(data.places, masks);
    search::Query q;
    q.latitude = 45.6;
    q.longitude = 4.07;
    q.filters.open = search::OpenFilter::at(search::week_slot(4, 10, 0));
    const std::vector<search::Hit> now = index.nearest(q, 10);
    REQUIRE(now.size() == 1);
    CHECK(now[0].id == 1);
    q.filters.open = search::OpenFilter::on_day(4);
    const std::vector<search::Hit> friday = index.nearest(q, 10);
    REQUIRE(friday.size() == 1);
    CHECK(friday[0].id == 1);
    q.filters.open = search::OpenFilter::on_day(3);
    CHECK(index.nearest(q, 10).size() == 2);
}
