// libFuzzer target: a places file in the v1 CSV of the national standard (content/places/*.csv), read and
// validated against the shipped v1 schema, as the kiosk imports it at start.
#include "fuzz_support.hpp"
#include "kiosk/core/places/csv.hpp"
#include "kiosk/core/places/import.hpp"

using namespace kiosk::places;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    static const Standard standard = Standard::load(kiosk::fuzz::source_dir() / "content/standard");
    const std::string text(kiosk::fuzz::as_text(data, size));
    std::vector<std::string> errors;
    (void)csv::parse(text, &errors);
    ImportResult r = read_v1_csv_text(text, standard.v1, "fuzz.csv");
    (void)r.report.text();
    for (const Place& p : r.places) (void)to_v1_record(p);
    return 0;
}
