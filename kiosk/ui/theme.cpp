#include "theme.hpp"

#include "kiosk/core/journeys/places_journey.hpp"
#include "kiosk/core/log.hpp"

#include <algorithm>
#include <imgui_internal.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "kiosk/core/files.hpp"

// stb_truetype as ImGui builds it (static functions, in this file only), to check a font before ImGui sees
// it.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>

namespace kiosk::ui {

namespace color {
namespace {
Palette current = Palette::Standard;
}
void use_palette(Palette p) {
    current = p;
    const bool strong = p == Palette::Strong;
    kBackground = rgb(0xFFFFFF);
    kBackgroundAlt = strong ? rgb(0xFFFFFF) : rgb(0xF6F6F6);
    kBlueFrance = strong ? rgb(0x00005A) : rgb(0x000091);
    kBlueFrancePressed = strong ? rgb(0x000091) : rgb(0x2323FF);
    kBlueFranceLight = strong ? rgb(0xD0D0FA) : rgb(0xE3E3FD);
    kRedMarianne = strong ? rgb(0x7A0008) : rgb(0x8E000A);
    kText = strong ? rgb(0x000000) : rgb(0x161616);
    kTextMention = strong ? rgb(0x000000) : rgb(0x3A3A3A);
    kBorder = strong ? rgb(0x000000) : rgb(0x7A7A7A);
    kSuccess = strong ? rgb(0x003D1A) : rgb(0x0A4F25);
    kBackdrop = strong ? rgb(0xD0D0FA) : rgb(0xE3E3FD);
}
Palette palette() {
    return current;
}
}  // namespace color

float em_for_screen(int width, int height) {
    // 1080 px on the short side gives 44 px text: about 9 mm on a 24" screen, read from arm's length.
    float short_side = static_cast<float>(std::min(width, height));
    return std::max(18.0f, std::round(short_side / 24.5f));
}

const ImWchar* text_glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x007E,  // Basic Latin
        0x00A0, 0x00FF,  // Latin-1: é è ê ë à â ç î ï ô ù û ü ÿ æ « » and no-break space
        0x0152, 0x0153,  // Œ œ
        0x0178, 0x0178,  // Ÿ
        0x2009, 0x2011,  // thin spaces, hyphens
        0x2013, 0x2014,  // – —
        0x2018, 0x201E,  // ‘ ’ ‚ “ ” „
        0x2022, 0x2022,  // •
        0x2026, 0x2026,  // …
        0x202F, 0x202F,  // narrow no-break space, before ; : ! ? » in French
        0x2039, 0x203A,  // ‹ ›
        0x20AC, 0x20AC,  // €
        0,
    };
    return ranges;
}

const ImWchar* icon_glyph_ranges() {
    static const ImWchar ranges[] = {0xE000, 0xF8FF, 0};
    return ranges;
}

bool font_usable(const std::string& file, std::string* why) {
    auto fail = [&](const std::string& reason) {
        if (why) *why = reason;
        return false;
    };
    std::string read_why;
    const std::optional<std::string> bytes = read_file(file, &read_why, 64u << 20);
    if (!bytes) return fail(read_why);
    // Both parsers ImGui may build the atlas with must take it: either one asserts on a file it cannot parse.
    const auto* data = reinterpret_cast<const unsigned char*>(bytes->data());
    const int offset = stbtt_GetFontOffsetForIndex(data, 0);
    stbtt_fontinfo info;
    if (bytes->size() < 12 || offset < 0 || !stbtt_InitFont(&info, data, offset) || info.numGlyphs <= 0)
        return fail("not a font file that can be read (damaged or incomplete)");
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) return fail("FreeType cannot start");
    FT_Face face = nullptr;
    const bool ok = FT_New_Memory_Face(library, data, static_cast<FT_Long>(bytes->size()), 0, &face) == 0 &&
                    face->num_glyphs > 0 && face->charmap;
    if (face) FT_Done_Face(face);
    FT_Done_FreeType(library);
    return ok || fail("not a font file that can be read (damaged or incomplete)");
}

