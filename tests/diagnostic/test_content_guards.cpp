// The diagnostic content goes through the shared reader: non-finite numbers, a file toml++ cannot take,
// a folder where the file should be, and a very long value are clear errors.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "kiosk/core/diagnostic/diagnostic.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::diagnostic;

namespace {
const Translator& translator() {
    static const Translator t = [] {
        Translator tr;
        std::vector<std::string> errors;
        tr.load_folder(test::source_dir() / "content/i18n", "fr", errors);
        return tr;
    }();
    return t;
}
std::vector<ConfigError> errors_with(const std::string& from, const std::string& to) {
    std::ifstream in(test::source_dir() / "content/diagnostic/diagnostic.toml");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::vector<ConfigError> errors;
    Diagnostic::parse(text, "diagnostic.toml", translator(), errors);
    return errors;
}
}  // namespace

TEST_CASE("non-finite numbers are refused in the diagnostic content") {
    auto errors = errors_with("autonome = 0.75", "autonome = nan");
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].key == "scoring.autonome");
    CHECK(errors[0].line == 16);
    CHECK(errors[0].message == "must be a finite number (not nan or inf)");
    errors = errors_with("evidence = { touch = 0.9, internet = 0.9 }",
                         "evidence = { touch = nan, internet = 0.9 }");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "must be a finite number (not nan or inf)");
    errors = errors_with("sizes_mm = [", "sizes_mm = [inf, ");
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].message == "must be a finite number (not nan or inf)");
}

TEST_CASE("a very long text key is refused without a deep regex") {
    auto errors =
        errors_with("title = \"diag.tap.title\"", "title = \"diag." + std::string(200000, 'a') + "!\"");
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("must be a translation key"));
}

TEST_CASE("a diagnostic file holding only \xC3\xA9, or that is a folder, is a clear error") {
    test::TempDir dir;
    {
        std::ofstream out(dir.path / "diagnostic.toml", std::ios::binary);
        out << "\xC3\xA9";
    }
    std::vector<ConfigError> errors;
    Diagnostic::load(dir.path, translator(), errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 1);
    CHECK_THAT(errors[0].message, Catch::StartsWith("cannot be read: a character other than plain ASCII"));
    std::filesystem::remove(dir.path / "diagnostic.toml");
    std::filesystem::create_directories(dir.path / "diagnostic.toml");
    errors.clear();
    Diagnostic::load(dir.path, translator(), errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "is a folder, not a file");
}
