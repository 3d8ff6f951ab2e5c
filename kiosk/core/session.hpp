#pragma once
// The citizen session as a pure state machine: (state, event, now) -> (state, effects).
// No clock, no I/O: the caller passes the time and carries out the effects.
#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

enum class Screen {
    Attract,          // invites to touch; no citizen session exists
    Home,             // the three big choices
    Language,         // language choice
    DiagnosticStart,  // "Tester mes compétences numériques"
    DiagnosticStep,   // one question or practical task of the diagnostic
    DiagnosticResult, // "Votre bilan": what you do well, what a mediator can help with
    PassStart,        // "J'ai un pass numérique"
    PassScan,         // show the pass to the camera, or type its number
    PassResult,       // what the pass is worth and until when, or why it cannot be used
    PlacesStart,      // "Trouver un lieu d'aide près de chez moi"
    PlacesNeed,       // what the citizen needs help with
    PlacesWhere,      // near the kiosk, or near another commune
    PlacesCommune,    // typing a commune or a postal code, with suggestions
    PlacesResults,    // the nearest places as cards
    PlacesDetail,     // one place: address, hours, how to go there
    PlacesMap,        // the results on a map
    About,            // "À propos": who runs the kiosk, data sources and licences
    Goodbye,          // "Merci, à bientôt"
    AgentPin,         // agent PIN entry, reached by the corner gesture
    AgentHome,        // agent space once unlocked
};
inline constexpr Screen kAllScreens[] = {
    Screen::Attract,     Screen::Home,          Screen::Language,      Screen::DiagnosticStart, Screen::DiagnosticStep,
    Screen::DiagnosticResult, Screen::PassStart, Screen::PassScan, Screen::PassResult,
    Screen::PlacesStart, Screen::PlacesNeed,    Screen::PlacesWhere,   Screen::PlacesCommune,   Screen::PlacesResults,
    Screen::PlacesDetail, Screen::PlacesMap,    Screen::About,         Screen::Goodbye,         Screen::AgentPin,
    Screen::AgentHome};
const char* screen_name(Screen screen);  // stable English id, used in logs, tests and screenshot names

namespace ev {
struct Input {};                  // any touch, drag or key: the citizen is here
struct Start {};                  // the attract (or goodbye) screen was touched
struct Open { Screen screen; };   // go forward to a screen
struct Back {};
struct Home {};
struct ChooseLanguage { std::string code; };
struct StillHere {};              // answer to "Êtes-vous toujours là ?"
struct Finish {};                 // the citizen ends the session
struct CornerTap {};              // a tap in the agent corner
struct AgentUnlocked {};          // the PIN was right
struct AgentLeave {};
struct Tick {};                   // time passed
}  // namespace ev

using Event = std::variant<ev::Input, ev::Start, ev::Open, ev::Back, ev::Home, ev::ChooseLanguage, ev::StillHere,
                           ev::Finish, ev::CornerTap, ev::AgentUnlocked, ev::AgentLeave, ev::Tick>;

enum class Effect {
    CitizenSessionStarted,  // a new citizen session begins
    WipeCitizenData,        // forget everything about the citizen, memory and database
    LanguageChanged,        // state.language changed
    TimedOut,               // the session ended for lack of answer
    AgentAccessRequested,   // the PIN screen opened
};

struct SessionTimings {
    std::chrono::seconds inactivity{90};       // without input before "Êtes-vous toujours là ?"
    std::chrono::seconds still_there{30};      // countdown of that question
    std::chrono::seconds goodbye{10};          // how long "Merci, à bientôt" stays
    std::chrono::milliseconds corner_window{3000};
    int corner_taps = 3;                       // taps in the corner within the window to open the PIN screen
};

struct SessionState {
    Screen screen = Screen::Attract;
    std::vector<Screen> history;                 // for Back
    std::string language;                        // current language code
    TimePoint last_input{};
    TimePoint screen_since{};
    std::optional<TimePoint> still_there_until;  // set while "Êtes-vous toujours là ?" is shown
    std::vector<TimePoint> corner_taps;
    unsigned long session_count = 0;             // sessions started since boot
};

struct Step {
    SessionState state;
    std::vector<Effect> effects;
};

class SessionMachine {
public:
    SessionMachine(SessionTimings timings, std::string default_language);

    Step apply(const SessionState& state, const Event& event, TimePoint now) const;
    SessionState initial(TimePoint now) const;
    // When the state may change by itself next (timeouts, each second of a visible countdown); none on attract.
    std::optional<TimePoint> next_wakeup(const SessionState& state, TimePoint now) const;
    int still_there_seconds_left(const SessionState& state, TimePoint now) const;
    int goodbye_seconds_left(const SessionState& state, TimePoint now) const;
    static bool can_open(Screen from, Screen to);
    const SessionTimings& timings() const { return timings_; }
    const std::string& default_language() const { return default_language_; }

private:
    SessionTimings timings_;
    std::string default_language_;
};

bool is_citizen_screen(Screen screen);

// A journey's start screen leads to its first step once that journey is built; until then the start
// screen says so plainly instead of showing a button that leads nowhere.
bool journey_available(Screen start);
Screen journey_first_step(Screen start);  // screens that belong to a citizen session (not attract, agent)

}  // namespace kiosk
