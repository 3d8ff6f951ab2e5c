#pragma once
// One ticket being printed for the citizen, shared by the journeys that print (a place, the places that take
// a pass, the diagnostic's summary): the printing runs as a task (a thermal printer takes seconds, a missing
// one a timeout), its answer comes back on the UI thread. A failure keeps the ticket, so "Réessayer" prints
// it again; "Appeler un agent" sends a call for help (as « Besoin d'aide ? » does) and logs the technical
// detail for the agent, which the citizen never sees.
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/printing/ticket.hpp"
#include "kiosk/core/printing/ticket_sink.hpp"
#include "kiosk/core/tasks.hpp"

namespace kiosk {
class Kiosk;
}

namespace kiosk::journeys {

class TicketPrinting {
  public:
    ~TicketPrinting() { task_.cancel(); }  // its answer would find nobody
    void set_sink(std::shared_ptr<printing::TicketSink> sink);
    bool available() const { return sink_ && sink_->available(); }
    const printing::PrintState& state() const { return state_; }

    // Prints `ticket` (what: "place ticket", for the log). False when there is no printer or one is printing.
    bool print(Kiosk& kiosk, printing::Ticket ticket, const char* what);
    bool retry(Kiosk& kiosk);  // the last ticket again (after a failure, or another copy)
    void call_agent(Kiosk& kiosk);
    void reset();  // the wipe: the ticket and its state are forgotten, a printing under way is dropped

  private:
    std::shared_ptr<printing::TicketSink> sink_;
    printing::PrintState state_;
    std::optional<printing::Ticket> last_;
    std::string what_;
    Task task_;
};

// The citizen's words for a print state: "Impression en cours…", "Votre ticket est imprimé.", "L'imprimante
// n'a plus de papier. Un agent peut vous aider."… Translation keys (print.*), empty for Kind::None/NoPrinter.
const char* print_state_key(const printing::PrintState& state);

}  // namespace kiosk::journeys
