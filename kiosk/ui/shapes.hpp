#pragma once
// Round shapes (discs, rounded corners, rings) baked into the font atlas and drawn as textured rectangles.
// Why: SDL's software renderer copies axis-aligned textured rectangles quickly, but rasterises the large
// triangle fans ImGui emits for rounded rectangles and circles pixel by pixel over their bounding boxes.
#include <imgui.h>

#include <map>
#include <utility>

namespace kiosk::ui {

class Shapes {
  public:
    // Before the atlas is built: reserve a disc of radius r, or a ring of radius r and thickness t.
    void reserve_disc(ImFontAtlas& atlas, int r) { reserve(atlas, r, 0); }
    void reserve_ring(ImFontAtlas& atlas, int r, int t) { reserve(atlas, r, t); }
    // After the atlas is built: draws the anti-aliased shapes into its pixels.
    void bake(ImFontAtlas& atlas);

    void disc(ImDrawList* dl, ImVec2 center, int r, ImU32 col) const;
    void ring(ImDrawList* dl, ImVec2 center, int r, int t, ImU32 col) const;
    // Rounded rectangle; `corners` is ImDrawFlags_RoundCorners* (all by default).
    void fill_round_rect(ImDrawList* dl, ImVec2 p0, ImVec2 p1, int r, ImU32 col,
                         ImDrawFlags corners = ImDrawFlags_RoundCornersAll) const;
    void stroke_round_rect(ImDrawList* dl, ImVec2 p0, ImVec2 p1, int r, int t, ImU32 col) const;

  private:
    void reserve(ImFontAtlas& atlas, int r, int t);
    // Draws one quarter of a baked shape: quadrant 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left.
    bool quarter(ImDrawList* dl, ImVec2 at, int r, int t, int quadrant, ImU32 col) const;
    std::map<std::pair<int, int>, int> rects_;  // (radius, thickness) -> custom rect index
    ImFontAtlas* atlas_ = nullptr;
};

}  // namespace kiosk::ui
