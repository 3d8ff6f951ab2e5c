// The agent space once unlocked: what this kiosk is and how it is doing today.
#include "../ui.hpp"

#include "build_info.hpp"
#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/journeys/booking_journey.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/journeys/places_journey.hpp"

namespace kiosk::ui {
namespace {
std::string places_status(const Ui& ui, const journeys::PlacesJourney& places) {
    const journeys::PlacesData* d = places.data();
    if (!d) return ui.tr("agent.home.places_loading");
    std::string s = format(
        ui.tr("agent.home.places_count"),
        {{"places", std::to_string(d->places.size())}, {"communes", std::to_string(d->communes.size())}});
    if (d->import_status.failed()) s += "\n" + ui.tr("agent.home.places_import_failed");
    if (d->import_status.rebuilt) s += "\n" + ui.tr("agent.home.places_rebuilt");
    for (const std::string& p : d->problems) s += "\n" + p;
    return s;
}
std::string database_status(const Ui& ui, const CitizenStore& store) {
    switch (store.status()) {
        case StoreStatus::Ok:
            return store.file().string();
        case StoreStatus::Rebuilt:
            return store.file().string() + "\n" + ui.tr("agent.home.database_rebuilt");
        case StoreStatus::ReadOnly:
            return ui.tr("agent.home.database_readonly") + " " + store.problem();
        case StoreStatus::Memory:
            break;
    }
    return ui.tr("agent.home.database_memory") + " " + store.problem();
}
// Counted in groups of 5 people (stats.hpp): a figure under 5 is never kept, so none is shown.
std::string diagnostics_grouped(const Ui& ui, const diagnostic::GroupedStats& s) {
    if (s.since.empty()) return ui.tr("agent.home.diagnostics_none");
    return format(ui.tr("agent.home.diagnostics_count"), {{"n", std::to_string(s.finished)},
                                                          {"since", s.since},
                                                          {"autonome", std::to_string(s.overall[0])},
                                                          {"partiel", std::to_string(s.overall[1])},
                                                          {"accompagne", std::to_string(s.overall[2])}});
}
// The issuers the kiosk knows, and what was wrong with the registry (refused: the last good one is used).
std::string pass_status(const Ui& ui, const journeys::PassJourney* pass) {
    const journeys::PassContent* c = pass ? pass->content() : nullptr;
    if (!c) return ui.tr("agent.home.places_loading");
    const long n = static_cast<long>(c->registry.issuers.size());
    std::string s = ui.trn("agent.home.pass_issuers", n);
    if (c->registry_refused && n > 0) s += "\n" + ui.tr("agent.home.pass_refused");
    if (c->registry_refused && n == 0) s += "\n" + ui.tr("agent.home.pass_refused_none");
    for (const std::string& p : c->problems) s += "\n" + p;
    return s;
}

// What waits to be sent (pass redemptions, and the requests to come) and why it does not go.
std::string outbox_status(const Ui& ui, const Courier& courier) {
    const CourierStatus& st = courier.status();
    std::string s = format(ui.tr("agent.home.outbox_count"),
                           {{"pending", std::to_string(st.pending)}, {"dead", std::to_string(st.dead)}});
    if (!st.has_server) s += "\n" + ui.tr("agent.home.outbox_no_server");
    if (!st.last_error.empty()) s += "\n" + st.last_error;
    return s;
}

// The health lines' words, each key written out so that the catalog check sees it.
const std::string& health_words(const Ui& ui, const std::string& key) {
    if (key == "agent.health.disk_free") return ui.tr("agent.health.disk_free");
    if (key == "agent.health.disk_unknown") return ui.tr("agent.health.disk_unknown");
    if (key == "agent.health.disk_todo") return ui.tr("agent.health.disk_todo");
    if (key == "agent.health.network_ok") return ui.tr("agent.health.network_ok");
    if (key == "agent.health.network_none") return ui.tr("agent.health.network_none");
    if (key == "agent.health.network_none_todo") return ui.tr("agent.health.network_none_todo");
    if (key == "agent.health.network_stuck") return ui.tr("agent.health.network_stuck");
    if (key == "agent.health.network_todo") return ui.tr("agent.health.network_todo");
    if (key == "agent.health.network_waiting") return ui.tr("agent.health.network_waiting");
    if (key == "agent.health.camera_ok") return ui.tr("agent.health.camera_ok");
    if (key == "agent.health.camera_none") return ui.tr("agent.health.camera_none");
    if (key == "agent.health.camera_none_todo") return ui.tr("agent.health.camera_none_todo");
    if (key == "agent.health.camera_closed") return ui.tr("agent.health.camera_closed");
    if (key == "agent.health.camera_no_frames") return ui.tr("agent.health.camera_no_frames");
    if (key == "agent.health.camera_todo") return ui.tr("agent.health.camera_todo");
    if (key == "agent.health.camera_slow") return ui.tr("agent.health.camera_slow");
    if (key == "agent.health.camera_slow_todo") return ui.tr("agent.health.camera_slow_todo");
    if (key == "agent.health.scanner_none") return ui.tr("agent.health.scanner_none");
    if (key == "agent.health.scanner_keyboard") return ui.tr("agent.health.scanner_keyboard");
    if (key == "agent.health.scanner_ok") return ui.tr("agent.health.scanner_ok");
    if (key == "agent.health.scanner_closed") return ui.tr("agent.health.scanner_closed");
    if (key == "agent.health.scanner_todo") return ui.tr("agent.health.scanner_todo");
    if (key == "agent.health.content_local") return ui.tr("agent.health.content_local");
    if (key == "agent.health.content_bundle") return ui.tr("agent.health.content_bundle");
    if (key == "agent.health.content_missing") return ui.tr("agent.health.content_missing");
    if (key == "agent.health.content_todo") return ui.tr("agent.health.content_todo");
    if (key == "agent.health.content_old_todo") return ui.tr("agent.health.content_old_todo");
    if (key == "agent.health.crash_none") return ui.tr("agent.health.crash_none");
    if (key == "agent.health.crash_stopped") return ui.tr("agent.health.crash_stopped");
    if (key == "agent.health.crash_signal") return ui.tr("agent.health.crash_signal");
    if (key == "agent.health.crash_todo") return ui.tr("agent.health.crash_todo");
    return ui.tr(key);
}

// Each part of the device: its state in a word, what is seen, what to do.
std::string health_status(const Ui& ui, const journeys::AgentFigures& figures, const std::string& part) {
    if (!figures.health_loaded) return ui.tr("agent.home.figures_loading");
    for (const HealthLine& line : figures.health) {
        if (line.part != part) continue;
        const std::string& state = line.state == HealthState::Ok          ? ui.tr("agent.health.ok")
                                   : line.state == HealthState::Attention ? ui.tr("agent.health.attention")
                                                                          : ui.tr("agent.health.down");
        std::string words = health_words(ui, line.words);
        for (const auto& [name, value] : line.values)
            for (auto at = words.find("{" + name + "}"); at != std::string::npos;
                 at = words.find("{" + name + "}"))
                words.replace(at, name.size() + 2, value);
        std::string s = state + " — " + words;
        if (!line.todo.empty()) s += "\n" + health_words(ui, line.todo);
        return s;
    }
    return {};
}

// Visits, like every figure about people, are kept by groups of 5 (CitizenStore::kMinPeople).
std::string grouped(const Ui& ui, const journeys::AgentFigures& figures, const CitizenStore::Grouped& g,
                    int waiting) {
    if (!figures.loaded) return ui.tr("agent.home.figures_loading");
    if (g.since.empty() && waiting > 0) return ui.tr("agent.home.grouped_few");
    if (g.since.empty()) return ui.tr("agent.home.grouped_zero");
    std::string s = format(ui.tr("agent.home.grouped"), {{"n", std::to_string(g.count)}, {"since", g.since}});
    if (waiting > 0) s += ui.tr("agent.home.grouped_more");
    return s;
}
}  // namespace

// The charts' titles, each key written out so that the catalog check sees it.
static const std::string& chart_title(const Ui& ui, const std::string& metric) {
    if (metric == "sessions_started") return ui.tr("agent.chart.sessions_started");
    if (metric == "diag.finished") return ui.tr("agent.chart.diag_finished");
    if (metric == "tickets_printed") return ui.tr("agent.chart.tickets_printed");
    return ui.tr("agent.chart.help_requests");
}

// Bar charts of the last 8 weeks, one per figure (people look rather than read): the count above each bar,
// "<5" for a week of fewer than 5 (never its number), the week's number under it.
static constexpr float kChartBars = 3.2f;  // bars' height, in em
static float chart_height(const Ui& ui, const journeys::AgentFigures& figures, float width) {
    const float e = ui.em();
    if (!figures.bars_loaded || figures.bars.empty()) return 0;
    float h = ui.text_height(ui.fonts().title, ui.tr("agent.chart.title"), width) + e * 0.3f;
    for (const auto& series : figures.bars)
        h += ui.text_height(ui.fonts().bold, chart_title(ui, series.first), width) + e * (kChartBars + 2.6f);
    return h;
}

static float draw_charts(Ui& ui, const journeys::AgentFigures& figures, ImVec2 at, float width) {
    const float e = ui.em();
    const Fonts& f = ui.fonts();
    if (!figures.bars_loaded || figures.bars.empty()) return 0;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = at.y;
    y += ui.text(f.title, color::kText, ui.tr("agent.chart.title"), ImVec2(at.x, y), width) + e * 0.3f;
    for (const auto& [metric, bars] : figures.bars) {
        y += ui.text(f.bold, color::kText, chart_title(ui, metric), ImVec2(at.x, y), width);
        long top = 5;
        for (const WeekBar& b : bars) top = std::max(top, b.count);
        const float slot = width / static_cast<float>(std::max<std::size_t>(1, bars.size()));
        const float base = y + e * (1.2f + kChartBars);
        for (std::size_t i = 0; i < bars.size(); ++i) {
            const WeekBar& b = bars[i];
            const float x0 = at.x + slot * static_cast<float>(i) + slot * 0.15f, x1 = x0 + slot * 0.7f;
            const float bh = e * kChartBars * static_cast<float>(b.count) / static_cast<float>(top);
            if (b.count > 0) dl->AddRectFilled(ImVec2(x0, base - bh), ImVec2(x1, base), color::kBlueFrance);
            dl->AddRectFilled(ImVec2(x0 - slot * 0.1f, base), ImVec2(x1 + slot * 0.1f, base + 2),
                              color::kText);
            const std::string n = b.few ? std::string("<5") : std::to_string(b.count);
            const float nw = f.body->CalcTextSizeA(e, FLT_MAX, 0, n.c_str()).x;
            ui.line(f.body, color::kText, n, ImVec2((x0 + x1 - nw) * 0.5f, base - bh - e * 1.15f));
            // "S48": the week's number (the current one last).
            const std::string w =
                b.week.size() > 6 ? format(ui.tr("agent.chart.week"), {{"n", b.week.substr(6)}}) : b.week;
            const float ww = f.body->CalcTextSizeA(e, FLT_MAX, 0, w.c_str()).x;
            ui.line(f.body, color::kTextMention, w, ImVec2((x0 + x1 - ww) * 0.5f, base + e * 0.2f), slot);
        }
        y = base + e * 1.6f;
    }
    return y - at.y;
}

// What the printer says of itself, then its technical words (the agent's only: the citizen never sees them).
static std::string printer_status(const Ui& ui, const journeys::AgentJourney& agent) {
    if (!agent.has_printer()) return ui.tr("agent.home.printer_none");
    const auto& c = agent.printer_check();
    if (!c) return ui.tr("agent.home.printer_checking");
    std::string s;
    using P = printing::PrintProblem;
    switch (c->problem) {
        case P::no_paper:
            s = ui.tr("agent.home.printer_no_paper");
            break;
        case P::cover_open:
            s = ui.tr("agent.home.printer_cover");
            break;
        case P::offline:
        case P::not_found:
        case P::failed:
            s = ui.tr("agent.home.printer_offline");
            break;
        case P::none:
            if (!c->known)
                s = ui.tr("agent.home.printer_unknown");
            else if (c->paper_low)
                s = ui.tr("agent.home.printer_low");
            else
                s = ui.tr("agent.home.printer_ready");
            break;
    }
    s += "\n" + c->detail;
    // "Réimprimer le dernier ticket": how that copy went, in the citizen's words.
    if (const char* key = journeys::print_state_key(agent.reprint().state()); *key) s = ui.tr(key) + "\n" + s;
    if (const char* key = journeys::print_state_key(agent.test_print().state()); *key)
        s = ui.tr("agent.home.print_test_state") + " " + ui.tr(key) + "\n" + s;
    return s;
}

// "Synchroniser maintenant": nothing yet, under way, or each step's line.
static std::string sync_status(const Ui& ui, const journeys::AgentJourney& agent) {
    const journeys::SyncReport& r = agent.sync();
    if (r.running) return ui.tr("agent.sync.running");
    if (!r.done) return ui.tr("agent.sync.never");
    std::string s = ui.tr("agent.sync.done");
    for (const std::string& line : r.lines) s += "\n" + line;
    return s;
}

void draw_agent_home(Ui& ui, const journeys::AgentJourney& agent, const journeys::PlacesJourney& places) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    Kiosk& k = ui.kiosk();
    const Config& cfg = k.config();

