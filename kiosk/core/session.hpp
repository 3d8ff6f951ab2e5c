#pragma once
// The citizen session as a pure state machine: (state, event, now) -> (state, effects).
// No clock, no I/O: the caller passes the time and carries out the effects.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

// A screen, named by a stable id ("places-results", used in logs, tests and screenshot names). The shell's
// screens are named here; a journey names its own screens in its own files (`Screen{"about"}`), so adding one
// touches no list. The names below are those the existing journeys and tests already spell.
class Screen {
  public:
    constexpr Screen() = default;
    constexpr explicit Screen(const char* id) : id_(id) {}
    constexpr const char* id() const { return id_; }
    friend constexpr bool operator==(Screen a, Screen b) {
        return std::string_view(a.id_) == std::string_view(b.id_);
    }
    friend constexpr bool operator<(Screen a, Screen b) {
        return std::string_view(a.id_) < std::string_view(b.id_);
    }

    static const Screen Attract, Home, Language, Goodbye, AgentPin, AgentHome;  // the shell
    static const Screen DiagnosticStart, DiagnosticStep, DiagnosticResult;
    static const Screen PassStart, PassScan, PassResult;
    static const Screen PlacesNeed, PlacesWhere, PlacesCommune, PlacesResults, PlacesDetail, PlacesMap;

  private:
    const char* id_ = "attract";
};
inline constexpr Screen Screen::Attract{"attract"};       // invites to touch; no citizen session exists
inline constexpr Screen Screen::Home{"home"};             // the three big choices
inline constexpr Screen Screen::Language{"language"};     // language choice
inline constexpr Screen Screen::Goodbye{"goodbye"};       // "Merci, à bientôt"
inline constexpr Screen Screen::AgentPin{"agent-pin"};    // agent PIN entry, reached by the corner gesture
inline constexpr Screen Screen::AgentHome{"agent-home"};  // agent space once unlocked
inline constexpr Screen Screen::DiagnosticStart{"diagnostic-start"};  // "Tester mes compétences numériques"
inline constexpr Screen Screen::DiagnosticStep{"diagnostic-step"};    // one question or practical task
inline constexpr Screen Screen::DiagnosticResult{"diagnostic-result"};  // "Votre bilan"
inline constexpr Screen Screen::PassStart{"pass-start"};                // "J'ai un pass numérique"
inline constexpr Screen Screen::PassScan{"pass-scan"};  // show the pass to the camera, or type its number
inline constexpr Screen Screen::PassResult{
    "pass-result"};  // what the pass is worth, or why it cannot be used
inline constexpr Screen Screen::PlacesNeed{"places-need"};        // what the citizen needs help with
inline constexpr Screen Screen::PlacesWhere{"places-where"};      // near the kiosk, or near another commune
inline constexpr Screen Screen::PlacesCommune{"places-commune"};  // typing a commune or a postal code
inline constexpr Screen Screen::PlacesResults{"places-results"};  // the nearest places as cards
inline constexpr Screen Screen::PlacesDetail{"places-detail"};  // one place: address, hours, how to go there
inline constexpr Screen Screen::PlacesMap{"places-map"};        // the results on a map

// The shell's screens; the kiosk lists every screen, its journeys' too (Kiosk::screens()).
inline constexpr Screen kShellScreens[] = {Screen::Attract, Screen::Home,     Screen::Language,
                                           Screen::Goodbye, Screen::AgentPin, Screen::AgentHome};
inline constexpr Screen kAllScreens[] = {
    Screen::Attract,         Screen::Home,           Screen::Language,
    Screen::DiagnosticStart, Screen::DiagnosticStep, Screen::DiagnosticResult,
    Screen::PassStart,       Screen::PassScan,       Screen::PassResult,
    Screen::PlacesNeed,      Screen::PlacesWhere,    Screen::PlacesCommune,
    Screen::PlacesResults,   Screen::PlacesDetail,   Screen::PlacesMap,
    Screen::Goodbye,         Screen::AgentPin,       Screen::AgentHome};
inline const char* screen_name(Screen screen) {
    return screen.id();
}

