// "Écouter", "Texte plus grand" and "Contraste renforcé" on the real application, headless: one tap each,
// at any moment, and the journey goes on where it was.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "kiosk/ui/theme.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("larger text and stronger contrast, one tap each, keep the journey where it is") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1920, 1080, platform::LayoutAudit::Report);
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    const Screen where = h.screen();
    CHECK(h.app().fonts().em == 44);
    for (const char* id : {"access.listen", "access.text", "access.contrast"}) {
        INFO(id);
        REQUIRE(h.has(id));
        const ScreenItem* it = h.app().items().find(id);
        REQUIRE(it);
        CHECK_FALSE(it->text.empty());  // its words, read aloud even when only its pictogram is shown
        CHECK(it->in_bar);
    }
    REQUIRE(h.tap("access.text"));
    CHECK(h.app().text_step() == 1);
    CHECK(h.app().fonts().em == 62);  // ×1.4
    CHECK(h.screen() == where);
    REQUIRE(h.tap("access.text"));
    CHECK(h.app().fonts().em == 79);  // ×1.8
    CHECK(h.screen() == where);
    REQUIRE(h.tap("access.contrast"));
    CHECK(h.app().strong_contrast());
    CHECK(ui::color::palette() == ui::color::Palette::Strong);
    CHECK(h.app().items().find("access.contrast")->selected);
    CHECK(h.screen() == where);
    h.shot(test::binary_dir() / "screenshots/access", "strong-x1.8-places-need");
    REQUIRE(h.tap("access.text"));
    CHECK(h.app().fonts().em == 44);  // back to normal, on the same screen
    CHECK(h.screen() == where);
    CHECK(h.app().strong_contrast());
    // The session ends: the next citizen finds the ordinary text and colours.
    REQUIRE(h.tap("footer.finish"));
    REQUIRE(h.screen() == Screen::Goodbye);
    h.wait(30s);  // "Merci, à bientôt" goes back to the attract screen by itself
    REQUIRE(h.screen() == Screen::Attract);
    CHECK_FALSE(h.app().strong_contrast());
    CHECK(ui::color::palette() == ui::color::Palette::Standard);
}

TEST_CASE("Écouter reads the screen through SDL audio, on a task, and Arrêter stops it") {
    test::TempDir data;
    const std::filesystem::path played = data.path / "played.raw";
    // SDL's "disk" driver writes what it plays into a file.
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", played.c_str(), 1);
    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("access.listen"));
    CHECK(h.app().speaking());
    const std::string& text = h.app().last_speech_text();
    CHECK(text.find("Bouton : ") != std::string::npos);
    CHECK(text.find(h.kiosk().tr("places.need.question")) == 0);  // the screen's question first
    REQUIRE(h.wait_until([&] { return h.app().last_speech_latency_ms() >= 0; }, 30s));
    std::printf("read-aloud: first sound %.2f ms after the tap on Écouter\n",
                h.app().last_speech_latency_ms());
    // The button now stops it.
    REQUIRE(h.wait_until(
        [&] { return std::filesystem::exists(played) && std::filesystem::file_size(played) > 8000; }, 30s));
    REQUIRE(h.tap("access.listen"));
    CHECK_FALSE(h.app().speaking());
    // What was played is speech, not silence.
    std::ifstream in(played, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    int loudest = 0;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
        loudest = std::max(
            loudest,
            std::abs(static_cast<int>(static_cast<std::int16_t>(
                (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i])))));
    CHECK(loudest > 3000);
    // Going to another screen stops a reading too.
    REQUIRE(h.tap("access.listen"));
    CHECK(h.app().speaking());
    REQUIRE(h.tap("footer.back"));
    CHECK_FALSE(h.app().speaking());
}

TEST_CASE("the layout audit at every text size: the tour at 1920x1080 with x1.4 and x1.8") {
    for (int step : {0, 1, 2}) {
        test::TempDir data;
        platform::Harness h(test::demo_config(data.path), 1920, 1080, platform::LayoutAudit::Report);
        h.app().set_text_step(step);
        h.resize(1920, 1080);  // the fonts are built again before the next frame
        CHECK(h.app().fonts().em == std::round(44 * ui::App::text_scale(step)));
        std::size_t shots = 0;
        std::string stopped;
        try {
            shots = platform::run_tour(h, test::binary_dir() / "screenshots/access",
                                       "x" + std::to_string(step) + "-", "2468")
                        .size();
        } catch (const std::exception& e) {
            stopped = e.what();
            std::string seen;  // what the screen held when the tour stopped
            for (const ScreenItem& it : h.app().items().items) seen += " " + it.id;
            std::printf("  on screen:%s\n", seen.c_str());
        }
        std::printf("text x%.1f: %zu screenshots, %zu layout or contrast problem(s)%s%s\n",
                    ui::App::text_scale(step), shots, h.layout_problems().size(),
                    stopped.empty() ? "" : "; the tour stopped: ", stopped.c_str());
        for (std::size_t i = 0; i < h.layout_problems().size(); ++i)
            std::printf("  %s\n", h.layout_problems()[i].c_str());
        // Every size: nothing cut, overlapping or too small on any screen the tour reaches (the screens
        // reflow, stack and scroll). The ordinary size plays the whole tour; the larger ones do not reach
        // its end yet (see the README).
        CHECK(h.layout_problems().empty());
        if (step == 0) CHECK(stopped.empty());
    }
}

TEST_CASE("Étape N sur M: the diagnostic's total stays the same from the first step to the last") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.diagnostic"));
    REQUIRE(h.tap("journey.diagnostic.start"));
    const std::string total = std::to_string(h.app().diagnostic().progress().at_most);
    const std::string prefix = "Étape ";
    const std::string suffix = " sur " + total;
    int last = 0;
    std::vector<std::string> seen;
    auto check_step = [&](const std::string&) {
        std::string shown;
        for (const ScreenItem& it : h.app().items().items)
            if (it.text.rfind(prefix, 0) == 0) shown = it.text;
        INFO(shown);
        REQUIRE(shown.size() > prefix.size() + suffix.size());
        CHECK(shown.compare(shown.size() - suffix.size(), suffix.size(), suffix) == 0);
        const int n = std::stoi(shown.substr(prefix.size()));
        CHECK(n >= last);  // a task of several tries is shown again under the same number
        last = n;
        seen.push_back(shown);
    };
    platform::play_diagnostic(h, platform::Profile::PartlyAutonomous, check_step);
    REQUIRE(h.screen() == Screen::DiagnosticResult);
    CHECK(seen.size() >= 5);
    CHECK(last <= std::stoi(total));
    std::printf("diagnostic steps shown: %s … %s\n", seen.front().c_str(), seen.back().c_str());
}

TEST_CASE("the booking and places journeys say their step, the access buttons are on the attract screen") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    for (const char* id : {"access.listen", "access.text", "access.contrast"}) {
        INFO(id);
        CHECK(h.has(id));
    }
    REQUIRE(h.tap("access.text"));  // on the attract screen: the text grows, nothing starts
    CHECK(h.screen() == Screen::Attract);
    CHECK(h.app().text_step() == 1);
    REQUIRE(h.tap("attract.start"));
    CHECK(h.app().text_step() == 1);  // the choice made on the attract screen stays for the session
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("home.places"));
    bool said = false;
    for (const ScreenItem& it : h.app().items().items) said = said || it.text == "Étape 1 sur 4";
    CHECK(said);
}
