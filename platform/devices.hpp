#pragma once
// The one place where the `[devices]` settings are read: the camera, the scanner and the printer the kiosk
// was given, built once at start. The journeys only see the core's interfaces (CodeSource, TicketSink).
#include <functional>
#include <memory>
#include <string>

#include "kiosk/core/config.hpp"
#include "kiosk/core/printing/ticket_sink.hpp"
#include "kiosk/core/scan/code_source.hpp"

namespace kiosk::platform {

struct Devices {
    // Open a source when the scan screen is shown; empty when none is configured. On failure they answer
    // nothing and say why in `error`.
    using SourceMaker = std::function<std::unique_ptr<scan::CodeSource>(std::string& error)>;
    SourceMaker camera;   // "v4l2:<device>", "replay:<folder>" (relative to the content folder) or "none"
    SourceMaker scanner;  // "serial:<device>" (a USB scanner on a serial port, 9600 bauds)
    bool keyboard_scanner = false;  // "keyboard": a scanner typing as a keyboard
    std::shared_ptr<printing::TicketSink>
        printer;  // "escpos:…", "cups:…", "file:…"; never null ("none": unavailable)
};

Devices make_devices(const Config& config);

}  // namespace kiosk::platform
