// Suggestions over the real gazetteer, content/communes.tsv (every French commune).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

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

// The first of the 6 suggestions the commune screen shows.
std::string first(std::string_view typed) {
    const auto s = gazetteer().suggest(typed, 6);
    return s.empty() ? std::string() : s.front().label();
}

}  // namespace

// Issue 10, "Communes however they are typed": each query as a citizen types it, and the first suggestion.
#define FIRST_SUGGESTION(typed, expected)                                                      \
    TEST_CASE("Typed \"" typed "\", the first suggestion is " expected, "[places][issue10]") { \
        CHECK(first(typed) == (expected));                                                     \
    }
// arrondissements, by their number
FIRST_SUGGESTION("paris 15", "Paris 15e Arrondissement (75)")
FIRST_SUGGESTION("paris 15e", "Paris 15e Arrondissement (75)")
FIRST_SUGGESTION("lyon 3", "Lyon 3e Arrondissement (69)")
FIRST_SUGGESTION("marseille 15", "Marseille 15e Arrondissement (13)")
// the apostrophe left out
FIRST_SUGGESTION("lhay les roses", "L'Haÿ-les-Roses (94)")
FIRST_SUGGESTION("lisle dabeau", "L'Isle-d'Abeau (38)")
// the postal code or the department first
FIRST_SUGGESTION("38000 grenoble", "Grenoble (38)")
FIRST_SUGGESTION("42 montbrison", "Montbrison (42)")
// typos
FIRST_SUGGESTION("montbrisson", "Montbrison (42)")
FIRST_SUGGESTION("clermont ferand", "Clermont-Ferrand (63)")
FIRST_SUGGESTION("villeurbane", "Villeurbanne (69)")
FIRST_SUGGESTION("st etiene", "Saint-Étienne (42)")
// former communes merged into a commune nouvelle
FIRST_SUGGESTION("annecy le vieux", "Annecy-le-Vieux (Annecy, 74)")
FIRST_SUGGESTION("seynod", "Seynod (Annecy, 74)")
// a department alone
FIRST_SUGGESTION("2A", "Ajaccio (2A)")
// the big, well-known commune before a small one of the same name
FIRST_SUGGESTION("le puy", "Le Puy-en-Velay (43)")
FIRST_SUGGESTION("bourg", "Bourg-en-Bresse (01)")
FIRST_SUGGESTION("clermont", "Clermont-Ferrand (63)")
FIRST_SUGGESTION("aix", "Aix-en-Provence (13)")
FIRST_SUGGESTION("romans", "Romans-sur-Isère (26)")
#undef FIRST_SUGGESTION

