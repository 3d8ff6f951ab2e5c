#pragma once
// "escpos:<device>": an ESC/POS thermal receipt printer on a device file (/dev/usb/lp0, a serial port…).
// A job is: ESC @ (initialise), the ticket as GS v 0 raster images in bands, then GS V 66 (feed to the
// cutter and cut) — or ESC d (feed) when there is no cutter. Status comes from DLE EOT on devices that
// answer.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "platform/printer/ticket_printer.hpp"

namespace kiosk::platform {

enum class Cut { partial, full, none };

struct EscPosOptions {
    int width = 576;         // dots: 384 (58 mm) or 576 (80 mm)
    int band_rows = 128;     // rows per GS v 0 image (printer buffers are small)
    Cut cut = Cut::partial;  // partial: the ticket stays hanging, it does not fall to the floor
    int feed_lines = 4;      // with Cut::none: blank lines so the ticket clears the tear bar
    int baud = 0;            // serial ports only: 0 = leave the port's speed as it is
    std::chrono::milliseconds status_timeout{400};   // waiting for a DLE EOT answer
    std::chrono::milliseconds write_timeout{15000};  // the printer not taking data for this long = error
};

// The exact bytes sent for a ticket (the bitmap's width is padded to whole bytes with white).
std::vector<std::uint8_t> escpos_job(const printing::Bitmap& ticket, const EscPosOptions& options = {});

// Decodes DLE EOT answers: n = 2 (offline cause) and n = 4 (paper roll sensor). -1 = no answer.
PrinterStatus escpos_status_from(int offline_byte, int paper_byte);

class EscPosPrinter : public TicketPrinter {
  public:
    EscPosPrinter(std::string device, EscPosOptions options = {});
    std::string describe() const override { return "escpos:" + device_; }
    int width_dots() const override { return options_.width; }
    PrintResult print(const printing::Bitmap& ticket) override;
    // Asks the printer (DLE EOT 2 and 4) on character devices; a regular file or a silent device is
    // "unknown".
    PrinterStatus status() override;

  private:
    PrinterStatus query(int fd);
    std::string device_;
    EscPosOptions options_;
    std::mutex mutex_;
};

}  // namespace kiosk::platform
