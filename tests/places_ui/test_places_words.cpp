// The places journey's words come from the core, in the citizen's language, with no language written in code.
#include <catch2/catch.hpp>

#include "kiosk/core/journeys/places_words.hpp"
#include "kiosk/core/search/geo.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
kiosk::Translator shipped(const std::string& language) {
    return kiosk::test::shipped_translator(language);
}
}  // namespace

TEST_CASE("distances in words, with each language's decimal mark") {
    const Translator fr = shipped("fr");
    CHECK(journeys::distance_words(fr, 1234) ==
          "à 1,2 km · " + std::to_string(search::walking_minutes(1234)) + " min à pied");
    CHECK(journeys::distance_words(fr, 333) ==
          "à 330 m · " + std::to_string(search::walking_minutes(333)) + " min à pied");
    CHECK(journeys::distance_words(fr, 24000) ==
          "à 24 km · " + std::to_string(search::driving_minutes(24000)) + " min en voiture");
    const Translator en = shipped("en");
    CHECK(journeys::distance_words(en, 1234) ==
          "1.2 km away · " + std::to_string(search::walking_minutes(1234)) + " min on foot");
}

TEST_CASE("a distance measured from another commune says from where") {
    const Translator fr = shipped("fr");
    CHECK(journeys::distance_words(fr, 333, "Saint-Étienne") ==
          "à 330 m du centre de Saint-Étienne · " + std::to_string(search::walking_minutes(333)) +
              " min à pied");
    CHECK(journeys::distance_words(fr, 24000, "Saint-Étienne") ==
          "à 24 km du centre de Saint-Étienne · " + std::to_string(search::driving_minutes(24000)) +
              " min en voiture");
    CHECK(journeys::distance_words(fr, 333, "") == journeys::distance_words(fr, 333));
}

TEST_CASE("phone numbers as French people read them, support in plain words") {
    CHECK(journeys::phone_words("+33477961818") == "04\u00a077\u00a096\u00a018\u00a018");
    CHECK(journeys::phone_words("04 77 96 18 18") == "04\u00a077\u00a096\u00a018\u00a018");
    CHECK(journeys::phone_words("3939") == "3939");
    const Translator fr = shipped("fr");
    REQUIRE(journeys::support_words().size() == 7);
    for (const journeys::SupportWords& s : journeys::support_words()) CHECK(fr.tr(s.key) != s.key);
}
