#include "ticket_sink.hpp"

#include "../kiosk/core/log.hpp"
#include "../kiosk/core/printing/layout.hpp"

namespace kiosk::platform {

PrinterTicketSink::PrinterTicketSink(const std::string& spec) {
    MakePrinterResult made = make_printer(spec);
    if (!made.ok()) log::error("printer \"", spec, "\": ", made.error);
    printer_ = std::move(made.printer);
    if (printer_) log::info("printer: ", printer_->describe());
}

std::string PrinterTicketSink::print(const printing::Ticket& ticket) {
    if (!printer_) return "no printer";
    printing::RenderResult r = printing::render_ticket(ticket, printer_->width_dots());
    if (!r.error.empty()) return r.error;
    PrintResult p = printer_->print(r.bitmap);
    if (!p.ok()) log::warn("printer: ", p.message);
    return p.ok() ? std::string() : p.message;
}

}  // namespace kiosk::platform
