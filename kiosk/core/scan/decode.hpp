#pragma once
// Reading one frame, synchronously (the Decoder runs this on its worker; tests, the benchmark and
// `kiosk-pass scan` call it directly): the guide region at full resolution with zxing-cpp, then ZBar, then
// the negative (see Steps; kiosk-bench-scan measures each choice), stopping at the first read.
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

// The app's guide frame (kiosk/core/journeys/pass_journey.hpp draws it and gives it to the decoder).
inline constexpr Roi kGuideRoi{0.2f, 0.15f, 0.6f, 0.7f};

// The steps of decode_frame, in the order they run (each only when the ones before read nothing).
enum Steps : unsigned {
    kStepRoi = 1u << 0,       // zxing-cpp, the guide region at full resolution (matrix and 1-D codes)
    kStepZbar = 1u << 1,      // ZBar, the guide region at full resolution, its negative too
    kStepInverted = 1u << 2,  // zxing-cpp on the guide region's negative (phone screens in dark mode)
    kStepHarder = 1u << 3,    // zxing-cpp "try harder" on the guide region (more rows, rotated 1-D)
    kStepShrunk = 1u << 4,    // zxing-cpp, the guide region shrunk until it is at most fast_max_side
    kStepGlobal = 1u << 5,    // zxing-cpp with its global-histogram binarizer (glare, uneven light)
    kStepZoom = 1u << 6,  // zxing-cpp on the guide region's centre enlarged twice (codes under 3 px a module)
    kStepSharpened = 1u << 7,  // zxing-cpp on the guide region sharpened (defocus, motion blur)
    kStepRotated = 1u << 8,    // 1-D codes in the guide region turned by ±45° (cheques rolled 25–65°)
    // What kiosk-bench-scan measured best within the budget (p99 ≤ 15 ms a frame): ZBar reads a few more
    // frames (1-D codes mostly) but costs 15–30 ms on the guide region, so it is a step to ask for.
    kDefaultSteps = kStepRoi | kStepInverted | kStepSharpened | kStepRotated,
};

struct DecodeOptions {
    Roi roi = kGuideRoi;  // the guide frame, in fractions of the frame
    unsigned formats = kAllFormats;
    unsigned steps = kDefaultSteps;
    int fast_max_side = 480;  // kStepShrunk: the ROI shrunk (integer factor) until its long side ≤ this
    bool slow_pass = true;    // steps after the first allowed at all
    bool slow_pass_always = false;  // then zxing-cpp "try harder" with its own pyramid (slow: the reference)
    bool zbar_qr = false;           // kStepZbar looks for QR codes too (slow: its finder), not only 1-D codes
    int zbar_density = 2;           // kStepZbar scans every n-th row and column
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

// What the pipeline measured on the guide region, for the citizen's guidance (guidance.hpp).
struct Measures {
    double module_px = 0;  // pixels per module of the code seen (0: none seen)
    double skew = 0;       // the code's outline: longest side / shortest side − 1 (0 = square on)
    double sharpness = 0;  // strongest edges of the region relative to its contrast (0..1; < ~0.12: blurred)
    double saturated = 0;  // share of the code's area (or the region's) at the sensor's top (≥ 250)
    bool code_seen = false;  // a code was located (read or not)
    int finders = 0;         // rows crossing a QR finder pattern (dark-light-dark-light-dark 1:1:3:1:1)
    std::array<Point, 4> outline{};  // where (frame pixels), when module_px > 0
};

struct DecodeOutcome {
    std::optional<Decoded> code;  // what was read
    bool seen = false;            // something code-like that could not be read (blurred, moving, cut)
    int passes = 0;               // how many steps ran
    Measures measures;
    PixelRect region;  // the guide region in frame pixels
};

DecodeOutcome decode_frame(const Frame& frame, const DecodeOptions& options);

// Helpers shared with the sources and the tests.
std::string to_utf8(const std::wstring& text);

}  // namespace kiosk::scan
