#pragma once
// Where printed tickets go: provided by the platform (a printer adapter), called from a worker thread.
#include <string>

#include "kiosk/core/printing/ticket.hpp"

namespace kiosk::ui {

class TicketSink {
public:
    virtual ~TicketSink() = default;
    virtual bool available() const = 0;                         // false when the kiosk has no printer
    virtual std::string print(const printing::Ticket& ticket) = 0;  // "" when printed, else why not, in words
};

}  // namespace kiosk::ui
