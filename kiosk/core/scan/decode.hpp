#pragma once
// Reading one frame with zxing-cpp, synchronously (the Decoder runs this on its worker; tests and the
// benchmark call it directly). Cheap first: the guide frame's rectangle at reduced resolution; the full
// resolution with "try harder" only when the cheap pass saw something it could not read.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/core/scan/frame.hpp"

namespace kiosk::scan {

enum class Symbology { QrCode, DataMatrix, Code128, Itf, Ean13, Ean8, Keyboard, Serial, Other };
const char* symbology_name(Symbology s);  // "QR Code", "DataMatrix", "Code 128", "ITF", "EAN-13", "EAN-8"…

// Which symbologies to look for (bit mask).
enum Formats : unsigned {
    kQrCode = 1u << 0,
    kDataMatrix = 1u << 1,
    kCode128 = 1u << 2,
    kItf = 1u << 3,
    kEan13 = 1u << 4,
    kEan8 = 1u << 5,
    kAllFormats = 0x3f,
};

struct DecodeOptions {
    Roi roi{0.125f, 0.0625f, 0.75f, 0.875f};  // the guide frame, in fractions of the frame
    unsigned formats = kAllFormats;
    int fast_max_side = 480;        // pass 1: ROI shrunk (integer factor) until its long side ≤ this
    bool slow_pass = true;          // pass 2 allowed at all
    bool slow_pass_always = false;  // pass 2 even when pass 1 saw nothing (slower, more tolerant)
    int min_text_length = 4;        // shorter reads are ignored (stray 1D reads in textures)
};

struct Point {
    int x = 0, y = 0;
};

struct Decoded {
    std::string text;  // UTF-8
    Symbology symbology = Symbology::Other;
    std::array<Point, 4> corners{};  // in frame pixels
};

struct DecodeOutcome {
    std::optional<Decoded> code;  // what was read
    bool seen = false;            // something code-like that could not be read (blurred, moving, cut)
    int passes = 0;               // 1 or 2
};

DecodeOutcome decode_frame(const Frame& frame, const DecodeOptions& options);

// Helpers shared with the sources and the tests.
std::string to_utf8(const std::wstring& text);

}  // namespace kiosk::scan
