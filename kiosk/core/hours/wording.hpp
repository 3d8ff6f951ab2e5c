#pragma once
// Opening hours in plain words, through the kiosk's translations (keys "hours.*" in content/i18n/hours.*.po):
// "Ouvert maintenant, jusqu’à 12 h", "Fermé — ouvre mardi à 9 h", "Lundi : 9 h – 12 h et 14 h – 17 h".
#include <string>
#include <vector>

#include "kiosk/core/hours/opening_hours.hpp"
#include "kiosk/core/i18n.hpp"

namespace kiosk::hours {

// "9 h", "9 h 30", "12 h" in French; "9:00", "9:30", "12:00" in English. `minute_of_day` may be 1440
// (midnight).
std::string say_time(const Translator& t, int minute_of_day);
// "lundi" / "Monday" (weekday 0 = Monday); capitalised: "Lundi".
std::string say_weekday(const Translator& t, int weekday, bool capitalised = false);
// "24 décembre" / "December 24".
std::string say_date(const Translator& t, const LocalDate& d);

// The state at `now` in one sentence. A value that was not understood is given as written ("Horaires : …").
std::string say_status(const Translator& t, const OpeningHours& hours, const LocalDateTime& now);
// "Lundi : 9 h – 12 h et 14 h – 17 h", "Dimanche : fermé"; ranges "to be confirmed" carry their comment.
std::string say_day(const Translator& t, const OpeningHours& hours, const DaySchedule& day);
// The seven lines of the week holding `any_day`, Monday first. Empty for a value that was not understood.
std::vector<std::string> say_week(const Translator& t, const OpeningHours& hours, const LocalDate& any_day);

}  // namespace kiosk::hours
