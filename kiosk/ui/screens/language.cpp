// Language choice: each language written in itself.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_language(Ui& ui) {
    const float e = ui.em();
    ui.header(false, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Translator& t = ui.kiosk().translator();

    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 24 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.9f;
    y += ui.text(f.title, color::kText, ui.tr("language.question"), ImVec2(x, y), width, Align::Center) +
         e * 0.8f;

    ui.begin_scroll("language.list", ImVec2(x, y), ImVec2(width, area.max.y - y - e * 0.5f));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    float row_y = origin.y;
    const float row_h = e * 2.6f;
    for (const std::string& code : t.languages()) {
        const bool current = code == t.language();
        const std::string id = "language." + code;
        const std::string& name = t.tr_in(code, "language.name");
        if (ui.button(id.c_str(), current ? icon::kCheck : nullptr, name,
                      current ? ButtonKind::Primary : ButtonKind::Secondary, ImVec2(origin.x, row_y),
                      ImVec2(width - e * 0.6f, row_h)))
            ui.send(ev::ChooseLanguage{code});
        row_y += row_h + e * 0.6f;
    }
    ui.end_scroll();
}

}  // namespace kiosk::ui
