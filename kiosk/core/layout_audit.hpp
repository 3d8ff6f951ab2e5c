#pragma once
// The layout audit: a pure check of one frame's items against the rules every screen keeps, so that a
// 75-year-old finds nothing overlapping, cut or too small. Run by the headless harness after every frame
// (tests fail on a problem) and by the tour (it reports them).
#include <string>
#include <vector>

#include "screen_items.hpp"

namespace kiosk {

struct LayoutProblem {
    enum class Kind {
        Overlap,    // two things a finger can tap overlap, or words or a picture lie over one
        OffScreen,  // an item leaves the screen
        UnderBars,  // an item runs under the header or the footer
        Clipped,    // words cut with "…" or cut by their box
        TooSmall,   // a target smaller than kMinTargetEm in one direction
    } kind;
    std::string id;      // the item
    std::string other;   // the second item of an overlap
    std::string detail;  // in words, with the rectangles
};
const char* kind_name(LayoutProblem::Kind k);
std::string to_string(const LayoutProblem& p);

// The smallest side of a target a finger can hit surely: 1.46 em, 64 px at 1920×1080 (44 px em).
inline constexpr float kMinTargetEm = 1.46f;

struct AuditScreen {
    float width = 0, height = 0;
    Box header, footer;  // empty when the screen has none
    float em = 0;
};

// Every problem of one frame; empty when the layout keeps every rule.
std::vector<LayoutProblem> audit_layout(const std::vector<ScreenItem>& items, const AuditScreen& screen);
inline std::vector<LayoutProblem> audit_layout(const ScreenItems& frame, float width, float height,
                                               float em) {
    return audit_layout(frame.items, AuditScreen{width, height, frame.header, frame.footer, em});
}

}  // namespace kiosk
