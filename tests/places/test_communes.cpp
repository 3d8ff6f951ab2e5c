#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>

#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/places/postal_position.hpp"
#include "kiosk/core/search/geo.hpp"
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
        sources[std::string(c.coordinates_source)]++;
    }
    CHECK(by_kind[Commune::Kind::Commune].size() == 34969);
    CHECK(by_insee.size() == 34969);  // the communes' INSEE codes are unique
    CHECK(sources["fixed"] == 8);
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

namespace {
double km(const Commune& c, double latitude, double longitude) {
    return kiosk::search::distance_m(c.latitude, c.longitude, latitude, longitude) / 1000;
}
}  // namespace

// Issue 10: a sixth of the communes were placed at the mean of their arrondissement, a median 20-26 km from
// them; content/tools/communes/README.md says where each position now comes from and how good it is.
TEST_CASE("every commune of the committed gazetteer has a position of its own or from its neighbours") {
    std::vector<std::string> errors;
    const auto communes = load_communes(kiosk::test::source_dir() / "content/communes.tsv", errors);
    REQUIRE(errors.empty());
    std::map<std::string, const Commune*> by_insee;
    std::map<std::string, int> sources;
    for (const auto& c : communes) {
        if (c.kind != Commune::Kind::Commune)
            continue;  // arrondissements and former communes: see the README
        by_insee[c.insee] = &c;
        sources[std::string(c.coordinates_source)]++;
    }
    // The documented sources, best first, and nothing else.
    const std::set<std::string> documented = {"geonames", "geonames-insee",      "geonames-former-commune",
                                              "places",   "postal-code-mean",    "epci-mean",
                                              "fixed",    "arrondissement-mean", "department-mean"};
    for (const auto& [source, n] : sources) {
        INFO(source);
        CHECK(documented.count(source) == 1);
    }
    // No commune is left at its arrondissement's mean (the two islands of no EPCI are hand-set).
    CHECK(sources["arrondissement-mean"] == 0);
    CHECK(by_insee.at("29083")->coordinates_source == "fixed");  // Île-de-Sein
    // Measured with the committed file: 14 858 communes (42.5 %) placed by their own GeoNames place or the
    // kiosk's places in them, 18 912 (54.1 %) at the mean of the communes sharing a postal code.
    const int own = sources["geonames"] + sources["geonames-insee"] + sources["geonames-former-commune"] +
                    sources["places"];
    CHECK(own >= 14800);
    CHECK(own + sources["postal-code-mean"] >= 33700);  // 96 %
    CHECK(sources["epci-mean"] <= 1200);
    // The department's mean is left to collectivities whose communes GeoNames names otherwise (French
    // Polynesia, New Caledonia, Wallis-and-Futuna) and to Saint-Barthélemy and Saint-Martin, one commune
    // each.
    CHECK(sources["department-mean"] <= 51);
    for (const auto& c : communes)
        if (c.kind == Commune::Kind::Commune && c.coordinates_source == "department-mean") {
            INFO(c.insee << " " << c.name);
            CHECK(c.insee.substr(0, 2) >= "97");
        }

    // Séderon (26340): its public service point is in the village; it was placed 60 km away, at the mean of
    // the arrondissement of Nyons. Its real centre is about 44.206 N, 5.537 E.
    const Commune* sederon = by_insee.at("26340");
    CHECK(sederon->name == "Séderon");
    CHECK(km(*sederon, 44.206, 5.537) < 5);
    // Its neighbours sharing 26560 are placed around it, no longer at that mean either.
    const Commune* mevouillon = by_insee.at("26181");
    CHECK(km(*mevouillon, 44.206, 5.537) < 15);
    // Valserhône, a commune nouvelle, is at its seat (Bellegarde-sur-Valserine, 46.108 N, 5.825 E).
    CHECK(km(*by_insee.at("01033"), 46.108, 5.825) < 2);
    CHECK(by_insee.at("01033")->coordinates_source == "geonames-insee");
    // A hamlet of the same name in another commune of the department is not taken for the commune: Le Pin
    // (44124, near Ancenis at 47.59 N, 1.15 W), not GeoNames's Le Pin of 44176, 75 km west.
    CHECK(km(*by_insee.at("44124"), 47.59, -1.15) < 15);
}

