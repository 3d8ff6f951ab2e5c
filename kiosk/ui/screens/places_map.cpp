// The results on a map: numbered markers matching the cards (close ones grouped in one disc with their
// count), "vous êtes ici" under them, the names of the nearby communes, large zoom buttons and a scale.
// Raster tiles come from an MBTiles file when the content has one. Everything placed is computed by the
// core (journeys/map_view); this only draws it and says what the fingers did.
#include <cmath>
#include <string>

#include "../places_screens.hpp"

namespace kiosk::ui {
namespace {

ImVec2 at(const Rect& map, journeys::map::Point p) {
    return ImVec2(std::floor(map.min.x + static_cast<float>(p.x)),
                  std::floor(map.min.y + static_cast<float>(p.y)));
}

void draw_tiles(const Rect& map, const journeys::map::View& view,
                const std::shared_ptr<const journeys::MapTiles>& tiles, TileCache& cache) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The tiles of the zoom level below the view's, stretched to it (a pinch gives any zoom).
    const int z =
        std::clamp(static_cast<int>(std::floor(view.zoom + 1e-9)), tiles->min_zoom(), tiles->max_zoom());
    const int n = 1 << z;
    const double unit = 256.0 / n;  // a tile, in World units
    const journeys::map::World nw = view.to_world({0, 0}), se = view.to_world({view.width, view.height});
    const int tx0 = static_cast<int>(std::floor(nw.x / unit)),
              tx1 = static_cast<int>(std::floor(se.x / unit));
    const int ty0 = std::max(0, static_cast<int>(std::floor(nw.y / unit)));
    const int ty1 = std::min(n - 1, static_cast<int>(std::floor(se.y / unit)));
    if (tx1 - tx0 > 64 || ty1 - ty0 > 64) return;  // never more than the cache can hold
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const int wx = ((tx % n) + n) % n;
            ImTextureID tex = cache.get(tiles, z, wx, ty);
            if (!tex) continue;
            const ImVec2 p0 = at(map, view.to_screen({tx * unit, ty * unit}));
            const ImVec2 p1 = at(map, view.to_screen({(tx + 1) * unit, (ty + 1) * unit}));
            dl->AddImage(tex, p0, p1);
        }
}

// Words on the map with a white backdrop, so that they read over tiles as well as over the plain plan.
void map_words(Ui& ui, ImFont* font, ImU32 col, const std::string& words, ImVec2 pos, float halo) {
    const ImVec2 s = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, words.c_str());
    ui.shapes().fill_round_rect(ImGui::GetWindowDrawList(), ImVec2(pos.x - halo, pos.y - halo * 0.5f),
                                ImVec2(pos.x + s.x + halo, pos.y + s.y + halo * 0.5f), ui.m().corner_button,
                                IM_COL32(255, 255, 255, 215));
    ui.line(font, col, words, pos);
}

}  // namespace

