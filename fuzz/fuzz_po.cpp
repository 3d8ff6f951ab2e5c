// libFuzzer target: a gettext catalog (content/i18n/*.po) read with libgettextpo, then looked up as the
// screens do (plain keys and plurals).
#include "fuzz_support.hpp"
#include "kiosk/core/i18n.hpp"

// libgettextpo 0.21 (Debian 12) leaks by itself, whoever calls it: the copy of each file name it lexes
// (po-lex.c, lex_start) and the strings its parser holds when a syntax error makes it recover
// (po_gram_parse). Those are suppressed; they are only recognised with full stacks (the library has no frame
// pointers). A catalog the kiosk forgot to free would still fail: its po_file_t is allocated outside the
// parser. (Full stacks: ~20 inputs/s.)
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libgettextpo_lex_start\nleak:libgettextpo_po_gram_parse\n";
}
extern "C" const char* __asan_default_options() {
    return "fast_unwind_on_malloc=0";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    const auto file = kiosk::fuzz::write_scratch("fuzz.fr.po", kiosk::fuzz::as_text(data, size));
    std::vector<std::string> errors;
    kiosk::Catalog c = kiosk::Catalog::load(file, errors);
    (void)c.plural_index(0);
    (void)c.plural_index(2);
    std::vector<std::string> keys;
    for (const auto& [key, entry] : c.entries()) {
        keys.push_back(key);
        if (keys.size() == 16) break;
    }
    kiosk::Translator t;
    const std::string language = c.language().empty() ? "fr" : c.language();
    t.add(std::move(c));
    (void)t.set_language(language);
    for (const std::string& k : keys) {
        (void)t.tr(k);
        (void)t.trn(k, 3);
        (void)kiosk::format(t.tr(k), {{"n", "5"}});
    }
    return 0;
}
