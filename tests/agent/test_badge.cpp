// Agent badges: signed with the fleet's Ed25519 key; valid, expired, not yet valid, forged, revoked and
// malformed badges, and the PIN screen that asks for one before the PIN.
#include <catch2/catch.hpp>

#include "kiosk/core/badge.hpp"
#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/kiosk.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
constexpr std::int64_t kDay = 86400;
// 2026-11-18, fixed here so that nothing depends on the real date.
constexpr std::int64_t kNow = 1795000000;

const badge::Keys& fleet() {
    static const badge::Keys k = badge::new_keys();
    return k;
}
badge::Badge marie(std::int64_t from = kNow - kDay, std::int64_t until = kNow + 30 * kDay) {
    return {"FS-0421", "Marie Dupont", from, until};
}
}  // namespace

TEST_CASE("a badge signed by the fleet's key is valid within its dates, and says who it is") {
    const std::string text = badge::sign(marie(), fleet().secret_key);
    REQUIRE_THAT(text, Catch::StartsWith("KBADGE1."));
    const badge::Verdict v = badge::verify(text, fleet().public_key, {}, kNow);
    CHECK(v.check == badge::Check::Valid);
    REQUIRE(v.badge);
    CHECK(v.badge->id == "FS-0421");
    CHECK(v.badge->name == "Marie Dupont");
    CHECK(badge::verify(text + "\r\n", fleet().public_key, {}, kNow).check ==
          badge::Check::Valid);  // scanner
    CHECK(badge::verify(text, fleet().public_key, {}, kNow + 31 * kDay).check == badge::Check::Expired);
    CHECK(badge::verify(text, fleet().public_key, {}, kNow - 2 * kDay).check == badge::Check::NotYet);
    CHECK(badge::verify(text, fleet().public_key, {"FS-0001", "FS-0421"}, kNow).check ==
          badge::Check::Revoked);
    CHECK(badge::verify(text, "", {}, kNow).check == badge::Check::NotConfigured);
}

TEST_CASE("a badge signed by another key, or changed by one character, is refused") {
    const badge::Keys other = badge::new_keys();
    const std::string text = badge::sign(marie(), other.secret_key);
    CHECK(badge::verify(text, fleet().public_key, {}, kNow).check == badge::Check::Forged);
    std::string good = badge::sign(marie(), fleet().secret_key);
    // Every character of the fields or the signature changed in turn: never valid.
    int refused = 0, tried = 0;
    for (std::size_t i = std::string("KBADGE1.").size(); i < good.size(); ++i) {
        if (good[i] == '.') continue;
        std::string bad = good;
        bad[i] = bad[i] == 'A' ? 'B' : 'A';
        ++tried;
        const badge::Check c = badge::verify(bad, fleet().public_key, {}, kNow).check;
        if (c == badge::Check::Forged || c == badge::Check::Malformed) ++refused;
    }
    CHECK(tried > 80);
    CHECK(refused == tried);
    // A longer validity written in by hand: the signature no longer holds.
    badge::Badge longer = marie();
    longer.valid_until += 3650 * kDay;
    const std::string forged_fields = badge::sign(longer, other.secret_key);
    const std::string spliced =
        forged_fields.substr(0, forged_fields.rfind('.')) + good.substr(good.rfind('.'));
    CHECK(badge::verify(spliced, fleet().public_key, {}, kNow).check == badge::Check::Forged);
}

TEST_CASE("malformed badges are refused without a crash") {
    for (const std::string& text :
         {std::string(), std::string("KBADGE1."), std::string("KBADGE1.abc"), std::string("KBADGE1.!!!.???"),
          std::string("PASS:123"), std::string("KBADGE1.") + std::string(5000, 'A') + ".AAAA"})
        CHECK(badge::verify(text, fleet().public_key, {}, kNow).check == badge::Check::Malformed);
    CHECK(badge::sign({"FS\n1", "x", 0, 1}, fleet().secret_key).empty());  // no line break in a field
    CHECK(badge::sign(marie(), "not a key").empty());
    CHECK_FALSE(badge::valid_public_key("abc"));
    CHECK(badge::valid_public_key(fleet().public_key));
}

