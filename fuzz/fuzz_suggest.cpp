// libFuzzer target: what a citizen types on the on-screen keyboard to find a commune, against the shipped
// gazetteer (content/communes.tsv): folding, postal codes, department suffixes, labels.
#include "fuzz_support.hpp"
#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/search/communes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    static const kiosk::search::CommuneIndex index = [] {
        std::vector<std::string> errors;
        return kiosk::search::CommuneIndex(
            kiosk::places::load_communes(kiosk::fuzz::source_dir() / "content/communes.tsv", errors));
    }();
    const std::string_view typed = kiosk::fuzz::as_text(data, size);
    (void)kiosk::search::fold(typed);
    for (const auto& s : index.suggest(typed, 8)) {
        if (!s.commune) __builtin_trap();
        (void)s.label();
    }
    kiosk::search::Suggestion few[2];
    (void)index.suggest(typed, few);
    return 0;
}
