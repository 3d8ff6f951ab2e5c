// The session state machine: every transition, the timeouts and the wipe, with no display and no clock.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "kiosk/core/journeys/diagnostic_journey.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "kiosk/core/session.hpp"
#include "test_support.hpp"
#include "kiosk/ui/about/about.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
struct Fixture {
    SessionTimings timings{90s, 30s, 10s, 3000ms, 3};
    SessionMachine m{timings, "fr"};
    TimePoint t0 = TimePoint{} + 1h;
    SessionState s = m.initial(t0);
    std::vector<Effect> last;
    TimePoint now = t0;

    void send(const Event& e, std::chrono::milliseconds after = 1s) {
        now += after;
        Step step = m.apply(s, e, now);
        s = step.state;
        last = step.effects;
    }
    bool had(Effect e) const { return std::find(last.begin(), last.end(), e) != last.end(); }
    void start() { send(ev::Start{}); }
    Fixture() {  // the ways between screens that the kiosk's journeys declare
        m.add_routes(journeys::DiagnosticJourney{}.routes());
        m.add_routes(journeys::PassJourney{test::test_clock()}.routes());
        m.add_routes(journeys::PlacesJourney{0, 0, "", test::test_clock()}.routes());
        m.add_routes(about::AboutJourney{}.routes());
    }
};
}  // namespace

TEST_CASE("a touch on the attract screen starts a citizen session on home") {
    Fixture f;
    REQUIRE(f.s.screen == Screen::Attract);
    f.start();
    CHECK(f.s.screen == Screen::Home);
    CHECK(f.had(Effect::CitizenSessionStarted));
    CHECK(f.s.session_count == 1);
    CHECK(f.s.history.empty());
}

TEST_CASE("home opens each journey, the language choice and À propos and back returns") {
    for (Screen to :
         {Screen::DiagnosticStart, Screen::PassStart, Screen::PlacesNeed, Screen::Language, about::kScreen}) {
        Fixture f;
        f.start();
        f.send(ev::Open{to});
        CHECK(f.s.screen == to);
        f.send(ev::Back{});
        CHECK(f.s.screen == Screen::Home);
    }
}

TEST_CASE("screens can only be opened from where a button leads to them") {
    Fixture f;
    f.send(ev::Open{Screen::Home});
    CHECK(f.s.screen == Screen::Attract);  // attract only answers Start
    f.start();
    f.send(ev::Open{Screen::Goodbye});
    CHECK(f.s.screen == Screen::Home);
    f.send(ev::Open{Screen::AgentHome});
    CHECK(f.s.screen == Screen::Home);
    f.send(ev::Open{Screen::PassStart});
    f.send(ev::Open{Screen::PlacesNeed});
    CHECK(f.s.screen == Screen::PassStart);  // a journey does not open another journey
    for (Screen from : kAllScreens)
        for (Screen to : kAllScreens)
            if (f.m.can_open(from, to)) CHECK(is_citizen_screen(to));
}

TEST_CASE("back on home stays on home and Accueil clears the way back") {
    Fixture f;
    f.start();
    f.send(ev::Back{});
    CHECK(f.s.screen == Screen::Home);
    f.send(ev::Open{Screen::PassStart});
    f.send(ev::Open{Screen::Language});
    CHECK(f.s.history.size() == 2);
    f.send(ev::Home{});
    CHECK(f.s.screen == Screen::Home);
    CHECK(f.s.history.empty());
}

TEST_CASE("choosing a language changes it and returns to the screen before") {
    Fixture f;
    f.start();
    f.send(ev::Open{Screen::PlacesNeed});
    f.send(ev::Open{Screen::Language});
    f.send(ev::ChooseLanguage{"en"});
    CHECK(f.s.language == "en");
    CHECK(f.had(Effect::LanguageChanged));
    CHECK(f.s.screen == Screen::PlacesNeed);
    f.send(ev::Open{Screen::Language});
    f.send(ev::ChooseLanguage{"en"});
    CHECK_FALSE(f.had(Effect::LanguageChanged));  // same language: nothing to reload
    f.send(ev::ChooseLanguage{"de"});             // not on the language screen any more
    CHECK(f.s.language == "en");
}

TEST_CASE("after the inactivity time, the question appears and at zero everything is wiped") {
    Fixture f;
    f.start();
    f.send(ev::Open{Screen::Language});
    f.send(ev::ChooseLanguage{"en"});
    f.send(ev::Tick{}, 89s);
    CHECK_FALSE(f.s.still_there_until);
    f.send(ev::Tick{}, 1s);
    REQUIRE(f.s.still_there_until);
    CHECK(f.m.still_there_seconds_left(f.s, f.now) == 30);
    CHECK(f.m.still_there_seconds_left(f.s, f.now + 1500ms) == 29);
    f.send(ev::Tick{}, 29s);
    CHECK(f.s.screen == Screen::Home);
    f.send(ev::Tick{}, 1s);
    CHECK(f.s.screen == Screen::Attract);
    CHECK(f.had(Effect::TimedOut));
    CHECK(f.had(Effect::WipeCitizenData));
    CHECK(f.had(Effect::LanguageChanged));
    CHECK(f.s.language == "fr");
    CHECK_FALSE(f.s.still_there_until);
    CHECK(f.s.history.empty());
}

