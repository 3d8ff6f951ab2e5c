#pragma once
// Camera-like frames of passes, made from a seed (the golden set of the scan pipeline). Each sample is one
// 1280×720 luminance frame as the kiosk's camera gives it: a real signed pass (the 100-character "PN1."
// payload, its QR code as libqrencode prints it) or a cheque number (Code 128 / ITF), held in the app's own
// guide region at 2.3–6 pixels per module, under one distortion class; or a frame where no pass may be read.
// Clips: a few seconds of a pass held by a shaking hand.
//
// Deterministic: (class, seed) always gives the same frame. The development set and the HELD-OUT set differ
// by their seeds only (kDevSeed, kHeldOutSeed): tune on the first, report both.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/pass/payload.hpp"
#include "kiosk/core/scan/frame.hpp"

namespace kiosk::scan::synth {

inline constexpr int kWidth = 1280, kHeight = 720;
inline constexpr std::uint32_t kDevSeed = 0x0de7'0001u;
inline constexpr std::uint32_t kHeldOutSeed = 0x4e1d'0ff5u;

enum class Expect {
    Pass,       // `expected` must be read, nothing else
    Nothing,    // nothing at all may be read (text, faces, clutter)
    OtherCode,  // a code that is not a pass: reading it is fine (its text is `expected`), a pass is not
};

struct Sample {
    std::string name;      // "<class>-<n>"
    std::string category;  // the distortion class
    Expect expect = Expect::Pass;
    std::string expected;   // the text to read ("" for Expect::Nothing)
    std::string symbology;  // "qr", "code128", "itf", "ean13", "datamatrix", "none"
    double module_px = 0;   // pixels per module of the code in the frame (0 when none)
    Frame frame;
};

// The classes with a pass in them, then the false-positive classes.
const std::vector<std::string>& pass_classes();   // "base", "roll", "motion", … "cheque"
const std::vector<std::string>& false_classes();  // "fp-clutter", "fp-othercode"

struct Signer {
    pass::SecretKey key{};  // the issuer key that signs the passes (the demo key makes them "valable")
    int issuer_code = 1;
};
// The signer from a secret key file, or a fixed key (from a seed) when the file cannot be read.
Signer signer_from(const std::string& secret_key_file);

Sample make_sample(const std::string& category, std::uint32_t seed, int index, const Signer& signer);
// `per_class` samples of every class (pass classes and false-positive classes).
std::vector<Sample> make_set(std::uint32_t seed, int per_class, const Signer& signer);

// One pass frame with chosen conditions (the guidance tests): the code centred in the guide region.
struct Variation {
    double module_px = 4;
    double roll = 0;       // radians
    double tilt = 0;       // keystone: the right side this much shorter
    double motion_px = 0;  // motion blur length
    double defocus = 0.6;  // Gaussian sigma
    double glare = 0;      // a saturated reflection over the code's centre, this many code sides wide
};
Sample make_variation(const Variation& v, std::uint32_t seed, const Signer& signer);

struct Clip {
    std::string name;
    std::string expected;
    int fps = 20;
    std::vector<Frame> frames;  // timestamps from 0, 1/fps apart; sequence 1, 2, 3…
};
// A 2–4 s clip at 15–30 fps: a pass coming into the guide and held there by a shaking hand (motion blur
// when it moves fast, now and then a reflection or a tilt).
Clip make_clip(std::uint32_t seed, int index, const Signer& signer);

}  // namespace kiosk::scan::synth
