// Issue 10: values of the national data that are not valid OSM syntax but that opening_hours.js reads with
// warnings (French day names, "9h-12h", "09.00", dashes…) are read and said in French; only a value that
// cannot be read at all is shown as written. Agreement with the reference on these values is checked by
// test_reference_fixtures.cpp (cases.mjs FRENCH_MISTAKES).
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/core/hours/wording.hpp"
#include "test_support.hpp"

using namespace kiosk::hours;

namespace {
const std::string nnbsp = "\u202f";

kiosk::Translator french() {
    kiosk::Translator t;
    std::vector<std::string> errors;
    t.load_folder(kiosk::test::source_dir() / "content/i18n", "fr", errors);
    REQUIRE(errors.empty());
    return t;
}

// The week of 5 January 2026 in the corrected value and in the valid value it stands for.
void same_as(const char* written, const char* valid) {
    INFO(written << "  vs  " << valid);
    const auto a = OpeningHours::parse(written);
    const auto b = OpeningHours::parse(valid);
    REQUIRE(b.understood());
    REQUIRE(a.understood());
    CHECK(a.corrected());
    CHECK_FALSE(b.corrected());
    CHECK(a.text() == written);
    for (int d = 0; d < 14; ++d) {
        const LocalDate day = date_of(day_number(2026, 1, 5) + d);
        CHECK(a.day(day).ranges == b.day(day).ranges);
    }
    for (int i = 0; i < 7; ++i) {
        const DaySchedule da = a.day(date_of(day_number(2026, 1, 5) + i));
        const DaySchedule db = b.day(date_of(day_number(2026, 1, 5) + i));
        REQUIRE(da.ranges.size() == db.ranges.size());
        for (std::size_t k = 0; k < da.ranges.size(); ++k)
            CHECK(a.comment_text(da.ranges[k].comment) == b.comment_text(db.ranges[k].comment));
    }
}
}  // namespace

TEST_CASE("hours: common French mistakes are read as opening_hours.js reads them") {
    same_as("Lu-Ve 9h-12h", "Mo-Fr 09:00-12:00");
    same_as("Lundi 9h-12h", "Mo 09:00-12:00");
    same_as("lundi-vendredi 09:00-12:00", "Mo-Fr 09:00-12:00");
    same_as("LU-VE 09:00-12:00", "Mo-Fr 09:00-12:00");
    same_as("Lun.-Ven. 09:00-12:00", "Mo-Fr 09:00-12:00");
    same_as("Ma-Je 09:00-12:00; Me 14:00-17:00", "Tu-Th 09:00-12:00; We 14:00-17:00");
    same_as("Mardi, Jeudi 9h - 12h", "Tu,Th 09:00-12:00");
    same_as("Samedi 09:00-12:00; Dimanche fermé", "Sa 09:00-12:00; Su off");
    same_as("Mo-Fr 09.00-12.00", "Mo-Fr 09:00-12:00");
    same_as("Mo-Fr 9.30-12.00", "Mo-Fr 09:30-12:00");
    same_as("Mo-Fr 09:00–12:00", "Mo-Fr 09:00-12:00");  // en dash
    same_as("Mo–Fr 09:00—12:00", "Mo-Fr 09:00-12:00");  // en dash, em dash
    same_as("Mo-Fr 09:00h-12:00h", "Mo-Fr 09:00-12:00");
    same_as("Mo 9h à 12h", "Mo 09:00-12:00");
    same_as("Mo-Fr 09:00-12:00 et 14:00-17:00", "Mo-Fr 09:00-12:00,14:00-17:00");
    same_as("Mo-Fr 09:00-12:00 & 14:00-17:00", "Mo-Fr 09:00-12:00,14:00-17:00");
    same_as("Mo,We 13:00-17:00; Tu 9h-12h", "Mo,We 13:00-17:00; Tu 09:00-12:00");
    same_as("Mo-Fr 09:00-12:00; jours fériés fermé", "Mo-Fr 09:00-12:00; PH off");
    same_as("Mo-Fr 09:00-12:00 sur rendez-vous", "Mo-Fr 09:00-12:00 \"Sur rendez-vous\"");
    same_as("Mo-Fr 09:00-12:00 Sur RDV", "Mo-Fr 09:00-12:00 \"Sur rendez-vous\"");
    same_as("sur rendez-vous", "\"Sur rendez-vous\"");
    same_as("Mo-Fr 09:00-12:00 « sur rendez-vous »", "Mo-Fr 09:00-12:00 \" sur rendez-vous \"");
    same_as("Mo-Fr 09:00-12:00 “sur rendez-vous”", "Mo-Fr 09:00-12:00 \"sur rendez-vous\"");
}

