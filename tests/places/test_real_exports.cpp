// What real exports of the national data look like, and how the kiosk keeps every place of them: phone
// numbers in national format, Latin-1 spreadsheets, ";" separators, no coordinate columns, positions off the
// Earth or far from the commune, communes in capitals. A bad optional value drops that value, never the
// place.
#include <catch2/catch.hpp>

#include <sstream>

#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/places/gazetteer_mend.hpp"
#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/repair.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;

namespace {

const Standard& standard() {
    static const Standard s = Standard::load(kiosk::test::standard_dir());
    return s;
}

// A valid place of the standard, in Montbrison (42147).
Place montbrison(const std::string& id) {
    Place p;
    p.id = id;
    p.pivot = "43493312300029";
    p.name = "Médiathèque " + id;
    p.commune = "Montbrison";
    p.postal_code = "42600";
    p.insee_code = "42147";
    p.address = "1 place de l'Hôtel de Ville";
    p.latitude = 45.6075;
    p.longitude = 4.0653;
    p.updated = "2026-10-01";
    p.services = static_cast<std::uint16_t>(Service::AdminProcedures);
    return p;
}

std::string csv_of(const std::vector<Place>& places) {
    std::ostringstream out;
    write_v1_csv(out, places);
    return out.str();
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

const std::vector<Commune>& gazetteer() {
    static const std::vector<Commune> communes = [] {
        std::vector<std::string> errors;
        return load_communes(kiosk::test::source_dir() / "content/communes.tsv", errors);
    }();
    return communes;
}

}  // namespace

TEST_CASE("French phone numbers in national format are written in the standard's format") {
    const std::pair<const char*, const char*> cases[] = {
        {"0467714850", "+33467714850"},
        {"04 67 71 48 50", "+33467714850"},
        {"04.67.71.48.50", "+33467714850"},
        {"04-67-71-48-50", "+33467714850"},
        {"+33 (0)4 67 71 48 50", "+33467714850"},
        {"+33 4 67 71 48 50", "+33467714850"},
        {"0033 4 67 71 48 50", "+33467714850"},
        {"+33 04 67 71 48 50", "+33467714850"},
        {"467714850", "+33467714850"},  // a spreadsheet dropped the leading zero
        {"06 12 34 56 78", "+33612345678"},
        {"04 77 12 34 56 / 06 12 34 56 78", "+33477123456"},  // the first of two
        {"0590 12 34 56", "+590590123456"},                   // Guadeloupe
        {"0690 12 34 56", "+590690123456"},
        {"0594 12 34 56", "+594594123456"},  // Guyane
        {"0596 12 34 56", "+596596123456"},  // Martinique
        {"0262 12 34 56", "+262262123456"},  // La Réunion
        {"0692 12 34 56", "+262692123456"},
        {"0269 61 00 00", "+262269610000"},  // Mayotte
        {"05 08 41 23 45", "+508412345"},    // Saint-Pierre-et-Miquelon
        {"+687 12 34 56", "+687123456"},     // Nouvelle-Calédonie, already international
        {"+33467714850", "+33467714850"},
    };
    for (const auto& [typed, expected] : cases) {
        INFO(typed);
        const auto got = normalise_phone(typed);
        REQUIRE(got);
        CHECK(*got == expected);
    }
    for (const char* bad :
         {"", "n/a", "0000000000", "12", "04 67 71 48", "+1 212 555 0100", "appeler la mairie"}) {
        INFO(bad);
        CHECK_FALSE(normalise_phone(bad));
    }
}

TEST_CASE(
    "a file of phones in national format keeps every place; a phone that cannot be read drops that field") {
    std::vector<Place> places;
    for (int i = 0; i < 6; ++i) places.push_back(montbrison("p" + std::to_string(i)));
    places[0].phone = "+33467714850";
    std::string text = csv_of(places);
    replace_all(text, "\"+33467714850\"", "\"04 67 71 48 50\"");
    // The others get real export shapes, written straight into the text.
    const char* written[] = {"0477961010", "04.77.96.10.10", "+33 (0)4 77 96 10 10", "voir site", ""};
    for (int i = 1; i < 6; ++i) {
        const std::string id = "\"p" + std::to_string(i) + "\"";
        const std::size_t row = text.find(id);
        REQUIRE(row != std::string::npos);
        // telephone is the 12th column: after 11 separators from the row's start.
        std::size_t at = row;
        for (int k = 0; k < 11; ++k) at = text.find("\",\"", at) + 3;
        text.insert(at, written[i - 1]);
    }
    auto r = read_v1_csv_text(text, standard().v1, "phones.csv");
    INFO(r.report.text());
    CHECK(r.report.accepted == 6);
    CHECK(r.report.rejected == 0);
    REQUIRE(r.places.size() == 6);
    CHECK(r.places[0].phone == "+33467714850");
    CHECK(r.places[1].phone == "+33477961010");
    CHECK(r.places[2].phone == "+33477961010");
    CHECK(r.places[3].phone == "+33477961010");
    CHECK(r.places[4].phone.empty());  // "voir site": dropped, said
    CHECK_THAT(r.report.text(), Catch::Contains("[id p4] telephone") &&
                                    Catch::Contains("the value is dropped, the place is kept") &&
                                    Catch::Contains("4 x telephone: written in the standard's format"));
}

TEST_CASE("a Latin-1 spreadsheet export is converted, never stored as mojibake") {
    Place p = montbrison("latin");
    p.name = "Médiathèque « Le Trésor »";
    p.commune = "Saint-Étienne";
    p.postal_code = "42000";
    p.insee_code = "42218";
    std::string utf8 = csv_of({p});
    // UTF-8 to Latin-1 (every character here is in Latin-1).
    std::string latin1;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == 0xC2 || c == 0xC3) {
            const auto next = static_cast<unsigned char>(utf8[++i]);
            latin1 += static_cast<char>(c == 0xC2 ? next : next + 0x40);
        } else {
            latin1 += static_cast<char>(c);
        }
    }
    REQUIRE_FALSE(valid_utf8(latin1));
    auto r = read_v1_csv_text(latin1, standard().v1, "latin1.csv");
    INFO(r.report.text());
    REQUIRE(r.places.size() == 1);
    CHECK(r.places[0].name == "Médiathèque « Le Trésor »");
    CHECK(r.places[0].commune == "Saint-Étienne");
    CHECK(valid_utf8(r.places[0].name));
    CHECK_THAT(r.report.text(), Catch::Contains("not UTF-8: read as Latin-1 (Windows-1252) and converted"));
    CHECK(windows1252_to_utf8("\x80 \x9c") == "€ œ");
}

