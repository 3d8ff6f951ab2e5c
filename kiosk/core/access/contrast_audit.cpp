#include "contrast_audit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace kiosk::access {

double relative_luminance(Rgb c) {
    auto lin = [](std::uint8_t v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

namespace {

unsigned key(Rgb c) {
    return (static_cast<unsigned>(c.r) << 16) | (static_cast<unsigned>(c.g) << 8) | c.b;
}
Rgb of_key(unsigned k) {
    return Rgb{static_cast<std::uint8_t>(k >> 16), static_cast<std::uint8_t>(k >> 8),
               static_cast<std::uint8_t>(k)};
}

bool has_words(const ScreenItem& it) {
    if (it.text.empty()) return false;
    return it.role == Role::Text || it.role == Role::Heading || it.role == Role::Button ||
           it.role == Role::Input;
}

std::string hex(Rgb c) {
    char s[16];
    std::snprintf(s, sizeof s, "#%02X%02X%02X", c.r, c.g, c.b);
    return s;
}

}  // namespace

std::vector<ContrastMeasure> measure_contrast(const Image& image, const std::vector<ScreenItem>& items) {
    std::vector<ContrastMeasure> out;
    std::size_t first = 0;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].modal) first = i;
    for (std::size_t i = first; i < items.size(); ++i) {
        const ScreenItem& it = items[i];
        if (!has_words(it)) continue;
        // A target drawn by a screen of its own (a result's row) has its words as items of their own: its
        // box holds outlines and pictograms, not one ink.
        if (it.ink == 0 && (it.role == Role::Button || it.role == Role::Input)) continue;
        const Box v = it.visible().intersection(
            Box{0, 0, static_cast<float>(image.width), static_cast<float>(image.height)});
        const int x0 = static_cast<int>(std::ceil(v.x0)), y0 = static_cast<int>(std::ceil(v.y0));
        const int x1 = static_cast<int>(std::floor(v.x1)), y1 = static_cast<int>(std::floor(v.y1));
        if (x1 - x0 < 2 || y1 - y0 < 2) continue;  // scrolled away or a sliver
        std::unordered_map<unsigned, int> counts;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) ++counts[key(image.at(x, y))];
        unsigned bg = 0;
        int most = -1;
        for (const auto& [k, n] : counts)
            if (n > most || (n == most && k < bg)) most = n, bg = k;
        ContrastMeasure m;
        m.id = it.id;
        m.text = it.text;
        m.background = of_key(bg);
        if (it.ink != 0) {
            const Rgb ink = rgb_of_imgui(it.ink);
            m.ink_found = counts.count(key(ink)) > 0 && key(ink) != bg;
            if (m.ink_found) m.ink = ink;
        }
        // Partly scrolled away and its words' colour not in the part on screen: what shows is its frame (a
        // card's border and pictogram disc), not its words.
        const bool clipped =
            v.y1 - v.y0 + 0.5f < it.rect.y1 - it.rect.y0 || v.x1 - v.x0 + 0.5f < it.rect.x1 - it.rect.x0;
        if (!m.ink_found && it.ink != 0 && clipped) continue;
        if (!m.ink_found) {
            // Not told, or not found (blended away): the colour furthest from the background, among those
            // covering a few pixels at least (antialiased edges blend towards the background).
            double best = 0;
            for (const auto& [k, n] : counts) {
                if (n < 3 || k == bg) continue;
                const double r = contrast_ratio(of_key(k), m.background);
                if (r > best) best = r, m.ink = of_key(k);
            }
            if (best == 0) continue;  // one colour only: nothing drawn there to measure
        }
        m.ratio = contrast_ratio(m.ink, m.background);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<ContrastProblem> audit_contrast(const Image& image, const std::vector<ScreenItem>& items,
                                            double minimum) {
    std::vector<ContrastProblem> out;
    for (ContrastMeasure& m : measure_contrast(image, items)) {
        if (m.ratio + 1e-9 >= minimum) continue;
        std::string t = m.text.substr(0, 40);
        std::replace(t.begin(), t.end(), '\n', ' ');
        char ratio[64];
        std::snprintf(ratio, sizeof ratio, "%.2f:1", m.ratio);
        char need[32];
        std::snprintf(need, sizeof need, "%.0f:1", minimum);
        ContrastProblem p;
        p.detail = m.id + " \"" + t + "\": " + ratio + " (" + hex(m.ink) + " on " + hex(m.background) +
                   "), needs " + need;
        p.measure = std::move(m);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace kiosk::access