    const float width = std::min(d.x - 2 * e, 36 * e);
    const float x = (d.x - width) * 0.5f;
    float y = e * 1.2f;
    y += ui.text(f.title, color::kText, ui.tr("agent.home.title"), ImVec2(x, y), width) + e * 0.6f;

    // Cards first: a citizen's call for help (the agent came for it), then, in supervised mode, the booking
    // made in this visit, which can be cancelled (a message to the hub, journaled). They scroll with the
    // rows.
    struct Card {
        std::string text;
        const char* id;  // the button's, none when there is nothing to do
        const char* pictogram;
        std::string label;
        ButtonKind kind;
        const char* intent;
    };
    std::vector<Card> cards;
    if (const auto& call = k.help_call())
        cards.push_back({format(ui.tr("agent.home.help_pending"), {{"screen", call->screen}}),
                         "agent.home.help_close", icon::kDone, ui.tr("agent.home.help_close"),
                         ButtonKind::Primary, "help.close"});
    if (const auto* booking = k.find<journeys::BookingJourney>();
        booking && booking->selected() && (booking->can_cancel() || booking->cancel_queued())) {
        if (booking->cancel_queued())
            cards.push_back({ui.tr("agent.home.booking_cancelled"),
                             nullptr,
                             icon::kClose,
                             {},
                             ButtonKind::Secondary,
                             ""});
        else
            cards.push_back(
                {format(ui.tr("agent.home.booking_made"), {{"title", booking->selected()->workshop.title}}),
                 "agent.home.booking_cancel", icon::kClose, ui.tr("agent.home.booking_cancel"),
                 ButtonKind::Secondary, "booking.cancel"});
    }
    const auto uptime = std::chrono::duration_cast<std::chrono::minutes>(ui.now() - k.started_at()).count();
    const CitizenStore& store = k.store();
    const journeys::AgentFigures& today = agent.figures();
    const std::string rows[][2] = {
        {ui.tr("agent.home.kiosk"), cfg.kiosk_id + " — " + cfg.site_name},
        {ui.tr("agent.health.disk"), health_status(ui, today, "disk")},
        {ui.tr("agent.health.network"), health_status(ui, today, "network")},
        {ui.tr("agent.health.camera"), health_status(ui, today, "camera")},
        {ui.tr("agent.health.scanner"), health_status(ui, today, "scanner")},
        {ui.tr("agent.health.content"), health_status(ui, today, "content")},
        {ui.tr("agent.health.crash"), health_status(ui, today, "crash")},
        {ui.tr("agent.sync.title"), sync_status(ui, agent)},
        {ui.tr("agent.home.version"), build::version},
        {ui.tr("agent.home.uptime"), ui.trn("agent.home.minutes", static_cast<long>(uptime))},
        {ui.tr("agent.home.database"), database_status(ui, store)},
        {ui.tr("agent.home.places"), places_status(ui, places)},
        {ui.tr("agent.home.pass"), pass_status(ui, k.find<journeys::PassJourney>())},
        {ui.tr("agent.home.outbox"), outbox_status(ui, k.courier())},
        {ui.tr("agent.home.printer"), printer_status(ui, agent)},
        {ui.tr("agent.home.sessions"), grouped(ui, today, today.sessions, today.sessions_waiting)},
        {ui.tr("agent.home.timeouts"), grouped(ui, today, today.timeouts, today.timeouts_waiting)},
        {ui.tr("agent.home.diagnostics"),
         today.loaded ? diagnostics_grouped(ui, today.diagnostics) : ui.tr("agent.home.figures_loading")},
    };
    const float label_w = width * 0.4f;
    const float inner = width - e * 0.6f;
    float rows_h = 0;
    for (const auto& row : rows)
        rows_h += std::max(ui.text_height(f.bold, row[0], label_w - e * 0.5f),
                           ui.text_height(f.body, row[1], inner - label_w)) +
                  e * 0.4f;
    const float charts_h = chart_height(ui, today, inner);
    rows_h += charts_h;
    const ImVec2 csize(std::min(inner - e * 1.2f, 18 * e), e * 2.4f);
    auto card_height = [&](const Card& c) {
        return ui.text_height(f.bold, c.text, inner - e * 1.2f) + (c.id ? csize.y + e * 0.5f : 0) + e * 1.1f;
    };
    for (const Card& c : cards) rows_h += card_height(c) + e * 0.6f;
    // The rows scroll when long problems make them taller than the room above the actions, never under them.
    const ImVec2 bsize((width - e * 0.6f) * 0.5f, e * 2.4f);
    const float list_h = std::min(rows_h, d.y - bsize.y * 3 - e * 3.2f - y);
    ui.begin_scroll("agent.home.rows", ImVec2(x, y), ImVec2(width, list_h));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    float ry = origin.y;
    for (const Card& c : cards) {
        const float ch = card_height(c);
        ui.shapes().fill_round_rect(ImGui::GetWindowDrawList(), ImVec2(origin.x, ry),
                                    ImVec2(origin.x + inner, ry + ch), ui.m().corner_panel,
                                    color::kBackgroundAlt);
        const float th = ui.text(f.bold, color::kText, c.text, ImVec2(origin.x + e * 0.6f, ry + e * 0.5f),
                                 inner - e * 1.2f);
        if (c.id && ui.button(c.id, c.pictogram, c.label, c.kind,
                              ImVec2(origin.x + e * 0.6f, ry + th + e * 1.0f), csize))
            ui.act(c.intent);
        ry += ch + e * 0.6f;
    }
    for (const auto& row : rows) {
        float h1 = ui.text(f.bold, color::kText, row[0], ImVec2(origin.x, ry), label_w - e * 0.5f);
        float h2 = ui.text(f.body, color::kText, row[1], ImVec2(origin.x + label_w, ry), inner - label_w);
        ry += std::max(h1, h2) + e * 0.4f;
    }
    ry += draw_charts(ui, today, ImVec2(origin.x, ry), inner);
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(inner, ry - origin.y));
    ui.end_scroll();
    y += list_h + e * 0.6f;
    // Supervised mode: the agent goes on with the citizen's journey (or starts one with them), prints the
    // last ticket again, hands back (locks), or ends the visit (locks and wipes the session).
    const float x2 = x + bsize.x + e * 0.6f;
    const bool journey_on = agent.citizen_screen_on();
    if (ui.button("agent.home.takeover", icon::kForward,
                  journey_on ? ui.tr("agent.home.takeover") : ui.tr("agent.home.start_with"),
                  ButtonKind::Primary, ImVec2(x, y), bsize))
        ui.send(ev::AgentTakeOver{});
    if (agent.can_reprint() && ui.button("agent.home.reprint", icon::kDone, ui.tr("agent.home.reprint"),
                                         ButtonKind::Secondary, ImVec2(x2, y), bsize))
        ui.act("agent.reprint");
    y += bsize.y + e * 0.6f;
    // "Imprimer un test" (a real ticket through the printer's own path) and "Synchroniser maintenant".
    if (agent.has_printer() &&
        ui.button("agent.home.print_test", icon::kPrint, ui.tr("agent.home.print_test"),
                  ButtonKind::Secondary, ImVec2(x, y), bsize))
        ui.act("agent.print_test");
    if (ui.button("agent.home.sync", icon::kSend, ui.tr("agent.home.sync"), ButtonKind::Secondary,
                  ImVec2(x2, y), bsize))
        ui.act("agent.sync");
    y += bsize.y + e * 0.6f;
    if (ui.button("agent.home.leave", icon::kLock, ui.tr("agent.home.leave"), ButtonKind::Secondary,
                  ImVec2(x, y), bsize))
        ui.send(ev::AgentLeave{});
    if (ui.button("agent.home.end_visit", icon::kLogout, ui.tr("agent.home.end_visit"), ButtonKind::Secondary,
                  ImVec2(x2, y), bsize))
        ui.send(ev::AgentEndVisit{});
}

}  // namespace kiosk::ui