// Issue 10: hours and minutes with an "h" between them, France's usual way ("9h30", "9 h 30", "12h00"), which
// opening_hours.js refuses: the kiosk reads them (test_reference_fixtures.cpp allows exactly these).
TEST_CASE("hours: \"9h30-12h\", \"9 h 30 - 12 h 00\", \"14h-17h30\" are read") {
    same_as("Mo-Fr 9h30-12h", "Mo-Fr 09:30-12:00");
    same_as("Mo-Fr 9 h 30 - 12 h 00", "Mo-Fr 09:30-12:00");
    same_as("Mo-Fr 14h-17h30", "Mo-Fr 14:00-17:30");
    same_as("Mo-Fr 9h00-12h00", "Mo-Fr 09:00-12:00");
    same_as("Ma-Je 9h30-12h", "Tu-Th 09:30-12:00");
    same_as("Mo-Fr 09 h 00-12 h", "Mo-Fr 09:00-12:00");
    same_as("Mo-Fr 09h-12h30", "Mo-Fr 09:00-12:30");
    same_as("Lu-Ve 9h30-12h et 14h-17h30; Sa 9H30-12H", "Mo-Fr 09:30-12:00,14:00-17:30; Sa 09:30-12:00");
    same_as("Lundi 8h45-12h15 sur rendez-vous", "Mo 08:45-12:15 \"Sur rendez-vous\"");

    const auto fr = french();
    const auto oh = OpeningHours::parse("Lu-Ve 9h30-12h et 14h-17h30");
    REQUIRE(oh.understood());
    CHECK(say_week(fr, oh, {2026, 1, 5})[0] == "Lundi" + nnbsp + ": 9 h 30 – 12 h et 14 h – 17 h 30");
    CHECK(std::find(oh.corrections().begin(), oh.corrections().end(),
                    "\"h\" between hours and minutes read as \":\"") != oh.corrections().end());
    // Not hours and minutes: three digits, or a letter after them.
    CHECK_FALSE(OpeningHours::parse("Mo-Fr 9h300-12h").understood());
    CHECK_FALSE(OpeningHours::parse("Mo-Fr 9h30x-12h").understood());
}

TEST_CASE("hours: a corrected value is said in French, a value that cannot be read is shown as written") {
    const auto fr = french();
    CHECK_FALSE(OpeningHours::parse("Mo-Fr 9:00-12:00").corrected());  // valid as written
    const auto oh = OpeningHours::parse("Lu-Ve 9h-12h et 14h-17h");
    REQUIRE(oh.understood());
    CHECK(oh.corrected());
    CHECK_FALSE(oh.corrections().empty());
    CHECK(say_status(fr, oh, make_local(2026, 1, 5, 10, 0)) == "Ouvert maintenant, jusqu’à 12 h");
    CHECK(say_week(fr, oh, {2026, 1, 5})[0] == "Lundi" + nnbsp + ": 9 h – 12 h et 14 h – 17 h");

    // Refused by the reference too: shown as written.
    for (const char* bad : {"Lundi au vendredi 9h-12h", "Sam 09:00-12:00", "Sa ferme", "lundis 09:00-12:00",
                            "Mo 09:00-12:00.", "Mo-Fr 09:00-12:00 rdv", "Mo-Fr 17h+",
                            "Mo-Fr 09:00-12:00 « sur rendez-vous; x »", "Mo-Fr de 09:00 à 12:00"}) {
        INFO(bad);
        const auto b = OpeningHours::parse(bad);
        CHECK_FALSE(b.understood());
        CHECK(b.text() == bad);
        CHECK(say_status(fr, b, make_local(2026, 1, 5, 10, 0)) == "Horaires" + nnbsp + ": " + bad);
    }
    // "Mar" is March, as in the reference, not "mardi".
    const auto march = OpeningHours::parse("Mar 09:00-12:00");
    REQUIRE(march.understood());
    CHECK_FALSE(march.corrected());
    CHECK(march.is_open(make_local(2026, 3, 10, 10, 0)));
    CHECK_FALSE(march.is_open(make_local(2026, 1, 6, 10, 0)));
}

TEST_CASE("hours: corrections keep bounded work on hostile input") {
    std::string big;
    for (int i = 0; i < 5000; ++i) big += "Lu-Ve 9h–12h et « x » ";
    const auto oh = OpeningHours::parse(big);
    CHECK(oh.text() == big);
    CHECK(oh.corrections().size() <= 32);
    std::string quotes;  // opening quotes that never close: each is not searched for again (no n² scan)
    for (int i = 0; i < 100000; ++i) quotes += "\xC2\xAB";
    CHECK_FALSE(OpeningHours::parse(quotes).understood());
    for (const char* odd : {"\xC3", "\xE2\x80", "\xF0\x9F\x98", "«", "“ ;", "sur ", "sur rendez-", "jours ",
                            "9 h", "9.", "Lu.", "\xC3\xA0"}) {
        INFO(odd);
        (void)OpeningHours::parse(odd);
    }
}
