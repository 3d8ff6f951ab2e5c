#include "platform/printer/cups_printer.hpp"

#include <cups/cups.h>
#include <dlfcn.h>

#include <string>

#include "kiosk/core/printing/png.hpp"

namespace kiosk::platform {
namespace {

// libcups is opened when a CUPS printer is first used, not at start: it brings TLS, Kerberos and Avahi with
// it, megabytes of memory that a kiosk printing on ESC/POS or into a folder never needs.
struct CupsApi {
    decltype(&::cupsLastErrorString) LastErrorString = nullptr;
    decltype(&::cupsGetNamedDest) GetNamedDest = nullptr;
    decltype(&::cupsGetOption) GetOption = nullptr;
    decltype(&::cupsFreeDests) FreeDests = nullptr;
    decltype(&::cupsAddOption) AddOption = nullptr;
    decltype(&::cupsCreateJob) CreateJob = nullptr;
    decltype(&::cupsFreeOptions) FreeOptions = nullptr;
    decltype(&::cupsStartDocument) StartDocument = nullptr;
    decltype(&::cupsCancelJob2) CancelJob2 = nullptr;
    decltype(&::cupsWriteRequestData) WriteRequestData = nullptr;
    decltype(&::cupsFinishDocument) FinishDocument = nullptr;
    std::string error;  // why libcups could not be loaded
};

const CupsApi& cups() {
    static const CupsApi api = [] {
        CupsApi a;
        void* lib = dlopen("libcups.so.2", RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            a.error = std::string("CUPS is not installed (") + dlerror() + ")";
            return a;
        }
        a.LastErrorString =
            reinterpret_cast<decltype(&::cupsLastErrorString)>(dlsym(lib, "cupsLastErrorString"));
        a.GetNamedDest = reinterpret_cast<decltype(&::cupsGetNamedDest)>(dlsym(lib, "cupsGetNamedDest"));
        a.GetOption = reinterpret_cast<decltype(&::cupsGetOption)>(dlsym(lib, "cupsGetOption"));
        a.FreeDests = reinterpret_cast<decltype(&::cupsFreeDests)>(dlsym(lib, "cupsFreeDests"));
        a.AddOption = reinterpret_cast<decltype(&::cupsAddOption)>(dlsym(lib, "cupsAddOption"));
        a.CreateJob = reinterpret_cast<decltype(&::cupsCreateJob)>(dlsym(lib, "cupsCreateJob"));
        a.FreeOptions = reinterpret_cast<decltype(&::cupsFreeOptions)>(dlsym(lib, "cupsFreeOptions"));
        a.StartDocument = reinterpret_cast<decltype(&::cupsStartDocument)>(dlsym(lib, "cupsStartDocument"));
        a.CancelJob2 = reinterpret_cast<decltype(&::cupsCancelJob2)>(dlsym(lib, "cupsCancelJob2"));
        a.WriteRequestData =
            reinterpret_cast<decltype(&::cupsWriteRequestData)>(dlsym(lib, "cupsWriteRequestData"));
        a.FinishDocument =
            reinterpret_cast<decltype(&::cupsFinishDocument)>(dlsym(lib, "cupsFinishDocument"));
        if (!a.LastErrorString || !a.GetNamedDest || !a.GetOption || !a.FreeDests || !a.AddOption ||
            !a.CreateJob || !a.FreeOptions || !a.StartDocument || !a.CancelJob2 || !a.WriteRequestData ||
            !a.FinishDocument)
            a.error = "libcups.so.2 lacks a function the kiosk needs";
        return a;
    }();
    return api;
}

std::string last_error() {
    const char* s = cups().LastErrorString();
    return s && *s ? s : "unknown CUPS error";
}

PrinterStatus status_of(const std::string& queue) {
    if (!cups().error.empty()) return {Health::not_found, "printer not found: " + cups().error};
    cups_dest_t* dest = cups().GetNamedDest(CUPS_HTTP_DEFAULT, queue.c_str(), nullptr);
    if (!dest)
        return {Health::not_found, "printer not found: CUPS queue " + queue + " (" + last_error() + ")"};
    const char* state = cups().GetOption("printer-state", dest->num_options, dest->options);
    const char* reasons = cups().GetOption("printer-state-reasons", dest->num_options, dest->options);
    const char* accepting = cups().GetOption("printer-is-accepting-jobs", dest->num_options, dest->options);
    const std::string why = reasons ? reasons : "";
    PrinterStatus s{Health::ready, "ready"};
    if (why.find("media-empty") != std::string::npos || why.find("media-needed") != std::string::npos)
        s = {Health::no_paper, "no paper (" + why + ")"};
    else if (why.find("door-open") != std::string::npos || why.find("cover-open") != std::string::npos)
        s = {Health::cover_open, "cover open (" + why + ")"};
    else if ((state && std::string(state) == "5") || (accepting && std::string(accepting) == "false"))
        s = {Health::offline,
             "printer stopped" + (why.empty() || why == "none" ? std::string() : " (" + why + ")")};
    else if (why.find("media-low") != std::string::npos)
        s = {Health::paper_low, "paper running low"};
    cups().FreeDests(1, dest);
    return s;
}

}  // namespace

CupsPrinter::CupsPrinter(std::string queue, int width, int dpi)
    : queue_(std::move(queue)), width_(width), dpi_(dpi) {}

PrinterStatus CupsPrinter::status() {
    std::lock_guard lock(mutex_);
    return status_of(queue_);
}

PrintResult CupsPrinter::print(const printing::Bitmap& ticket) {
    std::lock_guard lock(mutex_);
    if (ticket.empty()) return PrintResult::fail(PrintError::bad_ticket, "the ticket is empty");
    const PrinterStatus s = status_of(queue_);
    switch (s.health) {
        case Health::not_found:
            return PrintResult::fail(PrintError::not_found, "CUPS queue " + queue_ + ": " + last_error());
        case Health::no_paper:
            return PrintResult::fail(PrintError::no_paper, "CUPS queue " + queue_);
        case Health::cover_open:
            return PrintResult::fail(PrintError::cover_open, "CUPS queue " + queue_);
        case Health::offline:
            return PrintResult::fail(PrintError::offline, "CUPS queue " + queue_ + ": " + s.message);
        default:
            break;
    }
    printing::PngBytes png = printing::encode_png(ticket, dpi_);
    if (!png.ok()) return PrintResult::fail(PrintError::failed, png.error);

    cups_option_t* options = nullptr;
    int n = 0;
    n = cups().AddOption("ppi", std::to_string(dpi_).c_str(), n,
                         &options);  // print at the ticket's real size
    const int job = cups().CreateJob(CUPS_HTTP_DEFAULT, queue_.c_str(), "Ticket", n, options);
    cups().FreeOptions(n, options);
    if (job == 0) return PrintResult::fail(PrintError::failed, "CUPS queue " + queue_ + ": " + last_error());
    if (cups().StartDocument(CUPS_HTTP_DEFAULT, queue_.c_str(), job, "ticket.png", "image/png", 1) !=
        HTTP_STATUS_CONTINUE) {
        const std::string e = last_error();
        cups().CancelJob2(CUPS_HTTP_DEFAULT, queue_.c_str(), job, 0);
        return PrintResult::fail(PrintError::failed, "CUPS queue " + queue_ + ": " + e);
    }
    if (cups().WriteRequestData(CUPS_HTTP_DEFAULT, reinterpret_cast<const char*>(png.bytes.data()),
                                png.bytes.size()) != HTTP_STATUS_CONTINUE) {
        const std::string e = last_error();
        cups().FinishDocument(CUPS_HTTP_DEFAULT, queue_.c_str());
        cups().CancelJob2(CUPS_HTTP_DEFAULT, queue_.c_str(), job, 0);
        return PrintResult::fail(PrintError::cannot_write, "CUPS queue " + queue_ + ": " + e);
    }
    if (cups().FinishDocument(CUPS_HTTP_DEFAULT, queue_.c_str()) != IPP_STATUS_OK)
        return PrintResult::fail(PrintError::failed, "CUPS queue " + queue_ + ": " + last_error());
    return PrintResult::success();
}

}  // namespace kiosk::platform
