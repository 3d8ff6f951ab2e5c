// Suggestions over the real gazetteer, content/communes.tsv (every French commune).
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/search/communes.hpp"
#include "kiosk/core/search/nearest.hpp"
#include "test_support.hpp"

using namespace kiosk::search;

namespace {

const CommuneIndex& gazetteer() {
    static const CommuneIndex ix = [] {
        std::vector<std::string> errors;
        auto communes =
            kiosk::places::load_communes(kiosk::test::source_dir() / "content/communes.tsv", errors);
        return CommuneIndex(std::move(communes));
    }();
    return ix;
}

std::vector<std::string> labels(const std::vector<Suggestion>& s) {
    std::vector<std::string> out;
    for (const Suggestion& x : s) out.push_back(x.label());
    return out;
}

}  // namespace

TEST_CASE("Suggestions over the real gazetteer", "[places]") {
    const CommuneIndex& ix = gazetteer();
    REQUIRE(ix.size() > 34'000);

    for (const char* typed : {"saint etienne", "st-etienne", "ST ÉTIENNE", "Saint-Étienne"}) {
        INFO(typed);
        const auto s = ix.suggest(typed, 8);
        REQUIRE(!s.empty());
        CHECK(s[0].label() == "Saint-Étienne (42)");
        CHECK(s[0].match == Suggestion::Match::ExactName);
        CHECK(s[0].commune->population > 100'000);
    }
    CHECK(ix.suggest("saint eti", 1).front().label() == "Saint-Étienne (42)");
    CHECK(ix.suggest("par", 1).front().label() == "Paris (75)");

    for (const Suggestion& s : ix.suggest("l isle", 8)) CHECK(s.commune->name.starts_with("L'Isle"));
    CHECK(ix.suggest("l isle s", 1).front().label() == "L'Isle-sur-la-Sorgue (84)");

    // Postal code prefixes: every suggestion has a matching code.
    const auto s420 = ix.suggest("420", 50);
    REQUIRE(!s420.empty());
    CHECK(s420.front().label() == "Saint-Étienne (42)");
    CHECK(s420.front().postal_code == "42000");
    const auto s421 = ix.suggest("421", 50);
    REQUIRE(s421.size() >= 10);
    for (const Suggestion& s : s421) {
        CHECK(s.postal_code.starts_with("421"));
        CHECK(s.commune->department == "42");
    }
    CHECK(s421.front().label() == "Saint-Étienne (42)");  // none is exact: the largest commune first
    CHECK(ix.suggest("42100", 1).front().label() == "Saint-Étienne (42)");
    CHECK(ix.suggest("97490", 1).front().label() == "Saint-Denis (974)");
    CHECK(ix.suggest("75015", 1).front().label() == "Paris (75)");

    // Homonyms: the largest first, each with its department.
    const auto sd = ix.suggest("saint denis", 8);
    REQUIRE(sd.size() >= 4);
    CHECK(labels(sd).at(0) == "Saint-Denis (974)");
    CHECK(labels(sd).at(1) == "Saint-Denis (93)");
    for (std::size_t i = 0; i < 4; ++i) CHECK(sd[i].homonym);
    CHECK(labels(ix.suggest("saint denis 93", 1)) == std::vector<std::string>{"Saint-Denis (93)"});
    CHECK(labels(ix.suggest("saint denis (11)", 1)) == std::vector<std::string>{"Saint-Denis (11)"});
}

TEST_CASE("Searching places from a commune of the gazetteer, overseas too", "[places]") {
    const CommuneIndex& ix = gazetteer();
    const auto s = ix.suggest("saint denis 974", 1);
    REQUIRE(s.size() == 1);
    const kiosk::places::Commune& c = *s[0].commune;
    CHECK(c.latitude == Approx(-20.88).margin(0.1));
    CHECK(c.longitude == Approx(55.45).margin(0.1));
    std::vector<kiosk::places::Place> places(2);
    places[0].latitude = -21.3393;  // Saint-Pierre, Réunion
    places[0].longitude = 55.4781;
    places[1].latitude = 48.9362;  // Saint-Denis, Seine-Saint-Denis
    places[1].longitude = 2.3574;
    const PlaceIndex pi = PlaceIndex::build(places);
    const auto hits = pi.nearest(Query{c.latitude, c.longitude}, 1);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].id == 0);
    CHECK(hits[0].distance_m == Approx(50'000).margin(5'000));
}
