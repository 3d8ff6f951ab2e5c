// The results on a map: the kiosk (or the chosen commune), numbered markers matching the cards, a scale.
// Raster tiles come from an MBTiles file when the content has one; without, a plain plan to scale.
#include <cmath>
#include <cstdio>

#include "../places_screens.hpp"

namespace kiosk::ui {
namespace {

constexpr double kEarthCircumference = 40'075'016.686;  // metres at the equator (Web Mercator sphere)

// A round length for the scale bar, at most `metres`.
double round_length(double metres) {
    const double steps[] = {20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000};
    double best = steps[0];
    for (double s : steps)
        if (s <= metres) best = s;
    return best;
}

struct View {
    double zoom;       // Web Mercator zoom, fractional without tiles
    double left, top;  // world pixel at the map's top-left corner
    ImVec2 origin;     // the map's top-left corner on screen
    ImVec2 to_screen(double lat, double lon) const {
        const journeys::WorldPixel p = journeys::to_world_pixel(lat, lon, 0);  // then scaled to the zoom
        const double k = std::pow(2.0, zoom);
        return ImVec2(static_cast<float>(origin.x + p.x * k - left),
                      static_cast<float>(origin.y + p.y * k - top));
    }
};

}  // namespace

void draw_places_map(Ui& ui, journeys::PlacesJourney& journey, TileCache& cache) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const journeys::PlacesQuery& q = journey.query();
    const auto& results = journey.results();
    const std::shared_ptr<const journeys::MapTiles> tiles = journey.tiles();  // kept open by the tile tasks

    const float m = e * 0.8f;
    float y = area.min.y + e * 0.4f;
    const std::string title = format(ui.tr("places.map.title"), {{"where", journey.origin_label()}});
    y += ui.text(f.title, color::kText, title, ImVec2(m, y), area.width() - 2 * m) + e * 0.2f;
    const Rect map{ImVec2(std::floor(m), std::floor(y)),
                   ImVec2(std::floor(area.width() - m), std::floor(area.max.y - e * 0.4f))};
    // The screen was cleared to the map's colour (see App::clear_color): paint white around the map only.
    ImDrawList* back = ImGui::GetBackgroundDrawList();
    const ImVec2 d = ui.display();
    back->AddRectFilled(ImVec2(0, 0), ImVec2(d.x, map.min.y), color::kBackground);
    back->AddRectFilled(ImVec2(0, map.min.y), ImVec2(map.min.x, map.max.y), color::kBackground);
    back->AddRectFilled(ImVec2(map.max.x, map.min.y), ImVec2(d.x, map.max.y), color::kBackground);
    back->AddRectFilled(ImVec2(0, map.max.y), ImVec2(d.x, d.y), color::kBackground);

    // The zoom that fits the origin and every result, with room for the markers.
    double min_x = 0, max_x = 0, min_y = 0, max_y = 0;  // at zoom 0
    auto extend = [&](double lat, double lon, bool first) {
        const journeys::WorldPixel p = journeys::to_world_pixel(lat, lon, 0);
        if (first) min_x = max_x = p.x, min_y = max_y = p.y;
        min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    };
    extend(q.latitude, q.longitude, true);
    for (const auto& r : results) {
        const places::Place& p = *journey.place(r.id);
        extend(*p.latitude, *p.longitude, false);
    }
    const double margin = e * 2.5;
    const double span = std::max({max_x - min_x, (max_y - min_y), 1e-9});
    double zoom = std::log2(std::min((map.width() - 2 * margin) / std::max(max_x - min_x, span * 0.05),
                                     (map.height() - 2 * margin) / std::max(max_y - min_y, span * 0.05)));
    zoom = std::clamp(zoom, 3.0, 17.0);
    if (tiles)
        zoom = std::clamp(std::floor(zoom), static_cast<double>(tiles->min_zoom()),
                          static_cast<double>(tiles->max_zoom()));
    const double k = std::pow(2.0, zoom);
    View view{zoom, (min_x + max_x) * 0.5 * k - map.width() * 0.5,
              (min_y + max_y) * 0.5 * k - map.height() * 0.5, map.min};

    ui.add_item(Role::Image, "places.map", map.min, map.max, title);
    ui.push_clip(map.min, map.max);
    if (tiles) {
        const int z = static_cast<int>(zoom);
        const int n = 1 << z;
        const int tx0 = static_cast<int>(std::floor(view.left / 256)),
                  ty0 = static_cast<int>(std::floor(view.top / 256));
        const int tx1 = static_cast<int>(std::floor((view.left + map.width()) / 256));
        const int ty1 = static_cast<int>(std::floor((view.top + map.height()) / 256));
        for (int ty = std::max(ty0, 0); ty <= std::min(ty1, n - 1); ++ty)
            for (int tx = tx0; tx <= tx1; ++tx) {
                const int wx = ((tx % n) + n) % n;
                if (ImTextureID tex = cache.get(tiles, z, wx, ty)) {
                    const ImVec2 p0(static_cast<float>(std::floor(map.min.x + tx * 256.0 - view.left)),
                                    static_cast<float>(std::floor(map.min.y + ty * 256.0 - view.top)));
                    dl->AddImage(tex, p0, ImVec2(p0.x + 256, p0.y + 256));
                }
            }
    }

