#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>

#include "kiosk/core/places/commune.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;

TEST_CASE("the committed gazetteer loads every French commune without error") {
    std::vector<std::string> errors;
    auto communes = load_communes(kiosk::test::source_dir() / "content/communes.tsv", errors);
    INFO((errors.empty() ? std::string() : errors.front()));
    CHECK(errors.empty());
    CHECK(communes.size() == 34969);
    std::map<std::string, const Commune*> by_insee;
    std::map<std::string, int> sources;
    for (const auto& c : communes) {
        by_insee[c.insee] = &c;
        sources[c.coordinates_source]++;
    }
    CHECK(by_insee.size() == communes.size());  // INSEE codes are unique
    CHECK(sources["geonames"] == 8283);
    CHECK(sources["fixed"] == 6);
    CHECK(sources.size() == 6);
    const Commune* se = by_insee.at("42218");
    CHECK(se->name == "Saint-Étienne");
    CHECK(se->department == "42");
    CHECK(se->postal_codes == std::vector<std::string>{"42000", "42100", "42230"});
    CHECK(se->population > 150000);
    CHECK(se->latitude == Approx(45.43389));
    CHECK(se->longitude == Approx(4.39));
    CHECK(se->coordinates_source == "geonames");
    const Commune* ajaccio = by_insee.at("2A004");
    CHECK(ajaccio->department == "2A");
    const Commune* paris = by_insee.at("75056");
    CHECK(paris->postal_codes.size() == 21);
    CHECK(by_insee.at("97411")->department == "974");
    // Every commune is placed within the bounds of France and its overseas territories.
    std::size_t out_of_bounds = 0;
    for (const auto& c : communes)
        if (!(c.latitude > -67 && c.latitude < 52 && c.longitude > -180 && c.longitude < 180))
            ++out_of_bounds;
    CHECK(out_of_bounds == 0);
}

TEST_CASE("bad gazetteer lines are reported with their line and skipped") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "communes.tsv";
    std::ofstream(file)
        << "insee\tname\tdepartment\tpostal_codes\tpopulation\tlatitude\tlongitude\tcoordinates_source\n"
           "42218\tSaint-Étienne\t42\t42000 42100\t173136\t45.43389\t4.39\tgeonames\n"
           "4221\tShort code\t42\t42000\t1\t45\t4\tgeonames\n"
           "42219\tNo coords\t42\t42000\t1\tabc\t4\tgeonames\n"
           "42220\tToo few columns\t42\n"
           "\n"
           "42221\tBad postal\t42\t4200X\t1\t45\t4\tgeonames\n"
           "42222\tNegative\t42\t42000\t-5\t45\t4\tgeonames\n"
           "2B033\tBastia\t2B\t20200 20600\t48503\t42.70278\t9.45\tgeonames\r\n";
    std::vector<std::string> errors;
    auto communes = load_communes(file, errors);
    REQUIRE(communes.size() == 2);
    CHECK(communes[1].insee == "2B033");
    CHECK(communes[1].coordinates_source == "geonames");  // CRLF tolerated
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].find("communes.tsv:3: bad INSEE code") != std::string::npos);
    CHECK(errors[1].find(":4: bad coordinates") != std::string::npos);
    CHECK(errors[2].find(":5: 3 columns") != std::string::npos);
    CHECK(errors[3].find(":7: bad postal code") != std::string::npos);
    CHECK(errors[4].find(":8: bad population") != std::string::npos);
}

TEST_CASE("a missing gazetteer file is one clear error") {
    std::vector<std::string> errors;
    CHECK(load_communes("/nonexistent/communes.tsv", errors).empty());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("cannot open") != std::string::npos);
}

TEST_CASE("gazetteer coordinates that are not finite are refused") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "communes.tsv";
    std::ofstream(file)
        << "insee\tname\tdepartment\tpostal_codes\tpopulation\tlatitude\tlongitude\tcoordinates_source\n"
           "42218\tSaint-Étienne\t42\t42000\t173136\tnan\t4.39\tgeonames\n"
           "42219\tAilleurs\t42\t42000\t1\t45\tinf\tgeonames\n";
    std::vector<std::string> errors;
    CHECK(load_communes(file, errors).empty());
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find(":2: bad coordinates") != std::string::npos);
    CHECK(errors[1].find(":3: bad coordinates") != std::string::npos);
    std::filesystem::remove(file);
    std::filesystem::create_directories(file);
    errors.clear();
    CHECK(load_communes(file, errors).empty());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("communes.tsv: is a folder, not a file") != std::string::npos);
}
