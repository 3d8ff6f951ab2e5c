#pragma once
// "cups:<queue>": sends the ticket as a PNG (with its resolution, and ppi=<dpi> for cups-filters) to a CUPS
// queue with libcups (cupsCreateJob / cupsStartDocument / cupsFinishDocument); errors carry CUPS' own text.
#include <mutex>

#include "platform/printer/ticket_printer.hpp"

namespace kiosk::platform {

class CupsPrinter : public TicketPrinter {
  public:
    explicit CupsPrinter(std::string queue, int width = 576, int dpi = 203);
    std::string describe() const override { return "cups:" + queue_; }
    int width_dots() const override { return width_; }
    int dpi() const override { return dpi_; }
    PrintResult print(const printing::Bitmap& ticket) override;
    // From the queue's printer-state, printer-state-reasons and printer-is-accepting-jobs.
    PrinterStatus status() override;

  private:
    std::string queue_;
    int width_, dpi_;
    std::mutex mutex_;
};

}  // namespace kiosk::platform
