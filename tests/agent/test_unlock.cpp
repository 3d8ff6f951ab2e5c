// Unlocking with the PIN and the authenticator app's code, through the core as the screens do it, and every
// attempt, success and failure in the audit journal, in order.
#include <catch2/catch.hpp>

#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/kiosk.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

const char* kSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // RFC 6238's SHA-1 secret, base32

std::int64_t unix_now(const WallClock& wall) {
    return std::chrono::duration_cast<std::chrono::seconds>(wall.now().time_since_epoch()).count();
}

void type(Kiosk& kiosk, const std::string& digits, TimePoint& t) {
    for (char d : digits) kiosk.act(Intent{"agent.pin.digit", std::string(1, d)}, t += 100ms);
    kiosk.act(Intent{"agent.pin.ok", {}}, t += 100ms);
    REQUIRE(kiosk.tasks().wait_idle(20s));
    kiosk.run_queue().run_pending();
}

std::vector<std::string> actions(Kiosk& kiosk) {
    kiosk.audit_flush();
    std::vector<std::string> out;
    auto entries = kiosk.journal().last(100);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) out.push_back(it->action);
    return out;
}

}  // namespace

TEST_CASE("With a TOTP secret, the PIN then the app's code open the agent space, all of it is journaled") {
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    config.agent_totp_secret = kSecret;
    ManualWallClock wall(test::test_date());
    Kiosk kiosk(config, Translator{}, TimePoint{}, wall);
    auto& agent = kiosk.emplace<journeys::AgentJourney>();
    REQUIRE(kiosk.second_factor());
    const totp::Secret secret = *totp::base32_decode(kSecret);
    TimePoint t{};
    for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
    REQUIRE(kiosk.screen() == Screen::AgentPin);

    type(kiosk, "1111", t);  // a wrong PIN
    CHECK(agent.pad().message_key == "agent.pin.wrong");
    CHECK_FALSE(agent.pad().second_factor);

    type(kiosk, "2468", t);  // the right PIN: the code is asked, the space stays shut
    CHECK(kiosk.screen() == Screen::AgentPin);
    CHECK(agent.pad().second_factor);

    SECTION("the code of now opens it; the same code does not open it again") {
        const std::string code = totp::code_at(secret, unix_now(wall));
        type(kiosk, code, t);
        CHECK(kiosk.screen() == Screen::AgentHome);
        CHECK_FALSE(agent.pad().second_factor);
        kiosk.dispatch(ev::AgentLeave{}, t += 1s);
        CHECK(actions(kiosk) == std::vector<std::string>{"unlock.pin.wrong", "unlock.pin.ok",
                                                         "unlock.code.ok", "unlock", "lock"});
        // The same code once more, after the PIN again: refused as used.
        for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
        type(kiosk, "2468", t);
        REQUIRE(agent.pad().second_factor);
        type(kiosk, code, t);
        CHECK(kiosk.screen() == Screen::AgentPin);
        CHECK(agent.pad().message_key == "agent.code.replayed");
    }
    SECTION("a code 30 s late still opens (clock skew), one 2 minutes old does not") {
        type(kiosk, totp::code_at(secret, unix_now(wall) - 120), t);
        CHECK(kiosk.screen() == Screen::AgentPin);
        CHECK(agent.pad().message_key == "agent.code.wrong");
        type(kiosk, totp::code_at(secret, unix_now(wall) - 30), t);
        CHECK(kiosk.screen() == Screen::AgentHome);
    }
    SECTION("three wrong codes send back to the PIN") {
        const std::string good = totp::code_at(secret, unix_now(wall));
        const std::string bad = good == "000000" ? "111111" : "000000";
        for (int i = 0; i < 3; ++i) type(kiosk, bad, t);
        CHECK_FALSE(agent.pad().second_factor);
        CHECK(agent.pad().message_key == "agent.code.again");
        type(kiosk, good, t);  // typed as a PIN now: wrong, and counted against the PIN's attempts
        CHECK(kiosk.screen() == Screen::AgentPin);
        CHECK(agent.pad().message_key == "agent.pin.wrong");
        CHECK(actions(kiosk) == std::vector<std::string>{"unlock.pin.wrong", "unlock.pin.ok",
                                                         "unlock.code.wrong", "unlock.code.wrong",
                                                         "unlock.code.wrong", "unlock.pin.wrong"});
    }
    SECTION("leaving the pad while the code is asked is journaled, and the next visit asks the PIN again") {
        kiosk.act(Intent{"agent.pin.cancel", {}}, t += 100ms);
        CHECK(kiosk.screen() != Screen::AgentPin);
        for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
        CHECK_FALSE(agent.pad().second_factor);
        CHECK(actions(kiosk).back() == "unlock.abandoned");
    }
    // Whatever happened, the chain holds.
    kiosk.audit_flush();
    CHECK(AuditJournal::verify(dir.path / "audit.sqlite").ok);
}

TEST_CASE("Without a TOTP secret the PIN alone opens, and the journal survives the kiosk") {
    test::TempDir dir;
    {
        Kiosk kiosk(test::demo_config(dir.path), Translator{}, TimePoint{}, test::test_clock());
        kiosk.emplace<journeys::AgentJourney>();
        CHECK_FALSE(kiosk.second_factor());
        TimePoint t{};
        for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
        type(kiosk, "2468", t);
        CHECK(kiosk.screen() == Screen::AgentHome);
        kiosk.dispatch(ev::AgentLeave{}, t += 1s);
    }  // the kiosk stops: what was queued is written
    const auto v = AuditJournal::verify(dir.path / "audit.sqlite");
    CHECK(v.ok);
    CHECK(v.entries == 3);  // unlock.pin.ok, unlock, lock
    AuditJournal j(dir.path / "audit.sqlite");
    const auto last = j.last(1);
    REQUIRE(last.size() == 1);
    CHECK(last[0].action == "lock");
    CHECK(last[0].target == test::demo_config(dir.path).kiosk_id);
}

TEST_CASE("A TOTP secret is checked in the configuration") {
    auto parse = [](const std::string& agent_lines) {
        const std::string text = std::string(
                                     "[kiosk]\nid = \"k\"\nsite = \"s\"\n[position]\nlatitude = 45\n"
                                     "longitude = 4\ncommune = \"42218\"\n[paths]\ncontent = \".\"\n") +
                                 "[agent]\n" + agent_lines;
        return parse_config(text, ".", "kiosk.toml");
    };
    const std::string pin =
        "pin_hash = \"$argon2id$v=19$m=65536,t=12,p=1$s86PFDuQD0jIU8xTyTtQqA$dpFm50N97TqjWN4BDnMxXh4g15R/"
        "jzCb4Ukifn5ZJUA\"\n";
    auto has_error = [](const ConfigResult& r, const std::string& key) {
        for (const auto& e : r.errors)
            if (e.key == key) return true;
        return false;
    };
    CHECK_FALSE(has_error(parse(pin + "totp_secret = \"" + kSecret + "\"\n"), "agent.totp_secret"));
    CHECK(has_error(parse(pin + "totp_secret = \"not base32!\"\n"), "agent.totp_secret"));
    CHECK(has_error(parse(pin + "totp_secret = \"GEZDGNBV\"\n"), "agent.totp_secret"));  // 40 bits: too short
    CHECK(
        has_error(parse(std::string("totp_secret = \"") + kSecret + "\"\n"), "agent.totp_secret"));  // no PIN
}
