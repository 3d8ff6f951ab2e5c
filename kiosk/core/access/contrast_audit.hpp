#pragma once
// The contrast audit: measures, on a screenshot, the contrast of the words of every item of a frame against
// what they are drawn on (WCAG 2 relative luminance), so that a reader with low vision can read all of them.
// Pure: pixels and items in, problems out (no imgui, no SDL).
#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/screen_items.hpp"

namespace kiosk::access {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};
// An ImGui colour (0xAABBGGRR) as RGB.
inline Rgb rgb_of_imgui(unsigned c) {
    return Rgb{static_cast<std::uint8_t>(c & 0xFF), static_cast<std::uint8_t>((c >> 8) & 0xFF),
               static_cast<std::uint8_t>((c >> 16) & 0xFF)};
}
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);  // 1 to 21

// A screenshot: RGBA, 4 bytes a pixel, rows top to bottom.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    Rgb at(int x, int y) const {
        const std::size_t i =
            (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
        return Rgb{rgba[i], rgba[i + 1], rgba[i + 2]};
    }
};

// What was measured for one item: the background (the commonest colour of its visible box), the ink (its
// recorded colour when found there, else the colour of the box furthest from the background) and their
// ratio.
struct ContrastMeasure {
    std::string id, text;
    Rgb ink, background;
    double ratio = 0;
    bool ink_found = false;  // the recorded ink is on the screenshot
};
std::vector<ContrastMeasure> measure_contrast(const Image& image, const std::vector<ScreenItem>& items);

struct ContrastProblem {
    ContrastMeasure measure;
    std::string detail;  // "text.3 \"Ouvert maintenant\": 5.8:1 (#18753C on #FFFFFF), needs 7:1"
};
// Words (texts, headings, buttons, fields with words) below `minimum` against their background. Only what
// is over the last modal layer is looked at, as the layout audit does.
std::vector<ContrastProblem> audit_contrast(const Image& image, const std::vector<ScreenItem>& items,
                                            double minimum = 7.0);

}  // namespace kiosk::access