// A way between two screens: a button on `from` opens `to`. Journeys declare theirs.
struct Route {
    Screen from, to;
};

namespace ev {
struct Input {};  // any touch, drag or key: the citizen is here
struct Start {};  // the attract (or goodbye) screen was touched
struct Open {
    Screen screen;
};  // go forward to a screen
struct Back {};
struct Home {};
struct ChooseLanguage {
    std::string code;
};
struct StillHere {};      // answer to "Êtes-vous toujours là ?"
struct Finish {};         // the citizen ends the session
struct CornerTap {};      // a tap in the agent corner
struct AgentUnlocked {};  // the PIN was right
struct AgentLeave {};     // the agent locks: back to the citizen's screen, without the agent's rights
struct AgentTakeOver {};  // supervised mode: the agent goes on with the citizen's journey (or starts one)
struct AgentEndVisit {};  // "Terminer la visite": locks and wipes the citizen's session
struct AgentSpace {};     // from a citizen screen in supervised mode: back to the agent space, no PIN
struct Tick {};           // time passed
}  // namespace ev

using Event = std::variant<ev::Input, ev::Start, ev::Open, ev::Back, ev::Home, ev::ChooseLanguage,
                           ev::StillHere, ev::Finish, ev::CornerTap, ev::AgentUnlocked, ev::AgentLeave,
                           ev::AgentTakeOver, ev::AgentEndVisit, ev::AgentSpace, ev::Tick>;

enum class Effect {
    CitizenSessionStarted,  // a new citizen session begins
    WipeCitizenData,        // forget everything about the citizen, memory and database
    LanguageChanged,        // state.language changed
    TimedOut,               // the session ended for lack of answer
    AgentAccessRequested,   // the PIN screen opened
    AgentLocked,            // the agent's rights ended (locked, visit ended, session ended or auto-lock)
    AgentAutoLocked,        // ... because nobody touched the screen for SessionTimings::agent_auto_lock
    AgentTookOver,          // supervised mode began: the agent is on the citizen's journey
};

struct SessionTimings {
    std::chrono::seconds inactivity{90};   // without input before "Êtes-vous toujours là ?"
    std::chrono::seconds still_there{30};  // countdown of that question
    std::chrono::seconds goodbye{10};      // how long "Merci, à bientôt" stays
    std::chrono::milliseconds corner_window{3000};
    int corner_taps = 3;  // taps in the corner within the window to open the PIN screen
    // Without a touch for this long, an unlocked agent space or supervised mode locks by itself.
    std::chrono::seconds agent_auto_lock{300};
};

struct SessionState {
    Screen screen = Screen::Attract;
    std::vector<Screen> history;  // for Back
    std::string language;         // current language code
    TimePoint last_input{};
    TimePoint screen_since{};
    std::optional<TimePoint> still_there_until;  // set while "Êtes-vous toujours là ?" is shown
    std::vector<TimePoint> corner_taps;
    unsigned long session_count = 0;  // sessions started since boot
    // An agent is in: unlocked on the agent space, or in supervised mode on the citizen's screens
    // ("Mode accompagné"). Every way out of the agent's rights clears it, with Effect::AgentLocked.
    bool agent_in = false;
    bool supervised() const { return agent_in && screen != Screen::AgentHome && screen != Screen::AgentPin; }
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
    // When the state may change by itself next (timeouts, each second of a visible countdown); none on
    // attract.
    std::optional<TimePoint> next_wakeup(const SessionState& state, TimePoint now) const;
    int still_there_seconds_left(const SessionState& state, TimePoint now) const;
    int goodbye_seconds_left(const SessionState& state, TimePoint now) const;
    bool can_open(Screen from, Screen to) const;  // the language choice from any journey screen, else a route
    void add_routes(const std::vector<Route>& routes);
    const SessionTimings& timings() const { return timings_; }
    const std::string& default_language() const { return default_language_; }

  private:
    SessionTimings timings_;
    std::string default_language_;
    std::vector<Route> routes_;
};

bool is_citizen_screen(Screen screen);

}  // namespace kiosk
