#pragma once
// RFC 4180 CSV, as the national standard publishes it: UTF-8, comma separated, fields optionally quoted with
// `"` (a quote inside a quoted field is doubled), records end with LF or CRLF, and a quoted field may span
// lines. A UTF-8 byte order mark at the start is skipped.
//
// Why hand-written: Debian's libcsv-dev (the only kept C CSV parser) would add a package and link lines to
// the shared build for ~150 lines of code, and it does not give the physical line number of each record,
// which the import report needs ("file:line: field: reason"). This reader is small, streaming and tested.
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::places::csv {

struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;  // physical line (1-based) where the record starts
};

class Reader {
  public:
    explicit Reader(std::istream& in, char separator = ',') : in_(in), sep_(separator) {}
    // Reads the next record. Returns false at the end of input. A malformed record (a quote inside an
    // unquoted field, text after a closing quote, an unterminated quoted field) sets `error` and still
    // returns the record as far as it could read it, so the caller can report it and go on.
    bool next(Record& out, std::string& error);

  private:
    int get();
    std::istream& in_;
    char sep_;
    std::size_t line_ = 1;
    bool started_ = false;
};

// Parses a whole text (tests, small files).
std::vector<Record> parse(std::string_view text, std::vector<std::string>* errors = nullptr);

// Writes one field, quoted when it holds a separator, a quote, CR or LF, or leading/trailing spaces.
void write_field(std::ostream& out, std::string_view field, char separator = ',');
// Writes a record and a CRLF-free "\n" end of line. `quote_all` quotes every field (the standard's example
// does).
void write_record(std::ostream& out, const std::vector<std::string>& fields, bool quote_all = false,
                  char separator = ',');

}  // namespace kiosk::places::csv
