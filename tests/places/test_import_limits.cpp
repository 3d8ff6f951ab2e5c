// Hostile sizes in a places file: a huge multi-valued field, a huge value, JSON nested very deep. Each gives
// a clear rejection (row or file) and never a crash (these crashed the importer: std::regex recursion on the
// value, recursive JSON serialisation of a deep array).
#include <catch2/catch.hpp>

#include <sstream>

#include "kiosk/core/places/import.hpp"
#include "places_test_support.hpp"

using namespace kiosk::places;
using kiosk::test::standard_dir;

namespace {
const Standard& standard() {
    static Standard s = Standard::load(standard_dir());
    return s;
}

// One v1 row with its required fields and `field` set to `value`.
std::string v1_csv(const std::string& field, const std::string& value) {
    Record r{{"id", "big-1"},
             {"nom", "Mairie"},
             {"commune", "Reims"},
             {"code_postal", "51100"},
             {"adresse", "1 place de la Mairie"},
             {"latitude", "49.25"},
             {"longitude", "4.03"},
             {"source", "test"},
             {"date_maj", "2024-01-02"},
             {"pivot", "00000000000000"},
             {"services", "Aide aux démarches administratives"}};
    r[field] = value;
    std::ostringstream out;
    std::vector<std::string> row;
    for (const auto& name : v1_field_names()) row.push_back(r.count(name) ? r[name] : "");
    out << join_list(v1_field_names(), ',') << "\n";
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << '"' << row[i] << '"';
    out << "\n";
    return out.str();
}

std::string repeated(const std::string& item, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) out += (out.empty() ? "" : "|") + item;
    return out;
}
}  // namespace

TEST_CASE("a 35 KB multi-valued field is checked item by item without a recursive regex") {
    for (const char* field : {"frais_a_charge", "services", "modalites_acces"}) {
        INFO(field);
        const std::string item = std::string(field) == "frais_a_charge" ? "Gratuit"
                                 : std::string(field) == "services" ? "Aide aux démarches administratives"
                                                                    : "Se présenter";
        const std::string value = repeated(item, 35 * 1024);
        auto good = read_v1_csv_text(v1_csv(field, value), standard().v1, "big.csv");
        INFO(good.report.text());
        CHECK(good.report.accepted == 1);
        CHECK(good.report.rejected == 0);
        // The same with one wrong item at the end: that item is dropped (said), the place and the other items
        // are kept, still no crash.
        auto bad = read_v1_csv_text(v1_csv(field, value + "|Inconnu"), standard().v1, "bad.csv");
        CHECK(bad.report.accepted == 1);
        CHECK(bad.report.problems.empty());
        const std::string said = bad.report.text();
        CHECK_THAT(said,
                   Catch::Contains(std::string(field) + ": written as the standard spells it; \"Inconnu\" is "
                                                        "not one of its values, dropped"));
        REQUIRE(bad.places.size() == 1);
    }
}

TEST_CASE("list patterns keep the standard's exact meaning") {
    const FieldRule& fees = *standard().v1.field("frais_a_charge");
    CHECK(Schema::check(fees, "Gratuit") == "");
    CHECK(Schema::check(fees, "Gratuit|Payant") == "");
    CHECK(Schema::check(fees, "|Gratuit") == "");  // the pattern's (?:^|\|) lets a leading separator through
    CHECK(Schema::check(fees, "Gratuit|") != "");
    CHECK(Schema::check(fees, "Gratuit||Payant") != "");
    CHECK(Schema::check(fees, "GratuitPayant") != "");
    CHECK(Schema::check(fees, "Gratuit | Payant") != "");
    CHECK(Schema::check(fees, "gratuit") != "");
    const FieldRule& v0_fees = *standard().v0.field("conditions_acces");
    CHECK(Schema::check(v0_fees, "Payant : L'accès au lieu et/ou à ses services est payant") == "");
}

TEST_CASE("a value beyond the size limit is dropped with its size, not matched, the place is kept") {
    auto r =
        read_v1_csv_text(v1_csv("telephone", "+33" + std::string(200 * 1024, '1')), standard().v1, "big.csv");
    CHECK(r.report.accepted == 1);
    CHECK_THAT(r.report.text(), Catch::Contains("telephone: longer than 65536 bytes") &&
                                    Catch::Contains("the value is dropped, the place is kept"));
    REQUIRE(r.places.size() == 1);
    CHECK(r.places[0].phone.empty());
    auto huge = read_v1_csv_text(v1_csv("presentation_detail", std::string(100 * 1024, 'a')), standard().v1,
                                 "big.csv");
    CHECK(huge.report.accepted == 1);
    CHECK(huge.report.text().find("longer than 65536 bytes") != std::string::npos);
    // A required field too long still rejects the row.
    auto name = read_v1_csv_text(v1_csv("nom", std::string(100 * 1024, 'a')), standard().v1, "big.csv");
    CHECK(name.report.rejected == 1);
    CHECK(name.report.problems.at(0).field == "nom");
}

TEST_CASE("JSON nested 100,000 deep inside a record is refused with a clear error") {
    const std::size_t depth = 100000;
    std::string deep =
        "[{\"id\": \"d1\", \"services\": " + std::string(depth, '[') + std::string(depth, ']') + "}]";
    auto r = read_v0_json_text(deep, standard(), "deep.json");
    CHECK_FALSE(r.report.ok());
    CHECK(r.report.fatal.find("nested deeper than") != std::string::npos);
    CHECK(r.places.empty());
    std::string objects = "[";
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}') + "]";
    CHECK_FALSE(read_v0_json_text(objects, standard(), "deep.json").report.ok());
    // A list of values one level deep (as some feeds give) is still read.
    auto lists = read_v0_json(standard_dir() / "lieux-v0-fake.json", standard());
    CHECK(lists.report.accepted == 7);
}

TEST_CASE("a schema nested too deep is refused, not a crash") {
    const std::string deep = "{\"fields\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    CHECK_THROWS_AS(Schema::parse(deep, "deep.json"), SchemaError);
}