    // Numbered markers, farthest first so that the nearest are on top.
    for (std::size_t n = results.size(); n-- > 0;) {
        const places::Place& p = *journey.place(results[n].id);
        const ImVec2 c = view.to_screen(*p.latitude, *p.longitude);
        const int r = ui.m().dot * 2;
        ui.shapes().disc(dl, c, r + 2, color::kBackground);
        ui.shapes().disc(dl, c, r, color::kBlueFrance);
        const std::string num = std::to_string(n + 1);
        const ImVec2 ns = f.bold->CalcTextSizeA(e, FLT_MAX, 0, num.c_str());
        dl->AddText(f.bold, e, ImVec2(std::floor(c.x - ns.x * 0.5f), std::floor(c.y - ns.y * 0.5f)),
                    color::kBackground, num.c_str());
        const std::string id = "places.map.marker." + num;
        // The touch area is a little larger than the disc, so that a finger finds it.
        const float t = std::max(static_cast<float>(r), e * 0.8f);
        ImGui::SetCursorScreenPos(ImVec2(c.x - t, c.y - t));
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(2.0f * t, 2.0f * t))) {
            ui.act("places.select", results[n].id);
        }
        ui.register_hit(id, ImVec2(c.x - t, c.y - t), ImVec2(c.x + t, c.y + t));
        ui.last_item().text = p.name;
        // FIXME: near places overlap and hide their numbers; the audit lets markers stack (the nearest is
        // drawn, and touched, on top) until close markers are grouped.
        ui.last_item().stacked = true;
    }

    // You are here: a red disc with a white ring, over the markers; its words in a legend, top left, so that
    // they hide no marker.
    const ImVec2 here = view.to_screen(q.latitude, q.longitude);
    ui.shapes().disc(dl, here, ui.m().dot * 2, color::kBackground);
    ui.shapes().disc(dl, here, ui.m().dot + ui.m().dot / 2, color::kRedMarianne);
    const std::string& here_words = q.from_kiosk ? ui.tr("places.map.here") : journey.origin_label();
    const ImVec2 hs = f.bold->CalcTextSizeA(e, FLT_MAX, 0, here_words.c_str());
    const ImVec2 l0(map.min.x + e * 0.6f, map.min.y + e * 0.6f);
    ui.shapes().fill_round_rect(dl, l0, ImVec2(l0.x + hs.x + e * 2.4f, l0.y + e * 1.8f), ui.m().corner_button,
                                color::kBackground);
    ui.shapes().disc(dl, ImVec2(l0.x + e * 0.9f, l0.y + e * 0.9f), ui.m().dot + ui.m().dot / 2,
                     color::kRedMarianne);
    ui.line(f.bold, color::kRedMarianne, here_words, ImVec2(l0.x + e * 1.7f, std::floor(l0.y + e * 0.3f)));

    // Scale bar, bottom left: metres per pixel of Web Mercator at this latitude and zoom.
    const double metres_per_pixel = kEarthCircumference * std::cos(q.latitude * M_PI / 180.0) / (256.0 * k);
    const double length = round_length(map.width() * 0.2 * metres_per_pixel);
    const float px = static_cast<float>(length / metres_per_pixel);
    const ImVec2 s0(map.min.x + e, map.max.y - e * 1.0f);
    dl->AddRectFilled(ImVec2(s0.x - e * 0.3f, s0.y - e * 1.5f), ImVec2(s0.x + px + e * 0.3f, s0.y + e * 0.5f),
                      color::kBackground);
    dl->AddRectFilled(s0, ImVec2(s0.x + px, s0.y + 4), color::kText);
    dl->AddRectFilled(ImVec2(s0.x, s0.y - e * 0.3f), ImVec2(s0.x + 3, s0.y + 4), color::kText);
    dl->AddRectFilled(ImVec2(s0.x + px - 3, s0.y - e * 0.3f), ImVec2(s0.x + px, s0.y + 4), color::kText);
    char label[32];
    if (length >= 1000)
        std::snprintf(label, sizeof label, "%g km", length / 1000.0);
    else
        std::snprintf(label, sizeof label, "%g m", length);
    ui.line(f.body, color::kText, label, ImVec2(s0.x, s0.y - e * 1.45f));
    if (tiles && !tiles->attribution().empty()) {
        const std::string& a = tiles->attribution();
        const ImVec2 as = f.body->CalcTextSizeA(e, FLT_MAX, 0, a.c_str());
        const ImVec2 a0(map.max.x - as.x - e * 0.6f, map.max.y - as.y - e * 0.3f);
        dl->AddRectFilled(ImVec2(a0.x - e * 0.3f, a0.y - e * 0.1f), map.max, color::kBackground);
        ui.line(f.body, color::kTextMention, a, a0);
    }
    ui.pop_clip();
}

}  // namespace kiosk::ui
