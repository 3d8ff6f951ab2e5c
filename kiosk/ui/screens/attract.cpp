// The attract screen: what a passer-by sees. The whole screen is one big button.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_attract(Ui& ui) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // "Écouter", "Texte plus grand", "Contraste renforcé" at the top right, before the screen's own button
    // so that a touch on them is theirs.
    const float access_h = ui.access_row(e * 3.0f, d.x - e * 0.8f, e * 0.3f, e * 2.6f);

    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    bool touched = ImGui::InvisibleButton("attract.start", d);
    ui.register_hit("attract.start", ImVec2(0, 0), d);
    ui.last_item().text = ui.tr("attract.touch");
    ui.last_item().backdrop = true;

    const float width = std::min(d.x - 4 * e, 30 * e);
    const float x = (d.x - width) * 0.5f;
    const std::string& title = ui.tr("attract.title");
    const std::string& subtitle = ui.tr("attract.subtitle");
    const std::string& start = ui.tr("attract.touch");
    const Translator& t = ui.kiosk().translator();
    float others_h = 0;
    for (const std::string& code : t.languages())
        if (code != t.language())
            others_h += ui.text_height(f.body, t.tr_in(code, "attract.touch_other_language"), width);
    const float site_h = ui.text_height(f.body, ui.kiosk().config().site_name, width);
    const float button_w = std::min(width, 16 * e);
    const float button_h = ui.button_height(icon::kForward, start, button_w, e * 2.6f);
    // At a larger text size, the big picture goes first, then the title takes the size of bold words, so
    // that everything stays on the screen between the access buttons and the site's name.
    const float room = d.y - (e * 0.3f + access_h + e * 0.3f) - (site_h + e * 0.8f);
    bool show_picture = true;
    ImFont* title_font = f.title;
    float g = 1.0f;  // the gaps, tighter when the room is short
    auto total_h = [&] {
        return (show_picture ? 2.0f * ui.m().hero_disc + e : 0.0f) +
               ui.text_height(title_font, title, width) + e * 0.6f * g +
               ui.text_height(f.body, subtitle, width) + e * 1.5f * g + button_h + e * 1.2f * g + others_h;
    };
    if (total_h() > room) g = 0.4f;
    if (total_h() > room) show_picture = false;
    if (total_h() > room) title_font = f.bold;
    const float picto = show_picture ? 2.0f * ui.m().hero_disc / 1.3f : 0.0f;
    const float total = total_h();
    float y = std::max(e * 0.3f + access_h + e * 0.3f, (d.y - total) * 0.45f);
    if (!show_picture) y = e * 0.3f + access_h + e * 0.3f + std::max(0.0f, (room - total) * 0.5f);

    if (show_picture) {
        ImVec2 c(d.x * 0.5f, y + picto * 0.65f);
        ui.shapes().disc(dl, c, ui.m().hero_disc, color::kBlueFranceLight);
        ui.pictogram(icon::kTouch, c, color::kBlueFrance, true);
        y += picto * 1.3f + e;
    }
    y += ui.text(title_font, color::kText, title, ImVec2(x, y), width, Align::Center) + e * 0.6f * g;
    y += ui.text(f.body, color::kTextMention, subtitle, ImVec2(x, y), width, Align::Center) + e * 1.5f * g;

    // Looks like a button so that nobody wonders where to touch; any touch on the screen starts.
    const float bw = button_w;
    ImVec2 b0((d.x - bw) * 0.5f, y), b1((d.x + bw) * 0.5f, y + button_h);
    ui.shapes().fill_round_rect(dl, b0, b1, ui.m().corner_button,
                                ImGui::IsItemActive() ? color::kBlueFrancePressed : color::kBlueFrance);
    std::string label = std::string(icon::kForward) + "  " + start;
    float lh = ui.text_height(f.bold, label, bw - e) - f.bold->FontSize * 0.25f;
    ui.text(f.bold, color::kBackground, label, ImVec2(b0.x + e * 0.5f, y + (button_h - lh) * 0.5f), bw - e,
            Align::Center);
    y += button_h + e * 1.2f * g;

    // The same invitation in the other shipped languages, smaller.
    for (const std::string& code : t.languages()) {
        if (code == t.language()) continue;
        y += ui.text(f.body, color::kTextMention, t.tr_in(code, "attract.touch_other_language"), ImVec2(x, y),
                     width, Align::Center);
    }

    const std::string& site = ui.kiosk().config().site_name;
    ui.text(f.body, color::kTextMention, site, ImVec2(x, std::max(y + e * 0.4f, d.y - site_h - e * 0.8f)),
            width, Align::Center);

    if (touched && !ui.pressed_in_agent_corner()) ui.send(ev::Start{});
}

}  // namespace kiosk::ui
