#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/v0_mapping.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;
using kiosk::test::places_data;
using kiosk::test::standard_dir;

namespace {
const Standard& standard() {
    static Standard s = Standard::load(standard_dir());
    return s;
}
const Place* find(const std::vector<Place>& places, std::string_view id) {
    for (const auto& p : places)
        if (p.id == id) return &p;
    return nullptr;
}
}  // namespace

TEST_CASE("the standard's v1 example imports whole") {
    auto r = read_v1_csv(standard_dir() / "exemple-valide-v1.csv", standard().v1);
    INFO(r.report.text());
    REQUIRE(r.report.ok());
    CHECK(r.report.records == 1);
    CHECK(r.report.accepted == 1);
    CHECK(r.report.rejected == 0);
    REQUIRE(r.places.size() == 1);
    const Place& p = r.places[0];
    CHECK(p.id == "structure-1");
    CHECK(p.name == "Anonymal");
    CHECK(p.postal_code == "51100");
    CHECK(p.insee_code == "51454");
    REQUIRE(p.located());
    CHECK(*p.latitude == Approx(43.52609));
    CHECK(p.emails ==
          std::vector<std::string>{"contact@laquincaillerie.tl", "responsable@laquincaillerie.tl"});
    CHECK(p.websites.size() == 2);
    CHECK(p.opening_hours == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
    CHECK(p.itinerant);
    CHECK(p.has(Service::EverydayTools));
    CHECK(p.has(Service::JobInsertion));
    CHECK(p.has(Service::Leisure));
    CHECK_FALSE(p.has(Service::AdminProcedures));
    CHECK(p.publics == (static_cast<int>(Public::Young) | static_cast<int>(Public::Women)));
    CHECK(p.has(Support::Deafness));
    CHECK(p.has(Support::Illiteracy));
    CHECK(p.has(Support::EnglishLanguage));
    CHECK(p.has(Fee::FreeUnderConditions));
    CHECK(p.has(Fee::Paid));
    CHECK(p.programmes ==
          std::vector<std::string>{"Aidants Connect", "Conseillers numériques", "La Croix Rouge"});
    CHECK(p.labels.size() == 2);
    CHECK(p.other_labels == std::vector<std::string>{"Label et la bête"});
    CHECK(p.access == (static_cast<int>(Access::WalkIn) | static_cast<int>(Access::Phone)));
    CHECK(p.guidance == 0xF);
    CHECK(p.booking_url == "https://www.rdv-solidarites.fr/");
    CHECK_FALSE(p.accepts_pass);
}

TEST_CASE("the v0 fake file of the national map imports whole") {
    auto r = read_v0_json(standard_dir() / "lieux-v0-fake.json", standard());
    INFO(r.report.text());
    CHECK(r.report.records == 7);
    CHECK(r.report.accepted == 7);
    CHECK(r.report.rejected == 0);
    const Place* p = find(r.places, "53851847300011");
    REQUIRE(p);
    // Créer et développer mon entreprise, Favoriser mon insertion professionnelle -> JobInsertion
    CHECK(p->has(Service::JobInsertion));
    CHECK(p->has(Service::InternetAccess));
    CHECK(p->accepts_pass);  // labels_nationaux has APTIC
    CHECK(std::count(p->programmes.begin(), p->programmes.end(), "France Services") == 1);
    CHECK(std::count(p->programmes.begin(), p->programmes.end(), "Aidants Connect") == 1);
    CHECK(std::count(p->labels.begin(), p->labels.end(), "Fabriques de Territoire") == 1);
    CHECK(p->has(Fee::Paid));
    CHECK(p->accessibility_url.find("acceslibre") != std::string::npos);
    const Place* carbet = find(r.places, "7755602");
    REQUIRE(carbet);
    CHECK(carbet->emails == std::vector<std::string>{"accueil@chrs-laselonne.fr"});
    CHECK(carbet->has(Fee::Free));
    CHECK(carbet->services == static_cast<std::uint16_t>(Service::InternetAccess));
}

TEST_CASE("the real v0 data of cartographie-nationale 5.22.0 imports with exact counts") {
    auto r = read_v0_json(places_data() / "cartographie-nationale-5.22.0-source.json", standard());
    INFO(r.report.text(20));
    REQUIRE(r.report.ok());
    CHECK(r.report.records == 687);
    CHECK(r.report.accepted == 687);
    CHECK(r.report.rejected == 0);
    CHECK(r.report.problems.empty());
    REQUIRE(r.places.size() == 687);
    auto count = [&](auto pred) { return std::count_if(r.places.begin(), r.places.end(), pred); };
    // Distinct v0 values counted in the source (see content/places/ATTRIBUTION.md).
    CHECK(count([](const Place& p) { return p.accepts_pass; }) == 91);  // "Accepte le Pass numérique"
    CHECK(count([](const Place& p) { return p.located(); }) == 687);
    CHECK(count([](const Place& p) { return p.has(Service::InternetAccess); }) ==
          599);  // "Accéder à du matériel" or "Accéder à une connexion internet"
    CHECK(count([](const Place& p) { return p.has(Fee::Free); }) == 527);
    CHECK(count([](const Place& p) { return p.services == 0; }) == 0);
    const Place* first = find(r.places, "0");
    REQUIRE(first);
    CHECK(first->name == "MAISON DE SERVICES AU PUBLIC D'ABONDANCE");
    CHECK(first->services ==
          (static_cast<int>(Service::AdminProcedures) | static_cast<int>(Service::InternetAccess)));
    CHECK(first->publics == (static_cast<int>(Public::Young) | static_cast<int>(Public::Families) |
                             static_cast<int>(Public::Seniors)));
    CHECK(first->supports ==
          (static_cast<int>(Support::Deafness) | static_cast<int>(Support::MentalDisability) |
           static_cast<int>(Support::Illiteracy) | static_cast<int>(Support::VisualImpairment)));
    CHECK(first->guidance == static_cast<int>(Guidance::Individual));
}

TEST_CASE("a broken v1 CSV keeps its good rows and reports each bad one with line and field") {
    auto r = read_v1_csv(places_data() / "broken-v1.csv", standard().v1);
    const std::string text = r.report.text();
    INFO(text);
    CHECK(r.report.records == 12);
    // A bad optional value (telephone, latitude, services, a summary too long) drops or mends that value, not
    // the place; a missing name, a wrong date, a short row, a duplicate and broken CSV reject the row.
    CHECK(r.report.accepted == 7);
    CHECK(r.report.rejected == 5);
    std::vector<std::string> kept;
    for (auto& p : r.places) kept.push_back(p.id);
    CHECK(kept == std::vector<std::string>{"b1", "b3", "b5", "b6", "b9", "b10", "b11"});
    auto has = [&](std::size_t line, const char* field, const char* reason) {
        for (auto& p : r.report.problems)
            if (p.line == line && p.field == field && p.reason.find(reason) != std::string::npos) return true;
        return false;
    };
    CHECK(has(3, "nom", "required"));
    CHECK(has(5, "date_maj", "not a date"));
    CHECK(has(8, "", "3 fields"));
    CHECK(has(9, "id", "duplicate"));
    CHECK(has(15, "", "unterminated"));
    CHECK(r.report.problems.size() == 5);
    CHECK(find(r.places, "b3")->phone == "+33612345678");  // "0612345678", national format
    CHECK_FALSE(find(r.places, "b5")->located());          // latitude "abc": dropped, placed at the commune
    CHECK(text.find("broken-v1.csv:6 [id b5] latitude/longitude: \"abc\"") != std::string::npos);
    CHECK(find(r.places, "b6")->services == static_cast<int>(Service::AdminProcedures));  // accents mended
    CHECK(utf8_length(find(r.places, "b10")->summary) <= 280);
    CHECK(text.find("broken-v1.csv:13 [id b10] presentation_resume: cut to 280 characters") !=
          std::string::npos);
    const Place* multi = find(r.places, "b9");
    REQUIRE(multi);
    CHECK(multi->description == "Première ligne,\navec \"guillemets\" et une virgule\nTroisième ligne");
    const Place* corsica = find(r.places, "b11");
    REQUIRE(corsica);
    CHECK(corsica->insee_code == "2A004");
    CHECK(corsica->publics == static_cast<int>(Public::Students));
}

TEST_CASE("a broken v0 file keeps its good records and reports each bad one with index and field") {
    auto r = read_v0_json(places_data() / "broken-v0.json", standard());
    INFO(r.report.text());
    CHECK(r.report.records == 9);
    CHECK(r.report.accepted == 4);  // v4's latitude "N/A" drops its position, not the place
    CHECK(r.report.rejected == 5);
    std::vector<std::string> kept;
    for (auto& p : r.places) kept.push_back(p.id);
    CHECK(kept == std::vector<std::string>{"v1", "v4", "v7", "v9"});
    auto has = [&](std::size_t record, const char* field, const char* reason) {
        for (auto& p : r.report.problems)
            if (p.record == record && p.field == field && p.reason.find(reason) != std::string::npos)
                return true;
        return false;
    };
    CHECK(has(2, "services", "pattern"));
    CHECK(has(3, "code_postal", "required"));
    CHECK_FALSE(find(r.places, "v4")->located());
    CHECK(has(5, "", "not a JSON object"));
    CHECK(has(6, "horaires", "JSON object"));
    CHECK(has(8, "id", "duplicate"));
    const Place* cut = find(r.places, "v7");
    REQUIRE(cut);
    CHECK(utf8_length(cut->summary) <= 280);
    CHECK(cut->summary.substr(cut->summary.size() - 3) == "…");
    REQUIRE(r.report.notes.size() == 2);  // v4's position dropped, v7's summary cut
    const Place* pass = find(r.places, "v9");
    REQUIRE(pass);
    CHECK(pass->accepts_pass);
    CHECK(pass->fees == static_cast<int>(Fee::Paid));
    CHECK(pass->programmes == std::vector<std::string>{"France Services", "Conseillers numériques"});
    CHECK(pass->emails == std::vector<std::string>{"a@example.fr", "b@example.fr"});
    CHECK(pass->publics == static_cast<int>(Public::Women));
    CHECK(pass->supports == static_cast<int>(Support::OtherLanguages));
}

TEST_CASE("unreadable files are fatal and keep nothing") {
    auto missing = read_v1_csv(places_data() / "no-such-file.csv", standard().v1);
    CHECK_FALSE(missing.report.ok());
    auto not_json = read_v0_json_text("[{\"id\": \"1\",", standard(), "cut.json");
    CHECK_FALSE(not_json.report.ok());
    CHECK(not_json.report.text().find("cut.json") != std::string::npos);
    auto object = read_v0_json_text("{\"id\": \"1\"}", standard());
    CHECK_FALSE(object.report.ok());
    auto no_header = read_v1_csv_text("", standard().v1);
    CHECK_FALSE(no_header.report.ok());
    auto wrong_header = read_v1_csv_text("name,city\nx,y\n", standard().v1);
    CHECK_FALSE(wrong_header.report.ok());
    CHECK(wrong_header.report.fatal.find("id") != std::string::npos);
    CHECK(wrong_header.places.empty());
}

TEST_CASE("v1 CSV writer output validates and reads back the same places") {
    auto r = read_v0_json(places_data() / "cartographie-nationale-5.22.0-source.json", standard());
    auto fake = read_v0_json(standard_dir() / "lieux-v0-fake.json", standard());
    std::vector<Place> all = r.places;
    all.insert(all.end(), fake.places.begin(), fake.places.end());  // the fake file has the example's id too
    all.back() = read_v1_csv(standard_dir() / "exemple-valide-v1.csv", standard().v1).places.at(0);
    std::ostringstream out;
    write_v1_csv(out, all);
    auto back = read_v1_csv_text(out.str(), standard().v1, "written.csv");
    INFO(back.report.text(10));
    CHECK(back.report.rejected == 0);
    REQUIRE(back.places.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO(all[i].id);
        CHECK(to_v1_record(back.places[i]) == to_v1_record(all[i]));
        CHECK(back.places[i].accepts_pass == all[i].accepts_pass);
    }
}

TEST_CASE("the v1 field list is the schema's, in order") {
    CHECK(v1_field_names() == standard().v1.field_names());
}

TEST_CASE("split and join multi-valued fields") {
    CHECK(split_list(" a | b ||c ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list("").empty());
    CHECK(split_list("x;y", ';') == std::vector<std::string>{"x", "y"});
    CHECK(join_list({"a", "b"}) == "a|b");
}

TEST_CASE("the committed demo content is valid v1 and is exactly what the tool makes from the source") {
    const auto demo = kiosk::test::source_dir() / "content/places/lieux-demo-v1.csv";
    auto r = read_v1_csv(demo, standard().v1);
    INFO(r.report.text(10));
    CHECK(r.report.accepted == 687);
    CHECK(r.report.rejected == 0);
    std::ifstream in(demo, std::ios::binary);
    std::ostringstream committed, regenerated;
    committed << in.rdbuf();
    write_v1_csv(
        regenerated,
        read_v0_json(places_data() / "cartographie-nationale-5.22.0-source.json", standard()).places);
    CHECK(committed.str() == regenerated.str());
    CHECK(std::count_if(r.places.begin(), r.places.end(), [](const Place& p) { return p.accepts_pass; }) ==
          91);
}