namespace {
// The first usable file of `candidates`, or "" (ImGui's built-in font then stands in); each refusal is
// logged.
std::string usable_font(std::initializer_list<std::string> candidates) {
    for (const std::string& file : candidates) {
        std::string why;
        if (font_usable(file, &why)) return file;
        log::error("fonts: ", file, ": ", why);
    }
    return {};
}

ImFont* add_font(ImGuiIO& io, const std::string& file, float size, const ImWchar* ranges, bool merge) {
    if (file.empty()) {  // no usable file: ImGui's own font (ASCII only) rather than no kiosk at all
        ImFontConfig cfg;
        cfg.SizePixels = size;
        cfg.MergeMode = merge;
        return io.Fonts->AddFontDefault(&cfg);
    }
    ImFontConfig cfg;
    cfg.MergeMode = merge;
    cfg.OversampleH = 1;  // FreeType renders each size exactly; no oversampling needed
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    if (merge) cfg.GlyphOffset = ImVec2(0, size * 0.18f);  // pictograms sit on the text's baseline
    ImFont* font = io.Fonts->AddFontFromFileTTF(file.c_str(), size, &cfg, ranges);
    if (!font) throw std::runtime_error("font cannot be read: " + file);
    return font;
}

}  // namespace

std::vector<const char*> all_pictograms() {
    std::vector<const char*> all = {
        icon::kTouch,    icon::kHome,     icon::kLanguage,   icon::kPlace,       icon::kQrScan,
        icon::kCheck,    icon::kBack,     icon::kForward,    icon::kHelp,        icon::kLock,
        icon::kInfo,     icon::kComputer, icon::kWave,       icon::kSmile,       icon::kBackspace,
        icon::kDone,     icon::kSettings, icon::kLogout,     icon::kTicket,      icon::kTimer,
        icon::kQuiz,     icon::kClose,    icon::kMyLocation, icon::kKeyboard,    icon::kMap,
        icon::kPhone,    icon::kWalk,     icon::kCar,        icon::kAccessible,  icon::kSchedule,
        icon::kEuro,     icon::kGift,     icon::kSearch,     icon::kWeb,         icon::kMail,
        icon::kMailbox,  icon::kVideocam, icon::kSend,       icon::kPhotoCamera, icon::kAttachFile,
        icon::kPrint,    icon::kZoomIn,   icon::kZoomOut,    icon::kVolume,      icon::kStop,
        icon::kTextSize, icon::kContrast};
    for (const journeys::Need& n : journeys::needs()) all.push_back(n.glyph);
    return all;
}

std::vector<const char*> large_pictograms() {
    return {icon::kQuiz,       icon::kQrScan,   icon::kPlace,       icon::kTimer,
            icon::kMyLocation, icon::kKeyboard, icon::kMail,        icon::kMailbox,
            icon::kVideocam,   icon::kSend,     icon::kPhotoCamera, icon::kAttachFile,
            icon::kSearch,     icon::kTicket,   icon::kInfo,        icon::kHelp};
}

namespace {
// The icon font has thousands of glyphs; only those the kiosk uses go into the atlas.
const ImWchar* used_icon_ranges() {
    static std::vector<ImWchar> ranges;
    if (ranges.empty()) {
        for (const char* s : all_pictograms()) {
            unsigned int c = 0;
            ImTextCharFromUtf8(&c, s, nullptr);
            ranges.push_back(static_cast<ImWchar>(c));
            ranges.push_back(static_cast<ImWchar>(c));
        }
        ranges.push_back(0);
    }
    return ranges.data();
}
}  // namespace

Metrics metrics_for(float em) {
    auto px = [em](float k) { return static_cast<int>(std::lround(em * k)); };
    Metrics m;
    m.corner_button = px(0.35f);
    m.corner_card = px(0.5f);
    m.corner_panel = px(0.6f);
    m.border = std::max(2, px(0.07f));
    m.dot = px(0.35f);
    m.disc = px(1.3f);
    m.hero_disc = px(2.6f);
    return m;
}

