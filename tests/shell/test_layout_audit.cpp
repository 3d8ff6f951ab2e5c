// The layout audit on crafted frames: each rule catches what it is for and lets the rest be.
#include <catch2/catch.hpp>

#include "kiosk/core/layout_audit.hpp"

using namespace kiosk;

namespace {

constexpr float kEm = 33;  // 1280×800
const AuditScreen kScreen{1280, 800, Box{0, 0, 1280, 96}, Box{0, 701, 1280, 800}, kEm};

ScreenItem button(std::string id, Box b, bool in_bar = false) {
    ScreenItem it;
    it.in_bar = in_bar;
    it.id = std::move(id);
    it.role = Role::Button;
    it.rect = b;
    return it;
}
ScreenItem words(std::string id, Box b, std::string text = "des mots") {
    ScreenItem it;
    it.id = std::move(id);
    it.role = Role::Text;
    it.rect = b;
    it.text = std::move(text);
    return it;
}

std::vector<LayoutProblem::Kind> kinds(const std::vector<ScreenItem>& items, const AuditScreen& s = kScreen) {
    std::vector<LayoutProblem::Kind> out;
    for (const LayoutProblem& p : audit_layout(items, s)) out.push_back(p.kind);
    return out;
}
using K = LayoutProblem::Kind;

}  // namespace

TEST_CASE("layout audit: a tidy screen has no problem") {
    const std::vector<ScreenItem> items = {
        button("header.home", {1040, 18, 1254, 78}, true),  // the header's own
        words("text.1", {33, 120, 600, 170}),
        button("home.pass", {33, 200, 600, 600}),
        words("text.2", {60, 300, 500, 340}),          // the card's own words, inside it
        button("home.places", {640, 200, 1240, 600}),  // touching edges do not overlap
        button("footer.finish", {957, 718, 1254, 784}, true),
    };
    CHECK(audit_layout(items, kScreen).empty());
}

TEST_CASE("layout audit: two targets over each other") {
    const auto k = kinds({button("a", {100, 200, 400, 300}), button("b", {390, 290, 600, 400})});
    REQUIRE(k.size() == 1);
    CHECK(k[0] == K::Overlap);
    const auto p =
        audit_layout({button("a", {100, 200, 400, 300}), button("b", {390, 290, 600, 400})}, kScreen);
    CHECK(p[0].id == "a");
    CHECK(p[0].other == "b");
    // Map markers may lie under one another (the nearest is on top); a full-screen "touch anywhere" too.
    ScreenItem m1 = button("marker.1", {100, 200, 160, 260}), m2 = button("marker.2", {130, 230, 190, 290});
    m1.stacked = m2.stacked = true;
    ScreenItem anywhere = button("attract.start", {0, 0, 1280, 800});
    anywhere.backdrop = true;
    CHECK(audit_layout({anywhere, m1, m2}, AuditScreen{1280, 800, {}, {}, kEm}).empty());
}

TEST_CASE("layout audit: words or a picture over a target that is not theirs") {
    CHECK(kinds({button("b", {100, 200, 400, 300}), words("text.1", {350, 250, 700, 290})}) ==
          std::vector<K>{K::Overlap});
    ScreenItem pin;
    pin.id = "picture.1";
    pin.role = Role::Image;
    pin.rect = {90, 190, 130, 230};
    CHECK(kinds({button("b", {100, 200, 400, 300}), pin}) == std::vector<K>{K::Overlap});
    // Two texts over each other.
    CHECK(kinds({words("text.1", {33, 120, 600, 170}), words("text.2", {33, 160, 600, 210})}) ==
          std::vector<K>{K::Overlap});
    // A picture holding targets (the map and its markers) is their ground.
    ScreenItem map;
    map.id = "places.map";
    map.role = Role::Image;
    map.rect = {26, 150, 1254, 690};
    CHECK(audit_layout({map, button("places.map.marker.1", {500, 400, 560, 460})}, kScreen).empty());
}

TEST_CASE("layout audit: off the screen, under the header or the footer") {
    CHECK(kinds({button("b", {1200, 300, 1300, 360})}) == std::vector<K>{K::OffScreen});
    CHECK(kinds({button("b", {-10, 300, 100, 360})}) == std::vector<K>{K::OffScreen});
    CHECK(kinds({words("text.1", {33, 660, 600, 720})}) == std::vector<K>{K::UnderBars});
    CHECK(kinds({button("b", {33, 80, 300, 140})}) == std::vector<K>{K::UnderBars});
    // Wholly in a bar is as bad, unless the item is the bar's own.
    CHECK(kinds({button("b", {33, 734, 353, 800})}) == std::vector<K>{K::UnderBars});
    CHECK(kinds({button("footer.back", {26, 718, 257, 784}, true)}).empty());
    CHECK(kinds({button("footer.back", {26, 680, 257, 784}, true)}) == std::vector<K>{K::UnderBars});
    // Without a footer the same place is fine.
    CHECK(kinds({words("text.1", {33, 660, 600, 720})}, AuditScreen{1280, 800, kScreen.header, {}, kEm})
              .empty());
}

TEST_CASE(
    "layout audit: a target smaller than 64 px at 1920x1080 (1.46 em), unless its size is what is measured") {
    CHECK(kinds({button("b", {100, 200, 400, 200 + 1.3f * kEm})}) == std::vector<K>{K::TooSmall});
    CHECK(kinds({button("b", {100, 200, 100 + 1.3f * kEm, 400})}) == std::vector<K>{K::TooSmall});
    // 1.4 em was the former minimum: 62 px at 1920x1080, too small now.
    CHECK(kinds({button("b", {100, 200, 400, 200 + 1.4f * kEm})}) == std::vector<K>{K::TooSmall});
    CHECK(kinds({button("b", {100, 200, 100 + 1.46f * kEm, 200 + 1.46f * kEm})}).empty());
    CHECK(kMinTargetEm * 44.0f >= 64.0f);  // 44 px: the body size at 1920x1080 (em_for_screen)
    ScreenItem target = button("diag.tap.target", {100, 200, 120, 220});
    target.small_ok = true;
    CHECK(kinds({target}).empty());
}

