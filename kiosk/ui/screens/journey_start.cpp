// The first screen of each journey: what will happen, in a few plain words.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_journey_start(Ui& ui, Screen screen, Screen first_step) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const char* glyph = icon::kQuiz;
    const std::string* title = &ui.tr("journey.diagnostic.title");
    const std::string* steps = &ui.tr("journey.diagnostic.steps");
    const char* start_id = "journey.diagnostic.start";
    if (screen == Screen::PassStart) {
        glyph = icon::kQrScan;
        title = &ui.tr("journey.pass.title");
        steps = &ui.tr("journey.pass.steps");
        start_id = "journey.pass.start";
    }

    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 34 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.9f;
    const float picto = 2.0f * ui.m().disc;
    ImVec2 c(area.width() * 0.5f, y + picto * 0.5f);
    ui.shapes().disc(dl, c, ui.m().disc, color::kBlueFranceLight);
    ui.pictogram(glyph, c, color::kBlueFrance);
    y += picto + e * 0.6f;
    y += ui.text(f.title, color::kText, *title, ImVec2(x, y), width, Align::Center) + e * 0.6f;
    y += ui.text(f.body, color::kText, *steps, ImVec2(x, y), width) + e;

    const float bw = std::min(width, 16 * e);
    const ImVec2 bsize(bw, ui.button_height(icon::kForward, ui.tr("journey.start"), bw, e * 2.6f));
    // Below the words (the page scrolls when they run long at a larger text size).
    const ImVec2 bpos((area.width() - bsize.x) * 0.5f, y);
    if (ui.kiosk().machine().can_open(screen, first_step)) {
        if (ui.button(start_id, icon::kForward, ui.tr("journey.start"), ButtonKind::Primary, bpos, bsize))
            ui.send(ev::Open{first_step});
    } else {
        // Said plainly rather than offering a button that leads nowhere.
        float ny =
            ui.text(f.bold, color::kText, ui.tr("journey.coming_soon"), ImVec2(x, y), width, Align::Center);
        ImVec2 hpos(bpos.x, y + ny + e * 0.6f);
        if (ui.button("journey.home", icon::kHome, ui.tr("nav.home"), ButtonKind::Primary, hpos, bsize))
            ui.send(ev::Home{});
    }
}

}  // namespace kiosk::ui
