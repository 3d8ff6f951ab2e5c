// The real application, headless: taps, drags and keys go in as SDL events; state and PNGs come out.
#include <catch2/catch.hpp>

#include <set>

#include "kiosk/ui/about/about.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
std::filesystem::path shots_dir() {
    return test::binary_dir() / "screenshots/tests";
}

std::chrono::milliseconds ms(std::chrono::seconds s) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(s);
}
}  // namespace

TEST_CASE("the tour visits every screen at 1920x1080, 1080x1920 and 1280x800") {
    const std::pair<int, int> sizes[] = {{1920, 1080}, {1080, 1920}, {1280, 800}};
    for (auto [w, h] : sizes) {
        test::TempDir data;
        platform::Harness harness(test::demo_config(data.path), w, h);
        const std::string prefix = std::to_string(w) + "x" + std::to_string(h) + "-";
        std::vector<std::filesystem::path> files = platform::run_tour(harness, shots_dir(), prefix, "2468");
        CHECK(harness.layout_problems().empty());  // the layout audit passed on every frame of the tour
        std::set<std::string> seen;
        for (const auto& f : files) {
            CHECK(std::filesystem::file_size(f) > 10'000);  // a real picture, not an empty frame
            seen.insert(f.filename().string());
        }
        for (Screen s : harness.kiosk().screens()) {  // every journey's, registered
            bool found = false;
            for (const auto& name : seen)
                found = found || name.find(std::string("-") + screen_name(s)) != std::string::npos;
            INFO(prefix << screen_name(s));
            CHECK(found);
        }
    }
}

TEST_CASE("every control is inside the screen and big enough for a finger, at every size") {
    const std::pair<int, int> sizes[] = {{1920, 1080}, {1080, 1920}, {1280, 800}};
    for (const auto& size : sizes) {
        // Named, not bound: clang-14's lambdas cannot capture structured bindings.
        const int w = size.first, h = size.second;
        test::TempDir data;
        platform::Harness t(test::demo_config(data.path), w, h);
        const float em = t.app().fonts().em;
        CHECK(em >= 30);  // large text on every one of these screens
        auto check_screen = [&] {
            for (const auto& [id, r] : t.app().hits()) {
                INFO(w << "x" << h << " " << screen_name(t.screen()) << " " << id);
                // In a list or a page that scrolls, what lies beyond the edge is scrolled to (the harness
                // does before tapping): only its part on screen must be inside it.
                const ScreenItem* item = t.app().items().find(id);
                const bool scrolls = item && item->scrolls;
                CHECK(r.min.x >= 0);
                CHECK((scrolls || r.min.y >= 0));
                CHECK(r.max.x <= w);
                CHECK((scrolls || r.max.y <= h));
                if (scrolls) CHECK(item->visible().y1 <= h);
                CHECK(r.height() >= 1.4f * em);  // about 9 mm or more
                CHECK(r.width() >= 1.4f * em);
            }
        };
        check_screen();
        REQUIRE(t.tap("attract.start"));
        check_screen();
        for (const char* id : {"header.language", "footer.back", "home.diagnostic", "footer.back",
                               "home.pass", "footer.back", "home.places", "footer.back", "footer.about"}) {
            REQUIRE(t.tap(id));
            check_screen();
        }
        REQUIRE(t.tap("footer.finish"));
        check_screen();
    }
}

TEST_CASE("the home cards do not overlap each other or the header and footer") {
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1280, 800}}) {
        test::TempDir data;
        platform::Harness t(test::demo_config(data.path), w, h);
        REQUIRE(t.tap("attract.start"));
        const auto& hits = t.app().hits();
        std::vector<ui::Rect> rects;
        for (const char* id : {"home.diagnostic", "home.pass", "home.places", "footer.finish", "footer.about",
                               "header.language"})
            rects.push_back(hits.at(id));
        for (std::size_t i = 0; i < rects.size(); ++i)
            for (std::size_t j = i + 1; j < rects.size(); ++j) {
                const auto &a = rects[i], &b = rects[j];
                bool overlap =
                    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
                INFO(w << "x" << h << " " << i << " " << j);
                CHECK_FALSE(overlap);
            }
    }
}

TEST_CASE("inactivity: the question, its countdown, then everything is wiped and attract returns") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    platform::Harness t(config, 1280, 800);
    REQUIRE(t.tap("attract.start"));
    REQUIRE(t.tap("header.language"));
    REQUIRE(t.tap("language.en"));
    REQUIRE(t.kiosk().translator().language() == "en");
    t.kiosk().store().set_value("diagnostic.answer", "MARKER");
    REQUIRE(t.kiosk().store().citizen_rows() > 0);

    t.wait(ms(config.inactivity) - 2s);
    CHECK_FALSE(t.kiosk().state().still_there_until);
    t.wait(3s);
    REQUIRE(t.kiosk().state().still_there_until);
    CHECK(t.has("still_there.yes"));
    const unsigned long frames_before = t.runner().stats().frames;
    t.wait(ms(config.still_there) - 5s);
    // the countdown redraws about once a second, not continuously
    const unsigned long countdown_frames = t.runner().stats().frames - frames_before;
    CHECK(countdown_frames >= 20);
    CHECK(countdown_frames <= 4 * 30);
    t.shot(shots_dir(), "inactivity-countdown");
    t.wait(6s);
    CHECK(t.screen() == Screen::Attract);
    CHECK(t.kiosk().store().citizen_rows() == 0);
    CHECK(t.kiosk().translator().language() == "fr");
    CHECK(t.kiosk().wipe_count() == 1);
}

