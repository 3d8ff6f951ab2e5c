// The configuration file: the demo loads; each mistake is reported with its line and key.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/core/config.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
const char* kMinimal = R"(
[kiosk]
id = "k1"
site = "Mairie"

[position]
latitude = 48.85
longitude = 2.35
commune = "75056"

[paths]
content = "content"
)";

ConfigResult parse(const std::string& text) {
    return parse_config(text, "/etc/kiosk", "kiosk.toml");
}

bool has_error(const ConfigResult& r, const std::string& key, long line, const std::string& words) {
    for (const auto& e : r.errors)
        if (e.key == key && e.line == line && e.message.find(words) != std::string::npos) return true;
    return false;
}
std::string all(const ConfigResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.to_string() + "\n";
    return s;
}
}  // namespace

TEST_CASE("the demo configuration is valid") {
    ConfigResult r = load_config(test::source_dir() / "content/demo/kiosk.toml");
    INFO(all(r));
    REQUIRE(r.ok());
    CHECK(r.config.kiosk_id == "demo-0001");
    CHECK(r.config.commune_code == "42147");
    CHECK(r.config.default_language == "fr");
    CHECK(r.config.content_dir == (test::source_dir() / "content").lexically_normal());
    CHECK(r.config.agent_pin_hash.rfind("$argon2id$", 0) == 0);
}

TEST_CASE("a minimal file gets defaults and relative paths resolve from the file's folder") {
    ConfigResult r = parse(kMinimal);
    INFO(all(r));
    REQUIRE(r.ok());
    CHECK(r.config.inactivity == std::chrono::seconds(90));
    CHECK(r.config.content_dir == std::filesystem::path("/etc/kiosk/content"));
    CHECK(r.config.data_dir.empty());
    CHECK(r.config.fullscreen);
    CHECK(r.config.devices.printer == "none");
}

TEST_CASE("an unknown key is named with its line") {
    ConfigResult r = parse(std::string(kMinimal) + "\n[timeouts]\ninactivity = 30\n");
    INFO(all(r));
    CHECK(has_error(r, "timeouts.inactivity", 15, "unknown key"));
    r = parse(std::string(kMinimal) + "\n[printer]\nkind = \"x\"\n");
    CHECK(has_error(r, "printer", 14, "unknown section"));
}

TEST_CASE("a wrong type or a value out of range is named with its line") {
    ConfigResult r =
        parse(std::string(kMinimal) + "\n[timeouts]\ninactivity_seconds = \"90\"\nstill_there_seconds = 2\n");
    INFO(all(r));
    CHECK(has_error(r, "timeouts.inactivity_seconds", 15, "whole number"));
    CHECK(has_error(r, "timeouts.still_there_seconds", 16, "between 5 and 600"));
    r = parse(std::string(kMinimal) + "\n[display]\nfullscreen = \"yes\"\n");
    CHECK(has_error(r, "display.fullscreen", 15, "true or false"));
}

TEST_CASE("required keys, commune codes, devices and log levels are checked") {
    ConfigResult r = parse("[kiosk]\nid = \"k\"\n");
    INFO(all(r));
    CHECK(has_error(r, "kiosk.site", 0, "required"));
    CHECK(has_error(r, "position.latitude", 0, "required"));
    CHECK(has_error(r, "paths.content", 0, "required"));

    std::string text = kMinimal;
    text.replace(text.find("75056"), 5, "7505");
    r = parse(text);
    CHECK(has_error(r, "position.commune", 9, "INSEE"));
    CHECK(parse(std::string(kMinimal).replace(std::string(kMinimal).find("75056"), 5, "2A004")).ok());

    r = parse(std::string(kMinimal) + "\n[devices]\nprinter = \"lp0\"\ncamera = \"v4l2:/dev/video0\"\n");
    CHECK(has_error(r, "devices.printer", 15, "not one of"));
    CHECK(r.errors.size() == 1);

    r = parse(std::string(kMinimal) + "\n[log]\nlevel = \"loud\"\n");
    CHECK(has_error(r, "log.level", 15, "one of"));
    r = parse(std::string(kMinimal) + "\n[agent]\npin_hash = \"1234\"\n");
    CHECK(has_error(r, "agent.pin_hash", 15, "argon2id"));
}

TEST_CASE("a file that is not TOML says where it breaks") {
    ConfigResult r = parse("[kiosk]\nid = \"k1\nsite = \"x\"\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().line == 2);
    CHECK(r.errors.front().to_string().rfind("kiosk.toml:2: cannot be read", 0) == 0);
    ConfigResult missing = load_config("/nonexistent/kiosk.toml");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.errors.front().message == "cannot be opened");
}

TEST_CASE("the kiosk refuses to start on a bad file and says why") {
    test::TempDir dir;
    const auto file = dir.path / "bad.toml";
    {
        std::ofstream out(file);
        out << kMinimal << "\n[timeouts]\ninactivity_seconds = 5\n";
    }
    const auto exe = test::binary_dir() / "kiosk/app/kiosk";
    const std::string cmd = exe.string() + " --config " + file.string() + " --check-config 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    int status = pclose(p);
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_THAT(out, Catch::Contains("bad.toml:15: timeouts.inactivity_seconds: must be between 10 and 3600"));
}
