#pragma once
// What a frame shows, as data: one item per button, text, heading, picture or field, with where it is and
// what it says. The screens fill it while they draw; tests, the layout audit and read-aloud read it.
// Pure data: no imgui, no SDL.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// A rectangle in screen pixels, min inclusive, max exclusive.
struct Box {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
    float center_x() const { return (x0 + x1) * 0.5f; }
    float center_y() const { return (y0 + y1) * 0.5f; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    // `other` lies inside this box, give or take `slack` pixels.
    bool contains(const Box& o, float slack = 0.5f) const {
        return o.x0 >= x0 - slack && o.y0 >= y0 - slack && o.x1 <= x1 + slack && o.y1 <= y1 + slack;
    }
    Box intersection(const Box& o) const {
        return Box{std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
    }
    // They share more than a sliver (`slack` pixels each way), so that touching edges do not count.
    bool overlaps(const Box& o, float slack = 0.5f) const {
        const Box i = intersection(o);
        return i.width() > slack && i.height() > slack;
    }
};

enum class Role {
    Button,   // anything a finger can tap (buttons, cards, chips, keys, markers)
    Text,     // words to read
    Heading,  // the title of a screen or of a part of it
    Image,    // a picture, a pictogram, the camera preview, the map
    Input,    // a field showing what was typed
    List,     // a region that scrolls when dragged; its rows are items of their own
};
const char* role_name(Role r);

struct ScreenItem {
    std::string id;  // stable for what can be tapped ("home.pass"); "text.N" for words
    Box rect;        // where it is laid out, in full (even the part scrolled or cut away)
    Role role = Role::Text;
    std::string text;         // what it says, in full, in the citizen's language
    bool enabled = true;      // a tap does something
    bool selected = false;    // a choice that is on
    std::optional<Box> clip;  // drawn cut to this region (a scrolling list, a card), when there is one
    bool scrolls = false;   // in a scrolling list: what lies above or below `clip` is scrolled away, not cut
    bool cut = false;       // the text did not fit: shortened with "…", or runs out of its box
    bool backdrop = false;  // a touch anywhere on it answers (attract, "still there"); items above it win
    bool small_ok = false;  // a target whose small size is what the diagnostic measures
    bool stacked = false;   // may lie under another stacked item (map markers: the nearest on top)
    bool in_bar = false;    // part of the header or the footer (its buttons, the site's name)
    // A layer over the screen ("Un agent arrive" over a dimmed screen): what was drawn before it, bars
    // included, is covered — neither read nor touched — so the audit looks at what comes after it only.
    bool modal = false;
    // The colour its words were drawn in (ImGui's packing, 0xAABBGGRR), 0 when not told: the contrast audit
    // looks for it on the screenshot (the lightest ink when there are several).
    unsigned ink = 0;

    bool interactive() const { return role == Role::Button && !backdrop; }
    // The part on screen: the rectangle within its clip.
    Box visible() const { return clip ? rect.intersection(*clip) : rect; }
};

// One frame's items, in drawing order, with the header and footer bands when the screen has them.
struct ScreenItems {
    std::vector<ScreenItem> items;
    Box header, footer;  // empty when the screen has none

    void clear() { *this = ScreenItems{}; }
    const ScreenItem* find(std::string_view id) const {
        // The last drawn wins, as a touch would.
        for (auto it = items.rbegin(); it != items.rend(); ++it)
            if (it->id == id) return &*it;
        return nullptr;
    }
};

}  // namespace kiosk
