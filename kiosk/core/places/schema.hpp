#pragma once
// A Frictionless Table Schema (the national standard's schema.json), read at run time with nlohmann-json,
// and the checks it asks for: required, pattern, type number/date, maxLength, unique (by the importer).
//
// Patterns are ECMAScript regexes (std::regex) matched against the WHOLE value, as Table Schema specifies
// (XML Schema semantics: the standard's enumeration patterns have no leading `^` on purpose). std::regex
// works on bytes: the accented literals of the patterns ("Étudiants", "à « Mon Espace Santé »") are matched
// as their UTF-8 byte sequences, which is exact; this would break only for `.` or a bracket expression meant
// to match one non-ASCII character, which these schemas do not use (tests/places/test_schema.cpp checks
// both).
//
// No regex ever runs on a whole long value: libstdc++'s std::regex recurses once per character, so a 35 KB
// value overflowed the stack. The standard's multi-valued patterns have one shape, `(?:(?:^|SEP)(A|B|…))+$`;
// it is recognised when the schema is read and checked item by item (split on SEP, each item against
// `A|B|…`), which is the same language. Other patterns only see values of at most kMaxPatternBytes, and no
// value may exceed kMaxValueBytes. Schema JSON nested deeper than kMaxJsonDepth is refused.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace kiosk::places {

struct SchemaError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct FieldRule {
    std::string name;
    std::string type = "string";  // string, number, integer, date, boolean…
    bool required = false;
    bool unique = false;
    std::optional<std::size_t> max_length;  // in characters (UTF-8 code points)
    std::string pattern_text;
    std::optional<std::regex> pattern;  // the whole pattern; used on short values only (see above)
    char list_separator = 0;            // a multi-valued pattern: its separator ('|' or ';'), else 0
    std::optional<std::regex> item;     // for a multi-valued pattern: what one item must match
};

inline constexpr std::size_t kMaxValueBytes = 64 * 1024;  // any value: larger is rejected unread
inline constexpr std::size_t kMaxPatternBytes = 1024;     // a value or a list item matched by a regex
inline constexpr int kMaxJsonDepth = 32;                  // schema and v0 files: arrays and objects

// A record: field name -> value as written ("" means missing, as Table Schema's default missingValues).
using Record = std::map<std::string, std::string, std::less<>>;

struct FieldProblem {
    std::string field;
    std::string reason;
};

class Schema {
  public:
    // Reads a schema file. Throws SchemaError (file, reason) when it is unreadable or not a Table Schema.
    static Schema load(const std::filesystem::path& file);
    static Schema parse(std::string_view json_text, const std::string& origin = "schema");

    const std::string& version() const { return version_; }
    const std::vector<FieldRule>& fields() const { return fields_; }
    const FieldRule* field(std::string_view name) const;
    std::vector<std::string> field_names() const;

    // The reason a value breaks the field's constraints, or "" when it is fine.
    static std::string check(const FieldRule& rule, std::string_view value);
    // Every problem of a record (unknown fields are ignored; uniqueness is the importer's job).
    std::vector<FieldProblem> validate(const Record& record) const;

  private:
    std::string version_;
    std::vector<FieldRule> fields_;
};

// Number of UTF-8 code points (continuation bytes are not counted).
std::size_t utf8_length(std::string_view text);
// Cuts to at most `max` code points at a word boundary, with an ellipsis ("…").
std::string cut_utf8(const std::string& text, std::size_t max);
// Whether `text` is a valid ISO date YYYY-MM-DD (a real calendar day).
bool is_iso_date(std::string_view text);
// Parses JSON, refusing nesting deeper than kMaxJsonDepth before building anything (the DOM and its
// serialisation recurse). On failure `error` says why and the result is discarded.
nlohmann::json parse_json_limited(std::string_view text, std::string& error);
// Whether `text` is a finite decimal number (Table Schema "number", without the NaN/INF spellings).
bool parse_number(std::string_view text, double& out);

}  // namespace kiosk::places
