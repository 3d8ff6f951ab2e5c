// Issue 10, "hours in honest French": what the citizen reads must never hide a remark, look closed when the
// place is open, or claim it is open when nobody knows (public holidays).
#include <catch2/catch.hpp>

#include "kiosk/core/hours/wording.hpp"
#include "test_support.hpp"

using namespace kiosk::hours;

namespace {

kiosk::Translator translator(const std::string& language) {
    return kiosk::test::shipped_translator(language);
}

const std::string nnbsp = "\u202f";

std::string line(const kiosk::Translator& t, const char* value, LocalDate day, int weekday) {
    const auto oh = OpeningHours::parse(value);
    REQUIRE(oh.understood());
    const auto lines = say_week(t, oh, day);
    REQUIRE(lines.size() == 7);
    return lines[static_cast<std::size_t>(weekday)];
}

}  // namespace

TEST_CASE("hours: a comment on an open range is always said") {
    const auto fr = translator("fr");
    const auto rdv = OpeningHours::parse("Mo-Fr 09:00-12:00 open \"sur rendez-vous\"");
    REQUIRE(rdv.understood());
    CHECK(rdv.status_at(make_local(2026, 1, 5, 10, 0)).open());
    CHECK(say_status(fr, rdv, make_local(2026, 1, 5, 10, 0)) ==
          "Ouvert maintenant, jusqu’à 12 h (sur rendez-vous)");
    CHECK(say_status(fr, rdv, make_local(2026, 1, 5, 8, 0)) == "Fermé — ouvre à 9 h (sur rendez-vous)");
    CHECK(say_week(fr, rdv, {2026, 1, 5})[0] == "Lundi" + nnbsp + ": 9 h – 12 h (sur rendez-vous)");

    const auto wednesday = OpeningHours::parse("Mo-Fr 09:00-12:00 open; We closed \"fermé le mercredi\"");
    CHECK(say_status(fr, wednesday, make_local(2026, 1, 7, 10, 0)) ==
          "Fermé — ouvre demain à 9 h (fermé le mercredi)");

    const auto en = translator("en");
    CHECK(say_status(en, rdv, make_local(2026, 1, 5, 10, 0)) == "Open now, until 12:00 (sur rendez-vous)");
}

TEST_CASE("hours: never \"à confirmer\" twice") {
    const auto fr = translator("fr");
    for (const char* value : {"Mo-Fr 09:00-12:00 \"à confirmer\"", "Mo-Fr 09:00-12:00 \"A confirmer\"",
                              "Mo-Fr 09:00-12:00 \"Horaires à confirmer.\""}) {
        INFO(value);
        const auto oh = OpeningHours::parse(value);
        REQUIRE(oh.understood());
        CHECK(say_status(fr, oh, make_local(2026, 1, 5, 10, 0)) == "Horaires à confirmer");
        CHECK(say_week(fr, oh, {2026, 1, 5})[0] == "Lundi" + nnbsp + ": 9 h – 12 h (à confirmer)");
    }
}

TEST_CASE("hours: a whole day is 24 h sur 24, midnight is midnight") {
    const auto fr = translator("fr");
    CHECK(line(fr, "Mo-Su 00:00-24:00", {2026, 1, 5}, 0) == "Lundi" + nnbsp + ": 24 h sur 24");
    CHECK(line(fr, "24/7", {2026, 1, 5}, 6) == "Dimanche" + nnbsp + ": 24 h sur 24");
    CHECK(line(fr, "Mo-Fr 20:00-24:00", {2026, 1, 5}, 0) == "Lundi" + nnbsp + ": 20 h – minuit");
    CHECK(line(fr, "Sa \"sur rendez-vous\"", {2026, 1, 5}, 5) == "Samedi" + nnbsp + ": sur rendez-vous");
    CHECK(line(fr, "Sa unknown", {2026, 1, 5}, 5) == "Samedi" + nnbsp + ": à confirmer");

    // Closing at 00:00 of a later day is midnight of the day before.
    CHECK(say_status(fr, OpeningHours::parse("Mo-Th 00:00-24:00"), make_local(2026, 1, 5, 10, 0)) ==
          "Ouvert maintenant, jusqu’à jeudi minuit");
    CHECK(say_status(fr, OpeningHours::parse("Mo 08:00-24:00; Tu 00:00-24:00"),
                     make_local(2026, 1, 5, 10, 0)) == "Ouvert maintenant, jusqu’à demain minuit");
    CHECK(say_status(fr, OpeningHours::parse("Jan 01-20 00:00-24:00"), make_local(2026, 1, 5, 10, 0)) ==
          "Ouvert maintenant, jusqu’au 20 janvier à minuit");
    const auto en = translator("en");
    CHECK(say_status(en, OpeningHours::parse("Mo-Th 00:00-24:00"), make_local(2026, 1, 5, 10, 0)) ==
          "Open now, until midnight on Thursday");
    CHECK(line(en, "Mo-Fr 20:00-24:00", {2026, 1, 5}, 0) == "Monday: 20:00 – midnight");
}

