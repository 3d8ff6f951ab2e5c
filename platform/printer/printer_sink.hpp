#pragma once
// The configured printer ([devices] printer) as the journeys' ticket sink: lays the ticket out at the
// printer's width, rasterises it, prints it. Thread-safe as the printer adapters are.
#include <memory>

#include "kiosk/core/printing/ticket_sink.hpp"
#include "platform/printer/ticket_printer.hpp"

namespace kiosk::platform {

class PrinterSink final : public printing::TicketSink {
  public:
    explicit PrinterSink(std::unique_ptr<TicketPrinter> printer) : printer_(std::move(printer)) {}
    bool available() const override { return printer_ != nullptr; }
    std::string print(const printing::Ticket& ticket) override;

  private:
    std::unique_ptr<TicketPrinter> printer_;
};

}  // namespace kiosk::platform
