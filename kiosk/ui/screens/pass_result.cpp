// What the pass is worth and until when, or why it cannot be used, and what to do next; then the places
// that accept it, in one tap.
#include "../pass_screens.hpp"

namespace kiosk::ui {

void draw_pass_result(Ui& ui, journeys::PassJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(false, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& verdict = journey.verdict();
    if (!verdict) {
        ui.send(ev::Home{});
        return;
    }
    const pass::Words w = pass::words(*verdict, ui.kiosk().translator());
    const bool usable = verdict->usable();

    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, e * 34);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.8f;
    const ImVec2 c(area.width() * 0.5f, y + ui.m().disc);
    ui.shapes().disc(dl, c, ui.m().disc, usable ? color::kBlueFranceLight : color::kBackgroundAlt);
    ui.pictogram(usable ? icon::kTicket : icon::kInfo, c, usable ? color::kBlueFrance : color::kTextMention);
    y += 2.0f * ui.m().disc + e * 0.6f;
    y += ui.text(f.title, color::kText, w.title, ImVec2(x, y), width, Align::Center) + e * 0.3f;
    y += ui.text(f.body, color::kText, w.text, ImVec2(x, y), width, Align::Center) + e * 0.4f;
    y += ui.text(f.bold, color::kText, w.next, ImVec2(x, y), width, Align::Center) + e * 0.8f;

    // A usable pass: its places on paper is the main action, then on screen, or another pass.
    const ImVec2 bsize(std::min((width - e) / 2, e * 16), e * 2.6f);
    const printing::PrintState& print = journey.print_state();
    if (usable && print_button_count(print) > 0) {
        const std::string status = print_status_words(ui, print);
        const int n = print_button_count(print);
        const ImVec2 psize = n == 1 ? ImVec2(std::min(width, e * 26), bsize.y) : bsize;
        const float px = x + (width - (n * psize.x + (n - 1) * e)) * 0.5f;
        const float status_h = status.empty() ? 0 : ui.text_height(f.bold, status, width) + e * 0.3f;
        const float py = std::min(y, area.max.y - 2 * bsize.y - e * 1.2f - status_h);
        print_buttons(ui, print, "pass.print", ui.tr("pass.result.print"), ImVec2(px, py), psize, e);
        if (!status.empty())
            ui.text(f.bold, print_status_color(print), status, ImVec2(x, py + psize.y + e * 0.3f), width,
                    Align::Center);
        y = py + psize.y + status_h + e * 0.6f;
    }
    const float by = std::min(y, area.max.y - bsize.y - e * 0.6f);
    float bx = x + (width - (usable ? 2 * bsize.x + e : bsize.x)) * 0.5f;
    if (usable) {
        if (ui.button("pass.result.places", icon::kPlace, ui.tr("pass.result.places"), ButtonKind::Secondary,
                      ImVec2(bx, by), bsize)) {
            ui.act("pass.find_places");  // the places that accept the pass numérique
        }
        bx += bsize.x + e;
    }
    if (ui.button("pass.result.another", icon::kQrScan, ui.tr("pass.result.another"),
                  usable ? ButtonKind::Secondary : ButtonKind::Primary, ImVec2(bx, by), bsize)) {
        ui.act("pass.another");
    }
}

}  // namespace kiosk::ui
