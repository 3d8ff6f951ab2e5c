// What is on screen, as data: the items a frame lists are what it shows, with their words in full.
#include <catch2/catch.hpp>

#include "kiosk/core/layout_audit.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
const ScreenItem* with_text(const ScreenItems& items, const std::string& text) {
    for (const ScreenItem& it : items.items)
        if (it.text == text) return &it;
    return nullptr;
}
}  // namespace

TEST_CASE("the home screen lists its question, its three choices and its header, in words") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    REQUIRE(h.tap("attract.start"));
    const ScreenItems& items = h.app().items();
    const ScreenItem* question = with_text(items, h.kiosk().tr("home.question"));
    REQUIRE(question);
    CHECK(question->role == Role::Heading);
    for (const char* id : {"home.diagnostic", "home.pass", "home.places"}) {
        const ScreenItem* card = items.find(id);
        REQUIRE(card);
        CHECK(card->role == Role::Button);
        CHECK(card->enabled);
        CHECK(card->text.find(h.kiosk().tr(std::string(id) + ".title")) == 0);
    }
    const ScreenItem* site = with_text(items, h.kiosk().config().site_name);
    REQUIRE(site);
    CHECK(site->in_bar);
    CHECK_FALSE(items.header.empty());
    CHECK_FALSE(items.footer.empty());
    CHECK(items.find("footer.finish")->text == h.kiosk().tr("nav.finish"));
    CHECK(audit_layout(items, 1920, 1080, h.app().fonts().em).empty());
}

TEST_CASE("in portrait the header keeps the site's name whole, its buttons on a row below") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1080, 1920);
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    const ScreenItems& items = h.app().items();
    const ScreenItem* site = with_text(items, h.kiosk().config().site_name);
    REQUIRE(site);
    CHECK_FALSE(site->cut);
    const ScreenItem* home = items.find("header.home");
    REQUIRE(home);
    CHECK(home->rect.y0 >= site->rect.y1);  // below the words, not beside them
    CHECK(items.header.contains(home->rect));
}

TEST_CASE("the keyboard's keys are the content's, with their letters") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1280, 800);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.commune"));
    const ScreenItems& items = h.app().items();
    for (const auto& row : KeyboardLayout::built_in().rows)  // the same as content/keyboard/layout.toml
        for (const KeyboardKey& k : row) {
            INFO(k.id);
            const ScreenItem* key = items.find(k.id);
            REQUIRE(key);
            CHECK(key->role == Role::Button);
            if (k.kind == KeyboardKey::Kind::Character) CHECK(key->text == k.label);
        }
    h.type("lyon");
    const ScreenItem* field = nullptr;
    for (const ScreenItem& it : items.items)
        if (it.role == Role::Input) field = &it;
    REQUIRE(field);
    CHECK(field->text == "lyon");
}
