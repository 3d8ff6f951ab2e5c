#pragma once
// What real exports of the national data get wrong, mended before a row is validated, so that a place is
// never lost for a detail:
//  - phone numbers in national format ("0467714850", "04 67 71 48 50", "04.67.71.48.50", "+33 (0)4…",
//    "0033…", a leading zero lost by a spreadsheet) written in the standard's international format
//    ("+33467714850"; overseas "+590590…", "+262692…");
//  - text that is not UTF-8 (a Latin-1 / Windows-1252 spreadsheet export) converted, never stored as
//    mojibake;
//  - a file separated by `;` (a French spreadsheet's CSV) detected from its header.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/utf8.hpp"

namespace kiosk::places {

// The number in the standard's format (^(\+33|\+590|…)\d{6,9}$), or nothing when it cannot be understood
// as a French number. When several numbers are given ("04… / 06…"), the first one.
std::optional<std::string> normalise_phone(std::string_view text);

using kiosk::valid_utf8;  // kiosk/core/utf8.hpp
// Windows-1252 (a superset of Latin-1 for printable characters) to UTF-8.
std::string windows1252_to_utf8(std::string_view text);

// Lower case, accents off (é -> e, œ -> oe), runs of spaces as one: to compare what people typed.
std::string fold_text(std::string_view text);

// A multi-valued enumerated field ("a|b", the allowed values given by the schema's pattern
// `(?:(?:^|\|)(A|B|C))+$`): items matched whatever their case and accents become the allowed spelling;
// unknown items are dropped and listed in `dropped`. Nothing when `pattern` is not such an enumeration.
std::vector<std::string> enumeration_values(std::string_view pattern);
std::string mend_enumeration(std::string_view value, const std::vector<std::string>& allowed,
                             std::vector<std::string>& dropped);

// The separator a CSV header uses: ';' when the header holds `;` between the standard's column names and no
// ','; ',' otherwise.
char detect_separator(std::string_view first_line);

}  // namespace kiosk::places
