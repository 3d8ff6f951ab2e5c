#pragma once
// Where printed tickets go: the interface the journeys print through. Implemented by the platform (the
// configured printer, platform/printer/printer_sink.*); called from a task, never from the UI loop.
#include <string>

#include "kiosk/core/printing/ticket.hpp"

namespace kiosk::printing {

class TicketSink {
  public:
    virtual ~TicketSink() = default;
    virtual bool available() const = 0;                             // false when the kiosk has no printer
    virtual std::string print(const printing::Ticket& ticket) = 0;  // "" when printed, else why not, in words
};

// How the last ticket went, as the screens say it.
struct PrintState {
    enum class Kind { None, Printing, Printed, Failed, NoPrinter } kind = Kind::None;
    std::string message;
};

}  // namespace kiosk::printing