TEST_CASE("each input puts off the inactivity question") {
    Fixture f;
    f.start();
    for (int i = 0; i < 5; ++i) {
        f.send(ev::Input{}, 80s);
        f.send(ev::Tick{}, 0s);
        CHECK_FALSE(f.s.still_there_until);
    }
}

TEST_CASE("Oui, je continue keeps the session and Non, j'ai fini ends it") {
    Fixture f;
    f.start();
    f.send(ev::Open{Screen::DiagnosticStart});
    f.send(ev::Tick{}, 91s);
    REQUIRE(f.s.still_there_until);
    f.send(ev::Open{Screen::Language});  // nothing behind the question can be used
    CHECK(f.s.screen == Screen::DiagnosticStart);
    f.send(ev::StillHere{});
    CHECK_FALSE(f.s.still_there_until);
    CHECK(f.s.screen == Screen::DiagnosticStart);
    f.send(ev::Tick{}, 91s);
    REQUIRE(f.s.still_there_until);
    f.send(ev::Finish{});
    CHECK(f.s.screen == Screen::Goodbye);
    CHECK(f.had(Effect::WipeCitizenData));
}

TEST_CASE("Terminer wipes and says goodbye, which returns to attract by itself or on a touch") {
    Fixture f;
    f.start();
    f.send(ev::Finish{});
    CHECK(f.s.screen == Screen::Goodbye);
    CHECK(f.had(Effect::WipeCitizenData));
    CHECK(f.m.goodbye_seconds_left(f.s, f.now) == 10);
    f.send(ev::Tick{}, 9s);
    CHECK(f.s.screen == Screen::Goodbye);
    f.send(ev::Tick{}, 1s);
    CHECK(f.s.screen == Screen::Attract);

    f.start();
    f.send(ev::Finish{});
    f.send(ev::Start{});
    CHECK(f.s.screen == Screen::Attract);
    f.send(ev::Finish{});  // nothing to finish on attract
    CHECK(f.last.empty());
}

TEST_CASE("the attract screen has no timer and others always wake the loop") {
    Fixture f;
    CHECK_FALSE(f.m.next_wakeup(f.s, f.now));
    f.send(ev::Tick{}, 3600s);
    CHECK(f.s.screen == Screen::Attract);
    f.start();
    CHECK(f.m.next_wakeup(f.s, f.now) == f.now + 90s);
    f.send(ev::Tick{}, 90s);
    REQUIRE(f.s.still_there_until);
    // during the countdown, once per second so that the number on screen changes
    auto w = f.m.next_wakeup(f.s, f.now + 200ms);
    REQUIRE(w);
    CHECK(*w == f.now + 1s);
    f.send(ev::Finish{});
    CHECK(f.m.next_wakeup(f.s, f.now) == f.now + 1s);
}

TEST_CASE("three quick taps in the corner open the agent PIN screen, from anywhere") {
    Fixture f;
    f.send(ev::CornerTap{}, 500ms);
    f.send(ev::CornerTap{}, 500ms);
    CHECK(f.s.screen == Screen::Attract);
    f.send(ev::CornerTap{}, 500ms);
    CHECK(f.s.screen == Screen::AgentPin);
    CHECK(f.had(Effect::AgentAccessRequested));
    f.send(ev::AgentLeave{});
    CHECK(f.s.screen == Screen::Attract);

    f.start();
    f.send(ev::Open{Screen::PassStart});
    for (int i = 0; i < 3; ++i) f.send(ev::CornerTap{}, 400ms);
    CHECK(f.s.screen == Screen::AgentPin);
    f.send(ev::AgentUnlocked{});
    CHECK(f.s.screen == Screen::AgentHome);
    f.send(ev::Back{});  // agent screens have their own way out
    CHECK(f.s.screen == Screen::AgentHome);
    f.send(ev::AgentLeave{});
    CHECK(f.s.screen == Screen::PassStart);  // the agent came to help: the citizen's screen is back
}

TEST_CASE("slow or interrupted corner taps do not open the PIN screen") {
    Fixture f;
    f.send(ev::CornerTap{}, 1s);
    f.send(ev::CornerTap{}, 2s);
    f.send(ev::CornerTap{}, 2s);  // the first one is more than 3 s old
    CHECK(f.s.screen == Screen::Attract);
    f.send(ev::CornerTap{}, 100ms);
    CHECK(f.s.screen == Screen::AgentPin);

    Fixture g;
    g.start();
    g.send(ev::CornerTap{}, 100ms);
    g.send(ev::CornerTap{}, 100ms);
    g.send(ev::Open{about::kScreen}, 100ms);  // another action in between
    g.send(ev::CornerTap{}, 100ms);
    CHECK(g.s.screen == about::kScreen);
}