TEST_CASE(
    "with badges configured, the PIN pad waits for a valid badge, and the agent is named in the journal") {
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    config.agent_badge_public_key = fleet().public_key;
    config.agent_revoked_badges = {"FS-0666"};
    ManualWallClock wall(WallTime{std::chrono::seconds(kNow)});
    Kiosk kiosk(config, Translator{}, TimePoint{}, wall);
    auto& agent = kiosk.emplace<journeys::AgentJourney>();
    TimePoint t{};
    for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
    REQUIRE(kiosk.screen() == Screen::AgentPin);
    auto type_pin = [&] {
        for (char d : std::string("2468"))
            kiosk.act(Intent{"agent.pin.digit", std::string(1, d)}, t += 100ms);
        kiosk.act(Intent{"agent.pin.ok", {}}, t += 100ms);
        REQUIRE(kiosk.tasks().wait_idle(20s));
        kiosk.run_queue().run_pending();
    };
    REQUIRE(agent.badge_needed());
    type_pin();  // the right PIN, but no badge yet: nothing is typed, nothing opens
    CHECK(kiosk.screen() == Screen::AgentPin);
    CHECK(agent.pad().digits.empty());

    kiosk.act(Intent{"agent.badge",
                     badge::sign({"FS-0666", "Lost Badge", kNow - kDay, kNow + kDay}, fleet().secret_key)},
              t += 1s);
    CHECK(agent.pad().message_key == "agent.badge.revoked");
    kiosk.act(Intent{"agent.badge", badge::sign(marie(kNow - 60 * kDay, kNow - kDay), fleet().secret_key)},
              t += 1s);
    CHECK(agent.pad().message_key == "agent.badge.expired");
    kiosk.act(Intent{"agent.badge", badge::sign(marie(), badge::new_keys().secret_key)}, t += 1s);
    CHECK(agent.pad().message_key == "agent.badge.unknown");
    REQUIRE(agent.badge_needed());

    kiosk.act(Intent{"agent.badge", badge::sign(marie(), fleet().secret_key)}, t += 1s);
    CHECK(agent.pad().message_key == "agent.badge.ok");
    CHECK_FALSE(agent.badge_needed());
    type_pin();
    REQUIRE(kiosk.screen() == Screen::AgentHome);
    CHECK(kiosk.agent_name() == "Marie Dupont");
    kiosk.dispatch(ev::AgentLeave{}, t += 1s);
    CHECK(kiosk.agent_name().empty());  // the name goes with the rights

    kiosk.audit_flush();
    std::vector<std::pair<std::string, std::string>> got;
    auto entries = kiosk.journal().last(100);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) got.emplace_back(it->agent, it->action);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"agent", "unlock.badge.refused"}, {"agent", "unlock.badge.refused"},
        {"agent", "unlock.badge.refused"}, {"agent", "unlock.badge.ok"},
        {"agent", "unlock.pin.ok"},        {"Marie Dupont", "unlock"},
        {"Marie Dupont", "lock"}};
    CHECK(got == expected);
    CHECK(AuditJournal::verify(dir.path / "audit.sqlite").ok);
}

TEST_CASE("badge settings are checked in the configuration") {
    auto parse = [](const std::string& agent_lines) {
        const std::string text = std::string(
                                     "[kiosk]\nid = \"k\"\nsite = \"s\"\n[position]\nlatitude = 45\n"
                                     "longitude = 4\ncommune = \"42218\"\n[paths]\ncontent = \".\"\n") +
                                 "[agent]\n" + agent_lines;
        return parse_config(text, ".", "kiosk.toml");
    };
    auto has_error = [](const ConfigResult& r, const std::string& key) {
        for (const auto& e : r.errors)
            if (e.key.rfind(key, 0) == 0) return true;
        return false;
    };
    const ConfigResult good =
        parse("badge_public_key = \"" + fleet().public_key + "\"\nrevoked_badges = [\"FS-1\", \"FS-2\"]\n");
    CHECK_FALSE(has_error(good, "agent."));
    CHECK(good.config.agent_revoked_badges == std::vector<std::string>{"FS-1", "FS-2"});
    const ConfigResult bad = parse("badge_public_key = \"abc\"\nrevoked_badges = [1]\n");
    CHECK(has_error(bad, "agent.badge_public_key"));
    CHECK(has_error(bad, "agent.revoked_badges"));
    CHECK(has_error(parse("auto_lock_seconds = 5\n"), "agent.auto_lock_seconds"));
}