TEST_CASE("a file separated by semicolon is detected and read, and said") {
    std::string text = csv_of({montbrison("a"), montbrison("b")});
    replace_all(text, "\",\"", "\";\"");
    auto r = read_v1_csv_text(text, standard().v1, "excel.csv");
    INFO(r.report.text());
    CHECK(r.report.ok());
    CHECK(r.report.accepted == 2);
    CHECK_THAT(r.report.text(), Catch::Contains("séparateur ; détecté : le standard utilise ,"));
    CHECK(detect_separator("\"id\",\"pivot\",\"nom\"") == ',');
    CHECK(detect_separator("id;pivot;nom;commune") == ';');
}

TEST_CASE("positions off the Earth or missing are said, and the place is shown at its commune") {
    std::string text = csv_of({montbrison("far"), montbrison("ok")});
    replace_all(text, "\"45.6075\",\"4.0653\"", "\"200\",\"500\"");
    text.replace(text.rfind("\"200\",\"500\""), 11, "\"45.6075\",\"4.0653\"");
    auto r = read_v1_csv_text(text, standard().v1, "positions.csv");
    INFO(r.report.text());
    REQUIRE(r.places.size() == 2);
    CHECK_FALSE(r.places[0].located());
    CHECK(r.places[1].located());
    CHECK_THAT(r.report.text(),
               Catch::Contains("[id far] latitude/longitude: \"200\", \"500\" is not a position on Earth"));

    // No coordinate column at all: every place unlocated, which the report says once.
    std::string no_columns =
        "\"id\",\"pivot\",\"nom\",\"commune\",\"code_postal\",\"code_insee\",\"adresse\","
        "\"date_maj\",\"services\"\n"
        "\"n1\",\"43493312300029\",\"Mairie\",\"MONTBRISON\",\"42600\",\"42147\",\"1 rue\","
        "\"2026-10-01\",\"Aide aux démarches administratives\"\n";
    auto bare = read_v1_csv_text(no_columns, standard().v1, "bare.csv");
    INFO(bare.report.text());
    REQUIRE(bare.places.size() == 1);
    CHECK_THAT(bare.report.text(), Catch::Contains("the file has no \"latitude\" column"));

    // The gazetteer places it at its commune, flagged, and writes the commune as it is spelt.
    std::vector<Place> places = bare.places;
    const GazetteerMend m = mend_with_gazetteer(places, gazetteer());
    CHECK(m.placed == 1);
    CHECK(places[0].located());
    CHECK(places[0].approximate);
    CHECK(places[0].commune == "Montbrison");
    CHECK(distance_km(*places[0].latitude, *places[0].longitude, 45.6075, 4.0653) < 2);
}

