// One session: what it is about, when, where, for whom, how many seats are left (or "à confirmer" when the
// kiosk could not ask), whether the pass numérique pays for it; "Réserver ma place" as its main action.
#include "../booking_screens.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "kiosk/core/journeys/places_words.hpp"

namespace kiosk::ui {

void draw_workshop(Ui& ui, const journeys::BookingJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Translator& t = ui.kiosk().translator();
    const booking::ShownWorkshop* s = journey.selected();
    if (!s) {
        ui.send(ev::Back{});
        return;
    }
    const booking::Workshop& w = s->workshop;
    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 40 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.6f;
    y += ui.text(f.title, color::kBlueFrance, w.title, ImVec2(x, y), width) + e * 0.3f;

    const ImVec2 bsize(std::min(width, e * 18), e * 2.6f);
    const float by = area.max.y - bsize.y - e * 0.4f;
    std::string below;
    if (w.full())
        below = ui.tr("booking.session.full");
    else if (!journey.can_book())
        below = ui.tr("booking.session.phone_only");
    else if (ui.button("booking.start", icon::kCheck, ui.tr("booking.session.book"), ButtonKind::Primary,
                       ImVec2(x + width - bsize.x, by), bsize))
        ui.act("booking.start");
    float text_bottom = by - e * 0.4f;
    if (!below.empty()) {
        const float h = ui.text_height(f.bold, below, width);
        ui.text(f.bold, color::kText, below, ImVec2(x, area.max.y - h - e * 0.6f), width);
        text_bottom = area.max.y - h - e * 1.0f;
    }

    ui.begin_scroll("booking.session.text", ImVec2(x, y), ImVec2(width, text_bottom - y));
    const float inner = width - e * 1.2f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 start = pos;
    auto section = [&](const char* glyph, const std::string& heading, const std::string& body) {
        if (body.empty()) return;
        pos.y += ui.text(f.bold, color::kText, std::string(glyph) + "  " + heading, pos, inner) + e * 0.1f;
        pos.y +=
            ui.text(f.body, color::kText, body, ImVec2(pos.x + e * 1.6f, pos.y), inner - e * 1.6f) + e * 0.5f;
    };
    section(icon::kSchedule, ui.tr("booking.session.when"), journeys::session_when(t, w));
    std::string where = w.place_name;
    if (!w.address.empty()) where += "\n" + w.address;
    if (!w.phone.empty()) where += "\n" + journeys::phone_words(w.phone);
    section(icon::kPlace, ui.tr("booking.session.where"), where);
    std::string about = ui.tr(journeys::level_key(w.level));
    for (const journeys::Need& n : journeys::needs())
        if (w.services & n.service) about += "\n• " + ui.tr(n.key);
    section(icon::kHelp, ui.tr("booking.session.about"), about);
    section(
        icon::kTicket, ui.tr("booking.session.seats"),
        journeys::seats_words(t, *s) + "\n" +
            ui.tr(w.pass_accepted ? TR_KEY("booking.session.pass_yes") : TR_KEY("booking.session.pass_no")));
    section(icon::kPhone, ui.tr("booking.session.how"),
            ui.tr(w.how == booking::HowToBook::CallBack ? TR_KEY("booking.session.how_callback")
                                                        : TR_KEY("booking.session.how_confirmed")));
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(inner, pos.y - start.y));
    ui.end_scroll();
}

}  // namespace kiosk::ui
