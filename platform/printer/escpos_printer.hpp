#pragma once
// "escpos:<device>": an ESC/POS thermal receipt printer on a device file (/dev/usb/lp0, a serial port…), or
// "escpos-tcp:<host>:<port>" on the network (raw TCP, usually port 9100).
// A job is: ESC @ (initialise), the ticket as GS v 0 raster images in bands (accents, pictograms and QR codes
// are dots like the rest), then GS V 66 (feed to the cutter and cut) — or ESC d (feed) when there is no
// cutter. Where the link is two-way (USB and serial devices opened for reading, TCP), the printer is asked
// before each job with DLE EOT 1 (online), 2 (offline cause: cover, paper end, error), 3 (error cause) and
// 4 (paper roll sensor: near end, end).
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
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
    std::chrono::milliseconds status_timeout{400};    // waiting for a DLE EOT answer
    std::chrono::milliseconds write_timeout{15000};   // the printer not taking data for this long = error
    std::chrono::milliseconds connect_timeout{3000};  // TCP: connecting to the printer
};

// The exact bytes sent for a ticket (the bitmap's width is padded to whole bytes with white).
std::vector<std::uint8_t> escpos_job(const printing::Bitmap& ticket, const EscPosOptions& options = {});

// The answers to DLE EOT n, one byte each (-1: none came).
struct EscPosStatusBytes {
    int online = -1;   // n = 1, printer status: 0x08 offline
    int offline = -1;  // n = 2, offline cause: 0x04 cover open, 0x20 stopped at paper end, 0x40 error
    int error = -1;    // n = 3, error cause: 0x04 mechanical, 0x08 autocutter, 0x20 unrecoverable,
                       //        0x40 auto-recoverable (head too hot…)
    int paper = -1;    // n = 4, roll paper sensor: 0x0C near end, 0x60 end
};
// What the answers say: no paper first, then cover open, an error, offline, paper running low, ready.
PrinterStatus escpos_status_from(const EscPosStatusBytes& answers);
// The older two-answer form (n = 2 and n = 4).
PrinterStatus escpos_status_from(int offline_byte, int paper_byte);

class EscPosPrinter : public TicketPrinter {
  public:
    EscPosPrinter(std::string device, EscPosOptions options = {});
    // On the network: raw TCP to host:port (the printer answers DLE EOT on the same connection).
    static std::unique_ptr<EscPosPrinter> tcp(std::string host, int port, EscPosOptions options = {});
    std::string describe() const override {
        return port_ ? "escpos-tcp:" + device_ + ":" + std::to_string(port_) : "escpos:" + device_;
    }
    int width_dots() const override { return options_.width; }
    PrintResult print(const printing::Bitmap& ticket) override;
    // Asks the printer (DLE EOT 1 to 4) on character devices and TCP; a regular file or a silent printer is
    // "unknown".
    PrinterStatus status() override;

  private:
    PrinterStatus query(int fd);
    PrintResult connect_tcp(int& fd);
    PrintResult print_tcp(const printing::Bitmap& ticket);
    std::string device_;  // the device path, or the host for TCP
    int port_ = 0;        // TCP port; 0 for a device
    EscPosOptions options_;
    std::mutex mutex_;
};

}  // namespace kiosk::platform
