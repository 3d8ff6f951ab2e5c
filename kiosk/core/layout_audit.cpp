#include "layout_audit.hpp"

#include <cstdio>

namespace kiosk {

const char* role_name(Role r) {
    switch (r) {
        case Role::Button:
            return "button";
        case Role::Text:
            return "text";
        case Role::Heading:
            return "heading";
        case Role::Image:
            return "image";
        case Role::Input:
            return "input";
        case Role::List:
            return "list";
    }
    return "?";
}

const char* kind_name(LayoutProblem::Kind k) {
    switch (k) {
        case LayoutProblem::Kind::Overlap:
            return "overlap";
        case LayoutProblem::Kind::OffScreen:
            return "off screen";
        case LayoutProblem::Kind::UnderBars:
            return "under the header or footer";
        case LayoutProblem::Kind::Clipped:
            return "text cut";
        case LayoutProblem::Kind::TooSmall:
            return "too small";
    }
    return "?";
}

std::string to_string(const LayoutProblem& p) {
    std::string s = std::string(kind_name(p.kind)) + ": " + p.id;
    if (!p.other.empty()) s += " / " + p.other;
    if (!p.detail.empty()) s += " (" + p.detail + ")";
    return s;
}

namespace {

std::string box_words(const Box& b) {
    char s[96];
    std::snprintf(s, sizeof s, "%.0f,%.0f-%.0f,%.0f", b.x0, b.y0, b.x1, b.y1);
    return s;
}

std::string label(const ScreenItem& it) {
    std::string s = it.id;
    if (!it.text.empty() && it.id.rfind("text.", 0) == 0) {
        std::string t = it.text.substr(0, 40);
        for (char& c : t)
            if (c == '\n') c = ' ';
        s += " \"" + t + (it.text.size() > 40 ? "...\"" : "\"");
    }
    return s;
}

bool words(const ScreenItem& it) {
    return it.role == Role::Text || it.role == Role::Heading;
}

}  // namespace

std::vector<LayoutProblem> audit_layout(const std::vector<ScreenItem>& items, const AuditScreen& screen) {
    std::vector<LayoutProblem> out;
    const Box display{0, 0, screen.width, screen.height};
    const float min_side = kMinTargetEm * screen.em;
    std::vector<std::size_t> shown;  // items with something on screen, over the last modal layer
    std::size_t first = 0;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].modal) first = i;
    const bool layered = first > 0 || (!items.empty() && items[0].modal);
    for (std::size_t i = first; i < items.size(); ++i)
        if (!items[i].visible().empty()) shown.push_back(i);

    for (std::size_t i : shown) {
        const ScreenItem& it = items[i];
        const Box v = it.visible();
        if (!display.contains(v))
            out.push_back({LayoutProblem::Kind::OffScreen, label(it), {}, box_words(v)});
        // The bars' own items stay inside them; nothing else goes there.
        for (const Box* bar : {&screen.header, &screen.footer})
            if (!layered && !bar->empty() && v.overlaps(*bar) && (!it.in_bar || !bar->contains(v)))
                out.push_back({LayoutProblem::Kind::UnderBars,
                               label(it),
                               {},
                               box_words(v) + " across " + (bar == &screen.header ? "header " : "footer ") +
                                   box_words(*bar)});
        if ((words(it) || it.role == Role::Button || it.role == Role::Input) && it.cut)
            out.push_back({LayoutProblem::Kind::Clipped, label(it), {}, "shortened or longer than its box"});
        else if (words(it) && it.clip) {
            // A scrolling list may hide rows above or below; words cut sideways are cut in every case.
            const Box& c = *it.clip;
            const bool sideways = it.rect.x0 < c.x0 - 0.5f || it.rect.x1 > c.x1 + 0.5f;
            const bool lengthways = !it.scrolls && (it.rect.y0 < c.y0 - 0.5f || it.rect.y1 > c.y1 + 0.5f);
            if (sideways || lengthways)
                out.push_back({LayoutProblem::Kind::Clipped,
                               label(it),
                               {},
                               box_words(it.rect) + " drawn within " + box_words(c)});
        }
        if (it.interactive() && !it.small_ok &&
            (it.rect.width() < min_side - 0.5f || it.rect.height() < min_side - 0.5f))
            out.push_back({LayoutProblem::Kind::TooSmall, label(it), {}, box_words(it.rect)});
    }

    for (std::size_t a = 0; a < shown.size(); ++a)
        for (std::size_t b = a + 1; b < shown.size(); ++b) {
            const ScreenItem& p = items[shown[a]];
            const ScreenItem& q = items[shown[b]];
            const Box vp = p.visible(), vq = q.visible();
            if (!vp.overlaps(vq)) continue;
            bool problem = false;
            if (p.interactive() && q.interactive()) {
                problem = !(p.stacked && q.stacked);
            } else if (p.interactive() != q.interactive()) {
                // Words or a picture over a target: fine when they are its own (inside it).
                const ScreenItem& target = p.interactive() ? p : q;
                const ScreenItem& other = p.interactive() ? q : p;
                problem = other.role != Role::List && !other.backdrop &&
                          !target.visible().contains(other.visible()) &&
                          !other.visible().contains(target.visible());
            } else if (words(p) && words(q)) {
                problem = true;  // two texts over each other
            }
            if (problem)
                out.push_back({LayoutProblem::Kind::Overlap, label(p), label(q),
                               box_words(vp) + " and " + box_words(vq)});
        }
    return out;
}

}  // namespace kiosk
