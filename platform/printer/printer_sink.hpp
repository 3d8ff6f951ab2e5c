#pragma once
// The configured printer ([devices] printer) as the journeys' ticket sink: lays the ticket out at the
// printer's width, rasterises it, prints it. Thread-safe as the printer adapters are.
#include <memory>

#include "kiosk/core/printing/ticket_sink.hpp"
#include "platform/printer/ticket_printer.hpp"

namespace kiosk::platform {

// The citizen-facing kind of a printer error.
printing::PrintProblem problem_of(PrintError e);

class PrinterSink final : public printing::TicketSink {
  public:
    explicit PrinterSink(std::unique_ptr<TicketPrinter> printer) : printer_(std::move(printer)) {}
    bool available() const override { return printer_ != nullptr; }
    printing::PrintOutcome print(const printing::Ticket& ticket) override;
    printing::PrinterCheck check() override;
    TicketPrinter* printer() const { return printer_.get(); }

  private:
    std::unique_ptr<TicketPrinter> printer_;
};

}  // namespace kiosk::platform
