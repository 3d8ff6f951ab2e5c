// Opening hours said in plain French and English through the kiosk's translations.
#include <catch2/catch.hpp>

#include "kiosk/core/hours/wording.hpp"
#include "test_support.hpp"

using namespace kiosk::hours;

namespace {

kiosk::Translator translator(const std::string& language) {
    return kiosk::test::shipped_translator(language);
}

const std::string nnbsp = "\u202f";

}  // namespace

TEST_CASE("hours: French sentences for open, closed and the week") {
    const auto t = translator("fr");
    const auto oh = OpeningHours::parse("Mo-Fr 09:00-12:00,14:00-17:00");
    REQUIRE(oh.understood());
    CHECK(say_status(t, oh, make_local(2026, 1, 5, 10, 0)) == "Ouvert maintenant, jusqu’à 12 h");
    CHECK(say_status(t, oh, make_local(2026, 1, 5, 18, 0)) == "Fermé — ouvre demain à 9 h");
    CHECK(say_status(t, oh, make_local(2026, 1, 5, 12, 30)) == "Fermé — ouvre à 14 h");
    CHECK(say_status(t, oh, make_local(2026, 1, 10, 10, 0)) == "Fermé — ouvre lundi à 9 h");
    const auto lines = say_week(t, oh, {2026, 1, 7});
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] == "Lundi" + nnbsp + ": 9 h – 12 h et 14 h – 17 h");
    CHECK(lines[6] == "Dimanche" + nnbsp + ": fermé");

    const auto tuesday = OpeningHours::parse("Tu-Fr 09:30-12:00");
    CHECK(say_status(t, tuesday, make_local(2026, 1, 4, 11, 0)) == "Fermé — ouvre mardi à 9 h 30");
    CHECK(say_week(t, tuesday, {2026, 1, 4})[1] == "Mardi" + nnbsp + ": 9 h 30 – 12 h");
}

TEST_CASE("hours: English sentences") {
    const auto t = translator("en");
    const auto oh = OpeningHours::parse("Tu-Fr 09:00-12:00,14:00-17:00; Mo 09:00-12:00,14:00-17:00");
    CHECK(say_status(t, oh, make_local(2026, 1, 5, 10, 0)) == "Open now, until 12:00");
    CHECK(say_status(t, OpeningHours::parse("Tu-Fr 09:00-12:00"), make_local(2026, 1, 4, 10, 0)) ==
          "Closed — opens Tuesday at 9:00");
    CHECK(say_week(t, oh, {2026, 1, 5})[0] == "Monday: 9:00 – 12:00 and 14:00 – 17:00");
    CHECK(say_time(t, 9 * 60 + 30) == "9:30");
}

TEST_CASE("hours: holidays, appointments, nights and values that cannot be read") {
    const auto fr = translator("fr");
    const auto oh = OpeningHours::parse("Mo-Fr 09:00-17:00; PH off");
    // Easter Monday 2026 is April 6
    CHECK(say_status(fr, oh, make_local(2026, 4, 6, 10, 0)) == "Fermé — ouvre demain à 9 h");
    CHECK(say_status(fr, OpeningHours::parse("Mo-Fr 09:00-17:00; Dec 24-Jan 01 off"),
                     make_local(2026, 12, 23, 18, 0)) == "Fermé — ouvre le 4 janvier à 9 h");

    const auto rdv = OpeningHours::parse("Mo-Fr 09:00-12:00; We 14:00-17:00 \"sur rendez-vous\"");
    CHECK(say_status(fr, rdv, make_local(2026, 1, 7, 15, 0)) == "À confirmer" + nnbsp + ": sur rendez-vous");
    CHECK(say_week(fr, rdv, {2026, 1, 7})[2] == "Mercredi" + nnbsp + ": 14 h – 17 h (sur rendez-vous)");

    const auto night = OpeningHours::parse("Fr 22:00-02:00");
    CHECK(say_status(fr, night, make_local(2026, 1, 9, 23, 0)) == "Ouvert maintenant, jusqu’à demain 2 h");
    CHECK(say_status(fr, OpeningHours::parse("Mo-Fr 20:00-24:00"), make_local(2026, 1, 9, 23, 0)) ==
          "Ouvert maintenant, jusqu’à minuit");
    CHECK(say_status(fr, OpeningHours::parse("24/7"), make_local(2026, 1, 9, 23, 0)) == "Ouvert maintenant");

    // "Lundi 9h-12h" is now read (issue 10); what cannot be read at all is still shown as written.
    const auto bad = OpeningHours::parse("Lundi au vendredi 9h-12h");
    CHECK_FALSE(bad.understood());
    CHECK(bad.text() == "Lundi au vendredi 9h-12h");
    CHECK_FALSE(bad.error().empty());
    CHECK(say_status(fr, bad, make_local(2026, 1, 5, 10, 0)) ==
          "Horaires" + nnbsp + ": Lundi au vendredi 9h-12h");
    CHECK(say_week(fr, bad, {2026, 1, 5}).empty());
}
