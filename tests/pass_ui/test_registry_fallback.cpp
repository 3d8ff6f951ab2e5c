// An invalid issuer registry is refused whole, said with file:line: key: reason, and the kiosk goes on with
// the last good registry kept in its data folder: a genuine pass stays genuine.
#include <catch2/catch.hpp>

#include <fstream>

#include "../pass/pass_test_support.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "platform/harness.hpp"

using namespace kiosk;
using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {
std::string all(const std::vector<std::string>& problems) {
    std::string s;
    for (const auto& p : problems) s += p + "\n";
    return s;
}
}  // namespace

TEST_CASE("an invalid registry is refused and the last good one is kept") {
    kiosk::test::TempDir dir;
    const auto content = dir.path / "content", data = dir.path / "data";
    std::filesystem::create_directories(content);
    std::filesystem::copy(kiosk::test::source_dir() / "content/pass", content / "pass",
                          std::filesystem::copy_options::recursive);
    const std::string genuine = sign_payload(demo_pass(), demo_secret());

    auto good = journeys::PassContent::load(content, data, "k", kiosk::test::test_clock());
    INFO(all(good->problems));
    CHECK_FALSE(good->registry_refused);
    CHECK(good->problems.empty());
    CHECK(std::filesystem::is_regular_file(data / "pass-registry/issuers.toml"));
    CHECK(std::filesystem::is_regular_file(data / "pass-registry/keys/demo-2025.pub"));

    // The demo key file goes missing: the demo issuer would be left with no key, and every pass "forged".
    std::filesystem::remove(content / "pass/keys/demo-2025.pub");
    auto bad = journeys::PassContent::load(content, data, "k", kiosk::test::test_clock());
    const std::string said = all(bad->problems);
    INFO(said);
    CHECK(bad->registry_refused);
    CHECK_THAT(said,
               Catch::Contains((content / "pass/issuers.toml").string() + ":14: issuer[1].keys[1].file: ") &&
                   Catch::Contains("the last good registry is used (2 issuers)"));
    const Checker checker(bad->registry, bad->journal.get(), {"k", false});
    CHECK(checker.check_on(genuine, ymd(2025, 6, 15)).reason == Reason::Accepted);
    // The refused file did not replace the kept copy.
    auto again = journeys::PassContent::load(content, data, "k", kiosk::test::test_clock());
    CHECK(again->registry_refused);
    CHECK(again->registry.by_id("demo"));

    // With no good registry ever seen, nothing is trusted: unknown issuer, never "forged".
    auto none = journeys::PassContent::load(content, dir.path / "fresh", "k", kiosk::test::test_clock());
    CHECK(none->registry.issuers.empty());
    CHECK_THAT(all(none->problems), Catch::Contains("no earlier registry is kept"));
    CHECK(Checker(none->registry, nullptr, {"k", false}).check_on(genuine, ymd(2025, 6, 15)).reason ==
          Reason::UnknownIssuer);

    // A registry that is a folder is refused the same way.
    std::filesystem::remove_all(content / "pass");
    std::filesystem::create_directories(content / "pass/issuers.toml");
    auto folder = journeys::PassContent::load(content, data, "k", kiosk::test::test_clock());
    CHECK_THAT(all(folder->problems), Catch::Contains("issuers.toml: is a folder, not a file"));
    CHECK(folder->registry.by_id("aptic"));
}

TEST_CASE("a refused registry is told to the agent, with the file, the line and the key") {
    kiosk::test::TempDir data, content;
    Config config = kiosk::test::demo_config(data.path);
    for (const auto& entry : std::filesystem::directory_iterator(config.content_dir))
        if (entry.path().filename() != "pass")
            std::filesystem::create_symlink(entry.path(), content.path / entry.path().filename());
    std::filesystem::copy(config.content_dir / "pass", content.path / "pass",
                          std::filesystem::copy_options::recursive);
    std::filesystem::remove(content.path / "pass/keys/demo-2025.pub");
    config.content_dir = content.path;

    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    const ImVec2 corner = h.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) h.tap_at(corner.x, corner.y);
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(h.tap(k));
    REQUIRE(h.screen() == Screen::AgentHome);
    std::string page;
    for (const ScreenItem& item : h.app().items().items) page += item.text + "\n";
    INFO(page);
    CHECK_THAT(page, Catch::Contains("aucun pass ne peut être vérifié") &&
                         Catch::Contains("issuers.toml:14: issuer[1].keys[1].file: ") &&
                         Catch::Contains("no pass can be checked"));
    h.shot(kiosk::test::binary_dir() / "screenshots/pass", "agent-home-registry-refused");
}
