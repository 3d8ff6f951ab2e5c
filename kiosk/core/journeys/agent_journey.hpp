#pragma once
// The agent's room: the PIN pad (reached by three taps in the corner) and the agent space once unlocked.
// The PIN is checked here, in the core, never by the screen: the screen sends the keys it was given.
#include <string>

#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/agent_gate.hpp"
#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/health.hpp"
#include "kiosk/core/journey.hpp"
#include "kiosk/core/tasks.hpp"
#include "kiosk/core/printing/ticket_sink.hpp"

#include <memory>
#include <optional>

namespace kiosk::journeys {

// What the agent has typed so far; forgotten when the PIN screen is left and with the session.
struct AgentPinPad {
    std::string digits;
    std::string message_key;  // translation key of the last answer, empty for none
    int attempts_left = 0;
    bool checking = false;  // the PIN is being checked (argon2id, about 0.4 s) on a worker
    // The PIN was right and [agent] totp_secret is set: the pad now takes the 6-digit code of the agent's
    // authenticator app. Three wrong codes send the agent back to the PIN.
    bool second_factor = false;
    int code_failures = 0;
    void clear() { *this = AgentPinPad{}; }
};

// The figures of the agent page, read from the database by a task when the agent space opens, never while
// drawing it. Visits and timeouts follow the same rule as the diagnostic's: no figure of fewer than
// CitizenStore::kMinPeople people is stored, so they are counted by period, plus those not stored yet.
struct AgentFigures {
    bool loaded = false;
    CitizenStore::Grouped sessions, timeouts;        // stored, by periods of kMinPeople people
    int sessions_waiting = 0, timeouts_waiting = 0;  // counted in memory since (fewer than kMinPeople)
    diagnostic::GroupedStats diagnostics;
    bool health_loaded = false;
    std::vector<HealthLine> health;  // the device's parts, read by a task when the page opens
};

class AgentJourney final : public Journey {
  public:
    const char* name() const override { return "agent"; }
    std::vector<Screen> screens() const override { return {Screen::AgentPin, Screen::AgentHome}; }
    std::vector<Route> routes() const override { return {}; }  // the corner gesture and the PIN lead here
    void reset() override;
    void enter(Screen screen, Screen from, TimePoint now) override;
    void leave(Screen screen, Screen to, TimePoint now) override;
    // "agent.pin.digit" (a one-digit string), "agent.pin.erase", "agent.pin.ok", "agent.pin.cancel".
    void handle(const Intent& intent, TimePoint now) override;

    const AgentPinPad& pad() const { return pad_; }
    // The printer's own state, asked by a task when the agent space opens (none while asking or unprinted).
    void set_printer(std::shared_ptr<printing::TicketSink> printer) { printer_ = std::move(printer); }
    bool has_printer() const { return printer_ && printer_->available(); }
    const std::optional<printing::PrinterCheck>& printer_check() const { return printer_check_; }
    const AgentFigures& figures() const { return figures_; }

  private:
    AgentPinPad pad_;
    AgentFigures figures_;
    Task check_, figures_task_, health_task_, printer_task_;
    std::shared_ptr<printing::TicketSink> printer_;
    std::optional<printing::PrinterCheck> printer_check_;
    void answered(AgentGate::Result result);  // the PIN check's answer, on the UI thread
    void check_code(TimePoint now);           // the second factor's code
};

}  // namespace kiosk::journeys
