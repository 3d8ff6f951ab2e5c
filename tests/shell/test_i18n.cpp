// Translations: catalogs load, plurals and fallbacks work, and no key used in code is missing anywhere.
#include <catch2/catch.hpp>

#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/core/i18n.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
std::filesystem::path i18n_dir() {
    return test::source_dir() / "content/i18n";
}

Translator shipped() {
    Translator t;
    std::vector<std::string> errors;
    t.load_folder(i18n_dir(), "fr", errors);
    if (!errors.empty()) FAIL(errors.front());
    return t;
}

// Every key the code looks up with tr("…"), trn("…", n) or tr_in(code, "…").
std::set<std::string> keys_used_in_code() {
    std::set<std::string> keys;
    const std::regex call(R"re(\b(?:tr|trn)\(\s*"([a-z0-9_.]+)")re");
    const std::regex call_in(R"re(\btr_in\([^,()]+,\s*"([a-z0-9_.]+)")re");
    const std::regex marked(R"re(\bTR_KEY\(\s*"([a-z0-9_.]+)")re");
    for (const char* folder : {"kiosk", "platform"}) {
        for (const auto& f : std::filesystem::recursive_directory_iterator(test::source_dir() / folder)) {
            const auto ext = f.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            std::ifstream in(f.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string s = text.str();
            for (const std::regex* re : {&call, &call_in, &marked})
                for (std::sregex_iterator it(s.begin(), s.end(), *re), end; it != end; ++it)
                    keys.insert((*it)[1]);
        }
    }
    // The diagnostic is defined in content: its texts are keys ("diag.…") quoted in those files.
    const std::regex content_key(R"re("(diag\.[a-z0-9_.]+)")re");
    std::error_code ec;
    for (const auto& f :
         std::filesystem::recursive_directory_iterator(test::source_dir() / "content/diagnostic", ec)) {
        if (!f.is_regular_file()) continue;
        std::ifstream in(f.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string s = text.str();
        for (std::sregex_iterator it(s.begin(), s.end(), content_key), end; it != end; ++it)
            keys.insert((*it)[1]);
    }
    return keys;
}
}  // namespace

TEST_CASE("French and English ship, with French as the fallback") {
    Translator t = shipped();
    // French first (the fallback), then every other catalog of the folder, whatever their number.
    std::set<std::string> on_disk;
    for (const auto& entry : std::filesystem::directory_iterator(i18n_dir())) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".po" && std::count(name.begin(), name.end(), '.') == 1)
            on_disk.insert(entry.path().stem().string());
    }
    const std::vector<std::string> languages = t.languages();
    REQUIRE(!languages.empty());
    CHECK(languages.front() == "fr");
    CHECK(std::set<std::string>(languages.begin(), languages.end()) == on_disk);
    CHECK(on_disk.count("en") == 1);
    CHECK(t.language() == "fr");
    CHECK(t.tr("nav.back") == "Retour");
    REQUIRE(t.set_language("en"));
    CHECK(t.tr("nav.back") == "Back");
    CHECK_FALSE(t.set_language("de"));
    CHECK(t.language() == "en");
}

TEST_CASE("every key used in code is in every shipped language") {
    Translator t = shipped();
    const std::set<std::string> keys = keys_used_in_code();
    REQUIRE(keys.size() > 40);  // the scan found the calls
    for (const std::string& code : t.languages()) {
        const Catalog* c = t.catalog(code);
        for (const std::string& key : keys) {
            INFO("language " << code << ", key " << key);
            CHECK(c->find(key) != nullptr);
        }
    }
}

TEST_CASE("shipped languages have the same keys, and none is left unused") {
    Translator t = shipped();
    const Catalog* fr = t.catalog("fr");
    const std::vector<std::string> languages = t.languages();
    REQUIRE(languages.size() >= 2);
    for (const std::string& code : languages) {
        if (code == "fr") continue;
        const Catalog* other = t.catalog(code);
        REQUIRE(other);
        for (const auto& [key, _] : fr->entries()) {
            INFO("key missing from " << code << ": " << key);
            CHECK(other->find(key));
        }
        for (const auto& [key, _] : other->entries()) {
            INFO("key of " << code << " that French lacks: " << key);
            CHECK(fr->find(key));
        }
    }
    const std::set<std::string> used = keys_used_in_code();
    for (const auto& [key, _] : fr->entries()) {
        INFO("key in fr.po that no code uses: " << key);
        CHECK(used.count(key));
    }
}

