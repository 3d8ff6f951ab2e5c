// "Votre bilan": what the citizen already does well, what a mediator can help with, then one tap to find a
// place that helps with exactly that, or a printed summary to take away.
#include "../diagnostic_screens.hpp"

namespace kiosk::ui {

void draw_diagnostic_result(Ui& ui, journeys::DiagnosticJourney& journey) {
    const PrintState& print = journey.print_state();
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(false, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const auto& result = journey.result();
    if (!result || !journey.content()) {
        ui.send(ev::Home{});
        return;
    }
    const diagnostic::Diagnostic& d = *journey.content();

    const float m = e * 1.2f;
    const float width = area.width() - 2 * m;
    float y = area.min.y + e * 0.6f;
    y += ui.text(f.title, color::kText, ui.tr(d.text("result_title")), ImVec2(m, y), width, Align::Center) +
         e * 0.4f;

    // The ways on stay at the bottom; the lists above them scroll when they are long.
    const ImVec2 bsize(std::min((width - e) / 2, e * 16), e * 2.6f);
    // How the printing goes, kindly (the technical detail is in the log); else what is kept about the
    // citizen.
    std::string status = print_status_words(ui, print);
    const bool print_said = !status.empty();
    if (!print_said) status = ui.tr(d.text("privacy"));
    // As tall as the words under the buttons need (an error takes two lines on a small screen).
    const float status_h = std::max(e * 1.4f, ui.text_height(f.body, status, width));
    // The lists keep at least a few lines (larger text: the page scrolls to the buttons).
    const float by = std::max(area.max.y - bsize.y - status_h - e * 0.6f, y + e * 4.4f);
    ui.begin_scroll("diag.result.lists", ImVec2(m, y), ImVec2(width, by - y - e * 0.4f));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    y = origin.y;

    // Two columns side by side in landscape, one after the other in portrait.
    const bool two = !ui.portrait();
    const float col_w = two ? (width - 2 * e) / 2 : width - e;
    auto list = [&](const char* glyph, const std::string& heading, const std::vector<std::string>& keys,
                    ImVec2 at, const std::string& none) {
        float h =
            ui.text(f.bold, color::kBlueFrance, std::string(glyph) + "  " + heading, at, col_w) + e * 0.2f;
        if (keys.empty()) h += ui.text(f.body, color::kTextMention, none, ImVec2(at.x, at.y + h), col_w);
        for (const std::string& k : keys)
            h += ui.text(f.body, color::kText, "• " + ui.tr(k), ImVec2(at.x, at.y + h), col_w);
        return h;
    };
    const float h1 = list(icon::kCheck, ui.tr(d.text("strengths")), result->strength_keys, ImVec2(m, y),
                          ui.tr("diagnostic.result.no_strength"));
    const float h2 = list(icon::kHelp, ui.tr(d.text("needs")), result->need_keys,
                          two ? ImVec2(m + col_w + e, y) : ImVec2(m, y + h1 + e * 0.5f),
                          ui.tr("diagnostic.result.no_need"));
    y += (two ? std::max(h1, h2) : h1 + e * 0.5f + h2) + e * 0.6f;
    if (!result->need_keys.empty())
        y += ui.text(f.bold, color::kText, ui.tr(d.text("reassure")), ImVec2(m, y), width - e, Align::Center);
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width - e, y - origin.y));
    ui.end_scroll();

    // The two ways on: a place that helps with exactly these needs, or the summary on paper (after a failure:
    // "Réessayer" and "Appeler un agent").
    const int printing_buttons = print_button_count(print);
    const int slots = 1 + printing_buttons;
    const ImVec2 row(std::min((width - e * (slots - 1)) / slots, e * 16), bsize.y);
    const float bx = m + (width - (slots * row.x + (slots - 1) * e)) * 0.5f;
    if (ui.button("diag.result.places", icon::kPlace, ui.tr("diagnostic.result.find_place"),
                  ButtonKind::Primary, ImVec2(bx, by), row)) {
        ui.act("diagnostic.find_places");  // the search opens already filtered on these needs
    }
    print_buttons(ui, print, "diagnostic.print", ui.tr(d.text("print")), ImVec2(bx + row.x + e, by), row, e,
                  ButtonKind::Secondary);  // the places first
    ui.text(f.body, print_said ? print_status_color(print) : color::kTextMention, status,
            ImVec2(m, by + bsize.y + e * 0.4f), width, Align::Center);
}

}  // namespace kiosk::ui
