// Journeys as rooms, with no display: the kiosk routes intents to the journey they name, tells journeys when
// their screens are entered and left, and the agent's PIN is checked in the core.
#include <catch2/catch.hpp>

#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/kiosk.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
// A room that only writes down what it is told.
struct Recorder final : Journey {
    static constexpr Screen kScreen{"recorder"};
    std::vector<std::string> seen;
    const char* name() const override { return "recorder"; }
    std::vector<Screen> screens() const override { return {kScreen}; }
    std::vector<Route> routes() const override { return {{Screen::Home, kScreen}}; }
    void reset() override { seen.emplace_back("reset"); }
    void enter(Screen s, Screen from, TimePoint) override {
        seen.push_back(std::string("enter ") + s.id() + " from " + from.id());
    }
    void leave(Screen s, Screen to, TimePoint) override {
        seen.push_back(std::string("leave ") + s.id() + " to " + to.id());
    }
    void handle(const Intent& in, TimePoint) override {
        const int* n = in.as<int>();
        seen.push_back(in.name + (n ? " " + std::to_string(*n) : ""));
    }
};
}  // namespace

TEST_CASE("a registered room adds its screen and route, sees its intents, entering, leaving and the wipe") {
    test::TempDir dir;
    Kiosk kiosk(test::demo_config(dir.path), Translator{}, TimePoint{}, test::test_clock());
    Recorder& room = kiosk.emplace<Recorder>();
    TimePoint t{};
    kiosk.dispatch(ev::Start{}, t += 1s);
    kiosk.dispatch(ev::Open{Recorder::kScreen}, t += 1s);
    REQUIRE(kiosk.screen() == Recorder::kScreen);
    CHECK(kiosk.owner(Recorder::kScreen) == &room);
    kiosk.act(Intent{"recorder.pressed", 7}, t += 1s);
    kiosk.act(Intent{"nobody.pressed", 1}, t += 1s);  // no such journey: dropped
    kiosk.dispatch(ev::Finish{}, t += 1s);
    CHECK(room.seen == std::vector<std::string>{"enter recorder from home", "recorder.pressed 7", "reset",
                                                "leave recorder to goodbye"});
    const std::vector<Screen> all = kiosk.screens();
    CHECK(std::find(all.begin(), all.end(), Recorder::kScreen) != all.end());
}

TEST_CASE("the agent's PIN typed as intents is checked in the core and opens the agent space") {
    test::TempDir dir;
    Kiosk kiosk(test::demo_config(dir.path), Translator{}, TimePoint{}, test::test_clock());
    auto& agent = kiosk.emplace<journeys::AgentJourney>();
    TimePoint t{};
    for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
    REQUIRE(kiosk.screen() == Screen::AgentPin);
    for (const char* d : {"1", "1", "1", "1"})
        kiosk.act(Intent{"agent.pin.digit", std::string(d)}, t += 100ms);
    CHECK(agent.pad().digits == "1111");
    kiosk.act(Intent{"agent.pin.ok", {}}, t += 100ms);
    CHECK(agent.pad().checking);  // the hash runs on a worker, never on the UI thread
    kiosk.act(Intent{"agent.pin.digit", std::string("5")}, t += 100ms);
    CHECK(agent.pad().digits.empty());  // keys wait for the answer
    REQUIRE(kiosk.tasks().wait_idle(20s));
    kiosk.run_queue().run_pending();
    CHECK_FALSE(agent.pad().checking);
    CHECK(kiosk.screen() == Screen::AgentPin);
    CHECK(agent.pad().message_key == "agent.pin.wrong");
    CHECK(agent.pad().digits.empty());
    for (const char* d : {"2", "4", "6", "8"})
        kiosk.act(Intent{"agent.pin.digit", std::string(d)}, t += 100ms);
    kiosk.act(Intent{"agent.pin.ok", {}}, t += 100ms);
    REQUIRE(kiosk.tasks().wait_idle(20s));
    kiosk.run_queue().run_pending();
    CHECK(kiosk.screen() == Screen::AgentHome);
    CHECK(agent.pad().digits.empty());  // the pad is forgotten when its screen is left
}
