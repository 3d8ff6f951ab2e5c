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
    CHECK(communes.size() == 34969 + 45 + 2498);
    std::map<std::string, const Commune*> by_insee;
    std::map<std::string, int> sources;
    std::map<Commune::Kind, std::vector<const Commune*>> by_kind;
    for (const auto& c : communes) {
        by_kind[c.kind].push_back(&c);
        if (c.kind != Commune::Kind::Commune) continue;
        by_insee[c.insee] = &c;
        sources[c.coordinates_source]++;
    }
    CHECK(by_kind[Commune::Kind::Commune].size() == 34969);
    CHECK(by_insee.size() == 34969);  // the communes' INSEE codes are unique
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
    CHECK(paris->kind == Commune::Kind::Commune);
    CHECK(paris->parent().empty());

    // Arrondissements of Paris, Lyon, Marseille and former communes, each with its current commune.
    const auto& arrondissements = by_kind[Commune::Kind::Arrondissement];
    const auto& former = by_kind[Commune::Kind::Former];
    CHECK(arrondissements.size() == 45);
    CHECK(former.size() == 2498);
    std::map<std::string, int> per_city;
    for (const Commune* a : arrondissements) {
        per_city[std::string(a->parent())]++;
        CHECK(a->postal_codes.size() >= 1);
        CHECK(a->population > 0);
    }
    CHECK(per_city == std::map<std::string, int>{{"13055", 16}, {"69123", 9}, {"75056", 20}});
    std::size_t orphans = 0;
    for (const Commune* f : former) {
        if (!by_insee.contains(std::string(f->parent()))) ++orphans;
        CHECK(f->postal_codes.empty());
        CHECK(f->population == 0);
    }
    CHECK(orphans == 0);
    const auto named = [&](const std::vector<const Commune*>& rows,
                           const std::string& name) -> const Commune* {
        for (const Commune* c : rows)
            if (c->name == name) return c;
        return nullptr;
    };
    const Commune* paris15 = named(arrondissements, "Paris 15e Arrondissement");
    REQUIRE(paris15);
    CHECK(paris15->insee == "75115");
    CHECK(paris15->postal_codes == std::vector<std::string>{"75015"});
    CHECK(paris15->latitude == Approx(48.84).margin(0.02));
    const Commune* seynod = named(former, "Seynod");
    REQUIRE(seynod);
    CHECK(seynod->parent() == "74010");  // Annecy
    CHECK(seynod->department == "74");
    CHECK_FALSE(named(former, "Annecy"));  // the seat of the same name as its commune nouvelle is left out
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

TEST_CASE("gazetteer kinds and parents are read, and bad ones reported") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "communes.tsv";
    std::ofstream(file) << "insee\tname\tdepartment\tpostal_codes\tpopulation\tlatitude\tlongitude\t"
                           "coordinates_source\tkind\tparent\n"
                           "74010\tAnnecy\t74\t74000\t132117\t45.9\t6.1\tgeonames\tcommune\t\n"
                           "74268\tSeynod\t74\t\t0\t45.9\t6.1\tgeonames\tformer\t74010\n"
                           "75115\tParis 15e Arrondissement\t75\t75015\t229713\t48.8\t2.3\tgeonames\t"
                           "arrondissement\t75056\n"
                           "74011\tNo parent\t74\t\t0\t45.9\t6.1\tparent\tformer\t\n"
                           "74012\tA parent\t74\t\t0\t45.9\t6.1\tparent\tcommune\t74010\n"
                           "74013\tBad kind\t74\t\t0\t45.9\t6.1\tparent\thamlet\t74010\n"
                           "74014\tBad parent\t74\t\t0\t45.9\t6.1\tparent\tformer\t7401\n"
                           "74015\tNine columns\t74\t\t0\t45.9\t6.1\tparent\tformer\n";
    std::vector<std::string> errors;
    const auto communes = load_communes(file, errors);
    REQUIRE(communes.size() == 3);
    CHECK(communes[0].kind == Commune::Kind::Commune);
    CHECK(communes[0].parent().empty());
    CHECK(communes[1].kind == Commune::Kind::Former);
    CHECK(communes[1].parent() == "74010");
    CHECK(communes[1].postal_codes.empty());
    CHECK(communes[2].kind == Commune::Kind::Arrondissement);
    CHECK(communes[2].parent() == "75056");
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].find(":5: bad parent") != std::string::npos);
    CHECK(errors[1].find(":6: bad parent") != std::string::npos);
    CHECK(errors[2].find(":7: bad kind \"hamlet\"") != std::string::npos);
    CHECK(errors[3].find(":8: bad parent") != std::string::npos);
    CHECK(errors[4].find(":9: 9 columns, 10 (or 8) expected") != std::string::npos);
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
