#include "platform/printer/ticket_printer.hpp"

#include <charconv>
#include <vector>

#include "platform/printer/cups_printer.hpp"
#include "platform/printer/escpos_printer.hpp"
#include "platform/printer/folder_printer.hpp"

namespace kiosk::platform {

const char* to_string(PrintError e) {
    switch (e) {
        case PrintError::none:
            return "ok";
        case PrintError::not_found:
            return "printer not found";
        case PrintError::no_paper:
            return "no paper";
        case PrintError::cover_open:
            return "cover open";
        case PrintError::offline:
            return "printer offline";
        case PrintError::cannot_write:
            return "cannot write";
        case PrintError::timeout:
            return "printer does not answer";
        case PrintError::bad_ticket:
            return "ticket does not fit the printer";
        case PrintError::failed:
            return "printing failed";
    }
    return "printing failed";
}

const char* to_string(Health h) {
    switch (h) {
        case Health::ready:
            return "ready";
        case Health::paper_low:
            return "paper low";
        case Health::no_paper:
            return "no paper";
        case Health::cover_open:
            return "cover open";
        case Health::offline:
            return "offline";
        case Health::not_found:
            return "printer not found";
        case Health::unknown:
            return "unknown";
    }
    return "unknown";
}

PrintResult PrintResult::fail(PrintError e, const std::string& detail) {
    PrintResult r;
    r.error = e;
    r.message = to_string(e);
    if (!detail.empty()) r.message += ": " + detail;
    return r;
}

namespace {

bool to_int(std::string_view s, int& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

MakePrinterResult make_printer(std::string_view spec) {
    MakePrinterResult r;
    auto refuse = [&](const std::string& why) {
        r.error = "printer \"" + std::string(spec) + "\": " + why;
        return std::move(r);
    };
    if (spec == "none") return r;
    const std::size_t colon = spec.find(':');
    if (colon == std::string_view::npos)
        return refuse(
            "expected none, file:<folder>, escpos:<device>, escpos-tcp:<host>:<port> or cups:<queue>");
    const std::string_view scheme = spec.substr(0, colon);
    std::string_view target = spec.substr(colon + 1);
    std::string_view query;
    if (const std::size_t q = target.rfind('?'); q != std::string_view::npos) {
        query = target.substr(q + 1);
        target = target.substr(0, q);
    }
    int width = 576, baud = 0;
    Cut cut = Cut::partial;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view kv = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const std::size_t eq = kv.find('=');
        const std::string_view key = kv.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : kv.substr(eq + 1);
        if (key == "width") {
            if (!to_int(value, width) || width < 128 || width > 2048)
                return refuse("width must be a number of dots between 128 and 2048 (384: 58 mm, 576: 80 mm)");
        } else if (key == "baud" && scheme == "escpos") {  // serial ports only
            if (!to_int(value, baud) ||
                !(baud == 9600 || baud == 19200 || baud == 38400 || baud == 57600 || baud == 115200))
                return refuse("baud must be 9600, 19200, 38400, 57600 or 115200");
        } else if (key == "cut" && (scheme == "escpos" || scheme == "escpos-tcp")) {
            if (value == "partial")
                cut = Cut::partial;
            else if (value == "full")
                cut = Cut::full;
            else if (value == "none")
                cut = Cut::none;
            else
                return refuse("cut must be partial, full or none");
        } else {
            return refuse("unknown option \"" + std::string(key) + "\"");
        }
    }
    if (scheme == "file") {
        if (target.empty()) return refuse("file: needs a folder, e.g. file:/var/lib/kiosk/tickets");
        r.printer = std::make_unique<FolderPrinter>(std::string(target), width);
    } else if (scheme == "escpos") {
        if (target.empty() || target.front() != '/')
            return refuse("escpos: needs a device path, e.g. escpos:/dev/usb/lp0");
        EscPosOptions o;
        o.width = width;
        o.baud = baud;
        o.cut = cut;
        r.printer = std::make_unique<EscPosPrinter>(std::string(target), o);
    } else if (scheme == "escpos-tcp") {
        const std::size_t c = target.rfind(':');
        int port = 0;
        if (c == std::string_view::npos || c == 0 || !to_int(target.substr(c + 1), port) || port < 1 ||
            port > 65535)
            return refuse("escpos-tcp: needs a host and a port, e.g. escpos-tcp:192.168.1.50:9100");
        std::string_view host = target.substr(0, c);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);
        EscPosOptions o;
        o.width = width;
        o.cut = cut;
        r.printer = EscPosPrinter::tcp(std::string(host), port, o);
    } else if (scheme == "cups") {
        if (target.empty()) return refuse("cups: needs a queue name, e.g. cups:ticket");
        r.printer = std::make_unique<CupsPrinter>(std::string(target), width);
    } else {
        return refuse("unknown kind \"" + std::string(scheme) +
                      "\" (expected none, file:, escpos:, escpos-tcp: or cups:)");
    }
    return r;
}

}  // namespace kiosk::platform
