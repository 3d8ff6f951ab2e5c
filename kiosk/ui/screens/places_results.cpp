// The nearest places as large cards: name, distance, open or closed now in words, what they help with.
#include <cmath>
#include <cstdio>

#include "../places_screens.hpp"
#include "kiosk/core/hours/wording.hpp"

namespace kiosk::ui {

namespace {

// Chips laid out left to right, onto the next line when the row is full.
struct Flow {
    float x0, width, x, y, row_h, gap;
    ImVec2 place(float w) {
        w = std::min(w, width);
        if (x > x0 && x + w > x0 + width) {
            x = x0;
            y += row_h + gap;
        }
        const ImVec2 p(x, y);
        x += w + gap;
        return p;
    }
};

float chip_width(const Ui& ui, const std::string& label) {
    return ui.fonts().bold->CalcTextSizeA(ui.em(), FLT_MAX, 0, label.c_str()).x + ui.em() * 3.2f;
}

void choice_chips(Ui& ui, const journeys::PlacesJourney& journey, Flow& flow);

// The filter chips and the map button; "Plus de choix" opens the day and support choices. Returns the height.
float filter_chips(Ui& ui, const journeys::PlacesJourney& journey, float x, float y, float width) {
    const float e = ui.em();
    const float y0 = y;
    const journeys::PlacesQuery& q = journey.query();
    const float row_h = e * 2.0f;
    const float map_w = e * 5.5f;
    Flow flow{x, width - map_w - e * 0.4f, x, y, row_h, e * 0.4f};
    auto chip = [&](const char* id, const char* glyph, const std::string& label, bool on) {
        return ui.toggle(id, glyph, label, on, flow.place(chip_width(ui, label)),
                         ImVec2(std::min(chip_width(ui, label), flow.width), row_h));
    };
    if (chip("places.filter.open", icon::kSchedule, ui.tr("places.filter.open_now"), q.open_now))
        ui.act("places.filter.open_now");
    if (chip("places.filter.free", icon::kGift, ui.tr("places.filter.free"), q.free_only))
        ui.act("places.filter.free");
    if (chip("places.filter.pass", icon::kTicket, ui.tr("places.filter.pass"), q.pass_only))
        ui.act("places.filter.pass");
    if (chip("places.filter.more", icon::kSettings, ui.tr("places.filter.more"), q.more_filters))
        ui.act("places.filter.more");
    if (ui.button("places.results.map", icon::kMap, ui.tr("places.results.map"), ButtonKind::Secondary,
                  ImVec2(x + width - map_w, y0), ImVec2(map_w, row_h)))
        ui.send(ev::Open{Screen::PlacesMap});
    return flow.y + row_h - y0;
}

// "Plus de choix": open on a chosen day, specific support. Laid out in `flow` (a scrolling region's).
void choice_chips(Ui& ui, const journeys::PlacesJourney& journey, Flow& flow) {
    const float e = ui.em();
    const journeys::PlacesQuery& q = journey.query();
    auto chip = [&](const char* id, const char* glyph, const std::string& label, bool on) {
        return ui.toggle(id, glyph, label, on, flow.place(chip_width(ui, label)),
                         ImVec2(std::min(chip_width(ui, label), flow.width), flow.row_h));
    };
    // Open on a chosen day.
    const std::string day_label = ui.tr("places.filter.open_on");
    const ImVec2 at =
        flow.place(ui.fonts().bold->CalcTextSizeA(e, FLT_MAX, 0, day_label.c_str()).x + e * 0.4f);
    ui.line(ui.fonts().bold, color::kText, day_label, ImVec2(at.x, at.y + e * 0.45f));
    for (int d = 0; d < 7; ++d) {
        const std::string id = "places.filter.day." + std::to_string(d);
        if (chip(id.c_str(), nullptr, hours::say_weekday(ui.kiosk().translator(), d, true), q.open_day == d))
            ui.act("places.filter.day", d);
    }
    // Specific support: all of those chosen.
    flow.x = flow.x0 + flow.width;  // start a new line
    const std::string& support_label = ui.tr("places.detail.support");
    const ImVec2 at2 =
        flow.place(ui.fonts().bold->CalcTextSizeA(e, FLT_MAX, 0, support_label.c_str()).x + e * 0.4f);
    ui.line(ui.fonts().bold, color::kText, support_label, ImVec2(at2.x, at2.y + e * 0.45f));
    for (const SupportWords& s : support_words()) {
        const std::string id = std::string("places.filter.") + s.key;
        if (chip(id.c_str(), nullptr, ui.tr(s.key), (q.supports & s.bit) != 0))
            ui.act("places.filter.support", s.bit);
    }
}

void no_result(Ui& ui, const journeys::PlacesJourney& journey, float x, float y, float width) {
    const float e = ui.em();
    const Fonts& f = ui.fonts();
    y += ui.text(f.bold, color::kText, ui.tr("places.results.none"), ImVec2(x, y), width, Align::Center) +
         e * 0.6f;
    const search::Widening& w = journey.widening();
    const journeys::PlacesQuery& q = journey.query();
    const ImVec2 size(std::min(width, e * 22), e * 2.4f);
    const float bx = x + (width - size.x) * 0.5f;
    if (w.radius_m > q.radius_km * 1000.0 && w.at_radius > 0) {
        const std::string label =
            format(ui.tr("places.widen.radius"),
                   {{"km", std::to_string(static_cast<int>(std::ceil(w.radius_m / 1000.0)))}});
        if (ui.button("places.widen.radius", icon::kSearch, label, ButtonKind::Primary, ImVec2(bx, y), size))
            ui.act("places.widen.radius");
        y += size.y + e * 0.5f;
    }
    if (w.without_open && *w.without_open > 0) {
        if (ui.button("places.widen.open", icon::kSchedule, ui.tr("places.widen.open"), ButtonKind::Secondary,
                      ImVec2(bx, y), size))
            ui.act("places.widen.open");
        y += size.y + e * 0.5f;
    }
    if (w.without_services && *w.without_services > 0) {
        if (ui.button("places.widen.needs", icon::kHelp, ui.tr("places.widen.needs"), ButtonKind::Secondary,
                      ImVec2(bx, y), size))
            ui.act("places.widen.needs");
        y += size.y + e * 0.5f;
    }
    if ((w.without_free && *w.without_free > 0) || (w.without_pass && *w.without_pass > 0) ||
        (w.without_supports && *w.without_supports > 0)) {
        if (ui.button("places.widen.filters", icon::kClose, ui.tr("places.widen.filters"),
                      ButtonKind::Secondary, ImVec2(bx, y), size))
            ui.act("places.widen.filters");
    }
}

}  // namespace

void draw_places_results(Ui& ui, journeys::PlacesJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const auto& results = journey.results();

    const float m = e * 1.0f;
    const float width = area.width() - 2 * m;
    float y = area.min.y + e * 0.2f;
    y += ui.step_line(3, 4, ImVec2(m, y), width);
    const std::string title =
        format(results.empty() ? ui.tr("places.results.count_none")
                               : ui.trn("places.results.count", static_cast<long>(results.size())),
               {{"where", journey.origin_label()}});
    y += ui.text(f.title, color::kText, title, ImVec2(m, y), width) + e * 0.2f;
    y += filter_chips(ui, journey, m, y, width) + e * 0.5f;

    // While the choices are open they take the place of the list (scrolling when the screen is small), and
    // one button below them shows the places they give.
    if (journey.query().more_filters) {
        const ImVec2 size(std::min(width, e * 16), e * 2.4f);
        // Below the choices' region, which keeps four lines of chips (the page scrolls beyond).
        const float by = std::max(area.max.y - size.y - e * 0.4f, y + e * 4.0f * 2.4f + e * 0.4f);
        ui.begin_scroll("places.filter.choices", ImVec2(m, y), ImVec2(width, by - e * 0.4f - y));
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        Flow flow{origin.x, width - e * 0.6f, origin.x + width, origin.y - e * 2.4f, e * 2.0f, e * 0.4f};
        choice_chips(ui, journey, flow);
        ImGui::SetCursorScreenPos(origin);
        ImGui::Dummy(ImVec2(width - e * 0.6f, flow.y + flow.row_h - origin.y));
        ui.end_scroll();
        const std::string label = ui.trn("places.filter.show", static_cast<long>(results.size()));
        if (ui.button("places.filter.show", icon::kForward, label, ButtonKind::Primary,
                      ImVec2(m + (width - size.x) * 0.5f, by), size))
            ui.act("places.filter.show");
        return;
    }
    if (!journey.ready()) {
        ui.text(f.body, color::kTextMention, ui.tr("places.loading"), ImVec2(m, y), width, Align::Center);
        return;
    }
    if (results.empty()) {
        no_result(ui, journey, m, y, width);
        return;
    }

    ui.begin_scroll("places.results.list", ImVec2(m, y),
                    ImVec2(width, std::max(area.max.y - y - e * 0.3f, e * 7.0f)));
    ImDrawList* dl = ImGui::GetWindowDrawList();  // the scrolling region's own list: it clips the cards
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float card_w = width - e * 0.8f;
    const float tx0 = e * 2.6f, tw = card_w - e * 3.2f;
    float cy = origin.y;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const journeys::PlaceResult& r = results[i];
        const places::Place& p = *journey.place(r.id);
        const std::string id = "places.result." + std::to_string(i + 1);
        // What the place helps with, as pictograms at the right of the card's last lines.
        std::string helps;
        for (const journeys::Need& n : journeys::needs())
            if (p.services & n.service) helps += n.glyph;
        const float helps_w = f.bold->CalcTextSizeA(e, FLT_MAX, 0, helps.c_str()).x;
        // Every line wraps rather than being cut: the card is as tall as its words.
        const float line_w = tw - helps_w - e * 0.4f;
        // "à 330 m du centre de Saint-Étienne" already names the commune searched around: not twice.
        const bool same_commune = !journey.query().from_kiosk && p.commune == journey.query().commune_label;
        const std::string where =
            (same_commune ? std::string{} : p.commune + " · ") + distance_words(ui, r.distance_m, journey);
        const std::string open = open_words(ui, journey, r);
        const float name_h = ui.text_height(f.bold, p.name, tw);
        const float where_h = ui.text_height(f.body, where, line_w);
        const float open_h = ui.text_height(f.body, open, line_w);
        const float card_h = std::max(e * 4.4f, e * 0.4f + name_h + e * 0.1f + where_h + open_h + e * 0.5f);
        const ImVec2 p0(origin.x, cy), p1(origin.x + card_w, cy + card_h);
        ImGui::SetCursorScreenPos(p0);
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(card_w, card_h))) {
            ui.act("places.select", r.id);
        }
        ui.register_hit(id, p0, p1);
        ui.last_item().text = p.name;
        cy += card_h + e * 0.4f;
        if (!ImGui::IsRectVisible(p0, p1)) continue;  // scrolled out of sight: nothing to draw
        if (ImGui::IsItemActive())
            ui.shapes().fill_round_rect(dl, p0, p1, ui.m().corner_card, color::kBlueFranceLight);
        ui.shapes().stroke_round_rect(dl, p0, p1, ui.m().corner_card, ui.m().border, color::kBorder);
        // the number that the map's markers repeat
        const ImVec2 badge(p0.x + e * 1.3f, p0.y + e * 1.3f);
        ui.shapes().disc(dl, badge, ui.m().dot * 2, color::kBlueFrance);
        const std::string num = std::to_string(i + 1);
        const ImVec2 ns = f.bold->CalcTextSizeA(e, FLT_MAX, 0, num.c_str());
        dl->AddText(f.bold, e, ImVec2(std::floor(badge.x - ns.x * 0.5f), std::floor(badge.y - ns.y * 0.5f)),
                    color::kBackground, num.c_str());
        const float tx = p0.x + tx0;
        float ty = p0.y + e * 0.4f;
        ty += ui.text(f.bold, color::kBlueFrance, p.name, ImVec2(tx, ty), tw) + e * 0.1f;
        dl->AddText(f.bold, e, ImVec2(std::floor(p1.x - e * 0.6f - helps_w), std::floor(p1.y - e * 1.7f)),
                    color::kBlueFrance, helps.c_str());
        ty += ui.text(f.body, color::kText, where, ImVec2(tx, ty), line_w);
        ui.text(f.body, is_open(r) ? color::kSuccess : color::kTextMention, open, ImVec2(tx, ty), line_w);
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(card_w, cy - origin.y));
    ui.end_scroll();
}

}  // namespace kiosk::ui
