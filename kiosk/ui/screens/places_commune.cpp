// "Quelle commune ?": the citizen types a name or a postal code; suggestions appear as they type.
#include <cctype>

#include "../keyboard.hpp"
#include "../places_screens.hpp"

namespace kiosk::ui {

void draw_places_commune(Ui& ui, journeys::PlacesJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();

    const float m = e * 1.0f;
    const float width = area.width() - 2 * m;
    float y = area.min.y + e * 0.2f;
    y += ui.step_line(2, 4, ImVec2(m, y), width);
    y += ui.text(f.title, color::kText, ui.tr("places.commune.question"), ImVec2(m, y), width) + e * 0.2f;

    // Landscape: keyboard on the left, suggestions on the right. Portrait: suggestions above the keyboard.
    // A larger text makes the keys wider: the suggestions go above the keyboard as on a portrait screen.
    const bool portrait = ui.portrait() || width * 0.62f < keyboard_min_width(ui);
    const float kb_w = portrait ? width : width * 0.62f;
    const float kb_h = keyboard_height(ui, kb_w);
    const Rect field{ImVec2(m, y), ImVec2(m + kb_w, y + e * 2.2f)};
    std::string typed = journey.typed();  // the widgets edit a copy; the journey is told what it became
    text_field(ui, typed, ui.tr("places.commune.hint"), field);
    // At the bottom, below the field and (portrait) room for two suggestions; the page scrolls when the
    // screen is too short for that.
    const float kb_top =
        std::max(area.max.y - kb_h - e * 0.4f, field.max.y + e * (portrait && !ui.portrait() ? 6.0f : 0.5f));
    const Rect keys{ImVec2(m, kb_top), ImVec2(m + kb_w, kb_top + kb_h)};
    on_screen_keyboard(ui, typed, keys, 40);
    if (typed != journey.typed()) ui.act("places.typed", typed);

    Rect list = portrait ? Rect{ImVec2(m, field.max.y + e * 0.5f), ImVec2(m + width, keys.min.y - e * 0.5f)}
                         : Rect{ImVec2(m + kb_w + e, y), ImVec2(m + width, area.max.y - e * 0.4f)};
    const auto& suggestions = journey.suggestions();
    if (journey.typed().size() >= 2 && suggestions.empty()) {
        ui.text(f.body, color::kTextMention,
                ui.tr(journey.ready() ? TR_KEY("places.commune.none") : TR_KEY("places.loading")), list.min,
                list.width());
        return;
    }
    const float gap = e * 0.4f;
    float ry = list.min.y;
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
        const search::Suggestion& s = suggestions[i];
        const places::Commune& c = *s.commune;
        std::string label = s.label();
        const bool by_code =
            !journey.typed().empty() && std::isdigit(static_cast<unsigned char>(journey.typed()[0]));
        if (by_code && !s.postal_code.empty()) label += " — " + std::string(s.postal_code);
        // A long name takes two lines: the row grows with it rather than letting the words run over its edge.
        const std::string content = std::string(icon::kPlace) + "  " + label;
        const float row_h = std::max(e * 2.3f, ui.text_height(f.bold, content, list.width() - e) + e * 0.5f);
        if (ry + row_h > list.max.y) break;
        const std::string id = "places.commune." + std::to_string(i + 1);
        if (ui.button(id.c_str(), icon::kPlace, label, ButtonKind::Secondary, ImVec2(list.min.x, ry),
                      ImVec2(list.width(), row_h))) {
            ui.act("places.commune", &c);
        }
        ry += row_h + gap;
    }
}

}  // namespace kiosk::ui
