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
#include "device_probe.hpp"
#include "kiosk/core/scan/decoder.hpp"
#include "kiosk/core/scan/source_runner.hpp"

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
// "Synchroniser maintenant": each step's line as it comes back (the outbox, the bookings, the fleet's…).
struct SyncReport {
    bool running = false;
    bool done = false;
    int waiting = 0;                 // steps not back yet
    std::vector<std::string> lines;  // in the kiosk's language, in the order they came back
};

// The test ticket of "Imprimer un test": the kiosk, its site, the time, every accent and a QR code, so that
// one look at the paper says the printer, its fonts and its dots are right.
printing::Ticket test_ticket(const Translator& t, const Config& config, WallTime now);

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
    // "agent.badge" (the text a scanner read on the PIN screen), "agent.reprint" (on the agent space),
    // "agent.print_test" ("Imprimer un test"), "agent.sync" ("Synchroniser maintenant").
    void handle(const Intent& intent, TimePoint now) override;

    const AgentPinPad& pad() const { return pad_; }
    bool badge_needed() const;  // badges are configured and none was shown yet
    // The printer's own state, asked by a task when the agent space opens (none while asking or unprinted).
    void set_printer(std::shared_ptr<printing::TicketSink> printer) {
        printer_ = printer;
        test_print_.set_sink(printer);
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
    const TicketPrinting& test_print() const { return test_print_; }
    const SyncReport& sync() const { return sync_; }

    // The devices, for their health and for a badge shown to the camera on the PIN screen (read by the same
    // decoder as a pass; a "KBADGE1." text goes the way of a scanner's).
    void set_devices(SourceMaker camera, SourceMaker serial_scanner, bool keyboard_scanner) {
        camera_maker_ = std::move(camera);
        scanner_maker_ = std::move(serial_scanner);
        keyboard_scanner_ = keyboard_scanner;
    }
    void note_scanned(WallTime at) { last_scan_at_ = at; }  // a scanner typing as a keyboard gave a text
    bool camera_reading() const { return badge_camera_ != nullptr; }  // the PIN screen's camera is on

  private:
    AgentPinPad pad_;
    AgentFigures figures_;
    Task check_, figures_task_, health_task_, printer_task_, bars_task_;
    std::shared_ptr<printing::TicketSink> printer_;
    std::optional<printing::PrinterCheck> printer_check_;
    std::optional<printing::Ticket> last_ticket_;
    std::string last_what_;
    TicketPrinting reprint_, test_print_;
    SyncReport sync_;
    Task sync_task_;
    SourceMaker camera_maker_, scanner_maker_;
    bool keyboard_scanner_ = false;
    std::optional<WallTime> last_scan_at_;
    std::unique_ptr<scan::Decoder> badge_decoder_;
    std::unique_ptr<scan::SourceRunner> badge_camera_;
    void start_badge_camera();
    void stop_badge_camera();
    void check_health();
    void start_sync(TimePoint now);
    void sync_line(std::string line);
    void answered(AgentGate::Result result);  // the PIN check's answer, on the UI thread
    void check_code(TimePoint now);           // the second factor's code
    void check_badge(const std::string& text);
    void unlocked(TimePoint now);  // every factor given: the agent is in
};

}  // namespace kiosk::journeys
