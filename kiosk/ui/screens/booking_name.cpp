// "Votre prénom", then "Votre nom", typed on the keyboard of names (accents on their own row).
#include "../booking_screens.hpp"
#include "../keyboard.hpp"
#include "kiosk/core/booking/keyboards.hpp"

namespace kiosk::ui {

void draw_booking_name(Ui& ui, const journeys::BookingJourney& journey) {
    using Field = journeys::BookingJourney::Field;
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const float m = e * 1.0f;
    const float width = std::min(area.width() - 2 * m, 46 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.2f;
    const bool first = journey.field() == Field::FirstName;
    y += ui.step_line(first ? 1 : 2, 4, ImVec2(x, y), width);
    y += ui.text(f.title, color::kText,
                 ui.tr(first ? TR_KEY("booking.name.first_question") : TR_KEY("booking.name.last_question")),
                 ImVec2(x, y), width) +
         e * 0.3f;
    const ImVec2 bsize(e * 11, e * 2.4f);
    const float field_w = width - bsize.x - e * 0.6f;
    std::string typed = journey.text();
    text_field(ui, typed, ui.tr(first ? TR_KEY("booking.name.first_hint") : TR_KEY("booking.name.last_hint")),
               Rect{ImVec2(x, y), ImVec2(x + field_w, y + bsize.y)});
    if (ui.button("booking.name.next", icon::kForward, ui.tr("booking.next"), ButtonKind::Primary,
                  ImVec2(x + width - bsize.x, y), bsize))
        ui.act("booking.name.next");
    y += bsize.y + e * 0.3f;
    const float line_h = e * 2.0f;  // the line under the field: what is wrong, or the first name given
    if (*journey.problem()) {
        ui.text(f.bold, color::kRedMarianne, ui.tr(journey.problem()), ImVec2(x, y), width);
    } else if (!first) {
        const std::string said = ui.tr("booking.name.first_given") + " " + journey.citizen().first_name;
        const ImVec2 csize(e * 8, line_h);
        ui.text(f.body, color::kTextMention, said, ImVec2(x, y + e * 0.4f), width - csize.x - e);
        if (ui.button("booking.field.first", icon::kKeyboard, ui.tr("booking.name.fix_first"),
                      ButtonKind::Tertiary, ImVec2(x + width - csize.x, y), csize))
            ui.act("booking.field", Field::FirstName);
    }
    y += line_h + e * 0.4f;
    // The keyboard fills what is left, narrower when the screen is short.
    const KeyboardLayout* keys = &booking::name_keyboard();
    const float room = area.max.y - e * 0.3f - y;
    float kb_w = width;
    for (int i = 0; i < 40 && keyboard_height(ui, kb_w, keys) > room; ++i) kb_w *= 0.95f;
    kb_w = std::min(width, std::max(kb_w, keyboard_min_width(ui, keys)));  // the page scrolls beyond
    const float kb_h = keyboard_height(ui, kb_w, keys);
    const float kb_top = std::max(y, area.max.y - kb_h - e * 0.3f);
    const float kx = x + (width - kb_w) * 0.5f;
    on_screen_keyboard(ui, typed, Rect{ImVec2(kx, kb_top), ImVec2(kx + kb_w, kb_top + kb_h)}, 40, keys);
    if (typed != journey.text()) ui.act("booking.typed", typed);
}

}  // namespace kiosk::ui
