#include "device_probe.hpp"

#include "kiosk/core/scan/decode.hpp"

namespace kiosk::journeys {

CameraProbe probe_camera(const SourceMaker& camera, const Task& task, std::chrono::milliseconds window) {
    CameraProbe p;
    if (!camera) return p;
    std::string error;
    std::unique_ptr<scan::CodeSource> source = camera(error);
    if (!source) {
        p.configured = !error.empty();  // an empty maker's answer with no reason: none configured
        p.error = error;
        return p;
    }
    p.configured = true;
    p.describe = source->describe();
    if (std::string why = source->open(); !why.empty()) {
        p.error = why;
        return p;
    }
    p.opened = true;
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    scan::FramePtr last;
    while (clock::now() - start < window && !task.cancelled()) {
        const scan::SourceItem item = source->next(std::chrono::milliseconds(100));
        if (item.kind == scan::SourceItem::Kind::Frame && item.frame) {
            ++p.frames;
            last = item.frame;
        } else if (item.kind == scan::SourceItem::Kind::Error) {
            p.error = item.error;
            break;
        } else if (item.kind == scan::SourceItem::Kind::End) {
            break;  // a replay's last picture
        }
    }
    p.seconds = std::chrono::duration<double>(clock::now() - start).count();
    source->close();
    if (last && !last->empty()) {
        const auto t0 = clock::now();
        (void)scan::decode_frame(*last, scan::DecodeOptions{});
        p.decode_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    }
    return p;
}

ScannerFacts probe_scanner(const SourceMaker& serial, bool keyboard) {
    ScannerFacts f;
    if (keyboard) f.kind = ScannerFacts::Kind::Keyboard;
    if (!serial) return f;
    std::string error;
    std::unique_ptr<scan::CodeSource> source = serial(error);
    if (!source) {
        if (!error.empty()) {
            f.kind = ScannerFacts::Kind::Serial;
            f.error = error;
        }
        return f;
    }
    f.kind = ScannerFacts::Kind::Serial;
    f.error = source->open();
    f.opened = f.error.empty();
    if (f.opened) source->close();
    return f;
}

}  // namespace kiosk::journeys
