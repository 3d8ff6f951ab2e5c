// "De quoi avez-vous besoin ?": one or more needs (or none), in plain words, each a v1 service category; then
// where to search, in one tap: near here (straight to the results) or near another commune.
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
    float y = area.min.y + e * 0.2f;
    y += ui.step_line(1, 4, ImVec2(m, y), width);
    y += ui.text(f.title, color::kText, ui.tr("places.need.question"), ImVec2(m, y), width, Align::Center);
    y += ui.text(f.body, color::kTextMention, ui.tr("places.need.hint"), ImVec2(m, y), width, Align::Center) +
         e * 0.5f;

    const auto& needs = journeys::needs();
    const float gap = e * 0.5f;
    // Three columns (one in portrait), fewer when a word of a need is wider than its cell (larger text).
    auto longest_word = [&](const std::string& s) {
        float most = 0;
        std::size_t from = 0;
        while (from < s.size()) {
            std::size_t to = s.find(' ', from);
            if (to == std::string::npos) to = s.size();
            most = std::max(most, f.bold->CalcTextSizeA(e, FLT_MAX, 0, s.c_str() + from, s.c_str() + to).x);
            from = to + 1;
        }
        return most;
    };
    int columns = ui.portrait() ? 1 : 3;
    for (; columns > 1; --columns) {
        const float w = (width - (columns - 1) * gap) / columns - e * 3.0f;
        bool fits = true;
        for (const journeys::Need& n : needs) fits = fits && longest_word(ui.tr(n.key)) <= w;
        if (fits) break;
    }
    const int rows = static_cast<int>((needs.size() + columns - 1) / columns);
    const float button_h = e * 2.6f;
    const float grid_bottom = area.max.y - button_h - e * 1.0f;
    const float cell_w = (width - (columns - 1) * gap) / columns;
    // As tall as the longest words need, within the room there is.
    float tallest = 0;
    for (const journeys::Need& n : needs)
        tallest = std::max(tallest, ui.text_height(f.bold, ui.tr(n.key), cell_w - e * 3.0f));
    // Never below the words' own height: at a larger text size the page scrolls instead.
    const float cell_h = std::max(
        std::min(std::max(e * 2.6f, tallest + e * 0.6f), (grid_bottom - y - (rows - 1) * gap) / rows),
        std::max(e * 1.6f, tallest + e * 0.4f));
    for (std::size_t i = 0; i < needs.size(); ++i) {
        const int col = static_cast<int>(i) % columns, row = static_cast<int>(i) / columns;
        const ImVec2 pos(m + col * (cell_w + gap), y + row * (cell_h + gap));
        const std::string id = std::string("places.need.") + (needs[i].key + 5);  // "places.need.admin"
        const bool on = (q.services & needs[i].service) != 0;
        if (ui.toggle(id.c_str(), needs[i].glyph, ui.tr(needs[i].key), on, pos, ImVec2(cell_w, cell_h)))
            ui.act("places.need", needs[i].service);
    }

    // Where from: near the kiosk is the usual answer, so it is the main button and leads to the results.
    const float gap2 = e * 0.8f;
    const float grid_end = y + rows * (cell_h + gap) - gap;
    const std::string& here = ui.tr("places.where.here.title");
    const std::string& commune = ui.tr("places.where.commune.title");
    // Side by side when their words fit (on two lines at most), else one above the other (larger text).
    ImVec2 bsize(std::min((width - gap2) / 2, e * 18), button_h);
    auto words_h = [&](const char* glyph, const std::string& label, float w) {
        return ui.text_height(f.bold, std::string(glyph) + "  " + label, w - e) - e * 0.25f;
    };
    auto tallest_words = [&](float w) {
        return std::max(words_h(icon::kMyLocation, here, w), words_h(icon::kKeyboard, commune, w));
    };
    const bool stacked = tallest_words(bsize.x) > button_h - e * 0.2f;
    if (stacked) bsize.x = std::min(width, e * 24);
    bsize.y = std::max(button_h, tallest_words(bsize.x) + e * 0.4f);
    const float bx = (area.width() - (stacked ? bsize.x : 2 * bsize.x + gap2)) * 0.5f;
    const float by = std::max(area.max.y - (stacked ? 2 * bsize.y + gap : bsize.y) - e * 0.5f, grid_end + e);
    if (ui.button("places.need.here", icon::kMyLocation, here, ButtonKind::Primary, ImVec2(bx, by), bsize))
        ui.act("places.from_kiosk");
    const ImVec2 at2 = stacked ? ImVec2(bx, by + bsize.y + gap) : ImVec2(bx + bsize.x + gap2, by);
    if (ui.button("places.need.commune", icon::kKeyboard, commune, ButtonKind::Secondary, at2, bsize))
        ui.act("places.type_commune");
}

}  // namespace kiosk::ui
