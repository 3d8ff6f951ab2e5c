// kiosk-print-test: prints the sample ticket on a printer given as in `[devices] printer`, to check a kiosk's
// printer. Usage: kiosk-print-test <printer> [--status] [--png FILE] [--text "line"]…
//   kiosk-print-test escpos:/dev/usb/lp0?width=384
//   kiosk-print-test file:/tmp/tickets --png /tmp/preview.png
#include <cstdio>
#include <cstring>
#include <string>

#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/png.hpp"
#include "kiosk/core/printing/sample.hpp"
#include "platform/printer/ticket_printer.hpp"

int main(int argc, char** argv) {
    using namespace kiosk;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::fprintf(
            stderr,
            "usage: %s <printer> [--status] [--png FILE] [--text LINE]...\n"
            "  <printer>: file:<folder> | escpos:<device>[?width=384|576&baud=N&cut=partial|full|none] |"
            " cups:<queue>\n"
            "  --status: only ask the printer how it is\n"
            "  --png FILE: also write the ticket as a PNG\n"
            "  --text LINE: print these lines instead of the sample ticket\n",
            argv[0]);
        return 2;
    }
    bool status_only = false;
    std::string png;
    printing::Ticket ticket;
    bool custom = false;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--status"))
            status_only = true;
        else if (!std::strcmp(argv[i], "--png") && i + 1 < argc)
            png = argv[++i];
        else if (!std::strcmp(argv[i], "--text") && i + 1 < argc) {
            if (!custom) ticket = printing::Ticket{"Essai d’impression", {}, {}, {}, {}};
            custom = true;
            ticket.body(argv[++i]);
        } else {
            std::fprintf(stderr, "kiosk-print-test: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!custom) ticket = printing::sample_ticket();

    platform::MakePrinterResult made = platform::make_printer(argv[1]);
    if (!made.ok()) {
        std::fprintf(stderr, "kiosk-print-test: %s\n", made.error.c_str());
        return 2;
    }
    if (!made.printer) {
        std::fprintf(stderr, "kiosk-print-test: printer \"none\": nothing to print on\n");
        return 2;
    }
    platform::TicketPrinter& printer = *made.printer;
    const platform::PrinterStatus st = printer.status();
    std::printf("%s: %s\n", printer.describe().c_str(), st.message.c_str());
    if (status_only) return st.can_print() ? 0 : 1;

    printing::TicketRenderer renderer(printing::LayoutOptions::for_width(printer.width_dots()));
    const printing::RenderResult r = renderer.render(ticket);
    if (!r.ok()) {
        std::fprintf(stderr, "kiosk-print-test: %s\n", r.error.c_str());
        return 1;
    }
    for (char32_t c : r.missing)
        std::fprintf(stderr, "kiosk-print-test: no glyph for U+%04X\n", static_cast<unsigned>(c));
    if (!png.empty()) {
        const std::string e = printing::write_png(r.bitmap, png, printer.dpi());
        if (!e.empty())
            std::fprintf(stderr, "kiosk-print-test: %s\n", e.c_str());
        else
            std::printf("preview: %s\n", png.c_str());
    }
    const platform::PrintResult p = printer.print(r.bitmap);
    if (!p.ok()) {
        std::fprintf(stderr, "kiosk-print-test: %s\n", p.message.c_str());
        return 1;
    }
    std::printf("printed %d × %d dots\n", r.bitmap.width, r.bitmap.height);
    return 0;
}