TEST_CASE("hours: a night is said on the day it starts") {
    const auto fr = translator("fr");
    CHECK(line(fr, "Fr 22:00-02:00", {2026, 1, 5}, 4) == "Vendredi" + nnbsp + ": de 22 h à 2 h du matin");
    CHECK(line(fr, "Fr 22:00-02:00", {2026, 1, 5}, 5) == "Samedi" + nnbsp + ": fermé");
    CHECK(line(fr, "Mo-Fr 18:00-06:00", {2026, 1, 5}, 1) == "Mardi" + nnbsp + ": de 18 h à 6 h du matin");
    CHECK(line(fr, "Mo-Fr 09:00-12:00, Fr 22:00-02:00", {2026, 1, 5}, 4) ==
          "Vendredi" + nnbsp + ": 9 h – 12 h et de 22 h à 2 h du matin");
    // Sunday night into the next week's Monday, and last week's Sunday night out of this Monday.
    CHECK(line(fr, "Su 22:00-02:00", {2026, 1, 5}, 6) == "Dimanche" + nnbsp + ": de 22 h à 2 h du matin");
    CHECK(line(fr, "Su 22:00-02:00", {2026, 1, 5}, 0) == "Lundi" + nnbsp + ": fermé");
    const auto en = translator("en");
    CHECK(line(en, "Fr 22:00-02:00", {2026, 1, 5}, 4) == "Friday: 22:00 – 2:00 the next morning");
}

TEST_CASE("hours: a fallback rule is said as the rule and its exception") {
    const auto fr = translator("fr");
    CHECK(line(fr, "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", {2026, 1, 5}, 0) ==
          "Lundi" + nnbsp + ": 9 h – 12 h" + nnbsp + "; le reste du temps" + nnbsp + ": sur rendez-vous");
    CHECK(line(fr, "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", {2026, 1, 5}, 5) ==
          "Samedi" + nnbsp + ": sur rendez-vous");
    CHECK(line(fr, "Mo-Fr 09:00-12:00,14:00-17:00 || \"sur rendez-vous\"", {2026, 1, 5}, 2) ==
          "Mercredi" + nnbsp + ": 9 h – 12 h et 14 h – 17 h" + nnbsp + "; le reste du temps" + nnbsp +
              ": sur rendez-vous");
    CHECK(line(fr, "Mo-Fr 08:00-12:00 || unknown", {2026, 1, 5}, 0) ==
          "Lundi" + nnbsp + ": 8 h – 12 h" + nnbsp + "; le reste du temps" + nnbsp + ": à confirmer");
}

TEST_CASE("hours: every other week is said, never a whole week closed") {
    const auto fr = translator("fr");
    const char* value = "week 1-53/2 Mo-Fr 09:00-12:00";
    // 5 January 2026 is in ISO week 2 (closed), 12 January in week 3 (open).
    CHECK(line(fr, value, {2026, 1, 5}, 0) ==
          "Lundi" + nnbsp + ": fermé cette semaine (une semaine sur deux" + nnbsp + ": 9 h – 12 h)");
    CHECK(line(fr, value, {2026, 1, 12}, 0) ==
          "Lundi" + nnbsp + ": 9 h – 12 h, une semaine sur deux (ouvert cette semaine)");
    CHECK(line(fr, value, {2026, 1, 12}, 5) == "Samedi" + nnbsp + ": fermé");
    CHECK(line(fr, "week 1-53/2 Mo 09:00-12:00; week 2-52/2 Mo 14:00-17:00", {2026, 1, 12}, 0) ==
          "Lundi" + nnbsp + ": 9 h – 12 h cette semaine (une semaine sur deux" + nnbsp + ": 14 h – 17 h)");
}

TEST_CASE("hours: on a public holiday the hours do not mention, the kiosk says to call") {
    const auto fr = translator("fr");
    const auto oh = OpeningHours::parse("Mo-Fr 09:00-17:00");
    const LocalDateTime christmas = make_local(2026, 12, 25, 10, 0);  // a Friday
    CHECK(oh.status_at(christmas).open());  // as opening_hours.js: the value says nothing about holidays
    CHECK(citizen_status(oh, christmas).unknown());
    CHECK(citizen_status(oh, christmas).comment == "Noël");
    CHECK_FALSE(citizen_status(oh, make_local(2026, 12, 25, 18, 0)).open());
    CHECK(citizen_status(oh, make_local(2026, 12, 24, 10, 0)).open());
    CHECK(say_status(fr, oh, christmas) == "Jour férié" + nnbsp + ": appelez avant de venir");
    CHECK(say_status(fr, oh, make_local(2026, 12, 25, 7, 0)) ==
          "Jour férié" + nnbsp + ": appelez avant de venir");
    CHECK(say_status(fr, oh, make_local(2026, 5, 14, 10, 0)) ==
          "Jour férié" + nnbsp + ": appelez avant de venir");  // Ascension
    CHECK(say_status(fr, oh, make_local(2026, 12, 25, 18, 0)) == "Fermé — ouvre lundi à 9 h");
    CHECK(say_week(fr, oh, {2026, 12, 21})[4] ==
          "Vendredi" + nnbsp + ": 9 h – 17 h — jour férié" + nnbsp + ": appelez avant de venir");
    CHECK(say_week(fr, oh, {2026, 12, 21})[3] == "Jeudi" + nnbsp + ": 9 h – 17 h");

    // Hours that say what happens on holidays are taken at their word.
    const auto ph = OpeningHours::parse("Mo-Fr 09:00-17:00; PH 10:00-12:00");
    CHECK(citizen_status(ph, christmas).open());
    CHECK(say_status(fr, ph, christmas) == "Ouvert maintenant, jusqu’à 12 h");
    CHECK(say_status(fr, OpeningHours::parse("Mo-Fr 09:00-17:00; PH off"), christmas) ==
          "Fermé — ouvre lundi à 9 h");
    // 25 December 2027 is a Saturday: closed anyway.
    CHECK(say_status(fr, oh, make_local(2027, 12, 25, 10, 0)) == "Fermé — ouvre lundi à 9 h");
    const auto en = translator("en");
    CHECK(say_status(en, oh, christmas) == "Public holiday: call before you come");
}
