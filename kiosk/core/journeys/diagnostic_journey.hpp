#pragma once
// The self-diagnostic journey: the content's session, the micro-task being measured, and the result.
// UI-free: the screens send intents ("diagnostic.tap", "diagnostic.answer"…) and the journey measures, from
// the kiosk's steady clock, how the citizen did.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/diagnostic/diagnostic.hpp"
#include "kiosk/core/printing/ticket.hpp"
#include "kiosk/core/printing/ticket_sink.hpp"
#include "kiosk/core/tasks.hpp"
#include "kiosk/core/journey.hpp"
#include "kiosk/core/journeys/ticket_printing.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {
class CitizenStore;
class Translator;
}  // namespace kiosk

namespace kiosk::journeys {

// What is being measured during the current micro-task.
struct TaskProgress {
    TimePoint shown{};      // when the step (or the current target) appeared
    std::size_t index = 0;  // tap targets: which target; icons: which icon
    diagnostic::TapTargetsOutcome taps;
    diagnostic::IconsOutcome icons;
    int attempts = 0;     // drag: drops so far
    int corrections = 0;  // typing: letters erased
    std::string typed;    // typing
};

class DiagnosticJourney final : public Journey {
  public:
    // The room: its screens and routes, the wipe, entering its steps (a new diagnostic) and its result
    // (counted once), and the intents of its screens.
    const char* name() const override { return "diagnostic"; }
    std::vector<Screen> screens() const override;
    std::vector<Route> routes() const override;
    void enter(Screen screen, Screen from, TimePoint now) override;
    void handle(const Intent& intent, TimePoint now) override;
    std::function<void()> swap(const ContentPlace& from) override;

    void set_content(std::shared_ptr<const diagnostic::Diagnostic> diagnostic,
                     std::vector<std::string> problems);
    bool ready() const { return diagnostic_ != nullptr; }
    const std::vector<std::string>& problems() const { return problems_; }
    const diagnostic::Diagnostic* content() const { return diagnostic_.get(); }

    void start(TimePoint now);  // a new diagnostic from its first step
    bool running() const { return session_ != nullptr && !session_->finished(); }
    const diagnostic::Step* step() const;
    diagnostic::Progress progress() const;
    const TaskProgress& task() const { return task_; }

    // What the citizen did on the current step; each moves to the next step. Returns false if it did not fit.
    bool answer(std::size_t choice, TimePoint now);
    bool record(const diagnostic::TaskOutcome& outcome, TimePoint now);
    bool back(TimePoint now);

    // Once the last step is done: the result (stats recorded once into the anonymous counters).
    const std::optional<diagnostic::DiagnosticResult>& result() const { return result_; }
    void finish(CitizenStore& store, const std::string& day);
    // The summary ticket: the date in words, levels in words, what to work on, the nearest places that help
    // with it (when the places are loaded), and the QR payload for a mediator; no name.
    printing::Ticket ticket(const Translator& t, const std::string& date_iso) const;

    void reset() override;  // the session wipe

    // The summary ticket is printed as a task ("diagnostic.print", "diagnostic.print.retry",
    // "diagnostic.print.agent") on the kiosk's printer.
    void set_printer(std::shared_ptr<printing::TicketSink> printer) {
        printing_.set_sink(std::move(printer));
    }
    const printing::PrintState& print_state() const { return printing_.state(); }

  private:
    void after_step(TimePoint now);
    int ms_since_shown(TimePoint now) const;
    std::shared_ptr<const diagnostic::Diagnostic> diagnostic_;
    std::vector<std::string> problems_;
    std::unique_ptr<diagnostic::Session> session_;
    TaskProgress task_;
    std::optional<diagnostic::DiagnosticResult> result_;
    bool stats_recorded_ = false;
    TicketPrinting printing_;
    void print();
};

}  // namespace kiosk::journeys