void draw_places_map(Ui& ui, journeys::PlacesJourney& journey, TileCache& cache) {
    namespace map = journeys::map;
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Metrics& mt = ui.m();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const journeys::PlacesQuery& q = journey.query();
    const auto& results = journey.results();
    const std::shared_ptr<const journeys::MapTiles> tiles = journey.tiles();  // kept open by the tile tasks

    const float m = e * 0.8f;
    float y = area.min.y + e * 0.4f;
    const std::string title = format(ui.tr("places.map.title"), {{"where", journey.origin_label()}});
    y += ui.text(f.title, color::kText, title, ImVec2(m, y), area.width() - 2 * m) + e * 0.2f;
    // The map, and beside it (below it on a portrait screen) the buttons, the legend and the scale.
    const bool portrait = ui.portrait();
    const float gap = std::floor(e * 0.45f);
    const float panel_w = portrait ? area.width() - 2 * m : std::floor(e * 10.0f);
    const float button_h = std::floor(e * 2.4f);
    const float panel_h = portrait ? std::floor(2 * button_h + gap + e * 3.4f) : 0;
    const Rect map_rect{ImVec2(std::floor(m), std::floor(y)),
                        ImVec2(std::floor(portrait ? area.width() - m : area.width() - m - gap - panel_w),
                               std::floor(area.max.y - e * 0.4f - (portrait ? panel_h + gap : 0)))};
    const Rect panel{portrait ? ImVec2(map_rect.min.x, map_rect.max.y + gap)
                              : ImVec2(map_rect.max.x + gap, map_rect.min.y),
                     portrait ? ImVec2(map_rect.max.x, map_rect.max.y + gap + panel_h)
                              : ImVec2(map_rect.max.x + gap + panel_w, map_rect.max.y)};
    // The screen was cleared to the map's colour (see App::clear_color): paint white around the map only.
    ImDrawList* back = ImGui::GetBackgroundDrawList();
    const ImVec2 d = ui.display();
    const Rect& mr = map_rect;
    back->AddRectFilled(ImVec2(0, 0), ImVec2(d.x, mr.min.y), color::kBackground);
    back->AddRectFilled(ImVec2(0, mr.min.y), ImVec2(mr.min.x, mr.max.y), color::kBackground);
    back->AddRectFilled(ImVec2(mr.max.x, mr.min.y), ImVec2(d.x, mr.max.y), color::kBackground);
    back->AddRectFilled(ImVec2(0, mr.max.y), ImVec2(d.x, d.y), color::kBackground);

    // What the core lays out for this size.
    const std::string& here_words = q.from_kiosk ? ui.tr("places.map.here") : journey.origin_label();
    const float marker_r = static_cast<float>(2 * mt.dot);  // a place's disc
    const float group_r = static_cast<float>(map_group_radius(mt));
    const float touch = std::floor(e * 1.0f);  // half a marker's touch area: 2 em wide for a finger
    map::Frame frame;
    frame.width = mr.width();
    frame.height = mr.height();
    frame.marker_radius = touch;
    frame.margin = e * 1.6;
    frame.label.line_height = f.body->FontSize;
    frame.label.dot_radius = map_town_dot(mt);
    frame.label.gap = e * 0.25;
    frame.label.halo = e * 0.15;
    frame.label.margin = e * 0.2;
    frame.label.spacing = e * 0.5;
    frame.here_radius = map_group_radius(mt) + mt.dot + mt.border + 1;  // its ring
    frame.here_width = f.bold->CalcTextSizeA(e, FLT_MAX, 0, here_words.c_str()).x;
    frame.scale_max = portrait ? panel_w * 0.5f - e : panel_w - e * 0.6f;
    const map::Layout& layout = journey.map().layout(frame, [&](std::string_view name) {
        return static_cast<double>(
            f.body->CalcTextSizeA(e, FLT_MAX, 0, name.data(), name.data() + name.size()).x);
    });
    const map::View& view = layout.view;

    // One finger drags the map, two pinch it, the wheel zooms it (on a desk).
    {
        map::Gesture g;
        const ImVec2 drag = ui.drag_area("places.map.drag", mr.min, mr.max);
        g.pan = {drag.x, drag.y};
        const Pinch& pinch = ui.pinch();
        if (pinch.active) {
            g.pan.x += pinch.pan.x, g.pan.y += pinch.pan.y;
            g.scale = pinch.scale;
            g.centre = {pinch.centre.x - mr.min.x, pinch.centre.y - mr.min.y};
        }
        const ImGuiIO& io = ImGui::GetIO();
        if (io.MouseWheel != 0 && io.MousePos.x >= mr.min.x && io.MousePos.x < mr.max.x &&
            io.MousePos.y >= mr.min.y && io.MousePos.y < mr.max.y) {
            g.scale = std::exp2(0.5 * io.MouseWheel);
            g.centre = {io.MousePos.x - mr.min.x, io.MousePos.y - mr.min.y};
        }
        if (g.pan.x != 0 || g.pan.y != 0 || g.scale != 1) ui.act("places.map.move", g);
    }

    ui.add_item(Role::Image, "places.map", mr.min, mr.max, title);
    ui.push_clip(mr.min, mr.max);
    if (tiles) draw_tiles(mr, view, tiles, cache);

    // The communes around, to find one's way without tiles: a dot and the name.
    const float halo = static_cast<float>(frame.label.halo);
    for (const map::Label& l : layout.towns) {
        const std::string name(layout.town_names[l.candidate]);
        ui.shapes().disc(dl, at(mr, l.dot), map_town_dot(mt), color::kTextMention);
        map_words(ui, f.body, color::kText, name, at(mr, l.text), halo);
        ui.last_item().id = "places.map.town." + std::to_string(l.candidate + 1);
    }

    // Too close to see their centres: the largest communes around, at the edge, an arrow towards each.
    for (std::size_t k = 0; k < layout.beyond.size(); ++k) {
        const map::Layout::Beyond& b = layout.beyond[k];
        const std::string name(b.name);
        map_words(ui, f.body, color::kText, name, at(mr, b.text), halo);
        ui.last_item().id = "places.map.beyond." + std::to_string(k + 1);
        const float h = f.body->FontSize;
        const ImVec2 t = at(mr, b.text);
        const float tw = f.body->CalcTextSizeA(h, FLT_MAX, 0, name.c_str()).x;
        const ImVec2 sq(b.toward.x < 0 ? t.x - h * 0.5f : t.x + tw + h * 0.5f, t.y + h * 0.5f);
        const ImVec2 u(static_cast<float>(b.toward.x), static_cast<float>(b.toward.y));
        const ImVec2 n(-u.y, u.x);
        const float r = h * 0.3f;
        ui.shapes().disc(dl, sq, static_cast<int>(h * 0.5f), IM_COL32(255, 255, 255, 215));
        dl->AddTriangleFilled(ImVec2(sq.x + u.x * r, sq.y + u.y * r),
                              ImVec2(sq.x - u.x * r + n.x * r * 0.8f, sq.y - u.y * r + n.y * r * 0.8f),
                              ImVec2(sq.x - u.x * r - n.x * r * 0.8f, sq.y - u.y * r - n.y * r * 0.8f),
                              color::kText);
    }

    // You are here: a red disc with a white ring, under the markers; its words beside it where they hide no
    // marker (the legend says them in any case).
    const ImVec2 here = at(mr, layout.here);
    // A red ring wider than any marker: seen around a marker drawn over the point.
    // The bright red of the flag for the disc (a picture, 4.6:1 on the map); its words in the darker red.
    ui.shapes().ring(dl, here, static_cast<int>(frame.here_radius), mt.border + 1, color::kFlagRed);
    ui.shapes().disc(dl, here, mt.dot * 2, color::kBackground);
    ui.shapes().disc(dl, here, mt.dot + mt.dot / 2, color::kFlagRed);
    if (layout.here_label) {
        map_words(ui, f.bold, color::kRedMarianne, here_words, at(mr, layout.here_label->text), halo);
        ui.last_item().id = "places.map.here";
    }

    // The markers: a numbered disc for one place, a larger one with the count for a group.
    for (std::size_t k = layout.groups.size(); k-- > 0;) {
        const map::Group& g = layout.groups[k];
        const ImVec2 c = at(mr, view.to_screen(g.at));
        std::string id, words, name;
        ImU32 number = color::kBackground;
        if (g.single()) {
            const std::size_t rank = g.members.front();
            if (rank >= results.size()) continue;
            words = std::to_string(rank + 1);
            id = "places.map.marker." + words;
            const places::Place* p = journey.place(results[rank].id);
            name = p ? p->name : std::string();
            // Moved round a spot shared with other places (the closest view): a line to the spot.
            if (p && p->latitude && p->longitude) {
                const ImVec2 spot = at(mr, view.to_screen(map::project(*p->latitude, *p->longitude)));
                if (std::abs(spot.x - c.x) + std::abs(spot.y - c.y) > 2) {
                    dl->AddLine(spot, c, color::kBlueFrance, static_cast<float>(mt.border));
                    ui.shapes().disc(dl, spot, map_town_dot(mt), color::kBlueFrance);
                }
            }
            ui.shapes().disc(dl, c, static_cast<int>(marker_r) + 2, color::kBackground);
            ui.shapes().disc(dl, c, static_cast<int>(marker_r), color::kBlueFrance);
        } else {
            // A group: larger, white with a thick blue ring and its count in blue (a place is blue with its
            // number in white).
            words = std::to_string(g.members.size());
            id = "places.map.group." + std::to_string(g.members.front() + 1);
            name = format(ui.trn("places.map.group", static_cast<long>(g.members.size())), {{"n", words}});
            ui.shapes().disc(dl, c, static_cast<int>(group_r) + 2, color::kBackground);
            ui.shapes().disc(dl, c, static_cast<int>(group_r), color::kBlueFrance);
            ui.shapes().disc(dl, c, static_cast<int>(group_r) - 2 * mt.border - 1, color::kBackground);
            number = color::kBlueFrance;
        }
        const ImVec2 ns = f.bold->CalcTextSizeA(e, FLT_MAX, 0, words.c_str());
        dl->AddText(f.bold, e, ImVec2(std::floor(c.x - ns.x * 0.5f), std::floor(c.y - ns.y * 0.5f)), number,
                    words.c_str());
        ImGui::SetCursorScreenPos(ImVec2(c.x - touch, c.y - touch));
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(2.0f * touch, 2.0f * touch))) {
            if (g.single())
                ui.act("places.select", results[g.members.front()].id);
            else
                ui.act("places.map.group", k);
        }
        ui.register_hit(id, ImVec2(c.x - touch, c.y - touch), ImVec2(c.x + touch, c.y + touch));
        ui.last_item().text = name;
    }
    if (tiles && !tiles->attribution().empty()) {
        const std::string& a = tiles->attribution();
        const ImVec2 as = f.body->CalcTextSizeA(e, FLT_MAX, 0, a.c_str());
        const ImVec2 a0(mr.max.x - as.x - e * 0.6f, mr.max.y - as.y - e * 0.3f);
        dl->AddRectFilled(ImVec2(a0.x - e * 0.3f, a0.y - e * 0.1f), mr.max, color::kBackground);
        ui.line(f.body, color::kTextMention, a, a0);
    }
    ui.pop_clip();

    // Beside the map: zoom buttons as large as any, the way back to the first view, the legend, the scale.
    const float bw = portrait ? std::floor((panel_w - gap) * 0.5f) : panel_w;
    const ImVec2 bsize(bw, button_h);
    const ImVec2 b_in = panel.min;
    const ImVec2 b_out = portrait ? ImVec2(panel.min.x + bw + gap, panel.min.y)
                                  : ImVec2(panel.min.x, panel.min.y + button_h + gap);
    const ImVec2 b_reset = portrait ? ImVec2(panel.min.x, panel.min.y + button_h + gap)
                                    : ImVec2(panel.min.x, panel.min.y + 2 * (button_h + gap));
    auto zoom_button = [&](const char* id, const char* glyph, const std::string& words, bool can, ImVec2 pos,
                           const char* intent) {
        if (ui.button(id, glyph, words, can ? ButtonKind::Secondary : ButtonKind::Tertiary, pos, bsize) &&
            can)
            ui.act(intent);
        ui.last_item().enabled = can;
    };
    zoom_button("places.map.zoom_in", icon::kZoomIn, ui.tr("places.map.zoom_in"), layout.can_zoom_in, b_in,
                "places.map.zoom_in");
    zoom_button("places.map.zoom_out", icon::kZoomOut, ui.tr("places.map.zoom_out"), layout.can_zoom_out,
                b_out, "places.map.zoom_out");
    zoom_button("places.map.reset", icon::kMap, ui.tr("places.map.reset"), layout.moved, b_reset,
                "places.map.reset");

    // The scale (a bar of a round length, from the projection at the view's centre), then the legend: what
    // the red disc and a group's disc mean. Beside the map one under the other; under it, beside the buttons.
    const float bar = static_cast<float>(layout.scale.pixels);
    const ImVec2 s0 = portrait ? ImVec2(panel.min.x + bw + gap + e * 0.3f, b_reset.y + e * 1.7f)
                               : ImVec2(panel.min.x + e * 0.3f, b_reset.y + button_h + gap + e * 1.7f);
    ui.line(f.body, color::kText, layout.scale.words, ImVec2(s0.x, s0.y - e * 1.45f));
    ui.last_item().id = "places.map.scale";
    dl->AddRectFilled(s0, ImVec2(s0.x + bar, s0.y + 4), color::kText);
    dl->AddRectFilled(ImVec2(s0.x, s0.y - e * 0.3f), ImVec2(s0.x + 3, s0.y + 4), color::kText);
    dl->AddRectFilled(ImVec2(s0.x + bar - 3, s0.y - e * 0.3f), ImVec2(s0.x + bar, s0.y + 4), color::kText);

    const float legend_w = (portrait ? bw : panel_w) - e * 2.0f;
    float ly = portrait ? b_reset.y + button_h + gap : s0.y + e * 0.9f;
    const float lx = panel.min.x;
    const ImVec2 here_dot(lx + e * 0.8f, ly + e * 0.6f);
    ui.shapes().disc(dl, here_dot, mt.dot * 2, color::kBackground);
    ui.shapes().disc(dl, here_dot, mt.dot + mt.dot / 2, color::kFlagRed);
    ly += ui.text(f.bold, color::kRedMarianne, here_words, ImVec2(lx + e * 2.0f, ly), legend_w) + e * 0.4f;
    if (portrait) ly = b_reset.y + button_h + gap;
    const float gx = portrait ? panel.min.x + bw + gap : lx;
    const ImVec2 group_dot(gx + e * 0.8f, ly + e * 0.6f);
    ui.shapes().disc(dl, group_dot, mt.dot * 2, color::kBlueFrance);
    ui.shapes().disc(dl, group_dot, mt.dot * 2 - 2 * mt.border - 1, color::kBackground);
    const ImVec2 ts = f.bold->CalcTextSizeA(e * 0.8f, FLT_MAX, 0, "3");
    dl->AddText(f.bold, e * 0.8f,
                ImVec2(std::floor(group_dot.x - ts.x * 0.5f), std::floor(group_dot.y - ts.y * 0.5f)),
                color::kBlueFrance, "3");
    ui.text(f.body, color::kText, ui.tr("places.map.legend_group"), ImVec2(gx + e * 2.0f, ly), legend_w);
}

}  // namespace kiosk::ui
