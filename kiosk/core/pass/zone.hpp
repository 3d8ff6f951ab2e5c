#pragma once
// The time zone that decides "today" for a pass: the kiosk's, from where it stands. Metropolitan France is
// Europe/Paris; each overseas department and collectivity has its own (a pass valid "until 31 December" in
// Cayenne is still valid at 22:00 in Cayenne, when it is already 1 January in Paris).
//
// Dates come from the C library's tz database reader (tzset/localtime_r on the TZif files of Debian's
// tzdata package, /usr/share/zoneinfo), never from offsets written here.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/pass/payload.hpp"

namespace kiosk::pass {

inline constexpr const char* kMetropolitanZone = "Europe/Paris";

// The zone of a commune from its INSEE code: 971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion,
// 975 Saint-Pierre-et-Miquelon, 976 Mayotte, 977 Saint-Barthélemy, 978 Saint-Martin, 986 Wallis-et-Futuna,
// 987 Polynésie française, 988 Nouvelle-Calédonie; anything else (and an empty code) Europe/Paris.
std::string zone_for_commune(std::string_view insee_code);

// True when `zone` names a file of the tz database ("Europe/Paris"; no "..", no absolute path).
bool zone_known(std::string_view zone);

// The date of `now` in `zone`. nullopt when the zone is unknown (the C library would silently take UTC).
// Thread-safe: the switch of TZ is serialised, and the process's own TZ is put back at once.
std::optional<Date> date_in_zone(std::string_view zone, std::chrono::system_clock::time_point now);

}  // namespace kiosk::pass
