#include "shapes.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {
ImVec2 snap(ImVec2 p) {
    return ImVec2(std::floor(p.x + 0.5f), std::floor(p.y + 0.5f));
}
}  // namespace

void Shapes::reserve(ImFontAtlas& atlas, int r, int t) {
    atlas_ = &atlas;
    if (r <= 0 || rects_.count({r, t})) return;
    rects_[{r, t}] = atlas.AddCustomRectRegular(2 * r, 2 * r);
}

void Shapes::bake(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
    constexpr int kSub = 4;  // 4×4 samples a pixel for smooth edges
    for (const auto& [key, index] : rects_) {
        const auto [r, t] = key;
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(index);
        const float outer = static_cast<float>(r), inner = t > 0 ? static_cast<float>(r - t) : -1.0f;
        for (int y = 0; y < 2 * r; ++y) {
            for (int x = 0; x < 2 * r; ++x) {
                int inside = 0;
                for (int sy = 0; sy < kSub; ++sy)
                    for (int sx = 0; sx < kSub; ++sx) {
                        float dx = static_cast<float>(x) + (static_cast<float>(sx) + 0.5f) / kSub - outer;
                        float dy = static_cast<float>(y) + (static_cast<float>(sy) + 0.5f) / kSub - outer;
                        float d = std::sqrt(dx * dx + dy * dy);
                        if (d <= outer && d >= inner) ++inside;
                    }
                unsigned char* px = pixels + 4 * ((rect->Y + y) * width + rect->X + x);
                px[0] = px[1] = px[2] = 255;
                px[3] = static_cast<unsigned char>(inside * 255 / (kSub * kSub));
            }
        }
    }
}

bool Shapes::quarter(ImDrawList* dl, ImVec2 at, int r, int t, int q, ImU32 col) const {
    auto it = rects_.find({r, t});
    if (!atlas_ || it == rects_.end()) return false;
    const ImFontAtlasCustomRect* rect = atlas_->GetCustomRectByIndex(it->second);
    const float w = static_cast<float>(atlas_->TexWidth), h = static_cast<float>(atlas_->TexHeight);
    const int ox = (q == 1 || q == 2) ? r : 0, oy = (q >= 2) ? r : 0;
    ImVec2 uv0((rect->X + ox) / w, (rect->Y + oy) / h), uv1((rect->X + ox + r) / w, (rect->Y + oy + r) / h);
    dl->AddImage(atlas_->TexID, at, ImVec2(at.x + r, at.y + r), uv0, uv1, col);
    return true;
}

void Shapes::disc(ImDrawList* dl, ImVec2 c, int r, ImU32 col) const {
    const ImVec2 p = snap(ImVec2(c.x - r, c.y - r));
    bool ok = quarter(dl, p, r, 0, 0, col) && quarter(dl, ImVec2(p.x + r, p.y), r, 0, 1, col) &&
              quarter(dl, ImVec2(p.x + r, p.y + r), r, 0, 2, col) &&
              quarter(dl, ImVec2(p.x, p.y + r), r, 0, 3, col);
    if (!ok) dl->AddCircleFilled(c, static_cast<float>(r), col, 48);  // not baked: slower, still right
}

void Shapes::ring(ImDrawList* dl, ImVec2 c, int r, int t, ImU32 col) const {
    const ImVec2 p = snap(ImVec2(c.x - r, c.y - r));
    bool ok = quarter(dl, p, r, t, 0, col) && quarter(dl, ImVec2(p.x + r, p.y), r, t, 1, col) &&
              quarter(dl, ImVec2(p.x + r, p.y + r), r, t, 2, col) &&
              quarter(dl, ImVec2(p.x, p.y + r), r, t, 3, col);
    if (!ok) dl->AddCircle(c, static_cast<float>(r) - t * 0.5f, col, 48, static_cast<float>(t));
}

void Shapes::fill_round_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, int r, ImU32 col,
                             ImDrawFlags corners) const {
    a = snap(a);
    b = snap(b);
    r = std::min({r, static_cast<int>((b.x - a.x) / 2), static_cast<int>((b.y - a.y) / 2)});
    if (r <= 0 || !rects_.count({r, 0})) {
        dl->AddRectFilled(a, b, col, static_cast<float>(std::max(r, 0)), corners);
        return;
    }
    const float fr = static_cast<float>(r);
    dl->AddRectFilled(ImVec2(a.x + fr, a.y), ImVec2(b.x - fr, b.y), col);       // middle column
    dl->AddRectFilled(ImVec2(a.x, a.y + fr), ImVec2(a.x + fr, b.y - fr), col);  // left band
    dl->AddRectFilled(ImVec2(b.x - fr, a.y + fr), ImVec2(b.x, b.y - fr), col);  // right band
    const ImVec2 at[4] = {a, ImVec2(b.x - fr, a.y), ImVec2(b.x - fr, b.y - fr), ImVec2(a.x, b.y - fr)};
    const ImDrawFlags flag[4] = {ImDrawFlags_RoundCornersTopLeft, ImDrawFlags_RoundCornersTopRight,
                                 ImDrawFlags_RoundCornersBottomRight, ImDrawFlags_RoundCornersBottomLeft};
    for (int q = 0; q < 4; ++q) {
        if (corners & flag[q])
            quarter(dl, at[q], r, 0, q, col);
        else
            dl->AddRectFilled(at[q], ImVec2(at[q].x + fr, at[q].y + fr), col);
    }
}

void Shapes::stroke_round_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, int r, int t, ImU32 col) const {
    a = snap(a);
    b = snap(b);
    if (!rects_.count({r, t}) || b.x - a.x < 2 * r || b.y - a.y < 2 * r) {
        dl->AddRect(a, b, col, static_cast<float>(r), 0, static_cast<float>(t));
        return;
    }
    const float fr = static_cast<float>(r), ft = static_cast<float>(t);
    dl->AddRectFilled(ImVec2(a.x + fr, a.y), ImVec2(b.x - fr, a.y + ft), col);  // top
    dl->AddRectFilled(ImVec2(a.x + fr, b.y - ft), ImVec2(b.x - fr, b.y), col);  // bottom
    dl->AddRectFilled(ImVec2(a.x, a.y + fr), ImVec2(a.x + ft, b.y - fr), col);  // left
    dl->AddRectFilled(ImVec2(b.x - ft, a.y + fr), ImVec2(b.x, b.y - fr), col);  // right
    quarter(dl, a, r, t, 0, col);
    quarter(dl, ImVec2(b.x - fr, a.y), r, t, 1, col);
    quarter(dl, ImVec2(b.x - fr, b.y - fr), r, t, 2, col);
    quarter(dl, ImVec2(a.x, b.y - fr), r, t, 3, col);
}

}  // namespace kiosk::ui
