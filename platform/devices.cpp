#include "devices.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "platform/printer/printer_sink.hpp"
#include "scanner/serial_source.hpp"
#include "scanner/v4l2_source.hpp"

namespace kiosk::platform {

namespace {
bool starts(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}
}  // namespace

Devices make_devices(const Config& config) {
    Devices d;
    const std::string& camera = config.devices.camera;
    if (starts(camera, "replay:")) {
        std::filesystem::path folder = camera.substr(7);
        if (folder.is_relative()) folder = config.content_dir / folder;
        d.camera = [folder](std::string&) -> std::unique_ptr<scan::CodeSource> {
            return std::make_unique<scan::ReplaySource>(
                scan::image_files(folder), scan::ReplayOptions{std::chrono::milliseconds(66), true});
        };
    } else if (starts(camera, "v4l2:")) {  // 1280×720, YUYV
        CameraOptions options;
        options.device = camera.substr(5);
        d.camera = [options](std::string&) -> std::unique_ptr<scan::CodeSource> {
            return std::make_unique<V4l2Source>(options);
        };
    } else if (camera != "none") {
        d.camera = [camera](std::string& error) -> std::unique_ptr<scan::CodeSource> {
            error = "unknown camera \"" + camera + "\"";
            return nullptr;
        };
    }

    const std::string& scanner = config.devices.scanner;
    if (starts(scanner, "serial:")) {
        SerialOptions options;
        options.device = scanner.substr(7);
        d.scanner = [options](std::string&) -> std::unique_ptr<scan::CodeSource> {
            return std::make_unique<SerialSource>(options);
        };
    }
    d.keyboard_scanner = scanner == "keyboard";

    const std::string& printer = config.devices.printer;
    MakePrinterResult made = make_printer(printer);
    if (!made.ok()) log::error("printer \"", printer, "\": ", made.error);
    if (made.printer) log::info("printer: ", made.printer->describe());
    d.printer = std::make_shared<PrinterSink>(std::move(made.printer));
    return d;
}

}  // namespace kiosk::platform