TEST_CASE("a tap anywhere on the question means the citizen is still there") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    platform::Harness t(config, 1920, 1080);
    REQUIRE(t.tap("attract.start"));
    REQUIRE(t.tap("home.pass"));
    t.wait(ms(config.inactivity) + 1s);
    REQUIRE(t.kiosk().state().still_there_until);
    t.tap_at(20, 1000);
    CHECK_FALSE(t.kiosk().state().still_there_until);
    CHECK(t.screen() == Screen::PassStart);

    // "Terminer" lies under the question: a tap there answers the question, it does not end the visit.
    const ImVec2 finish = t.app().hits().at("footer.finish").center();
    t.wait(ms(config.inactivity) + 1s);
    REQUIRE(t.kiosk().state().still_there_until);
    CHECK_FALSE(t.has("footer.finish"));  // the screen under the question is not drawn
    t.tap_at(finish.x, finish.y);
    CHECK(t.screen() == Screen::PassStart);
    CHECK_FALSE(t.kiosk().state().still_there_until);

    t.wait(ms(config.inactivity) + 1s);
    REQUIRE(t.tap("still_there.no"));
    CHECK(t.screen() == Screen::Goodbye);
    CHECK(t.kiosk().store().citizen_rows() == 0);
}

TEST_CASE("one finger drags the À propos text and a drag that starts on a button does not press it") {
    test::TempDir data;
    platform::Harness t(test::demo_config(data.path), 1280, 800);
    REQUIRE(t.tap("attract.start"));
    REQUIRE(t.tap("footer.about"));
    CHECK(t.app().scroll_of("about.text") == 0);
    REQUIRE(t.drag("about.text", -300));
    const float after = t.app().scroll_of("about.text");
    CHECK(after > 100);  // as far as the text goes at this size
    REQUIRE(t.drag("about.text", 150));
    CHECK(t.app().scroll_of("about.text") < after);
    CHECK(t.screen() == about::kScreen);

    REQUIRE(t.tap("footer.back"));
    REQUIRE(t.tap("header.language"));
    REQUIRE(t.drag("language.en", 120));  // moved: a drag, not a tap
    CHECK(t.screen() == Screen::Language);
    CHECK(t.kiosk().translator().language() == "fr");
}

TEST_CASE("the agent PIN: a wrong code says how many tries are left, too many lock the pad") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    config.agent_max_attempts = 2;
    platform::Harness t(config, 1920, 1080);
    const ImVec2 corner = t.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) t.tap_at(corner.x, corner.y);
    REQUIRE(t.screen() == Screen::AgentPin);
    for (const char* k : {"agent.pin.9", "agent.pin.9", "agent.pin.9", "agent.pin.9", "agent.pin.ok"})
        REQUIRE(t.tap(k));
    CHECK(t.kiosk().agent().attempts_left() == 1);
    for (const char* k : {"agent.pin.9", "agent.pin.ok"}) REQUIRE(t.tap(k));
    CHECK(t.kiosk().agent().lockout_seconds_left(t.clock().now()) > 0);
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(t.tap(k));
    CHECK(t.screen() == Screen::AgentPin);  // even the right PIN waits for the lockout
    t.shot(shots_dir(), "agent-pin-locked");
    t.wait(ms(config.agent_lockout));
    REQUIRE(t.tap("attract.start") == false);
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(t.tap(k));
    CHECK(t.screen() == Screen::AgentHome);
}

TEST_CASE("render on demand: nothing is drawn while nothing changes") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    platform::Harness t(config, 1920, 1080);
    unsigned long before = t.runner().stats().frames;
    t.wait(120s);  // attract has no timer at all
    CHECK(t.runner().stats().frames == before);
    REQUIRE(t.tap("attract.start"));
    const unsigned long after_tap = t.runner().stats().frames;
    CHECK(after_tap - before <= 8);  // a few frames for the tap and the new screen
    t.wait(ms(config.inactivity) - 5s);
    CHECK(t.runner().stats().frames - after_tap <= 1);
}

TEST_CASE("keys from a keyboard reach the kiosk as input") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    platform::Harness t(config, 1280, 800);
    REQUIRE(t.tap("attract.start"));
    t.wait(ms(config.inactivity) - 10s);
    t.runner().key(SDL_SCANCODE_SPACE);
    t.wait(15s);
    CHECK_FALSE(t.kiosk().state().still_there_until);  // the key put off the question
}
