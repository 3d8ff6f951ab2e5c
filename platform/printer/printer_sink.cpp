#include "platform/printer/printer_sink.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/printing/layout.hpp"

namespace kiosk::platform {

std::string PrinterSink::print(const printing::Ticket& ticket) {
    if (!printer_) return "no printer";
    printing::RenderResult r = printing::render_ticket(ticket, printer_->width_dots());
    if (!r.error.empty()) return r.error;
    PrintResult p = printer_->print(r.bitmap);
    if (!p.ok()) log::warn("printer: ", p.message);
    return p.ok() ? std::string() : p.message;
}

}  // namespace kiosk::platform
