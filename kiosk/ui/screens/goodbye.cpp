// "Merci, à bientôt": the session has ended and its data is gone.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_goodbye(Ui& ui) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    bool touched = ImGui::InvisibleButton("goodbye.touch", d);
    ui.register_hit("goodbye.touch", ImVec2(0, 0), d);
    ui.last_item().backdrop = true;

    const float width = std::min(d.x - 4 * e, 30 * e);
    const float x = (d.x - width) * 0.5f;
    const float picto = 2.0f * ui.m().hero_disc / 1.3f;
    const std::string left =
        ui.trn("goodbye.countdown", ui.kiosk().machine().goodbye_seconds_left(ui.kiosk().state(), ui.now()));
    float total = picto * 1.3f + e + ui.text_height(f.title, ui.tr("goodbye.title"), width) + e * 0.6f +
                  ui.text_height(f.body, ui.tr("goodbye.wiped"), width) + e * 1.2f +
                  ui.text_height(f.body, left, width);
    float y = std::max(e * 2, (d.y - total) * 0.45f);
    ImVec2 c(d.x * 0.5f, y + picto * 0.65f);
    ui.shapes().disc(dl, c, ui.m().hero_disc, color::kBlueFranceLight);
    ui.pictogram(icon::kSmile, c, color::kBlueFrance, true);
    y += picto * 1.3f + e;
    y +=
        ui.text(f.title, color::kText, ui.tr("goodbye.title"), ImVec2(x, y), width, Align::Center) + e * 0.6f;
    y += ui.text(f.body, color::kText, ui.tr("goodbye.wiped"), ImVec2(x, y), width, Align::Center) + e * 1.2f;
    ui.text(f.body, color::kTextMention, left, ImVec2(x, y), width, Align::Center);

    if (touched && !ui.pressed_in_agent_corner()) ui.send(ev::Start{});
}

}  // namespace kiosk::ui
