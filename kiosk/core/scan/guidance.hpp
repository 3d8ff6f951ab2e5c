#pragma once
// What to tell the citizen while the code is not read yet, from what the pipeline measured on the frame
// (decode.hpp Measures): the code seen too small → "Approchez le pass"; its outline far from a square →
// "Tenez-le bien droit"; saturated pixels on it → "Il y a un reflet"; soft edges, or seen but unreadable →
// "Ne bougez plus". Nothing seen → "Montrez le code…". Pure: the Decoder holds the advice a moment.
#include "kiosk/core/scan/decode.hpp"

namespace kiosk::scan {

enum class Feedback {
    NoCode,    // "Montrez le code de votre pass dans le cadre."
    TooSmall,  // "Approchez le pass"
    Tilted,    // "Tenez-le bien droit"
    Unsteady,  // a code is seen but cannot be read yet (moving, blurred): "Ne bougez plus"
    Glare,     // "Il y a un reflet"
    Read,      // "C'est lu !"
};
// "scan.feedback.none", ".closer", ".straight", ".steady", ".glare", ".read"
const char* feedback_key(Feedback f);

struct GuidanceLimits {
    double min_module_px = 2.6;   // below: "Approchez le pass" (the pipeline reads few codes under that)
    double max_skew = 0.3;        // longest side of the outline 30 % above the shortest: tilted
    double max_saturated = 0.02;  // 2 % of the code's area at the sensor's top: a reflection
    double glare_alone = 0.06;    // nothing seen but that much of the region saturated: a reflection too
    int min_finders = 4;          // finder-pattern hits (1:1:3:1:1 runs) that make "a code is there"
    double blurred = 0.12;  // sharpness below: soft edges (with one finder hit: a blurred code is there)
};

Feedback advise(const DecodeOutcome& outcome, const GuidanceLimits& limits = {});

}  // namespace kiosk::scan
