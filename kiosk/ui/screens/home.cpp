// Home: the three big choices.
#include "../ui.hpp"

namespace kiosk::ui {

void draw_home(Ui& ui) {
    const float e = ui.em();
    Rect area = ui.header(true, false);
    ui.footer(false, true, true);
    area = ui.content_area();
    const Fonts& f = ui.fonts();

    const float m = e * 1.2f;
    float y = area.min.y + e * 0.9f;
    const float width = area.width() - 2 * m;
    y +=
        ui.text(f.title, color::kText, ui.tr("home.question"), ImVec2(m, y), width, Align::Center) + e * 0.8f;

    struct Choice {
        const char* id;
        const char* glyph;
        const std::string& title;
        const std::string& text;
        Screen screen;
    };
    const Choice choices[] = {
        {"home.diagnostic", icon::kQuiz, ui.tr("home.diagnostic.title"), ui.tr("home.diagnostic.text"),
         Screen::DiagnosticStart},
        {"home.pass", icon::kQrScan, ui.tr("home.pass.title"), ui.tr("home.pass.text"), Screen::PassStart},
        {"home.places", icon::kPlace, ui.tr("home.places.title"), ui.tr("home.places.text"),
         Screen::PlacesNeed},  // the needs screen already says what happens: no "Commencer" before it
    };
    // A portrait screen stacks the cards (with the footer's second row of access buttons): tighter gaps.
    // Larger text: when a word of a card's title is wider than a column, the cards go one above the other.
    auto longest_word = [&](const std::string& s) {
        float most = 0;
        std::size_t from = 0;
        while (from < s.size()) {
            std::size_t to = s.find(' ', from);
            if (to == std::string::npos) to = s.size();
            most = std::max(
                most,
                f.title->CalcTextSizeA(f.title->FontSize, FLT_MAX, 0, s.c_str() + from, s.c_str() + to).x);
            from = to + 1;
        }
        return most;
    };
    const float column_inner = (width - 2 * e * 0.9f) / 3 - 2 * e * 0.8f;
    bool stack = ui.portrait();
    for (const Choice& c : choices) stack = stack || longest_word(c.title) > column_inner;
    const float bottom = area.max.y - (stack ? e * 0.5f : e * 0.9f);
    const float gap = stack ? e * 0.5f : e * 0.9f;
    if (stack) {
        float h = std::min((bottom - y - 2 * gap) / 3, e * 11);
        for (const Choice& c : choices) h = std::max(h, ui.card_height(c.title, c.text, width));
        for (const Choice& c : choices) {
            if (ui.card(c.id, c.glyph, c.title, c.text, ImVec2(m, y), ImVec2(width, h)))
                ui.send(ev::Open{c.screen});
            y += h + gap;
        }
    } else {
        const float w = (width - 2 * gap) / 3;
        float h = bottom - y;  // larger text: as tall as the longest words, and the page scrolls
        for (const Choice& c : choices) h = std::max(h, ui.card_height(c.title, c.text, w));
        float x = m;
        for (const Choice& c : choices) {
            if (ui.card(c.id, c.glyph, c.title, c.text, ImVec2(x, y), ImVec2(w, h)))
                ui.send(ev::Open{c.screen});
            x += w + gap;
        }
    }
}

}  // namespace kiosk::ui