TEST_CASE("the gazetteer spells communes and moves places placed far from their own commune") {
    std::vector<Place> places = {montbrison("caps"), montbrison("spaces"), montbrison("far"),
                                 montbrison("near"), montbrison("unknown")};
    places[0].commune = "MONTBRISON";
    places[1].commune = "Saint Etienne";
    places[1].postal_code = "42000";
    places[1].insee_code = "42218";
    places[1].latitude = 45.434, places[1].longitude = 4.390;
    places[2].latitude = 48.8566, places[2].longitude = 2.3522;  // geocoded in Paris, 400 km away
    places[4].commune = "Nulle-Part";
    places[4].insee_code = "";
    places[4].postal_code = "99999";
    const GazetteerMend m = mend_with_gazetteer(places, gazetteer());
    CHECK(places[0].commune == "Montbrison");
    CHECK(places[1].commune == "Saint-Étienne");
    CHECK(m.renamed == 2);
    CHECK(m.moved == 1);
    CHECK(places[2].approximate);
    CHECK(distance_km(*places[2].latitude, *places[2].longitude, 45.6075, 4.0653) < 2);
    CHECK_FALSE(places[3].approximate);  // in its commune: untouched
    CHECK(*places[3].latitude == 45.6075);
    CHECK(m.no_commune == 1);
    CHECK(places[4].commune == "Nulle-Part");
}

TEST_CASE("enumerations written with other accents or case are mended, unknown items dropped") {
    const std::vector<std::string> allowed =
        enumeration_values(standard().v1.field("frais_a_charge")->pattern_text);
    CHECK(allowed == std::vector<std::string>{"Gratuit", "Gratuit sous condition", "Payant"});
    std::vector<std::string> dropped;
    CHECK(mend_enumeration("gratuit|PAYANT|Payant|Offert", allowed, dropped) == "Gratuit|Payant");
    CHECK(dropped == std::vector<std::string>{"Offert"});
    const auto labels = enumeration_values(standard().v1.field("formations_labels")->pattern_text);
    CHECK(std::find(labels.begin(), labels.end(), "Formé à « DUPLEX » (illettrisme)") != labels.end());
    CHECK(fold_text("Œuvre  ÉTÉ à Noël") == "oeuvre ete a noel");
}
