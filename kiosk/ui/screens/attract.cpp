// The attract screen: what a passer-by sees. The whole screen is one big button.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_attract(Ui& ui) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

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
    const float picto = 2.0f * ui.m().hero_disc / 1.3f;
    const float title_h = ui.text_height(f.title, title, width);
    const float sub_h = ui.text_height(f.body, subtitle, width);
    const float button_h = e * 2.6f;
    const float total = picto * 1.3f + e + title_h + e * 0.6f + sub_h + e * 1.5f + button_h;
    float y = std::max(e * 2, (d.y - total) * 0.45f);

    ImVec2 c(d.x * 0.5f, y + picto * 0.65f);
    ui.shapes().disc(dl, c, ui.m().hero_disc, color::kBlueFranceLight);
    ui.pictogram(icon::kTouch, c, color::kBlueFrance, true);
    y += picto * 1.3f + e;
    y += ui.text(f.title, color::kText, title, ImVec2(x, y), width, Align::Center) + e * 0.6f;
    y += ui.text(f.body, color::kTextMention, subtitle, ImVec2(x, y), width, Align::Center) + e * 1.5f;

    // Looks like a button so that nobody wonders where to touch; any touch on the screen starts.
    const float bw = std::min(width, 16 * e);
    ImVec2 b0((d.x - bw) * 0.5f, y), b1((d.x + bw) * 0.5f, y + button_h);
    ui.shapes().fill_round_rect(dl, b0, b1, ui.m().corner_button,
                                ImGui::IsItemActive() ? color::kBlueFrancePressed : color::kBlueFrance);
    std::string label = std::string(icon::kForward) + "  " + start;
    float lh = ui.text_height(f.bold, label, bw) - f.bold->FontSize * 0.25f;
    ui.text(f.bold, color::kBackground, label, ImVec2(b0.x, y + (button_h - lh) * 0.5f), bw, Align::Center);
    y += button_h + e * 1.2f;

    // The same invitation in the other shipped languages, smaller.
    const Translator& t = ui.kiosk().translator();
    for (const std::string& code : t.languages()) {
        if (code == t.language()) continue;
        y += ui.text(f.body, color::kTextMention, t.tr_in(code, "attract.touch_other_language"), ImVec2(x, y),
                     width, Align::Center);
    }

    const std::string& site = ui.kiosk().config().site_name;
    ui.text(f.body, color::kTextMention, site, ImVec2(x, d.y - e * 2.2f), width, Align::Center);

    if (touched && !ui.pressed_in_agent_corner()) ui.send(ev::Start{});
}

}  // namespace kiosk::ui
