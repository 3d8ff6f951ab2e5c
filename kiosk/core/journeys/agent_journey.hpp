#pragma once
// The agent's room: the PIN pad (reached by three taps in the corner) and the agent space once unlocked.
// The PIN is checked here, in the core, never by the screen: the screen sends the keys it was given.
#include <string>

#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/journey.hpp"

namespace kiosk::journeys {

// What the agent has typed so far; forgotten when the PIN screen is left and with the session.
struct AgentPinPad {
    std::string digits;
    std::string message_key;  // translation key of the last answer, empty for none
    int attempts_left = 0;
    void clear() { *this = AgentPinPad{}; }
};

// Today's figures, read from the database when the agent space opens, never while drawing it.
struct AgentFigures {
    int sessions_today = 0, timeouts_today = 0;
    diagnostic::GroupedStats diagnostics;
};

class AgentJourney final : public Journey {
  public:
    const char* name() const override { return "agent"; }
    std::vector<Screen> screens() const override { return {Screen::AgentPin, Screen::AgentHome}; }
    std::vector<Route> routes() const override { return {}; }  // the corner gesture and the PIN lead here
    void reset() override { pad_.clear(); }
    void enter(Screen screen, Screen from, TimePoint now) override;
    void leave(Screen screen, Screen to, TimePoint now) override;
    // "agent.pin.digit" (a one-digit string), "agent.pin.erase", "agent.pin.ok", "agent.pin.cancel".
    void handle(const Intent& intent, TimePoint now) override;

    const AgentPinPad& pad() const { return pad_; }
    const AgentFigures& figures() const { return figures_; }

  private:
    AgentPinPad pad_;
    AgentFigures figures_;
};

}  // namespace kiosk::journeys
