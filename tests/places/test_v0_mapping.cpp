#include <catch2/catch.hpp>

#include <regex>

#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/v0_mapping.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;

namespace {
// The values of an enumeration pattern "(?:(?:^|;)(A|B|C))+$", unescaped.
std::vector<std::string> enumeration(const std::string& pattern) {
    auto open = pattern.find(")(");
    auto close = pattern.rfind("))+$");
    REQUIRE(open != std::string::npos);
    REQUIRE(close != std::string::npos);
    std::string body = pattern.substr(open + 2, close - open - 2);
    std::vector<std::string> values;
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\\' && i + 1 < body.size()) {
            current += body[++i];
            continue;
        }
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == '|' && depth == 0) {
            values.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    values.push_back(current);
    return values;
}
}  // namespace

TEST_CASE("every value the v0 schema allows has a v1 mapping, and every target is a valid v1 value") {
    const Standard standard = Standard::load(kiosk::test::standard_dir());
    std::size_t checked = 0;
    for (const char* field : {"services", "publics_accueillis", "conditions_acces", "labels_nationaux",
                              "modalites_accompagnement"}) {
        const FieldRule* rule = standard.v0.field(field);
        REQUIRE(rule);
        for (const auto& value : enumeration(rule->pattern_text)) {
            INFO(field << ": " << value);
            CHECK(Schema::check(*rule, value) == "");  // the parsing of the pattern is right
            bool found = false;
            for (const auto& m : v0_value_mappings())
                if (m.v0_field == field && m.v0_value == value) found = true;
            CHECK(found);
            ++checked;
        }
    }
    CHECK(checked == 15 + 11 + 5 + 11 + 4);
    for (const auto& m : v0_value_mappings()) {
        if (m.v1_field.empty()) continue;
        INFO(m.v0_value << " -> " << m.v1_field << ": " << m.v1_value);
        const FieldRule* rule = standard.v1.field(m.v1_field);
        REQUIRE(rule);
        CHECK(Schema::check(*rule, m.v1_value) == "");
    }
}

TEST_CASE("v0 to v1 renames fields, converts separators and keeps the Pass numerique") {
    Record v0{{"id", "x"},
              {"courriel", "a@b.fr;c@d.fr"},
              {"site_web", "https://a.fr;https://b.fr"},
              {"cle_ban", "05061_0100_00001"},
              {"services", "Prendre en main un ordinateur;Utiliser le numérique au quotidien"},
              {"conditions_acces", "Gratuit;Accepte le Pass numérique"},
              {"labels_autres", "SudLabs;Label local"},
              {"accessibilite", "https://acceslibre.beta.gouv.fr/x"}};
    std::vector<std::string> notes;
    Record v1 = v0_to_v1(v0, notes);
    CHECK(notes.empty());
    CHECK(v1["courriels"] == "a@b.fr|c@d.fr");
    CHECK(v1["site_web"] == "https://a.fr|https://b.fr");
    CHECK(v1.count("cle_ban") == 0);
    CHECK(v1["services"] == "Maîtrise des outils numériques du quotidien");  // two v0 values, one v1 category
    CHECK(v1["frais_a_charge"] == "Gratuit");                                // short form accepted
    CHECK(v1["autres_formations_labels"] == "APTIC|SudLabs|Label local");
    CHECK(v1["fiche_acces_libre"] == "https://acceslibre.beta.gouv.fr/x");
    CHECK(place_from_v1(v1).accepts_pass);
}

TEST_CASE("an unknown v0 value is dropped with a note") {
    std::vector<std::string> notes;
    Record v1 = v0_to_v1(Record{{"services", "Faire du vélo;Accéder à du matériel"}}, notes);
    CHECK(v1["services"] == "Accès internet et matériel informatique");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("Faire du vélo") != std::string::npos);
}
