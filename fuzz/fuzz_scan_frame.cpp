// libFuzzer target: a camera frame into zxing-cpp, as the decoder worker reads it: a luminance plane of any
// size, a guide-frame rectangle and options, through the cheap and the "try harder" passes.
// Input: width (2 bytes, 0..799), height (2 bytes, 0..799), ROI (4 bytes), options (1 byte), then the
// plane (repeated when shorter than width × height, so that small inputs make big frames).
#include "fuzz_support.hpp"
#include "kiosk/core/scan/decode.hpp"
#include "kiosk/core/scan/frame.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    kiosk::fuzz::Bytes in{data, size};
    kiosk::scan::Frame frame;
    frame.width = in.u16() % 800;
    frame.height = in.u16() % 800;
    kiosk::scan::DecodeOptions options;
    options.roi = {in.u8() / 255.f, in.u8() / 255.f, in.u8() / 255.f, in.u8() / 255.f};
    const std::uint8_t flags = in.u8();
    options.slow_pass_always = flags & 1;
    options.slow_pass = flags & 2;
    options.fast_max_side = 16 + (flags >> 2) * 16;
    options.formats = flags & 0x80 ? kiosk::scan::kQrCode : kiosk::scan::kAllFormats;
    const std::string_view plane = in.rest();
    frame.lum.resize(std::size_t(frame.width) * frame.height);
    if (!plane.empty())
        for (std::size_t i = 0; i < frame.lum.size(); ++i)
            frame.lum[i] = std::uint8_t(plane[i % plane.size()]);
    const kiosk::scan::PixelRect rect = kiosk::scan::to_pixels(options.roi, frame.width, frame.height);
    if (!frame.empty()) {
        if (rect.x < 0 || rect.y < 0 || rect.w < 1 || rect.h < 1 || rect.x + rect.w > frame.width ||
            rect.y + rect.h > frame.height)
            __builtin_trap();
        (void)kiosk::scan::crop_and_shrink(frame, rect, 1 + flags % 5);
    }
    const kiosk::scan::DecodeOutcome out = kiosk::scan::decode_frame(frame, options);
    if (out.code) (void)out.code->text.size();
    return 0;
}
