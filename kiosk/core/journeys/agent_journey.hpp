#pragma once
// The agent's room: the PIN pad (reached by three taps in the corner) and the agent space once unlocked.
// The PIN is checked here, in the core, never by the screen: the screen sends the keys it was given.
#include <string>

#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/agent_gate.hpp"
#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/health.hpp"
#include "kiosk/core/stats_export.hpp"
#include "kiosk/core/journey.hpp"
#include "kiosk/core/tasks.hpp"
#include "kiosk/core/printing/ticket_sink.hpp"
#include "ticket_printing.hpp"

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
    // [agent] badge_public_key is set: a signed badge is shown to the scanner before the PIN ("agent.badge"
    // with the scanned text). The badge's holder is the agent named in the band and the journal.
    std::string badge_id, badge_name;
    std::string badge_message_name;  // {name} of message_key
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
    // The bar charts: visits, finished diagnostics, tickets printed and calls for help over the last 8 ISO
    // weeks (this one last), read by a task; weeks of fewer than 5 are "fewer than 5", never a number.
    bool bars_loaded = false;
    std::vector<std::pair<std::string, std::vector<WeekBar>>> bars;  // metric, its weeks
};
inline constexpr const char* kChartMetrics[] = {"sessions_started", "diag.finished", "tickets_printed",
                                                "help_requests"};

class AgentJourney final : public Journey {
  public:
    const char* name() const override { return "agent"; }
    std::vector<Screen> screens() const override { return {Screen::AgentPin, Screen::AgentHome}; }
    std::vector<Route> routes() const override { return {}; }  // the corner gesture and the PIN lead here
    void reset() override;
    void enter(Screen screen, Screen from, TimePoint now) override;
    void leave(Screen screen, Screen to, TimePoint now) override;
    // "agent.pin.digit" (a one-digit string), "agent.pin.erase", "agent.pin.ok", "agent.pin.cancel",
    // "agent.badge" (the text a scanner read on the PIN screen), "agent.reprint" (on the agent space).
    void handle(const Intent& intent, TimePoint now) override;

    const AgentPinPad& pad() const { return pad_; }
    bool badge_needed() const;  // badges are configured and none was shown yet
    // The printer's own state, asked by a task when the agent space opens (none while asking or unprinted).
    void set_printer(std::shared_ptr<printing::TicketSink> printer) {
        printer_ = printer;
        reprint_.set_sink(std::move(printer));
    }
    bool has_printer() const { return printer_ && printer_->available(); }
    const std::optional<printing::PrinterCheck>& printer_check() const { return printer_check_; }
    const AgentFigures& figures() const { return figures_; }

    // Supervised mode. The screen the agent space was opened from is a journey's (not the attract or
    // goodbye screen): "Reprendre le parcours de la personne", else "Commencer un parcours avec la personne".
    bool citizen_screen_on() const;
    // The last ticket printed (or tried) for the citizen, printed again by "agent.reprint" on the agent's
    // printer; forgotten with the session.
    void remember_ticket(const printing::Ticket& ticket, const char* what);
    bool can_reprint() const { return last_ticket_.has_value() && has_printer(); }
    const TicketPrinting& reprint() const { return reprint_; }

  private:
    AgentPinPad pad_;
    AgentFigures figures_;
    Task check_, figures_task_, health_task_, printer_task_, bars_task_;
    std::shared_ptr<printing::TicketSink> printer_;
    std::optional<printing::PrinterCheck> printer_check_;
    std::optional<printing::Ticket> last_ticket_;
    std::string last_what_;
    TicketPrinting reprint_;
    void answered(AgentGate::Result result);  // the PIN check's answer, on the UI thread
    void check_code(TimePoint now);           // the second factor's code
    void check_badge(const std::string& text);
    void unlocked(TimePoint now);  // every factor given: the agent is in
};

}  // namespace kiosk::journeys
