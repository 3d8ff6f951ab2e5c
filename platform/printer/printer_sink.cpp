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

printing::PrinterCheck PrinterSink::check() {
    using P = printing::PrintProblem;
    printing::PrinterCheck c;
    if (!printer_) return c;
    const PrinterStatus s = printer_->status();
    c.detail = printer_->describe() + ": " + s.message;
    c.known = s.health != Health::unknown;
    switch (s.health) {
        case Health::no_paper:
            c.problem = P::no_paper;
            break;
        case Health::cover_open:
            c.problem = P::cover_open;
            break;
        case Health::offline:
            c.problem = P::offline;
            break;
        case Health::not_found:
            c.problem = P::not_found;
            break;
        case Health::paper_low:
            c.paper_low = true;
            break;
        case Health::ready:
        case Health::unknown:
            break;
    }
    return c;
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
