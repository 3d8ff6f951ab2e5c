// "Ateliers près de chez vous": the sessions to come, soonest first (those of one place when opened from its
// page; those for what the diagnostic found when there is one), each a card: what, when, where, seats.
#include "../booking_screens.hpp"

namespace kiosk::ui {

void draw_workshops(Ui& ui, const journeys::BookingJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Translator& t = ui.kiosk().translator();
    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 44 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.6f;
    const bool one_place = !journey.place_filter().empty();
    y += ui.text(f.title, color::kText,
                 ui.tr(one_place ? TR_KEY("booking.list.title_place") : TR_KEY("booking.list.title")),
                 ImVec2(x, y), width) +
         e * 0.2f;
    if (journey.filtered_by_diagnostic())
        y += ui.text(f.body, color::kTextMention, ui.tr("booking.list.for_needs"), ImVec2(x, y), width) +
             e * 0.3f;
    // From one place's workshops, one tap to all those near the kiosk.
    float bottom = area.max.y - e * 0.4f;
    if (one_place) {
        const ImVec2 bsize(std::min(width, e * 20), e * 2.4f);
        bottom -= bsize.y + e * 0.4f;
        if (ui.button("booking.list.all", icon::kMyLocation, ui.tr("booking.list.all"), ButtonKind::Secondary,
                      ImVec2(x + width - bsize.x, bottom + e * 0.4f), bsize))
            ui.act("booking.list.all");
    }
    const auto& list = journey.list();
    if (!journey.ready() || list.empty()) {
        ui.text(f.body, color::kTextMention,
                ui.tr(journey.ready() ? TR_KEY("booking.list.none") : TR_KEY("booking.list.loading")),
                ImVec2(x, y), width);
        return;
    }
    ui.begin_scroll("booking.list", ImVec2(x, y), ImVec2(width, bottom - y));
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 start = pos;
    const float inner = width - e * 1.2f;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const booking::ShownWorkshop& s = list[i];
        const booking::Workshop& w = s.workshop;
        const std::string text = journeys::session_when(t, w) + "\n" + w.place_name + "\n" +
                                 ui.tr(journeys::level_key(w.level)) + " — " + journeys::seats_words(t, s);
        // As tall as the card's pictogram, title and words need (its own layout: Ui::card).
        const float words = inner - e * 1.6f;
        const float h = 2.0f * ui.m().disc + e * 0.5f + ui.text_height(f.title, w.title, words) + e * 0.4f +
                        ui.text_height(f.body, text, words) + e * 1.6f + e * 0.4f;
        const std::string id = "booking.session." + std::to_string(i + 1);
        if (ui.card(id.c_str(), icon::kTimer, w.title, text, pos, ImVec2(inner, h)))
            ui.act("booking.choose", w.id);
        pos.y += h + e * 0.5f;
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(inner, pos.y - start.y));
    ui.end_scroll();
}

}  // namespace kiosk::ui