TEST_CASE("the postal codes of the arrondissements are placed in their arrondissement") {
    std::vector<std::string> errors;
    const auto positions =
        load_postal_positions(kiosk::test::source_dir() / "content/postal_positions.tsv", errors);
    INFO((errors.empty() ? std::string() : errors.front()));
    CHECK(errors.empty());
    CHECK(positions.size() == 46);  // Paris 20 + 75116, Lyon 9, Marseille 16
    const PostalPosition* p15 = find_postal_position(positions, "75015");
    REQUIRE(p15);
    CHECK(p15->insee == "75115");
    CHECK(p15->name == "Paris 15e Arrondissement");
    CHECK(p15->parent == "75056");
    // The mairie of the 15th is at 48.8414 N, 2.3003 E; the centre of Paris 4.4 km away.
    CHECK(kiosk::search::distance_m(p15->latitude, p15->longitude, 48.8414, 2.3003) < 1000);
    CHECK(kiosk::search::distance_m(p15->latitude, p15->longitude, 48.85341, 2.3488) > 3000);
    const PostalPosition* p116 = find_postal_position(positions, "75116");
    REQUIRE(p116);
    CHECK(p116->insee == "75116");
    const PostalPosition* lyon3 = find_postal_position(positions, "69003");
    REQUIRE(lyon3);
    CHECK(lyon3->insee == "69383");
    // 13011 is shared by the 10th, 11th and 12th of Marseille: it goes to the one of its number.
    const PostalPosition* m11 = find_postal_position(positions, "13011");
    REQUIRE(m11);
    CHECK(m11->insee == "13211");
    CHECK(kiosk::search::distance_m(m11->latitude, m11->longitude, 43.29695, 5.38107) > 4000);
    CHECK_FALSE(find_postal_position(positions, "42000"));  // a commune's own code is not there
    CHECK_FALSE(find_postal_position(positions, ""));
}

TEST_CASE("bad postal position lines are reported with their line and skipped") {
    kiosk::test::TempDir dir;
    const auto file = dir.path / "postal_positions.tsv";
    std::ofstream(file)
        << "postal_code\tinsee\tname\tparent\tlatitude\tlongitude\tcoordinates_source\n"
           "75015\t75115\tParis 15e Arrondissement\t75056\t48.8412\t2.3003\tgeonames\n"
           "7501\t75101\tShort\t75056\t48.8\t2.3\tgeonames\n"
           "75002\t75102\tNo parent\t\t48.8\t2.3\tgeonames\n"
           "75003\t75103\tNaN\t75056\tnan\t2.3\tgeonames\n"
           "75004\t75104\tToo few\n"
           "75015\t75115\tTwice\t75056\t48.8\t2.3\tgeonames\n"
           "13001\t13201\tMarseille 1er Arrondissement\t13055\t43.29814\t5.38407\tgeonames\r\n";
    std::vector<std::string> errors;
    const auto positions = load_postal_positions(file, errors);
    REQUIRE(positions.size() == 2);
    CHECK(positions[0].postal_code == "13001");              // sorted by code
    CHECK(positions[0].coordinates_source == "geonames");    // CRLF tolerated
    CHECK(positions[1].name == "Paris 15e Arrondissement");  // the first of a repeated code
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].find("postal_positions.tsv:3: bad postal code") != std::string::npos);
    CHECK(errors[1].find(":4: bad INSEE code, name or parent") != std::string::npos);
    CHECK(errors[2].find(":5: bad coordinates") != std::string::npos);
    CHECK(errors[3].find(":6: 3 columns, 7 expected") != std::string::npos);
    CHECK(errors[4].find(":7: postal code 75015 given twice") != std::string::npos);
    errors.clear();
    CHECK(load_postal_positions(dir.path / "none.tsv", errors).empty());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("cannot open") != std::string::npos);
}
