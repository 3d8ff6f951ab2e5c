#include "ticket_printing.hpp"

#include "agent_journey.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/log.hpp"

namespace kiosk::journeys {

using Kind = printing::PrintState::Kind;
using printing::PrintProblem;

void TicketPrinting::set_sink(std::shared_ptr<printing::TicketSink> sink) {
    sink_ = std::move(sink);
    reset();
}

bool TicketPrinting::print(Kiosk& kiosk, printing::Ticket ticket, const char* what) {
    if (!available() || state_.kind == Kind::Printing) return false;
    // The agent can print it again from supervised mode (forgotten with the session).
    if (auto* agent = kiosk.find<AgentJourney>()) agent->remember_ticket(ticket, what);
    last_ = std::move(ticket);
    what_ = what;
    return retry(kiosk);
}

bool TicketPrinting::retry(Kiosk& kiosk) {
    if (!available() || state_.kind == Kind::Printing || !last_) return false;
    state_ = {Kind::Printing, {}, PrintProblem::none, false};
    task_ = kiosk.tasks().run(
        TaskGroup::Citizen, "print " + what_,
        [sink = sink_, ticket = *last_](const Task&) { return sink->print(ticket); },
        [this, &kiosk](const printing::PrintOutcome& outcome) {
            if (outcome.ok()) {
                state_ = {Kind::Printed, {}, PrintProblem::none, false};
                kiosk.store().count(kiosk.today(), "tickets_printed");  // a plain counter, by day
            } else {
                state_ = {Kind::Failed, outcome.detail, outcome.problem, false};
                log::warn("printing the ", what_, " failed: ", outcome.detail);
            }
            kiosk.redraw(2);
        });
    return true;
}

void TicketPrinting::call_agent(Kiosk& kiosk) {
    if (state_.kind != Kind::Failed || state_.agent_called) return;
    state_.agent_called = true;
    log::warn("a citizen asks for an agent: the ", what_, " did not print (", state_.message, ")");
    kiosk.act(Intent{"help.call", {}}, kiosk.now());  // the same call as « Besoin d'aide ? »
    kiosk.redraw(2);
}

void TicketPrinting::reset() {
    task_.cancel();
    task_ = Task{};
    last_.reset();
    what_.clear();
    state_ = {available() ? Kind::None : Kind::NoPrinter, {}, PrintProblem::none, false};
}

const char* print_state_key(const printing::PrintState& s) {
    switch (s.kind) {
        case Kind::Printing:
            return TR_KEY("print.printing");
        case Kind::Printed:
            return TR_KEY("print.done");
        case Kind::Failed:
            break;
        case Kind::None:
        case Kind::NoPrinter:
            return "";
    }
    if (s.agent_called) return TR_KEY("print.agent_called");
    switch (s.problem) {
        case PrintProblem::no_paper:
            return TR_KEY("print.no_paper");
        case PrintProblem::cover_open:
            return TR_KEY("print.cover_open");
        case PrintProblem::offline:
        case PrintProblem::not_found:
            return TR_KEY("print.offline");
        case PrintProblem::none:
        case PrintProblem::failed:
            break;
    }
    return TR_KEY("print.failed");
}

}  // namespace kiosk::journeys