TEST_CASE("layout audit: words shortened, cut by their box, or longer than their button") {
    ScreenItem name = words("text.1", {66, 48, 300, 88}, "France Services de Montbrison");
    name.in_bar = true;  // the site's name, in the header
    name.cut = true;     // drawn "France Servi…"
    CHECK(kinds({name}) == std::vector<K>{K::Clipped});
    ScreenItem label = button("places.commune.2", {819, 270, 1246, 344});
    label.cut = true;  // two lines in a one-line button
    CHECK(kinds({label}) == std::vector<K>{K::Clipped});
    // Cut sideways by a card's clip, even inside a scrolling list.
    const AuditScreen portrait{1080, 1920, {0, 0, 1080, 128}, {0, 1788, 1080, 1920}, 44};
    ScreenItem line =
        words("text.8", {158, 845, 920, 889}, "VERRIERES-EN-FOREZ · à 6,7 km · 14 min en voiture");
    line.clip = Box{158, 770, 804, 964};
    line.scrolls = true;
    CHECK(kinds({line}, portrait) == std::vector<K>{K::Clipped});
    // A row half scrolled out of its list is not cut: the rest is a drag away.
    ScreenItem row = words("text.9", {158, 570, 700, 620});
    row.clip = Box{33, 200, 1247, 600};
    row.scrolls = true;
    CHECK(kinds({row}).empty());
    // A row scrolled out of sight altogether is not on screen at all.
    ScreenItem gone = button("places.result.9", {33, 1200, 1200, 1350});
    gone.clip = Box{33, 400, 1247, 690};
    gone.scrolls = true;
    CHECK(kinds({gone}).empty());
}

// The defects the tour and the UI tests showed before the fixes, with the rectangles they had then.
TEST_CASE("layout audit: it catches the defects the screens had") {
    SECTION("\"Voir ces N lieux\" over three chips in \"Plus de choix\", the last chips under the footer") {
        const std::vector<ScreenItem> items = {
            button("places.filter.support.visual", {33, 576, 577, 642}),
            button("places.filter.support.motor", {590, 576, 1215, 642}),
            button("places.filter.support.mental", {33, 655, 573, 721}),
            button("places.filter.support.english", {33, 734, 353, 800}),
            button("places.filter.show", {376, 612, 904, 691}),
            button("footer.back", {26, 718, 257, 784}, true),
        };
        const auto problems = audit_layout(items, kScreen);
        int over_show = 0, under_footer = 0;
        for (const LayoutProblem& p : problems) {
            if (p.kind == K::Overlap && p.other == "places.filter.show") ++over_show;
            if (p.kind == K::UnderBars) ++under_footer;
        }
        CHECK(over_show == 3);
        CHECK(under_footer == 2);
    }
    SECTION("the print error running over the footer at 1280x800") {
        const auto k =
            kinds({words("text.16", {66, 655, 1214, 735}, "L’impression n’a pas marché (printer not found)"),
                   button("footer.finish", {957, 718, 1254, 784}, true)});
        CHECK(std::count(k.begin(), k.end(), K::UnderBars) == 1);
        CHECK(std::count(k.begin(), k.end(), K::Overlap) == 1);
    }
    SECTION("a line cut mid-phrase in portrait results (\"14 min en\")") {
        ScreenItem line =
            words("text.11", {158, 1056, 809, 1100}, "Sury-le-Comtal · à 12 km · 24 min en voiture");
        line.clip = Box{158, 981, 804, 1175};
        line.scrolls = true;
        CHECK(kinds({line}, AuditScreen{1080, 1920, {0, 0, 1080, 128}, {0, 1788, 1080, 1920}, 44}) ==
              std::vector<K>{K::Clipped});
    }
    SECTION("\"Vérifier\" under the footer beside the keypad") {
        CHECK(kinds({button("pass.scan.check", {786, 634, 1247, 714})}) == std::vector<K>{K::UnderBars});
    }
}

TEST_CASE("layout audit: problems say what and where") {
    const auto p =
        audit_layout({button("a", {100, 200, 400, 300}), button("b", {390, 290, 600, 400})}, kScreen);
    REQUIRE(p.size() == 1);
    CHECK(to_string(p[0]) == "overlap: a / b (100,200-400,300 and 390,290-600,400)");
}

TEST_CASE("layout audit: a modal layer covers what was drawn before it, and what it shows is checked") {
    ScreenItem layer = button("help.layer", {0, 0, 1280, 800});
    layer.backdrop = true;
    layer.modal = true;
    const ScreenItem under = button("home.pass", {40, 200, 600, 600});
    const ScreenItem bar = button("header.help", {900, 20, 1200, 80}, true);
    // The screen's own buttons under the panel's: covered, not overlapping.
    CHECK(kinds({under, bar, layer, button("help.ok", {200, 400, 1000, 480})}).empty());
    // Two of the panel's own buttons over each other are still found.
    CHECK(kinds({under, layer, button("help.ok", {200, 400, 1000, 480}),
                 button("help.no", {200, 450, 1000, 520})}) ==
          std::vector<LayoutProblem::Kind>{LayoutProblem::Kind::Overlap});
}
