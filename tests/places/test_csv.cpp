#include <catch2/catch.hpp>

#include <sstream>

#include "kiosk/core/places/csv.hpp"

using namespace kiosk::places;

TEST_CASE("csv reads quoted fields, doubled quotes, separators and line breaks inside quotes") {
    std::vector<std::string> errors;
    auto records = csv::parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n", &errors);
    CHECK(errors.empty());
    REQUIRE(records.size() == 2);
    CHECK(records[0].fields == std::vector<std::string>{"a", "b,c", "say \"hi\""});
    CHECK(records[0].line == 1);
    CHECK(records[1].fields == std::vector<std::string>{"multi\nline", "", "x"});
    CHECK(records[1].line == 2);
}

TEST_CASE("csv skips a UTF-8 byte order mark and keeps accents") {
    auto records = csv::parse("\xEF\xBB\xBFid,nom\n1,Médiathèque\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].fields[0] == "id");
    CHECK(records[1].fields[1] == "Médiathèque");
}

TEST_CASE("csv reports malformed records and goes on") {
    std::vector<std::string> errors;
    auto records = csv::parse("a,b\"c,d\n\"x\"y,z\nok,1\n\"open,2\n", &errors);
    REQUIRE(records.size() == 4);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].find("line 1") == 0);
    CHECK(errors[1].find("line 2") == 0);
    CHECK(errors[2].find("unterminated") != std::string::npos);
    CHECK(records[2].fields == std::vector<std::string>{"ok", "1"});
}

TEST_CASE("csv writer round-trips what the reader reads") {
    std::vector<std::string> fields{"plain", "with,comma", "with \"quote\"", "two\nlines", " padded ", ""};
    for (bool quote_all : {false, true}) {
        std::ostringstream out;
        csv::write_record(out, fields, quote_all);
        auto back = csv::parse(out.str());
        REQUIRE(back.size() == 1);
        CHECK(back[0].fields == fields);
    }
}

TEST_CASE("csv last line without an end of line and a blank trailing line") {
    CHECK(csv::parse("a,b\nc,d").size() == 2);
    CHECK(csv::parse("a,b\nc,d\n").size() == 2);
    CHECK(csv::parse("").empty());
}
