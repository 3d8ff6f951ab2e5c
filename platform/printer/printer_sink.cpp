#include "platform/printer/printer_sink.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/printing/layout.hpp"

namespace kiosk::platform {

printing::PrintProblem problem_of(PrintError e) {
    using P = printing::PrintProblem;
    switch (e) {
        case PrintError::none:
            return P::none;
        case PrintError::no_paper:
            return P::no_paper;
        case PrintError::cover_open:
            return P::cover_open;
        case PrintError::offline:
        case PrintError::timeout:
            return P::offline;
        case PrintError::not_found:
            return P::not_found;
        case PrintError::cannot_write:
        case PrintError::bad_ticket:
        case PrintError::failed:
            break;
    }
    return P::failed;
}

printing::PrintOutcome PrinterSink::print(const printing::Ticket& ticket) {
    if (!printer_) return {printing::PrintProblem::not_found, "no printer"};
    printing::RenderResult r = printing::render_ticket(ticket, printer_->width_dots());
    if (!r.error.empty()) {
        log::error("ticket layout: ", r.error);
        return {printing::PrintProblem::failed, r.error};
    }
    PrintResult p = printer_->print(r.bitmap);
    if (!p.ok()) log::warn("printer ", printer_->describe(), ": ", p.message);
    return {problem_of(p.error), p.message};
}

}  // namespace kiosk::platform
