// "Êtes-vous toujours là ?": over any screen after a while without a touch, with a countdown.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_still_there(Ui& ui) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const float width = std::min(d.x - 2 * e, 30 * e);
    const float inner = width - 3 * e;
    const int left = ui.kiosk().machine().still_there_seconds_left(ui.kiosk().state(), ui.now());
    const std::string countdown = ui.trn("still_there.countdown", left);
    const float picto = f.pictogram->FontSize;
    const ImVec2 bsize(inner, e * 2.6f);
    float h = 1.5f * e + picto + e * 0.6f + ui.text_height(f.title, ui.tr("still_there.title"), inner) +
              e * 0.5f + ui.text_height(f.body, countdown, inner) + e + bsize.y * 2 + e * 0.6f + 1.5f * e;
    ImVec2 p0((d.x - width) * 0.5f, (d.y - h) * 0.5f), p1(p0.x + width, p0.y + h);
    ui.shapes().fill_round_rect(dl, p0, p1, ui.m().corner_panel, color::kBackground);
    float x = p0.x + 1.5f * e;
    float y = p0.y + 1.5f * e;
    ui.pictogram(icon::kTimer, ImVec2(d.x * 0.5f, y + picto * 0.5f), color::kBlueFrance);
    y += picto + e * 0.6f;
    y += ui.text(f.title, color::kText, ui.tr("still_there.title"), ImVec2(x, y), inner, Align::Center) +
         e * 0.5f;
    y += ui.text(f.body, color::kText, countdown, ImVec2(x, y), inner, Align::Center) + e;
    if (ui.button("still_there.yes", icon::kDone, ui.tr("still_there.yes"), ButtonKind::Primary, ImVec2(x, y),
                  bsize)) {
        ui.send(ev::StillHere{});
        return;
    }
    y += bsize.y + e * 0.6f;
    if (ui.button("still_there.no", icon::kLogout, ui.tr("still_there.no"), ButtonKind::Secondary,
                  ImVec2(x, y), bsize)) {
        ui.send(ev::Finish{});
        return;
    }
    // A touch anywhere outside the buttons also means "I am here". Submitted last so the buttons win.
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("still_there.anywhere", d)) ui.send(ev::StillHere{});
    ui.add_item(Role::Button, "still_there.anywhere", ImVec2(0, 0), d, ui.tr("still_there.yes")).backdrop =
        true;
}

}  // namespace kiosk::ui
