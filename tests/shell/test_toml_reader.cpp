// The shared validating TOML reader: what toml++ must never see, files that are not files, non-finite
// numbers, and the configuration's checks of what it points at.
#include <catch2/catch.hpp>

#include <vector>

#include <fstream>

#include "kiosk/core/config.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/toml_reader.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}
std::string all(const std::vector<ConfigError>& errors) {
    std::string s;
    for (const auto& e : errors) s += e.to_string() + "\n";
    return s;
}
// The demo configuration with `from` replaced by `to`, written beside the demo's so that its paths resolve.
ConfigResult demo_with(const test::TempDir& dir, const std::string& from, const std::string& to) {
    std::string text = *read_file(test::source_dir() / "content/demo/kiosk.toml");
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    if (const auto c = text.find("content = \"..\""); c != std::string::npos)
        text.replace(c, 14, "content = \"" + (test::source_dir() / "content").string() + "\"");
    write(dir.path / "kiosk.toml", text);
    return load_config(dir.path / "kiosk.toml");
}
}  // namespace

TEST_CASE("text that toml++ 3.3.0 cannot take is refused before it parses") {
    long line = 0;
    // toml++ reaches __builtin_unreachable on each of these (is_non_ascii_horizontal_whitespace).
    for (const std::string& bad :
         {std::string("\xC3\xA9"), std::string("a = 1\nb = tr\xC3\xA9"),
          std::string("s = \"\"\"x\\\n   \xC3\xA9\"\"\""), std::string("s = \"\"\"\\\xC3\xA9\"\"\""),
          std::string("\xC3\xA9 = 1"),
          // found by a random run against toml++ built with UBSan: quotes inside broken values
          std::string("-1=1tr\"\"\"\xC3\xA9,"), std::string("k=+.\"\"\"[[\xC3\xA9"),
          std::string("-=1.5xxx[[\'\'\'\xC3\xA9 = 1")}) {
        INFO(bad);
        CHECK(toml_text_problem(bad, &line));
    }
    CHECK(toml_text_problem("a = 1\nb = tr\xC3\xA9", &line));
    CHECK(line == 2);
    CHECK(*toml_text_problem("x = \"\xFF\"") == "is not valid UTF-8 text (save it as UTF-8)");
    CHECK(toml_text_problem("x = \"\xC0\xAF\""));      // overlong '/'
    CHECK(toml_text_problem("x = \"\xED\xA0\x80\""));  // a surrogate
    // Non-ASCII where TOML allows it stays allowed.
    CHECK_FALSE(toml_text_problem(
        "\xEF\xBB\xBF# caf\xC3\xA9\nname = \"caf\xC3\xA9\" # \xC3\xA9\n'cl\xC3\xA9' = 'caf\xC3\xA9'\n"
        "m = \"\"\"\nl\xC3\xA9\\\n  ger \\\"\xC3\xA9\\\" \"\"\"\"\nl = '''\xC3\xA9'''''\nafter = 1\n"));
    std::vector<ConfigError> errors;
    TomlReader r("x.toml", errors);
    CHECK(r.parse(
        "m = \"\"\"\nl\xC3\xA9\\\n  ger \\\"\xC3\xA9\\\" \"\"\"\"\nl = '''\xC3\xA9'''''\nafter = 1\n"));
    INFO(all(errors));
    CHECK(r.root()["after"].value<int>() == 1);
}

TEST_CASE("a configuration holding only \xC3\xA9 is a clear error, not a crash") {
    test::TempDir dir;
    write(dir.path / "kiosk.toml", "\xC3\xA9");
    ConfigResult r = load_config(dir.path / "kiosk.toml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() ==
          (dir.path / "kiosk.toml").string() +
              ":1: cannot be read: a character other than plain ASCII outside quotes or "
              "comments (put text in quotes)");
}

