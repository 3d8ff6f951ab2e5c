#pragma once
// A sample ticket in the diagnostic's style, with every typographic character French needs: for tests,
// `kiosk-print-test` and checking a new printer.
#include "kiosk/core/printing/ticket.hpp"

namespace kiosk::printing {

Ticket sample_ticket();

}  // namespace kiosk::printing