Fonts load_fonts(ImGuiIO& io, const FontFiles& files, float em) {
    Fonts f;
    f.em = em;
    f.m = metrics_for(em);
    io.Fonts->Clear();
    io.Fonts->TexDesiredWidth = 2048;
    const ImWchar* icons = used_icon_ranges();
    // A damaged or missing file is replaced by the next usable one (bold by regular and back); without
    // pictograms the text still shows.
    const std::string regular = usable_font({files.regular, files.bold});
    const std::string bold = usable_font({files.bold, files.regular});
    const std::string icon_file = usable_font({files.icons});
    auto merge_icons = [&](float size) {
        if (!icon_file.empty()) add_font(io, icon_file, size, icons, true);
    };
    f.body = add_font(io, regular, em, text_glyph_ranges(), false);
    merge_icons(em * 1.15f);
    f.bold = add_font(io, bold, em, text_glyph_ranges(), false);
    merge_icons(em * 1.15f);
    // Titles carry no pictograms; the large pictogram size holds only those drawn large. The atlas stays
    // 2048×512: its texture and the CPU copy made while uploading it are the kiosk's largest allocations.
    f.title = add_font(io, bold, std::round(em * 1.5f), text_glyph_ranges(), false);
    static std::vector<ImWchar> large_ranges;
    large_ranges.clear();
    for (const char* g : large_pictograms()) {
        unsigned int c = 0;
        ImTextCharFromUtf8(&c, g, nullptr);
        large_ranges.insert(large_ranges.end(), {static_cast<ImWchar>(c), static_cast<ImWchar>(c)});
    }
    large_ranges.push_back(0);
    f.pictogram = icon_file.empty()
                      ? f.body
                      : add_font(io, icon_file, std::round(em * 2.0f), large_ranges.data(), false);
    static std::vector<ImWchar> hero_ranges;
    hero_ranges.clear();
    for (const char* g : {icon::kTouch, icon::kSmile}) {
        unsigned int c = 0;
        ImTextCharFromUtf8(&c, g, nullptr);
        hero_ranges.insert(hero_ranges.end(), {static_cast<ImWchar>(c), static_cast<ImWchar>(c)});
    }
    hero_ranges.push_back(0);
    f.hero = icon_file.empty() ? f.body
                               : add_font(io, icon_file, std::round(em * 3.4f), hero_ranges.data(), false);
    // Number badges and map markers use 2 dots (with a 2-pixel white ring; a group of markers a little more,
    // a commune's dot half a dot), the map's "you are here" 1.5.
    for (int r : {f.m.corner_button, f.m.corner_card, f.m.corner_panel, f.m.dot, f.m.disc, f.m.hero_disc,
                  2 * f.m.dot, 2 * f.m.dot + 2, f.m.dot + f.m.dot / 2, map_group_radius(f.m),
                  map_group_radius(f.m) + 2, map_town_dot(f.m)})
        f.shapes.reserve_disc(*io.Fonts, r);
    for (int r : {f.m.corner_button, f.m.corner_card}) f.shapes.reserve_ring(*io.Fonts, r, f.m.border);
    f.shapes.reserve_ring(*io.Fonts, f.m.dot, 2);
    if (!io.Fonts->Build()) throw std::runtime_error("font atlas cannot be built");
    f.shapes.bake(*io.Fonts);
    log::info("fonts: ", em, " px, atlas ", io.Fonts->TexWidth, "x", io.Fonts->TexHeight);
    // The renderer uploads the RGBA copy; the 8-bit one is not needed any more.
    IM_FREE(io.Fonts->TexPixelsAlpha8);
    io.Fonts->TexPixelsAlpha8 = nullptr;
    io.FontDefault = f.body;
    return f;
}

void apply_style(float em) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    ImGui::StyleColorsLight(&s);
    s.WindowPadding = ImVec2(0, 0);
    s.WindowBorderSize = 0;
    s.WindowRounding = 0;
    s.ChildBorderSize = 0;
    s.FramePadding = ImVec2(em * 0.5f, em * 0.4f);
    s.ItemSpacing = ImVec2(em * 0.5f, em * 0.5f);
    s.FrameRounding = em * 0.35f;
    s.ScrollbarSize = em * 0.5f;
    s.ScrollbarRounding = em * 0.25f;
    s.TouchExtraPadding = ImVec2(em * 0.15f, em * 0.15f);
    s.AntiAliasedLines = true;
    s.AntiAliasedFill = true;
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(color::kBackground);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(color::kText);
    c[ImGuiCol_ScrollbarBg] = ImGui::ColorConvertU32ToFloat4(color::kBackgroundAlt);
    c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(color::kBlueFrance);
    // Nothing depends on hover: hovered looks the same as at rest.
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
    c[ImGuiCol_ScrollbarGrabActive] = c[ImGuiCol_ScrollbarGrab];
}

}  // namespace kiosk::ui
