// A font file that is damaged, empty, missing or a folder never stops the kiosk: the next usable font takes
// its place, and the reason is logged (ImGui asserts, and so aborts, on a file it cannot parse).
#include <catch2/catch.hpp>

#include <fstream>
#include <imgui.h>

#include "kiosk/ui/theme.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
struct Context {
    Context() { ImGui::CreateContext(); }
    ~Context() { ImGui::DestroyContext(); }
};
}  // namespace

TEST_CASE("a damaged font file is replaced by a usable one, never a crash") {
    test::TempDir dir;
    const ui::FontFiles good = platform::default_font_files();
    // A TrueType header followed by garbage, as a truncated or corrupted download leaves it.
    const std::string damaged = (dir.path / "damaged.ttf").string();
    {
        std::ifstream in(good.regular, std::ios::binary);
        std::string head(64, '\0');
        in.read(head.data(), 64);
        std::ofstream out(damaged, std::ios::binary);
        out << head << std::string(4000, '\xAB');
    }
    std::ofstream(dir.path / "empty.ttf").close();
    std::filesystem::create_directories(dir.path / "folder.ttf");
    for (const std::string& bad : {damaged, (dir.path / "empty.ttf").string(),
                                   (dir.path / "folder.ttf").string(), (dir.path / "missing.ttf").string()}) {
        INFO(bad);
        std::string why;
        CHECK_FALSE(ui::font_usable(bad, &why));
        CHECK_FALSE(why.empty());
        Context c;
        ui::Fonts f = ui::load_fonts(ImGui::GetIO(), {bad, bad, bad}, 30);
        CHECK(f.body);
        CHECK(f.title);
        ui::Fonts g = ui::load_fonts(ImGui::GetIO(), {good.regular, bad, good.icons}, 30);
        CHECK(g.bold);
        CHECK(g.bold->FindGlyphNoFallback(static_cast<ImWchar>(0xE9)));  // é: the regular font stands in
    }
    CHECK(ui::font_usable(good.regular));
}