TEST_CASE("the agent PIN screen is wiped by inactivity like any other") {
    Fixture f;
    for (int i = 0; i < 3; ++i) f.send(ev::CornerTap{}, 100ms);
    REQUIRE(f.s.screen == Screen::AgentPin);
    f.send(ev::AgentUnlocked{}, 1s);
    f.send(ev::Tick{}, 90s);
    REQUIRE(f.s.still_there_until);
    f.send(ev::Tick{}, 30s);
    CHECK(f.s.screen == Screen::Attract);
    CHECK(f.had(Effect::WipeCitizenData));
}

TEST_CASE("screen names are distinct and stable") {
    std::set<std::string> names;
    for (Screen s : kAllScreens) names.insert(screen_name(s));
    CHECK(names.size() == std::size(kAllScreens));
    CHECK(std::string(screen_name(Screen::Attract)) == "attract");
}

TEST_CASE(
    "supervised mode: the agent takes over the citizen's journey, comes back without the PIN, hands back") {
    Fixture f;
    f.start();
    f.send(ev::Open{Screen::PassStart});
    for (int i = 0; i < 3; ++i) f.send(ev::CornerTap{}, 400ms);
    f.send(ev::AgentUnlocked{});
    REQUIRE(f.s.screen == Screen::AgentHome);
    CHECK(f.s.agent_in);
    CHECK_FALSE(f.s.supervised());  // on the agent space itself
    f.send(ev::AgentTakeOver{});
    CHECK(f.s.screen == Screen::PassStart);  // nothing of the citizen's journey is lost
    CHECK(f.had(Effect::AgentTookOver));
    CHECK(f.s.supervised());
    f.send(ev::Back{});  // the agent moves through the journey as the citizen would
    CHECK(f.s.screen == Screen::Home);
    CHECK(f.s.supervised());
    f.send(ev::Open{Screen::PlacesNeed});
    f.send(ev::AgentSpace{});  // the band's "Espace agent": no PIN while the agent is in
    CHECK(f.s.screen == Screen::AgentHome);
    f.send(ev::AgentLeave{});  // lock: back to where the agent left the citizen, rights gone
    CHECK(f.s.screen == Screen::PlacesNeed);
    CHECK(f.had(Effect::AgentLocked));
    CHECK_FALSE(f.s.agent_in);
    f.send(ev::AgentSpace{});  // no longer in: the band's way is shut
    CHECK(f.s.screen == Screen::PlacesNeed);
    for (int i = 0; i < 3; ++i) f.send(ev::CornerTap{}, 400ms);
    CHECK(f.s.screen == Screen::AgentPin);  // the PIN again
}

TEST_CASE("supervised mode from the attract screen starts a new session, Terminer la visite wipes it") {
    Fixture f;
    for (int i = 0; i < 3; ++i) f.send(ev::CornerTap{}, 400ms);
    f.send(ev::AgentUnlocked{});
    f.send(ev::AgentTakeOver{});
    CHECK(f.s.screen == Screen::Home);
    CHECK(f.had(Effect::CitizenSessionStarted));
    CHECK(f.s.session_count == 1);
    CHECK(f.s.supervised());
    f.send(ev::Open{Screen::DiagnosticStart});
    f.send(ev::CornerTap{});  // the corner too leads straight back while the agent is in
    REQUIRE(f.s.screen == Screen::AgentHome);
    f.send(ev::AgentEndVisit{});
    CHECK(f.s.screen == Screen::Attract);
    CHECK(f.had(Effect::AgentLocked));
    CHECK(f.had(Effect::WipeCitizenData));
    CHECK_FALSE(f.s.agent_in);
    CHECK(f.s.history.empty());
}

TEST_CASE("supervised mode locks by itself when untouched, and with the session's end") {
    Fixture f;
    f.timings.agent_auto_lock = 60s;
    SessionMachine m{f.timings, "fr"};
    f.m = m;
    f.start();
    for (int i = 0; i < 3; ++i) f.send(ev::CornerTap{}, 400ms);
    f.send(ev::AgentUnlocked{});
    SECTION("untouched on the agent space: locked, back to the citizen's screen") {
        REQUIRE(f.m.next_wakeup(f.s, f.now) == f.s.last_input + 60s);
        f.send(ev::Tick{}, 61s);
        CHECK(f.had(Effect::AgentAutoLocked));
        CHECK(f.had(Effect::AgentLocked));
        CHECK(f.s.screen == Screen::Home);
        CHECK_FALSE(f.s.agent_in);
    }
    SECTION("untouched in supervised mode: the band goes, the journey stays") {
        f.send(ev::AgentTakeOver{});
        f.send(ev::Tick{}, 30s);
        CHECK(f.s.supervised());
        f.send(ev::Tick{}, 31s);
        CHECK(f.had(Effect::AgentAutoLocked));
        CHECK(f.s.screen == Screen::Home);
        CHECK_FALSE(f.s.agent_in);
    }
    SECTION("the citizen's Terminer ends the agent's rights with the session") {
        f.send(ev::AgentTakeOver{});
        f.send(ev::Finish{});
        CHECK(f.s.screen == Screen::Goodbye);
        CHECK(f.had(Effect::AgentLocked));
        CHECK_FALSE(f.s.agent_in);
    }
}
