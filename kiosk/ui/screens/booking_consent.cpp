// Before anything is sent: the session, the details given, and in plain words what is sent to whom and kept
// how long; "Je confirme ma réservation".
#include "../booking_screens.hpp"
#include "kiosk/core/journeys/places_words.hpp"

namespace kiosk::ui {

void draw_booking_consent(Ui& ui, const journeys::BookingJourney& journey) {
    using Contact = journeys::BookingJourney::Contact;
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Translator& t = ui.kiosk().translator();
    const booking::ShownWorkshop* s = journey.selected();
    if (!s) {
        ui.send(ev::Home{});
        return;
    }
    const booking::Workshop& w = s->workshop;
    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 42 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.2f;
    y += ui.step_line(4, 4, ImVec2(x, y), width);
    y += ui.text(f.title, color::kText, ui.tr("booking.consent.title"), ImVec2(x, y), width) + e * 0.3f;

    const ImVec2 bsize(std::min(width, e * 20), e * 2.6f);
    const std::string state = *journey.problem()     ? ui.tr(journey.problem())
                              : journey.submitting() ? ui.tr("booking.consent.sending")
                                                     : std::string{};
    const float state_h = state.empty() ? 0.0f : ui.text_height(f.bold, state, width) + e * 0.2f;
    // The words keep a few lines above the button (larger text: the page scrolls to it).
    const float by = std::max(area.max.y - bsize.y - e * 0.4f, y + e * 4.2f + state_h + e * 0.4f);
    if (!journey.submitting() && ui.button("booking.confirm", icon::kCheck, ui.tr("booking.consent.confirm"),
                                           ButtonKind::Primary, ImVec2(x + width - bsize.x, by), bsize))
        ui.act("booking.confirm");
    float bottom = by - e * 0.4f;
    if (!state.empty()) {
        const float h = ui.text_height(f.bold, state, width);
        bottom -= h + e * 0.2f;
        ui.text(f.bold, *journey.problem() ? color::kRedMarianne : color::kText, state, ImVec2(x, bottom),
                width);
    }

    ui.begin_scroll("booking.consent.text", ImVec2(x, y), ImVec2(width, bottom - y - e * 0.2f));
    const float inner = width - e * 1.2f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 start = pos;
    auto block = [&](const char* glyph, const std::string& heading, const std::string& body) {
        pos.y += ui.text(f.bold, color::kText, std::string(glyph) + "  " + heading, pos, inner) + e * 0.1f;
        pos.y +=
            ui.text(f.body, color::kText, body, ImVec2(pos.x + e * 1.6f, pos.y), inner - e * 1.6f) + e * 0.5f;
    };
    block(icon::kSchedule, w.title, journeys::session_when(t, w) + "\n" + w.place_name);
    const booking::Citizen& c = journey.citizen();
    std::string who = c.first_name + " " + c.last_name;
    if (journey.contact() == Contact::Phone && journey.phone().international)
        who += "\n" + journeys::phone_words(*journey.phone().international);
    else if (journey.contact() == Contact::Email)
        who += "\n" + c.email;
    else
        who += "\n" + ui.tr("booking.consent.no_phone");
    block(icon::kSmile, ui.tr("booking.consent.you"), who);
    const long days = std::chrono::duration_cast<std::chrono::hours>(journey.settings().max_age).count() / 24;
    block(icon::kLock, ui.tr("booking.consent.data"),
          format(ui.tr("booking.consent.data_text"), {{"place", w.place_name}}) + "\n" +
              ui.trn("booking.consent.kept", days));
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(inner, pos.y - start.y));
    ui.end_scroll();
}

}  // namespace kiosk::ui
