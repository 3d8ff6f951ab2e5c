#pragma once
// Ticket printers: one interface, adapters for an ESC/POS thermal printer on a device file, a CUPS queue, a
// folder of PNG files (tests, headless demo), and a fake for tests. Chosen by `[devices] printer`.
//
// Thread-safety: printing may take seconds, so call print() and status() from a worker thread, never the UI
// loop. There is no global state: each printer instance serialises its own calls with a mutex (one instance
// may be shared by threads), separate instances are independent. Neither call blocks forever: device I/O
// uses timeouts. libcups keeps its connection per thread.
#include <memory>
#include <string>
#include <string_view>

#include "kiosk/core/printing/bitmap.hpp"

namespace kiosk::platform {

enum class PrintError {
    none,
    not_found,     // "printer not found": no such device or queue, or it went away
    no_paper,      // "no paper"
    cover_open,    // "cover open"
    offline,       // "printer offline": stopped, in error, not accepting jobs
    cannot_write,  // "cannot write": permission, I/O error, disk full
    timeout,       // "printer does not answer"
    bad_ticket,    // the bitmap does not suit the printer (too wide, empty)
    failed,        // anything else (the message says what)
};

// The short plain words for an error ("no paper", "printer not found"…), for logs and the agent's screen.
const char* to_string(PrintError e);

struct PrintResult {
    PrintError error = PrintError::none;
    std::string message;  // plain, complete: "printer not found: /dev/usb/lp0: No such file or directory"
    bool ok() const { return error == PrintError::none; }
    static PrintResult success() { return {}; }
    static PrintResult fail(PrintError e,
                            const std::string& detail);  // message = to_string(e) + ": " + detail
};

enum class Health { ready, paper_low, no_paper, cover_open, offline, not_found, unknown };
const char* to_string(Health h);

struct PrinterStatus {
    Health health = Health::unknown;  // unknown: the device cannot tell (still worth trying to print)
    std::string message;
    bool can_print() const {
        return health == Health::ready || health == Health::paper_low || health == Health::unknown;
    }
};

class TicketPrinter {
  public:
    virtual ~TicketPrinter() = default;
    virtual std::string describe() const = 0;  // the configuration string it was made from
    virtual int width_dots() const = 0;        // render tickets at this width (384: 58 mm, 576: 80 mm)
    virtual int dpi() const { return 203; }
    // Prints one ticket; on failure says why, never throws for device or disk problems.
    virtual PrintResult print(const printing::Bitmap& ticket) = 0;
    // What the printer reports, where it can (short timeout).
    virtual PrinterStatus status() = 0;
};

struct MakePrinterResult {
    std::unique_ptr<TicketPrinter> printer;  // null for "none" (no printer: hide printing) or on error
    std::string error;                       // why the string was refused
    bool ok() const { return error.empty(); }
};

// From `[devices] printer`: "none" | "file:<folder>" | "escpos:<device>" | "escpos-tcp:<host>:<port>" |
// "cups:<queue>", each optionally
// followed by "?width=384" (default 576 dots, 80 mm paper); escpos also takes "&baud=19200" for serial ports
// and "&cut=full|partial|none". Nothing is opened here: a missing device is reported by print()/status().
MakePrinterResult make_printer(std::string_view spec);

}  // namespace kiosk::platform
