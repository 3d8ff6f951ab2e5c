// "Où voulez-vous chercher ?": around the kiosk, or around a commune the citizen types.
#include "../places_screens.hpp"

namespace kiosk::ui {

void draw_places_where(Ui& ui, journeys::PlacesJourney&) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Config& cfg = ui.kiosk().config();

    const float m = e * 1.2f;
    const float width = area.width() - 2 * m;
    float y = area.min.y + e * 0.9f;
    y += ui.text(f.title, color::kText, ui.tr("places.where.question"), ImVec2(m, y), width, Align::Center) +
         e * 0.8f;

    const std::string here =
        format(ui.tr("places.where.here.text"),
               {{"site", cfg.site_name},
                {"commune", cfg.commune_name.empty() ? cfg.commune_code : cfg.commune_name}});
    const float gap = e * 0.9f;
    const float bottom = area.max.y - e * 0.9f;
    ImVec2 size, second;
    if (ui.portrait()) {
        size = ImVec2(width, std::min((bottom - y - gap) / 2, e * 10));
        second = ImVec2(m, y + size.y + gap);
    } else {
        size = ImVec2((width - gap) / 2, std::min(bottom - y, e * 11));
        second = ImVec2(m + size.x + gap, y);
    }
    if (ui.card("places.where.here", icon::kMyLocation, ui.tr("places.where.here.title"), here, ImVec2(m, y),
                size)) {
        ui.act("places.from_kiosk");
    }
    if (ui.card("places.where.commune", icon::kKeyboard, ui.tr("places.where.commune.title"),
                ui.tr("places.where.commune.text"), second, size)) {
        ui.act("places.type_commune");
    }
}

}  // namespace kiosk::ui
