#pragma once
// The configured printer ([devices] printer) as the screens' ticket sink: lays the ticket out at the printer's
// width, rasterises it, prints it. Thread-safe as the printer adapters are.
#include <memory>

#include "../kiosk/ui/ticket_sink.hpp"
#include "printer/ticket_printer.hpp"

namespace kiosk::platform {

class PrinterTicketSink final : public ui::TicketSink {
public:
    explicit PrinterTicketSink(const std::string& spec);
    bool available() const override { return printer_ != nullptr; }
    std::string print(const printing::Ticket& ticket) override;

private:
    std::unique_ptr<TicketPrinter> printer_;
};

}  // namespace kiosk::platform
