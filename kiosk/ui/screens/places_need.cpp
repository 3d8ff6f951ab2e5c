// "De quoi avez-vous besoin ?": one or more needs, in plain words, each a v1 service category.
#include "../places_screens.hpp"

namespace kiosk::ui {

void draw_places_need(Ui& ui, journeys::PlacesJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const journeys::PlacesQuery& q = journey.query();

    const float m = e * 1.0f;
    const float width = area.width() - 2 * m;
    float y = area.min.y + e * 0.6f;
    y += ui.text(f.title, color::kText, ui.tr("places.need.question"), ImVec2(m, y), width, Align::Center);
    y += ui.text(f.body, color::kTextMention, ui.tr("places.need.hint"), ImVec2(m, y), width, Align::Center) +
         e * 0.5f;

    const auto& needs = journeys::needs();
    const int columns = ui.portrait() ? 1 : 3;
    const int rows = static_cast<int>((needs.size() + columns - 1) / columns);
    const float gap = e * 0.5f;
    const float button_h = e * 2.6f;
    const float grid_bottom = area.max.y - button_h - e * 1.0f;
    const float cell_w = (width - (columns - 1) * gap) / columns;
    // As tall as the longest words need, within the room there is.
    float tallest = 0;
    for (const journeys::Need& n : needs)
        tallest = std::max(tallest, ui.text_height(f.bold, ui.tr(n.key), cell_w - e * 3.0f));
    const float cell_h =
        std::min(std::max(e * 2.6f, tallest + e * 0.6f), (grid_bottom - y - (rows - 1) * gap) / rows);
    for (std::size_t i = 0; i < needs.size(); ++i) {
        const int col = static_cast<int>(i) % columns, row = static_cast<int>(i) / columns;
        const ImVec2 pos(m + col * (cell_w + gap), y + row * (cell_h + gap));
        const std::string id = std::string("places.need.") + (needs[i].key + 5);  // "places.need.admin"
        const bool on = (q.services & needs[i].service) != 0;
        if (ui.toggle(id.c_str(), needs[i].glyph, ui.tr(needs[i].key), on, pos, ImVec2(cell_w, cell_h)))
            ui.act("places.need", needs[i].service);
    }

    const std::string& label = q.services ? ui.tr("places.need.continue") : ui.tr("places.need.all");
    const ImVec2 bsize(std::min(width, e * 18), button_h);
    if (ui.button("places.need.next", icon::kForward, label, ButtonKind::Primary,
                  ImVec2((area.width() - bsize.x) * 0.5f, area.max.y - button_h - e * 0.5f), bsize))
        ui.send(ev::Open{Screen::PlacesWhere});
}

}  // namespace kiosk::ui
