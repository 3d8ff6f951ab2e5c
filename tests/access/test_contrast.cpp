// Contrast: the measure (WCAG 2 relative luminance), the theme's pairs, and the audit on real screenshots.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

#include "kiosk/core/access/contrast_audit.hpp"
#include "kiosk/ui/theme.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using access::contrast_ratio;
using access::Rgb;

namespace {
Rgb hex(unsigned v) {
    return Rgb{static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
               static_cast<std::uint8_t>(v)};
}
Rgb of(ImU32 c) {
    return access::rgb_of_imgui(c);
}

// A white picture with a block of `ink` (the stems of letters) inside a text item's box.
access::Image picture_with(Rgb ink, int w = 200, int h = 100) {
    access::Image img;
    img.width = w;
    img.height = h;
    img.rgba.assign(static_cast<std::size_t>(w) * h * 4, 255);
    for (int y = 30; y < 50; ++y)
        for (int x = 20; x < 60; x += 3) {
            std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(y) * w + x) * 4];
            p[0] = ink.r, p[1] = ink.g, p[2] = ink.b;
        }
    return img;
}
ScreenItem words_at(Box b, unsigned ink = 0) {
    ScreenItem it;
    it.id = "text.1";
    it.role = Role::Text;
    it.rect = b;
    it.text = "Ouvert maintenant";
    it.ink = ink;
    return it;
}
}  // namespace

TEST_CASE("contrast ratio: WCAG 2's figures") {
    CHECK(contrast_ratio(hex(0x000000), hex(0xFFFFFF)) == Approx(21.0));
    CHECK(contrast_ratio(hex(0xFFFFFF), hex(0xFFFFFF)) == Approx(1.0));
    // The figures for the former colours.
    CHECK(contrast_ratio(hex(0x18753C), hex(0xFFFFFF)) == Approx(5.76).margin(0.01));
    CHECK(contrast_ratio(hex(0xE1000F), hex(0xFFFFFF)) == Approx(4.99).margin(0.01));
    CHECK(contrast_ratio(hex(0xE1000F), hex(0xF6F6F6)) == Approx(4.62).margin(0.01));
    CHECK(contrast_ratio(hex(0xCECECE), hex(0xFFFFFF)) == Approx(1.57).margin(0.01));
}

TEST_CASE("contrast: every pair of the theme, in both palettes") {
    for (ui::color::Palette p : {ui::color::Palette::Standard, ui::color::Palette::Strong}) {
        ui::color::use_palette(p);
        using namespace ui::color;
        INFO((p == Palette::Strong ? "strong" : "standard"));
        // Words on the backgrounds they are drawn on.
        for (ImU32 ink : {kText, kTextMention, kBlueFrance, kRedMarianne, kSuccess})
            for (ImU32 bg : {kBackground, kBackgroundAlt, kBlueFranceLight}) {
                INFO(std::hex << ink << " on " << bg);
                CHECK(contrast_ratio(of(ink), of(bg)) >= 7.0);
            }
        // White words on the primary buttons, at rest and pressed.
        CHECK(contrast_ratio(of(kBackground), of(kBlueFrance)) >= 7.0);
        CHECK(contrast_ratio(of(kBackground), of(kBlueFrancePressed)) >= 7.0);
        // Outlines of cards and PIN dots.
        CHECK(contrast_ratio(of(kBorder), of(kBackground)) >= 3.0);
        CHECK(contrast_ratio(of(kBorder), of(kBackgroundAlt)) >= 3.0);
    }
    ui::color::use_palette(ui::color::Palette::Standard);
}

TEST_CASE("contrast audit: finds light words, passes dark ones, measures without a recorded ink") {
    const Box box{10, 20, 80, 60};
    const auto light =
        access::audit_contrast(picture_with(hex(0x18753C)), {words_at(box, IM_COL32(0x18, 0x75, 0x3C, 255))});
    REQUIRE(light.size() == 1);
    CHECK(light[0].measure.ink_found);
    CHECK(light[0].measure.ratio == Approx(5.76).margin(0.01));
    CHECK(light[0].detail.find("#18753C on #FFFFFF") != std::string::npos);
    CHECK(
        access::audit_contrast(picture_with(hex(0x0A4F25)), {words_at(box, IM_COL32(0x0A, 0x4F, 0x25, 255))})
            .empty());
    // No ink told: the colour furthest from the background is measured.
    const auto measured = access::measure_contrast(picture_with(hex(0xE1000F)), {words_at(box)});
    REQUIRE(measured.size() == 1);
    CHECK_FALSE(measured[0].ink_found);
    CHECK(measured[0].ratio == Approx(4.99).margin(0.01));
    // An item scrolled away or outside the picture is not measured.
    CHECK(access::measure_contrast(picture_with(hex(0x18753C)), {words_at(Box{300, 300, 400, 400})}).empty());
}

TEST_CASE("contrast audit on every screenshot of the tour at 1920x1080, in both palettes") {
    for (ui::color::Palette p : {ui::color::Palette::Standard, ui::color::Palette::Strong}) {
        ui::color::use_palette(p);
        test::TempDir data;
        // LayoutAudit::Fail: a screenshot with words below 7:1 throws out of the tour.
        platform::Harness harness(test::demo_config(data.path), 1920, 1080);
        const std::string prefix = p == ui::color::Palette::Strong ? "strong-" : "standard-";
        platform::run_tour(harness, test::binary_dir() / "screenshots/access", prefix, "2468");
        CHECK(harness.layout_problems().empty());
        const auto& m = harness.contrast_measures();
        REQUIRE(m.size() > 200);  // words of every screen were measured
        const auto lowest = std::min_element(m.begin(), m.end(),
                                             [](const auto& a, const auto& b) { return a.ratio < b.ratio; });
        std::printf("contrast (%s palette): %zu words measured, lowest %.2f:1 (%s)\n", prefix.c_str(),
                    m.size(), lowest->ratio, lowest->id.c_str());
        CHECK(lowest->ratio >= 7.0);
        const auto found = std::count_if(m.begin(), m.end(), [](const auto& x) { return x.ink_found; });
        CHECK(found * 10 >= static_cast<long>(m.size()) * 9);  // the recorded ink is on the picture
    }
    ui::color::use_palette(ui::color::Palette::Standard);
}
