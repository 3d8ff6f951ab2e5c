// libFuzzer target: a places file in the v0 JSON the national map serves, validated against the v0 schema,
// mapped onto v1 and validated again (kiosk-content import-v0, and the kiosk's import of *.json).
#include "fuzz_support.hpp"
#include "kiosk/core/places/import.hpp"

using namespace kiosk::places;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    static const Standard standard = Standard::load(kiosk::fuzz::source_dir() / "content/standard");
    ImportResult r = read_v0_json_text(std::string(kiosk::fuzz::as_text(data, size)), standard, "fuzz.json");
    (void)r.report.text();
    return 0;
}
