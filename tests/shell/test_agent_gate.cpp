// The agent's PIN gate: a slow hash, lockouts that grow, and that a restart (or a clock set back) does not
// undo.
#include <catch2/catch.hpp>

#include <sodium.h>
#include <fstream>
#include <sys/stat.h>

#include "kiosk/core/agent_gate.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono;

namespace {
// A quick hash for the tests of the lockout (the gate checks any argon2id hash; the kiosk's own are slow).
std::string quick_hash(const std::string& pin) {
    REQUIRE(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(out, pin.c_str(), pin.size(), 1, 8192, crypto_pwhash_ALG_ARGON2ID13) == 0);
    return out;
}
struct Wall {
    system_clock::time_point now = system_clock::time_point{} + seconds(1'800'000'000);  // a fixed date
    AgentGate::WallClock clock() {
        return [this] { return now; };
    }
};
}  // namespace

TEST_CASE("wrong PINs lock the gate, for twice as long each time, until the right PIN") {
    AgentGate gate(quick_hash("246813"), 3, seconds(60));
    TimePoint t{};
    CHECK(gate.check("111111", t) == AgentGate::Result::Wrong);
    CHECK(gate.attempts_left() == 2);
    CHECK(gate.check("222222", t) == AgentGate::Result::Wrong);
    CHECK(gate.check("333333", t) == AgentGate::Result::LockedOut);
    CHECK(gate.lockout_seconds_left(t) == 60);
    CHECK(gate.check("246813", t + seconds(30)) ==
          AgentGate::Result::LockedOut);  // even the right one, meanwhile
    t += seconds(60);
    for (int i = 0; i < 2; ++i) CHECK(gate.check("000000", t) == AgentGate::Result::Wrong);
    CHECK(gate.check("000000", t) == AgentGate::Result::LockedOut);
    CHECK(gate.lockout_seconds_left(t) == 120);
    CHECK(gate.lockouts() == 2);
    t += seconds(120);
    CHECK(gate.check("246813", t) == AgentGate::Result::Unlocked);
    CHECK(gate.lockouts() == 0);
    CHECK(gate.attempts_left() == 3);
}

TEST_CASE("failed tries and lockouts survive a restart, a clock set back does not shorten a lockout") {
    test::TempDir dir;
    const auto file = dir.path / "agent-lockout";
    const std::string hash = quick_hash("246813");
    Wall wall;
    {
        AgentGate gate(hash, 3, seconds(60), file, TimePoint{}, wall.clock());
        CHECK(gate.check("111111", TimePoint{}) == AgentGate::Result::Wrong);
        CHECK(gate.check("111111", TimePoint{}) == AgentGate::Result::Wrong);
    }
    {
        // Switched off and on: not a fresh set of tries.
        AgentGate gate(hash, 3, seconds(60), file, TimePoint{}, wall.clock());
        CHECK(gate.attempts_left() == 1);
        CHECK(gate.check("111111", TimePoint{}) == AgentGate::Result::LockedOut);
    }
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(std::filesystem::exists(file.string() + ".tmp"));  // written beside, then renamed
    const TimePoint later = TimePoint{} + hours(5);  // another boot: the steady clock started again
    wall.now += seconds(10);
    {
        AgentGate gate(hash, 3, seconds(60), file, later, wall.clock());
        CHECK(gate.lockout_seconds_left(later) == 50);
        CHECK(gate.check("246813", later) == AgentGate::Result::LockedOut);
    }
    wall.now -= hours(1);  // the clock set back before the lockout began: it starts again in full
    {
        AgentGate gate(hash, 3, seconds(60), file, later, wall.clock());
        CHECK(gate.lockout_seconds_left(later) == 60);
    }
    wall.now += hours(2);  // long after: over, but the next lockout is twice as long
    {
        AgentGate gate(hash, 3, seconds(60), file, later, wall.clock());
        CHECK(gate.lockout_seconds_left(later) == 0);
        for (int i = 0; i < 2; ++i) CHECK(gate.check("999999", later) == AgentGate::Result::Wrong);
        CHECK(gate.check("999999", later) == AgentGate::Result::LockedOut);
        CHECK(gate.lockout_seconds_left(later) == 120);
    }
}

TEST_CASE("a damaged lockout file does not lock agents out for good") {
    test::TempDir dir;
    const auto file = dir.path / "agent-lockout";
    std::ofstream(file) << "failures 99999999999999999999\nlocked_from x\n\x01\x02";
    AgentGate gate(quick_hash("246813"), 3, seconds(60), file);
    CHECK(gate.lockout_seconds_left(TimePoint{}) == 0);
    CHECK(gate.check("246813", TimePoint{}) == AgentGate::Result::Unlocked);
}

TEST_CASE("PINs are hashed with the strong parameters, and long PINs are welcome") {
    const std::string hash = AgentGate::hash_pin("2468135790246813");  // 16 digits
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK_THAT(hash, Catch::Contains("m=65536,t=12,p=1"));
    CHECK(AgentGate::hash_is_current(hash));
    CHECK_FALSE(AgentGate::hash_is_current(quick_hash("2468")));
    AgentGate gate(hash, 3, seconds(60));
    CHECK(gate.check("2468135790246813", TimePoint{}) == AgentGate::Result::Unlocked);
    // The demo configuration's hash is made with them too.
    CHECK(AgentGate::hash_is_current(test::demo_config(test::TempDir().path).agent_pin_hash));
}
