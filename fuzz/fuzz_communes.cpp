// libFuzzer target: the communes gazetteer (content/communes.tsv), then the suggestion index built from what
// was read, asked for the first letters of each name and each postal code.
#include "fuzz_support.hpp"
#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/search/communes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    const auto file = kiosk::fuzz::write_scratch("communes.tsv", kiosk::fuzz::as_text(data, size));
    std::vector<std::string> errors;
    std::vector<kiosk::places::Commune> communes = kiosk::places::load_communes(file, errors);
    const kiosk::search::CommuneIndex index(communes);
    std::size_t asked = 0;
    for (const kiosk::places::Commune& c : index.communes()) {
        if (++asked > 32) break;
        for (const auto& s : index.suggest(c.name.substr(0, 3))) (void)s.label();
        for (const auto& s : index.suggest(c.name + " " + c.department)) (void)s.label();
        if (!c.postal_codes.empty()) (void)index.suggest(c.postal_codes.front());
    }
    return 0;
}
