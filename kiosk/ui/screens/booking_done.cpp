// The true answer: "Votre place est réservée" only once the hub confirmed it; otherwise "Votre demande est
// enregistrée : la structure vous appellera". The ticket prints by itself (it is the reminder); "Imprimer
// encore", or after a failure "Réessayer" / "Appeler un agent".
#include "../booking_screens.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"

namespace kiosk::ui {

void draw_booking_done(Ui& ui, const journeys::BookingJourney& journey) {
    using S = booking::BookingStatus;
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(false, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Translator& t = ui.kiosk().translator();
    const booking::ShownWorkshop* s = journey.selected();
    if (!s || !journey.status()) {
        ui.send(ev::Home{});
        return;
    }
    const S status = *journey.status();
    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 40 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 1.0f;
    const char* key = status == S::Confirmed ? TR_KEY("booking.done.confirmed")
                      : status == S::Full    ? TR_KEY("booking.done.full")
                      : status == S::Refused ? TR_KEY("booking.done.refused")
                                             : TR_KEY("booking.done.pending");
    const ImU32 col = status == S::Confirmed ? color::kSuccess : color::kText;
    // A smile when the seat is taken (drawn large), a clock while the place is to call back.
    if (status == S::Confirmed)
        ui.pictogram(icon::kSmile, ImVec2(area.width() * 0.5f, y + e * 1.5f), col, true);
    else
        ui.pictogram(icon::kTimer, ImVec2(area.width() * 0.5f, y + e * 1.5f), col);
    y += e * 3.4f;
    y += ui.text(f.title, col, ui.tr(key), ImVec2(x, y), width, Align::Center) + e * 0.5f;
    y += ui.text(f.bold, color::kText, s->workshop.title, ImVec2(x, y), width, Align::Center) + e * 0.1f;
    y += ui.text(f.body, color::kText, journeys::session_when(t, s->workshop) + "\n" + s->workshop.place_name,
                 ImVec2(x, y), width, Align::Center) +
         e * 0.4f;
    if (journey.citizen().no_phone)
        y += ui.text(f.body, color::kTextMention, ui.tr("booking.done.keep_ticket"), ImVec2(x, y), width,
                     Align::Center);
    // The pass numérique read in this session paid for the seat (content/pass/README.md).
    if (const auto* pass = ui.kiosk().find<journeys::PassJourney>();
        pass && pass->spent() == journeys::PassJourney::Spent::Recorded)
        y += ui.text(f.bold, color::kText, ui.tr("pass.spent.booking"), ImVec2(x, y), width, Align::Center);

    const printing::PrintState& print = journey.print_state();
    const ImVec2 bsize(std::min(width, e * 16), e * 2.6f);
    const float by = area.max.y - bsize.y - e * 0.4f;
    const int n = print_button_count(print);
    const float gap = e * 0.6f;
    print_buttons(ui, print, "booking.print", ui.tr("booking.done.print"),
                  ImVec2(x + (width - (bsize.x * n + gap * (n - 1))) * 0.5f, by), bsize, gap);
    const std::string words = print_status_words(ui, print);
    if (!words.empty()) {
        const float h = ui.text_height(f.bold, words, width);
        ui.text(f.bold, print_status_color(print), words, ImVec2(x, by - h - e * 0.3f), width, Align::Center);
    }
}

}  // namespace kiosk::ui
