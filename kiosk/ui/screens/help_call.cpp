// "Un agent arrive": after "Besoin d'aide ?", over the citizen's screen, which stays as it was underneath.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_help_call(Ui& ui) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const float width = std::min(d.x - 2 * e, 30 * e);
    const float inner = width - 3 * e;
    const float picto = f.pictogram->FontSize;
    const ImVec2 bsize(inner, e * 2.6f);
    const std::string& title = ui.tr("help.title");
    const std::string& body = ui.tr("help.body");
    const float h = 1.5f * e + picto * 1.6f + e * 0.6f + ui.text_height(f.title, title, inner) + e * 0.5f +
                    ui.text_height(f.body, body, inner) + e + bsize.y + 1.5f * e;
    // The screen underneath is dimmed (and covered: its buttons do not answer), the panel stands out.
    dl->AddRectFilled(ImVec2(0, 0), d, IM_COL32(0, 0, 0, 110));
    ScreenItem& layer = ui.add_item(Role::Button, "help.layer", ImVec2(0, 0), d);
    layer.backdrop = true;
    layer.modal = true;
    ImVec2 p0((d.x - width) * 0.5f, (d.y - h) * 0.5f), p1(p0.x + width, p0.y + h);
    ui.shapes().fill_round_rect(dl, p0, p1, ui.m().corner_panel, color::kBackground);
    const float x = p0.x + 1.5f * e;
    float y = p0.y + 1.5f * e;
    // A gentle sign of life: a ring around the pictogram grows and fades once a second.
    const ImVec2 centre(d.x * 0.5f, y + picto * 0.8f);
    const auto since = std::chrono::duration_cast<std::chrono::seconds>(ui.now() - ui.kiosk().help_since());
    const int phase = static_cast<int>(since.count() % 3);
    // (a thin polyline: the baked rings come in fixed sizes only)
    dl->AddCircle(centre, picto * (0.62f + 0.08f * static_cast<float>(phase)), color::kBlueFrance, 48, 3.0f);
    ui.pictogram(icon::kHelp, centre, color::kBlueFrance);
    y += picto * 1.6f + e * 0.6f;
    y += ui.text(f.title, color::kText, title, ImVec2(x, y), inner, Align::Center) + e * 0.5f;
    y += ui.text(f.body, color::kText, body, ImVec2(x, y), inner, Align::Center) + e;
    if (ui.button("help.ok", icon::kDone, ui.tr("help.ok"), ButtonKind::Primary, ImVec2(x, y), bsize))
        ui.act("help.hide");
}

}  // namespace kiosk::ui
