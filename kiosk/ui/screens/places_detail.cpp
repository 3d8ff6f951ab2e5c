// One place: where it is and how to go there, when it opens in words, how to reach it, what it helps with;
// "Imprimer" is its main action (the ticket says it all on paper), the map beside it.
#include "../places_screens.hpp"
#include "kiosk/core/journeys/booking_journey.hpp"

namespace kiosk::ui {

void draw_places_detail(Ui& ui, journeys::PlacesJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const std::optional<std::uint32_t> id = journey.selected();
    const places::Place* p = id ? journey.place(*id) : nullptr;
    if (!p) {  // nothing chosen (the session was wiped meanwhile): back to the list
        ui.send(ev::Back{});
        return;
    }
    const journeys::PlaceResult* r = nullptr;
    for (const auto& candidate : journey.results())
        if (candidate.id == *id) r = &candidate;

    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 40 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.2f;
    y += ui.step_line(4, 4, ImVec2(x, y), width);
    y += ui.text(f.title, color::kBlueFrance, p->name, ImVec2(x, y), width) + e * 0.2f;

    // At the bottom: the print buttons, then the map; above them, how the printing goes, in words.
    const printing::PrintState& print = journey.print_state();
    const int printing_buttons = print_button_count(print);
    const float gap = e * 0.6f;
    const auto* booking = ui.kiosk().find<journeys::BookingJourney>();
    const std::size_t workshops = booking ? booking->at_place(p->id).size() : 0;  // sessions to come here
    const int slots = printing_buttons + 1 + (workshops ? 1 : 0);
    const ImVec2 bsize(std::min((width - gap * (slots - 1)) / slots, e * 14), e * 2.6f);
    const std::string status = print_status_words(ui, print);
    const float status_h = status.empty() ? 0.0f : ui.text_height(f.bold, status, width) + e * 0.3f;
    // The place's words keep a few lines above the buttons (larger text: the page scrolls to them).
    const float by = std::max(area.max.y - bsize.y - e * 0.4f, y + e * 4.4f + status_h);
    const float row_x = x + width - (bsize.x * slots + gap * (slots - 1));
    print_buttons(ui, print, "places.print", ui.tr("places.detail.print"), ImVec2(row_x, by), bsize, gap);
    if (ui.button("places.detail.map", icon::kMap, ui.tr("places.detail.map"),
                  printing_buttons ? ButtonKind::Secondary : ButtonKind::Primary,
                  ImVec2(x + width - bsize.x, by), bsize))
        ui.send(ev::Open{Screen::PlacesMap});
    if (workshops && ui.button("places.detail.workshops", icon::kSchedule,
                               ui.tr("places.detail.workshops") + " (" + std::to_string(workshops) + ")",
                               ButtonKind::Secondary, ImVec2(x + width - bsize.x * 2 - gap, by), bsize))
        ui.send(ev::Open{journeys::kWorkshops});
    float status_top = by;
    if (!status.empty()) {
        status_top = by - status_h;
        ui.text(f.bold, print_status_color(print), status, ImVec2(x, status_top), width);
    }

    ui.begin_scroll("places.detail.text", ImVec2(x, y), ImVec2(width, status_top - y - e * 0.4f));
    const float inner = width - e * 1.2f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 start = pos;
    auto section = [&](const char* glyph, const std::string& heading, const std::string& body,
                       ImU32 col = color::kText) {
        if (body.empty()) return;
        pos.y += ui.text(f.bold, color::kText, std::string(glyph) + "  " + heading, pos, inner) + e * 0.1f;
        pos.y += ui.text(f.body, col, body, ImVec2(pos.x + e * 1.6f, pos.y), inner - e * 1.6f) + e * 0.6f;
    };

    std::string address = p->address;
    if (!p->address_complement.empty()) address += "\n" + p->address_complement;
    address += "\n" + p->postal_code + " " + p->commune;
    if (r) address += "\n" + distance_words(ui, r->distance_m, journey);
    if (p->approximate) address += "\n" + ui.tr("places.detail.approximate");
    section(icon::kPlace, ui.tr("places.detail.address"), address);

    std::string when;
    if (r) when = open_words(ui, journey, *r) + "\n";
    when += week_words(ui, journey, *id);
    section(icon::kSchedule, ui.tr("places.detail.hours"), when);

    if (!p->phone.empty()) section(icon::kPhone, ui.tr("places.detail.phone"), phone_words(p->phone));

    std::string helps;
    for (const journeys::Need& n : journeys::needs())
        if (p->services & n.service) helps += "• " + ui.tr(n.key) + "\n";
    if (!helps.empty()) helps.pop_back();
    section(icon::kHelp, ui.tr("places.detail.helps"), helps);

    std::string conditions;
    if (p->has(places::Fee::Free))
        conditions += ui.tr("places.detail.free") + "\n";
    else if (p->has(places::Fee::FreeUnderConditions))
        conditions += ui.tr("places.detail.free_conditions") + "\n";
    else if (p->has(places::Fee::Paid))
        conditions += ui.tr("places.detail.paid") + "\n";
    conditions +=
        ui.tr(p->accepts_pass ? TR_KEY("places.detail.pass_yes") : TR_KEY("places.detail.pass_unknown"));
    section(icon::kTicket, ui.tr("places.detail.conditions"), conditions);

    std::string support;
    for (const SupportWords& s : support_words())
        if (p->supports & s.bit) support += "• " + ui.tr(s.key) + "\n";
    if (!p->accessibility_url.empty()) support += ui.tr("places.detail.accessibility_online") + "\n";
    if (!support.empty()) support.pop_back();
    section(icon::kAccessible, ui.tr("places.detail.support"), support);

    std::string contact;
    if (!p->booking_url.empty()) contact += ui.tr("places.detail.booking_online") + "\n";
    for (const auto& w : p->websites) contact += w + "\n";
    if (!contact.empty()) contact.pop_back();
    section(icon::kWeb, ui.tr("places.detail.online"), contact);

    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(inner, pos.y - start.y));
    ui.end_scroll();
}

}  // namespace kiosk::ui
