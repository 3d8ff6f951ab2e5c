// Every character a citizen can be shown is in the font atlas the kiosk builds: no "?" boxes.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "kiosk/core/i18n.hpp"
#include "kiosk/ui/theme.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
std::vector<unsigned> codepoints(const std::string& utf8) {
    std::vector<unsigned> out;
    const char* s = utf8.c_str();
    const char* end = s + utf8.size();
    while (s < end) {
        unsigned c = 0;
        int n = ImTextCharFromUtf8(&c, s, end);
        if (n <= 0) break;
        out.push_back(c);
        s += n;
    }
    return out;
}

struct Atlas {
    ui::Fonts fonts;
    Atlas() {
        ImGui::CreateContext();
        fonts = ui::load_fonts(ImGui::GetIO(), platform::default_font_files(), 44);
    }
    ~Atlas() { ImGui::DestroyContext(); }
    bool has(ImFont* f, unsigned c) const {
        return f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
    }
};
}  // namespace

TEST_CASE("every French character renders in the regular, bold and title fonts") {
    Atlas a;
    const std::string french =
        "éèêëàâçîïôùûüÿœæÉÈÊËÀÂÇÎÏÔÙÛÜŸŒÆ«»’‘“”—–…€\u202f\u00a0"
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()[]{}/-+=%&@#*°";
    for (ImFont* f : {a.fonts.body, a.fonts.bold, a.fonts.title}) {
        for (unsigned c : codepoints(french)) {
            INFO("U+" << std::hex << c);
            CHECK(a.has(f, c));
        }
    }
}

TEST_CASE("every character of every shipped translation is in the atlas") {
    Atlas a;
    Translator t;
    std::vector<std::string> errors;
    t.load_folder(test::source_dir() / "content/i18n", "fr", errors);
    REQUIRE(errors.empty());
    int checked = 0;
    for (const std::string& code : t.languages()) {
        for (const auto& [key, entry] : t.catalog(code)->entries()) {
            std::vector<std::string> texts = entry.plurals;
            texts.push_back(entry.text);
            for (const std::string& text : texts) {
                for (unsigned c : codepoints(text)) {
                    if (c == '\n') continue;
                    INFO(code << " " << key << ": U+" << std::hex << c);
                    CHECK(a.has(a.fonts.body, c));
                    CHECK(a.has(a.fonts.bold, c));
                    ++checked;
                }
            }
        }
    }
    CHECK(checked > 1000);
}

TEST_CASE("every pictogram the screens use is in the atlas") {
    Atlas a;
    REQUIRE(ui::all_pictograms().size() >= 20);
    for (const char* glyph : ui::all_pictograms()) {
        unsigned c = codepoints(glyph).at(0);
        INFO("U+" << std::hex << c);
        CHECK(a.has(a.fonts.body, c));
        CHECK(a.has(a.fonts.bold, c));
    }
    for (const char* glyph : ui::large_pictograms()) CHECK(a.has(a.fonts.pictogram, codepoints(glyph).at(0)));
    for (const char* glyph : {ui::icon::kTouch, ui::icon::kSmile})
        CHECK(a.has(a.fonts.hero, codepoints(glyph).at(0)));
}
