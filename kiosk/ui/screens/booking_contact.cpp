// How the place can reach the citizen: a telephone number on a numeric pad (mobile or landline, overseas
// too), or an e-mail, or "Je n'ai pas de téléphone" (then the ticket is the only reminder).
#include "../booking_screens.hpp"
#include "../keyboard.hpp"
#include "kiosk/core/booking/keyboards.hpp"

namespace kiosk::ui {

void draw_booking_contact(Ui& ui, const journeys::BookingJourney& journey) {
    using Contact = journeys::BookingJourney::Contact;
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const float m = e * 1.0f;
    const float width = std::min(area.width() - 2 * m, 46 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.2f;
    y += ui.step_line(3, 4, ImVec2(x, y), width);
    y += ui.text(f.title, color::kText, ui.tr("booking.contact.question"), ImVec2(x, y), width) + e * 0.3f;

    // Three choices side by side; on a narrow (portrait) screen the third one on a row of its own.
    const float gap = e * 0.5f;
    const bool narrow = ui.portrait();
    const ImVec2 tsize(narrow ? (width - gap) / 2 : (width - 2 * gap) / 3, e * 2.4f);
    const journeys::BookingJourney::Contact c = journey.contact();
    if (ui.toggle("booking.contact.phone", icon::kPhone, ui.tr("booking.contact.phone"), c == Contact::Phone,
                  ImVec2(x, y), tsize))
        ui.act("booking.contact", Contact::Phone);
    if (ui.toggle("booking.contact.email", icon::kMail, ui.tr("booking.contact.email"), c == Contact::Email,
                  ImVec2(x + tsize.x + gap, y), tsize))
        ui.act("booking.contact", Contact::Email);
    const ImVec2 none_at = narrow ? ImVec2(x, y + tsize.y + gap) : ImVec2(x + 2 * (tsize.x + gap), y);
    if (ui.toggle("booking.contact.none", icon::kClose, ui.tr("booking.contact.none"), false, none_at,
                  narrow ? ImVec2(width, tsize.y) : tsize))
        ui.act("booking.contact", Contact::None);
    y = none_at.y + tsize.y + e * 0.5f;

    const bool email = c == Contact::Email;
    const KeyboardLayout* keys = email ? &booking::email_keyboard() : &booking::phone_keypad();
    float kb_w = email ? width : std::min(width, e * 16);
    const ImVec2 bsize(e * 11, e * 2.4f);
    std::string typed = journey.text();
    text_field(ui, typed,
               ui.tr(email ? TR_KEY("booking.contact.email_hint") : TR_KEY("booking.contact.phone_hint")),
               Rect{ImVec2(x, y), ImVec2(x + width - bsize.x - e * 0.6f, y + bsize.y)});
    if (ui.button("booking.contact.next", icon::kForward, ui.tr("booking.next"), ButtonKind::Primary,
                  ImVec2(x + width - bsize.x, y), bsize))
        ui.act("booking.contact.next");
    y += bsize.y + e * 0.3f;
    const std::string note = *journey.problem() ? ui.tr(journey.problem())
                                                : ui.tr(email ? TR_KEY("booking.contact.email_note")
                                                              : TR_KEY("booking.contact.phone_note"));
    y += ui.text(f.bold, *journey.problem() ? color::kRedMarianne : color::kTextMention, note, ImVec2(x, y),
                 width) +
         e * 0.4f;
    // The keys fill what is left, narrower when the screen is short.
    const float room = area.max.y - e * 0.3f - y;
    for (int i = 0; i < 40 && keyboard_height(ui, kb_w, keys) > room; ++i) kb_w *= 0.95f;
    kb_w = std::min(width, std::max(kb_w, keyboard_min_width(ui, keys)));  // the page scrolls beyond
    const float kb_h = keyboard_height(ui, kb_w, keys);
    const float kb_top = std::max(y, area.max.y - kb_h - e * 0.3f);
    const float kx = x + (width - kb_w) * 0.5f;
    on_screen_keyboard(ui, typed, Rect{ImVec2(kx, kb_top), ImVec2(kx + kb_w, kb_top + kb_h)}, email ? 80 : 16,
                       keys);
    if (typed != journey.text()) ui.act("booking.typed", typed);
}

}  // namespace kiosk::ui
