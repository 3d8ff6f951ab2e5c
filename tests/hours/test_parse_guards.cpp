// Values that once broke the parser: each is simply "not understood", with no undefined behaviour (this test
// is what the sanitizer build, -fsanitize=undefined, flagged as a signed overflow before the fix).
#include <catch2/catch.hpp>

#include "kiosk/core/hours/opening_hours.hpp"

using namespace kiosk::hours;

TEST_CASE("hours: a long run of digits is refused without overflowing") {
    for (const char* bad : {"11111111111", "Mo 99999999999999999999:00-12:00", "Mo-Fr 09:00-123456789012"}) {
        INFO(bad);
        const auto oh = OpeningHours::parse(bad);
        CHECK_FALSE(oh.understood());
        CHECK(oh.text() == bad);
    }
    CHECK(OpeningHours::parse("11111111111").error().find("years are not supported") != std::string::npos);
}
