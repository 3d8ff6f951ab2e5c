#pragma once
// Where printed tickets go: the interface the journeys print through. Implemented by the platform (the
// configured printer, platform/printer/printer_sink.*); called from a task, never from the UI loop.
#include <string>

#include "kiosk/core/printing/ticket.hpp"

namespace kiosk::printing {

// What went wrong, in the few kinds a citizen is told about (kindly, in their language); the detail is for
// the log and the agent only.
enum class PrintProblem { none, no_paper, cover_open, offline, not_found, failed };

struct PrintOutcome {
    PrintProblem problem = PrintProblem::none;
    std::string detail;  // technical, English: "printer not found: /dev/usb/lp0: No such file or directory"
    bool ok() const { return problem == PrintProblem::none; }
};

// What the printer says of itself (for the agent), where the link is two-way.
struct PrinterCheck {
    bool known = false;  // false: the printer cannot tell (a spooler, a silent printer, a file)
    PrintProblem problem = PrintProblem::none;
    bool paper_low = false;  // still prints
    std::string detail;      // technical, English
};

class TicketSink {
  public:
    virtual ~TicketSink() = default;
    // Asks the printer (may take a second: call it from a task).
    virtual PrinterCheck check() { return {}; }
    virtual bool available() const = 0;                              // false when the kiosk has no printer
    virtual PrintOutcome print(const printing::Ticket& ticket) = 0;  // none when printed
};

// How the last ticket went, as the screens say it.
struct PrintState {
    enum class Kind { None, Printing, Printed, Failed, NoPrinter } kind = Kind::None;
    std::string message;                        // the technical detail of a failure (log, agent), never shown
    PrintProblem problem = PrintProblem::none;  // what the citizen is told
    bool agent_called = false;                  // "Appeler un agent" was touched for this failure
};

}  // namespace kiosk::printing