TEST_CASE("a folder or a device where a file should be is a clear error") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path / "kiosk.toml");
    std::string why;
    CHECK_FALSE(read_file(dir.path / "kiosk.toml", &why));
    CHECK(why == "is a folder, not a file");
    CHECK_FALSE(read_file("/dev/null", &why));
    CHECK(why == "is not a regular file");
    write(dir.path / "big", std::string(100, 'x'));
    CHECK_FALSE(read_file(dir.path / "big", &why, 99));
    CHECK(why == "is larger than 99 bytes");
    CHECK(read_file(dir.path / "big", &why, 100)->size() == 100);
    CHECK(read_file("/proc/self/status", &why)->find("VmHWM") !=
          std::string::npos);  // no size reported: read anyway

    ConfigResult r = load_config(dir.path / "kiosk.toml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() == (dir.path / "kiosk.toml").string() + ": is a folder, not a file");
}

TEST_CASE("the kiosk refuses a configuration that is a folder, cleanly") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path / "kiosk.toml");
    const std::string cmd = (test::binary_dir() / "kiosk/app/kiosk").string() + " --config " +
                            (dir.path / "kiosk.toml").string() + " --check-config 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    const int status = pclose(p);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_THAT(out, Catch::Contains("kiosk.toml: is a folder, not a file"));
}

TEST_CASE("non-finite numbers are refused in the configuration") {
    test::TempDir dir;
    ConfigResult r = demo_with(dir, "latitude = 45.6075", "latitude = nan");
    INFO(all(r.errors));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 11);
    CHECK(r.errors[0].key == "position.latitude");
    CHECK(r.errors[0].message == "must be a finite number (not nan or inf)");
    r = demo_with(dir, "longitude = 4.0653", "longitude = -inf");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].key == "position.longitude");
    CHECK(r.errors[0].message == "must be a finite number (not nan or inf)");
}

TEST_CASE("a language without a catalog is refused at check time") {
    test::TempDir dir;
    ConfigResult r = demo_with(dir, "language = \"fr\"", "language = \"de\"");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 8);
    CHECK(r.errors[0].key == "kiosk.language");
    CHECK_THAT(r.errors[0].message, Catch::StartsWith("no catalog for \"de\" in ") &&
                                        Catch::Contains("(there are: ") && Catch::Contains("en") &&
                                        Catch::Contains("fr"));
    CHECK(demo_with(dir, "language = \"fr\"", "language = \"en\"").ok());
    r = demo_with(dir, "language = \"fr\"", "language = \"fr\"");
    CHECK(r.ok());
}

TEST_CASE("a pin_hash libsodium cannot decode is refused at check time") {
    test::TempDir dir;
    const std::string good =
        "$argon2id$v=19$m=65536,t=12,p=1$s86PFDuQD0jIU8xTyTtQqA$dpFm50N97TqjWN4BDnMxXh4g15R/"
        "jzCb4Ukifn5ZJUA";  // the demo's
    for (const std::string& bad :
         {std::string("$argon2id$v=19$m=8192,t=2,p=1$garbage"),
          std::string("$argon2id$v=19$m=8192,t=2,p=1$RxcLZYs7ETnLGwb1Pw20zw$"),
          std::string("$argon2id$v=19$m=8192,t=2,p=1$RxcLZYs7ETnLGwb1Pw20zw$v7lR4PVgpUhdKf/HxY4x!!"),
          std::string("$argon2id$")}) {
        INFO(bad);
        ConfigResult r = demo_with(dir, good, bad);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].key == "agent.pin_hash");
        CHECK(r.errors[0].line == 37);
    }
}

TEST_CASE("a content folder that does not exist is refused at check time") {
    test::TempDir dir;
    ConfigResult r = demo_with(dir, "[paths]\ncontent = \"..\"", "[paths]\ncontent = \"nowhere\"  ");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].key == "paths.content");
    CHECK_THAT(r.errors[0].message, Catch::EndsWith("does not exist"));
}

TEST_CASE("a string cut after a backslash at the very end is a problem, never read past the end") {
    // Found by fuzz_config and fuzz_registry (ASan: the scan read one byte past the text). The text is copied
    // into a buffer of its exact size so that a read past it is caught by ASan builds.
    for (std::string_view cut : {"a = \"x\\", "a = \"\"\"x\\", "a = '''x", "a = \"\"\"x\"\""}) {
        std::vector<char> exact(cut.begin(), cut.end());
        long line = 0;
        CHECK(toml_text_problem(std::string_view(exact.data(), exact.size()), &line));
    }
}
