#include <catch2/catch.hpp>

#include "kiosk/core/places/schema.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;

namespace {
const Schema& v1() {
    static Schema s = Schema::load(kiosk::test::standard_dir() / "schema-lieux-mediation-numerique-v1.json");
    return s;
}
std::string check(const char* field, std::string_view value) {
    return Schema::check(*v1().field(field), value);
}
}  // namespace

TEST_CASE("schema v1 is read at run time with its 32 fields and constraints") {
    CHECK(v1().version() == "v1.0.2");
    CHECK(v1().fields().size() == 32);
    CHECK(v1().field("id")->required);
    CHECK(v1().field("id")->unique);
    CHECK(v1().field("date_maj")->type == "date");
    CHECK(v1().field("latitude")->type == "number");
    CHECK(v1().field("presentation_resume")->max_length == 280u);
    CHECK_FALSE(v1().field("services")->required);
}

TEST_CASE("std regex matches the accented literals of the patterns byte for byte") {
    CHECK(check("publics_specifiquement_adresses", "Étudiants") == "");
    CHECK(check("publics_specifiquement_adresses", "Jeunes|Étudiants|Familles et/ou enfants") == "");
    CHECK(check("publics_specifiquement_adresses", "Etudiants") != "");  // no accent
    CHECK(check("publics_specifiquement_adresses", "ÉTUDIANTS") != "");  // case matters
    CHECK(check("formations_labels", "Formé à « Mon Espace Santé »") == "");
    CHECK(check("formations_labels", "Formé à \"Mon Espace Santé\"") != "");
    CHECK(check("modalites_accompagnement", "À distance|En autonomie") == "");
    CHECK(check("modalites_accompagnement", "A distance") != "");
    CHECK(check("prise_en_charge_specifique", "Langues étrangères (anglais)") == "");
    CHECK(check("services", "Acquisition de matériel informatique à prix solidaire") == "");
    CHECK(check("itinerance", "Itinérant|Fixe") == "");
    CHECK(check("itinerance", "Itinerant") != "");
    // A decomposed "é" (e + U+0301) is not the standard's value.
    CHECK(check("publics_specifiquement_adresses", "E\xCC\x81tudiants") != "");
}

TEST_CASE("enumeration patterns match the whole value, not a part of it") {
    CHECK(check("frais_a_charge", "Gratuit|Payant") == "");
    CHECK(check("frais_a_charge", "Gratuit|") != "");
    CHECK(check("frais_a_charge", "junk|Gratuit") != "");
    CHECK(check("frais_a_charge", "Gratuit junk") != "");
    CHECK(check("frais_a_charge", "GratuitPayant") != "");
    CHECK(check("code_postal", "051000") != "");
    CHECK(check("code_insee", "2A004") == "");
    CHECK(check("code_insee", "20004") != "");
    CHECK(check("telephone", "+33612345678") == "");
    CHECK(check("telephone", "06 12 34 56 78") != "");
    CHECK(check("pivot", "00000000000000") == "");
}

TEST_CASE("types number and date, required and maxLength in characters") {
    CHECK(check("latitude", "45.75") == "");
    CHECK(check("latitude", "-4.5e1") == "");
    CHECK(check("latitude", "45,75") != "");
    CHECK(check("latitude", "nan") != "");
    CHECK(check("date_maj", "2024-02-29") == "");
    CHECK(check("date_maj", "2023-02-29") != "");
    CHECK(check("date_maj", "02/04/2024") != "");
    CHECK(check("nom", "") == "required value is missing");
    CHECK(check("complement_adresse", "") == "");
    std::string accents;
    for (int i = 0; i < 280; ++i) accents += "é";  // 560 bytes, 280 characters
    CHECK(check("presentation_resume", accents) == "");
    CHECK(check("presentation_resume", accents + "e") != "");
}

TEST_CASE("a broken schema file is a clear error") {
    CHECK_THROWS_AS(Schema::load("/nonexistent/schema.json"), SchemaError);
    CHECK_THROWS_AS(Schema::parse("{\"fields\": 3}"), SchemaError);
    CHECK_THROWS_AS(Schema::parse("not json"), SchemaError);
    CHECK_THROWS_AS(Schema::parse(R"({"fields":[{"name":"x","constraints":{"pattern":"(unclosed"}}]})"),
                    SchemaError);
}
