#pragma once
// Import of the national standard for digital-mediation places:
//  - v1 CSV (UTF-8, comma separated, quoted fields, multi-valued fields separated by `|`), validated against
//  the
//    v1 Table Schema read at run time (content/standard/schema-lieux-mediation-numerique-v1.json);
//  - v0 JSON as the national map serves it (an array of objects, multi-valued fields separated by `;`),
//    validated against the v0 schema, mapped onto v1 (see v0_mapping.hpp), then validated against v1.
// A bad row is reported (file, line or record index, field, reason) and skipped; every good row is kept.
// Reading never touches a database: PlaceStore::import_file() stores the result in one transaction.
#include <cstddef>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "kiosk/core/places/place.hpp"
#include "kiosk/core/places/schema.hpp"

namespace kiosk::places {

struct Rejection {
    std::string file;
    std::size_t line = 0;    // CSV: physical line where the row starts (the header is line 1)
    std::size_t record = 0;  // JSON: index of the record in the array, from 1; CSV: data row number, from 1
    std::string id;          // the row's id when it has one
    std::string field;       // "" when the whole row is at fault
    std::string reason;
    std::string where() const;  // "file:12" or "file#3"
};

struct ImportReport {
    std::string file;
    std::string format;               // "v1-csv" or "v0-json"
    std::size_t records = 0;          // data rows read
    std::size_t accepted = 0;         // rows kept
    std::size_t rejected = 0;         // rows skipped
    std::vector<Rejection> problems;  // every problem of every skipped row (a row may have several)
    std::vector<std::string> notes;   // changes made while mapping v0 onto v1 (truncations…), rows kept
    // What was mended or dropped in rows that were kept, by kind ("telephone: national format written in the
    // standard's format" -> 112): a place is never lost for an optional field.
    std::map<std::string, std::size_t> repaired;
    std::string fatal;  // the file could not be read at all ("" when fine)

    bool ok() const { return fatal.empty(); }
    // The reasons, most frequent first: "field: reason kind" -> count (the quoted value is left out).
    std::vector<std::pair<std::string, std::size_t>> top_reasons() const;
    // A readable report: counts, top reasons, then each problem on its line.
    std::string text(std::size_t max_lines = 200) const;
};

struct ImportResult {
    std::vector<Place> places;
    ImportReport report;
};

// The standard's files (schemas) shipped with the kiosk: <source>/content/standard.
struct Standard {
    Schema v1;
    Schema v0;
    static Standard load(const std::filesystem::path& standard_dir);  // throws SchemaError
};

ImportResult read_v1_csv(const std::filesystem::path& csv, const Schema& v1);
ImportResult read_v1_csv_text(const std::string& text, const Schema& v1, const std::string& name = "<text>");
ImportResult read_v0_json(const std::filesystem::path& json, const Standard& standard);
ImportResult read_v0_json_text(const std::string& text, const Standard& standard,
                               const std::string& name = "<text>");
// Picks the reader by extension: .csv -> v1, .json -> v0.
ImportResult read_places_file(const std::filesystem::path& file, const Standard& standard);

// A v1 record (field -> value) to a Place, and back. place_from_v1 expects a valid record.
Place place_from_v1(const Record& v1);
Record to_v1_record(const Place& place);

// The v1 field names in the standard's order (the CSV header).
const std::vector<std::string>& v1_field_names();
// Writes places as a v1 CSV: header, then one row each, every field quoted as the standard's example does.
void write_v1_csv(std::ostream& out, const std::vector<Place>& places);

// "a|b" -> {"a","b"} (trimmed, empty parts dropped); and back.
std::vector<std::string> split_list(std::string_view text, char separator = '|');
std::string join_list(const std::vector<std::string>& items, char separator = '|');

}  // namespace kiosk::places
