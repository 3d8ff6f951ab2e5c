#include "platform/printer/cups_printer.hpp"

#include <cups/cups.h>

#include "kiosk/core/printing/png.hpp"

namespace kiosk::platform {
namespace {

std::string last_error() {
    const char* s = cupsLastErrorString();
    return s && *s ? s : "unknown CUPS error";
}

PrinterStatus status_of(const std::string& queue) {
    cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue.c_str(), nullptr);
    if (!dest) return {Health::not_found, "printer not found: CUPS queue " + queue + " (" + last_error() + ")"};
    const char* state = cupsGetOption("printer-state", dest->num_options, dest->options);
    const char* reasons = cupsGetOption("printer-state-reasons", dest->num_options, dest->options);
    const char* accepting = cupsGetOption("printer-is-accepting-jobs", dest->num_options, dest->options);
    const std::string why = reasons ? reasons : "";
    PrinterStatus s{Health::ready, "ready"};
    if (why.find("media-empty") != std::string::npos || why.find("media-needed") != std::string::npos)
        s = {Health::no_paper, "no paper (" + why + ")"};
    else if (why.find("door-open") != std::string::npos || why.find("cover-open") != std::string::npos)
        s = {Health::cover_open, "cover open (" + why + ")"};
    else if ((state && std::string(state) == "5") || (accepting && std::string(accepting) == "false"))
        s = {Health::offline, "printer stopped" + (why.empty() || why == "none" ? std::string() : " (" + why + ")")};
    else if (why.find("media-low") != std::string::npos)
        s = {Health::paper_low, "paper running low"};
    cupsFreeDests(1, dest);
    return s;
}

}  // namespace

CupsPrinter::CupsPrinter(std::string queue, int width, int dpi) : queue_(std::move(queue)), width_(width), dpi_(dpi) {}

PrinterStatus CupsPrinter::status() {
    std::lock_guard lock(mutex_);
    return status_of(queue_);
}

PrintResult CupsPrinter::print(const printing::Bitmap& ticket) {
    std::lock_guard lock(mutex_);
    if (ticket.empty()) return PrintResult::fail(PrintError::bad_ticket, "the ticket is empty");
    const PrinterStatus s = status_of(queue_);
    switch (s.health) {
        case Health::not_found: return PrintResult::fail(PrintError::not_found, "CUPS queue " + queue_ + ": " + last_error());
        case Health::no_paper: return PrintResult::fail(PrintError::no_paper, "CUPS queue " + queue_);
        case Health::cover_open: return PrintResult::fail(PrintError::cover_open, "CUPS queue " + queue_);
        case Health::offline: return PrintResult::fail(PrintError::offline, "CUPS queue " + queue_ + ": " + s.message);
        default: break;
    }
    printing::PngBytes png = printing::encode_png(ticket, dpi_);
    if (!png.ok()) return PrintResult::fail(PrintError::failed, png.error);

    cups_option_t* options = nullptr;
    int n = 0;
    n = cupsAddOption("ppi", std::to_string(dpi_).c_str(), n, &options);  // print at the ticket's real size
    const int job = cupsCreateJob(CUPS_HTTP_DEFAULT, queue_.c_str(), "Ticket", n, options);
    cupsFreeOptions(n, options);
    if (job == 0) return PrintResult::fail(PrintError::failed, "CUPS queue " + queue_ + ": " + last_error());
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, queue_.c_str(), job, "ticket.png", "image/png", 1) != HTTP_STATUS_CONTINUE) {
        const std::string e = last_error();
        cupsCancelJob2(CUPS_HTTP_DEFAULT, queue_.c_str(), job, 0);
        return PrintResult::fail(PrintError::failed, "CUPS queue " + queue_ + ": " + e);
    }
    if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, reinterpret_cast<const char*>(png.bytes.data()), png.bytes.size()) !=
        HTTP_STATUS_CONTINUE) {
        const std::string e = last_error();
        cupsFinishDocument(CUPS_HTTP_DEFAULT, queue_.c_str());
        cupsCancelJob2(CUPS_HTTP_DEFAULT, queue_.c_str(), job, 0);
        return PrintResult::fail(PrintError::cannot_write, "CUPS queue " + queue_ + ": " + e);
    }
    if (cupsFinishDocument(CUPS_HTTP_DEFAULT, queue_.c_str()) != IPP_STATUS_OK)
        return PrintResult::fail(PrintError::failed, "CUPS queue " + queue_ + ": " + last_error());
    return PrintResult::success();
}

}  // namespace kiosk::platform
