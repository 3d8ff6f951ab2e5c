// The results on a map: the kiosk (or the chosen commune), numbered markers matching the cards, a scale.
// Without map tiles it is a plain plan on a light background; markers are placed to scale.
#include <cmath>
#include <cstdio>

#include "../places_screens.hpp"

namespace kiosk::ui {
namespace {

constexpr double kMetresPerDegree = 111'195.0;  // along a meridian, on the mean Earth sphere

struct Projection {
    double lat0, lon0, cos_lat0;
    double scale;  // pixels per metre
    ImVec2 centre;
    ImVec2 to_screen(double lat, double lon) const {
        const double dx = (lon - lon0) * kMetresPerDegree * cos_lat0;
        const double dy = (lat - lat0) * kMetresPerDegree;
        return ImVec2(static_cast<float>(centre.x + dx * scale), static_cast<float>(centre.y - dy * scale));
    }
};

// A round length for the scale bar, about a fifth of the map's width.
double round_length(double metres) {
    const double steps[] = {50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000};
    double best = steps[0];
    for (double s : steps)
        if (s <= metres) best = s;
    return best;
}

}  // namespace

void draw_places_map(Ui& ui, journeys::PlacesJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const journeys::PlacesQuery& q = journey.query();
    const auto& results = journey.results();

    const float m = e * 0.8f;
    float y = area.min.y + e * 0.4f;
    const std::string title = format(ui.tr("places.map.title"), {{"where", journey.origin_label()}});
    y += ui.text(f.title, color::kText, title, ImVec2(m, y), area.width() - 2 * m) + e * 0.2f;
    const Rect map{ImVec2(m, y), ImVec2(area.width() - m, area.max.y - e * 0.4f)};
    dl->AddRectFilled(map.min, map.max, color::kBlueFranceLight);

    // Fit the origin and every result, with a margin for the markers.
    double max_dx = 500, max_dy = 500;  // at least a kilometre across
    const double cos_lat0 = std::cos(q.latitude * M_PI / 180.0);
    for (const auto& r : results) {
        const places::Place& p = *journey.place(r.id);
        max_dx = std::max(max_dx, std::fabs((*p.longitude - q.longitude) * kMetresPerDegree * cos_lat0));
        max_dy = std::max(max_dy, std::fabs((*p.latitude - q.latitude) * kMetresPerDegree));
    }
    const double margin = e * 2.0;
    const double scale = std::min((map.width() * 0.5 - margin) / max_dx, (map.height() * 0.5 - margin) / max_dy);
    const Projection proj{q.latitude, q.longitude, cos_lat0, scale, map.center()};

    dl->PushClipRect(map.min, map.max, true);
    // You are here: a red disc with a white ring, and its words.
    const ImVec2 here = proj.to_screen(q.latitude, q.longitude);
    ui.shapes().disc(dl, here, ui.m().dot * 2, color::kBackground);
    ui.shapes().disc(dl, here, ui.m().dot + ui.m().dot / 2, color::kRedMarianne);

    // Numbered markers, farthest first so that the nearest are on top.
    for (std::size_t n = results.size(); n-- > 0;) {
        const places::Place& p = *journey.place(results[n].id);
        const ImVec2 c = proj.to_screen(*p.latitude, *p.longitude);
        const int r = ui.m().dot * 2;
        ui.shapes().disc(dl, c, r + 2, color::kBackground);
        ui.shapes().disc(dl, c, r, color::kBlueFrance);
        const std::string num = std::to_string(n + 1);
        const ImVec2 ns = f.bold->CalcTextSizeA(e, FLT_MAX, 0, num.c_str());
        dl->AddText(f.bold, e, ImVec2(std::floor(c.x - ns.x * 0.5f), std::floor(c.y - ns.y * 0.5f)), color::kBackground,
                    num.c_str());
        const std::string id = "places.map.marker." + num;
        ImGui::SetCursorScreenPos(ImVec2(c.x - r, c.y - r));
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(2.0f * r, 2.0f * r))) {
            journey.select(results[n].id);
            ui.send(ev::Open{Screen::PlacesDetail});
        }
        ui.register_hit(id, ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r));
    }

    // The words for "you are here", over the markers, on a white label.
    const std::string& here_words = q.from_kiosk ? ui.tr("places.map.here") : journey.origin_label();
    const ImVec2 hs = f.bold->CalcTextSizeA(e, FLT_MAX, 0, here_words.c_str());
    const ImVec2 l0(std::floor(here.x - hs.x * 0.5f - e * 0.3f), std::floor(here.y + e * 0.9f));
    ui.shapes().fill_round_rect(dl, l0, ImVec2(l0.x + hs.x + e * 0.6f, l0.y + hs.y + e * 0.2f), ui.m().corner_button,
                                color::kBackground);
    dl->AddText(f.bold, e, ImVec2(l0.x + e * 0.3f, l0.y + e * 0.1f), color::kRedMarianne, here_words.c_str());

    // Scale bar, bottom left.
    const double length = round_length(map.width() * 0.2 / scale);
    const float px = static_cast<float>(length * scale);
    const ImVec2 s0(map.min.x + e, map.max.y - e * 1.0f);
    dl->AddRectFilled(ImVec2(s0.x - e * 0.3f, s0.y - e * 1.5f), ImVec2(s0.x + px + e * 0.3f, s0.y + e * 0.5f),
                      color::kBackground);
    dl->AddRectFilled(s0, ImVec2(s0.x + px, s0.y + 4), color::kText);
    dl->AddRectFilled(ImVec2(s0.x, s0.y - e * 0.3f), ImVec2(s0.x + 3, s0.y + 4), color::kText);
    dl->AddRectFilled(ImVec2(s0.x + px - 3, s0.y - e * 0.3f), ImVec2(s0.x + px, s0.y + 4), color::kText);
    char label[32];
    if (length >= 1000) std::snprintf(label, sizeof label, "%g km", length / 1000.0);
    else std::snprintf(label, sizeof label, "%g m", length);
    dl->AddText(f.body, e, ImVec2(s0.x, s0.y - e * 1.45f), color::kText, label);
    dl->PopClipRect();
}

}  // namespace kiosk::ui