TEST_CASE("plurals follow each language's rule") {
    Translator t = shipped();
    CHECK(t.trn("goodbye.countdown", 0) == "Retour à l’accueil dans 0 seconde.");
    CHECK(t.trn("goodbye.countdown", 1) == "Retour à l’accueil dans 1 seconde.");
    CHECK(t.trn("goodbye.countdown", 2) == "Retour à l’accueil dans 2 secondes.");
    t.set_language("en");
    CHECK(t.trn("goodbye.countdown", 0) == "Back to the start in 0 seconds.");
    CHECK(t.trn("goodbye.countdown", 1) == "Back to the start in 1 second.");
}

TEST_CASE("a key missing from a language falls back to French, then to the key itself") {
    test::TempDir dir;
    std::ofstream(dir.path / "fr.po")
        << "msgid \"\"\nmsgstr \"Language: fr\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n"
           "msgid \"a\"\nmsgstr \"A fr\"\n\nmsgid \"b\"\nmsgstr \"B fr\"\n";
    std::ofstream(dir.path / "en.po")
        << "msgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgid \"a\"\nmsgstr \"A en\"\n";
    Translator t;
    std::vector<std::string> errors;
    t.load_folder(dir.path, "fr", errors);
    REQUIRE(errors.empty());
    t.set_language("en");
    CHECK(t.tr("a") == "A en");
    CHECK(t.tr("b") == "B fr");
    CHECK(t.tr("nowhere") == "nowhere");
}

TEST_CASE("a broken, fuzzy or untranslated catalog entry is reported with its file") {
    test::TempDir dir;
    std::ofstream(dir.path / "fr.po") << "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n"
                                         "#, fuzzy\nmsgid \"f\"\nmsgstr \"Flou\"\n\n"
                                         "msgid \"e\"\nmsgstr \"\"\n\nmsgid \"ok\"\nmsgstr \"Bien\"\n";
    std::vector<std::string> errors;
    Catalog c = Catalog::load(dir.path / "fr.po", errors);
    CHECK(c.find("ok"));
    CHECK_FALSE(c.find("f"));
    CHECK_FALSE(c.find("e"));
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0], Catch::Contains("fr.po") && Catch::Contains("\"f\"") && Catch::Contains("fuzzy"));
    CHECK_THAT(errors[1], Catch::Contains("\"e\"") && Catch::Contains("not translated"));

    std::ofstream(dir.path / "bad.po") << "msgid \"x\"\nmsgstr \"unterminated\n";
    errors.clear();
    Catalog::load(dir.path / "bad.po", errors);
    REQUIRE_FALSE(errors.empty());
    CHECK_THAT(errors.front(), Catch::Contains("bad.po:"));
    errors.clear();
    Catalog::load(dir.path / "missing.po", errors);
    CHECK_THAT(errors.front(), Catch::Contains("file not found"));
}

TEST_CASE("placeholders are replaced by name, others kept") {
    CHECK(format("dans {n} s à {site}", {{"n", "5"}, {"site", "Mairie"}}) == "dans 5 s à Mairie");
    CHECK(format("{n} {unknown} {", {{"n", "1"}}) == "1 {unknown} {");
}

TEST_CASE("reading a catalog leaks nothing (the header libgettextpo copies is freed)") {
    test::TempDir dir;
    const std::string padding(60000, 'x');  // a large header: a leak of it shows in the heap at once
    std::ofstream(dir.path / "fr.po")
        << "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
           "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\"X-Padding: "
        << padding << "\\n\"\n\nmsgid \"ok\"\nmsgstr \"Bien\"\n";
    std::vector<std::string> errors;
    for (int i = 0; i < 2; ++i) Catalog::load(dir.path / "fr.po", errors);  // whatever the library keeps once
    const std::size_t before = mallinfo2().uordblks;
    for (int i = 0; i < 20; ++i) CHECK(Catalog::load(dir.path / "fr.po", errors).language() == "fr");
    const std::size_t after = mallinfo2().uordblks;
    CHECK(errors.empty());
    // Two header reads per load: a leak would be 20 × 2 × 60 kB; the sanitizer build (no mallinfo) has
    // LeakSanitizer.
    CHECK(after < before + 200000);
}
