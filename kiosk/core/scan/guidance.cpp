#include "kiosk/core/scan/guidance.hpp"

namespace kiosk::scan {

const char* feedback_key(Feedback f) {
    switch (f) {
        case Feedback::NoCode:
            return "scan.feedback.none";
        case Feedback::TooSmall:
            return "scan.feedback.closer";
        case Feedback::Tilted:
            return "scan.feedback.straight";
        case Feedback::Unsteady:
            return "scan.feedback.steady";
        case Feedback::Glare:
            return "scan.feedback.glare";
        case Feedback::Read:
            return "scan.feedback.read";
    }
    return "scan.feedback.none";
}

Feedback advise(const DecodeOutcome& outcome, const GuidanceLimits& limits) {
    if (outcome.code) return Feedback::Read;
    const Measures& m = outcome.measures;
    const bool present = outcome.seen || m.code_seen || m.finders >= limits.min_finders ||
                         (m.finders >= 1 && m.sharpness < limits.blurred);
    if (!present) return m.saturated > limits.glare_alone ? Feedback::Glare : Feedback::NoCode;
    if (m.saturated > limits.max_saturated) return Feedback::Glare;
    if (m.module_px > 0 && m.module_px < limits.min_module_px) return Feedback::TooSmall;
    if (m.skew > limits.max_skew) return Feedback::Tilted;
    return Feedback::Unsteady;  // seen, large enough, square on, no reflection, yet unread: blurred or moving
}

}  // namespace kiosk::scan