TEST_CASE("Typo tolerance never hides an exact match and comes after the names so typed", "[places]") {
    const CommuneIndex& ix = gazetteer();
    // An exact name is first even when a bigger commune is one typo away ("lens" / "Lans"?).
    for (const char* typed : {"montbrison", "villeurbanne", "lens", "seynod", "vienne", "brest"}) {
        INFO(typed);
        const auto s = ix.suggest(typed, 6);
        REQUIRE(!s.empty());
        CHECK(s.front().match == Suggestion::Match::ExactName);
    }
    // Typo matches are marked, and come after every exact or prefix match.
    const auto v = ix.suggest("villeurbane", 6);
    REQUIRE(!v.empty());
    CHECK(v.front().match == Suggestion::Match::Typo);
    CHECK(v.front().commune->insee == "69266");
    for (const char* typed : {"saint etienne", "bourg", "clermont", "st", "saint ", "paris 1"}) {
        INFO(typed);
        bool typo = false;
        for (const Suggestion& s : ix.suggest(typed, 8)) {
            if (s.match == Suggestion::Match::Typo)
                typo = true;
            else
                CHECK_FALSE(typo);
        }
    }
    // The well-known commune first, the exact name still in the list.
    const auto bourg = labels(ix.suggest("bourg", 6));
    CHECK(std::find(bourg.begin(), bourg.end(), "Bourg (33)") != bourg.end());
    const auto aix = labels(ix.suggest("aix", 6));
    CHECK(aix.at(1) == "Aix-les-Bains (73)");
    CHECK(std::find(aix.begin(), aix.end(), "Aix (19)") != aix.end());
    // Short words are not read with typos: nothing rather than a guess.
    CHECK(ix.suggest("xqz", 6).empty());
    CHECK(ix.suggest("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 6).empty());
}

TEST_CASE("Arrondissements and former communes in the real gazetteer", "[places]") {
    const CommuneIndex& ix = gazetteer();
    // However the number is typed.
    for (const char* typed : {"paris 15", "Paris 15e", "paris 15eme", "paris 15ème arrondissement",
                              "paris 15 arr", "PARIS 15E ARRONDISSEMENT", "paris 015"}) {
        INFO(typed);
        const auto s = ix.suggest(typed, 6);
        REQUIRE(!s.empty());
        CHECK(s.front().commune->insee == "75115");
        CHECK(s.front().match == Suggestion::Match::ExactName);
        CHECK(s.front().parent->insee == "75056");
    }
    CHECK(first("paris 1") == "Paris 1er Arrondissement (75)");
    CHECK(first("lyon 1er") == "Lyon 1er Arrondissement (69)");
    CHECK(first("paris") == "Paris (75)");
    CHECK(first("lyon") == "Lyon (69)");
    // A number that is not an arrondissement is still a department or a postal code.
    CHECK(first("lyon 69") == "Lyon (69)");
    CHECK(first("marseille 13") == "Marseille 13e Arrondissement (13)");
    CHECK(labels(ix.suggest("marseille 13", 2)).at(1) == "Marseille (13)");
    // Former communes: by their name, labelled with their commune, placed where they are.
    const auto seynod = ix.suggest("seynod", 1);
    REQUIRE(seynod.size() == 1);
    CHECK(seynod[0].commune->kind == kiosk::places::Commune::Kind::Former);
    CHECK(seynod[0].parent->name == "Annecy");
    CHECK(seynod[0].commune->latitude == Approx(45.885).margin(0.01));
    CHECK(first("seynod 74") == "Seynod (Annecy, 74)");
    CHECK(first("74600 seynod") == "Seynod (Annecy, 74)");  // the postal codes of its commune
    CHECK(first("annecy") == "Annecy (74)");
    // Postal codes and departments alone do not list former communes.
    for (const Suggestion& s : ix.suggest("74", 50))
        CHECK(s.commune->kind != kiosk::places::Commune::Kind::Former);
    CHECK(first("2b") == "Bastia (2B)");
    for (const Suggestion& s : ix.suggest("2a", 20)) CHECK(s.commune->department == "2A");
}

// Other typings, written before the rules above were tuned and never tuned against: their pass rate is
// reported apart (the tuned cases above all pass). A floor guards against a regression.
TEST_CASE("Held-out commune typings", "[places]") {
    std::ifstream in(kiosk::test::source_dir() / "tests/search/data/communes_heldout.tsv");
    REQUIRE(in);
    std::string line;
    std::size_t total = 0, passed = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        const std::string typed = line.substr(0, tab), expected = line.substr(tab + 1);
        const std::string got = first(typed);
        ++total;
        if (got == expected)
            ++passed;
        else
            std::printf("held-out miss: \"%s\" -> \"%s\", expected \"%s\"\n", typed.c_str(), got.c_str(),
                        expected.c_str());
    }
    std::printf("held-out commune typings: %zu / %zu first suggestions right\n", passed, total);
    REQUIRE(total >= 30);
    CHECK(passed * 10 >= total * 8);
}

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
    // an arrondissement's code: the arrondissement, then its city
    CHECK(labels(ix.suggest("75015", 2)) ==
          std::vector<std::string>{"Paris 15e Arrondissement (75)", "Paris (75)"});

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
