#include "diagnostic_journey.hpp"
#include <cstdio>

#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/diagnostic/payload.hpp"
#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/hours/calendar.hpp"
#include "place_ticket.hpp"
#include "places_journey.hpp"

namespace kiosk::journeys {

std::vector<Screen> DiagnosticJourney::screens() const {
    return {Screen::DiagnosticStart, Screen::DiagnosticStep, Screen::DiagnosticResult};
}

std::vector<Route> DiagnosticJourney::routes() const {
    return {{Screen::Home, Screen::DiagnosticStart},
            {Screen::DiagnosticStart, Screen::DiagnosticStep},
            {Screen::DiagnosticStep, Screen::DiagnosticResult},
            {Screen::DiagnosticResult, Screen::PlacesWhere}};  // the places that help with the needs found
}

void DiagnosticJourney::enter(Screen screen, Screen from, TimePoint now) {
    if (screen == Screen::DiagnosticStep && from == Screen::DiagnosticStart) start(now);
    if (screen == Screen::DiagnosticResult) finish(kiosk().store(), kiosk().today());
}

std::function<void()> DiagnosticJourney::swap(const ContentPlace& from) {
    std::vector<ConfigError> errors;
    auto loaded = std::make_shared<diagnostic::Diagnostic>(
        diagnostic::Diagnostic::load(from.content_dir, *from.translator, errors));
    std::vector<std::string> problems;
    for (const ConfigError& e : errors) problems.push_back(e.to_string());
    for (const std::string& p : problems) log::error("diagnostic: ", p);
    return [this, loaded, problems] { set_content(problems.empty() ? loaded : nullptr, problems); };
}

int DiagnosticJourney::ms_since_shown(TimePoint now) const {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(now - task_.shown).count());
}

void DiagnosticJourney::handle(const Intent& in, TimePoint now) {
    using namespace diagnostic;
    const std::string& n = in.name;
    if (n == "diagnostic.previous") {  // one step back, or the start screen from the first step
        if (!back(now)) kiosk().dispatch(ev::Back{}, now);
        return;
    }
    if (n == "diagnostic.print") {
        print();
        return;
    }
    if (n == "diagnostic.print.retry") {
        printing_.retry(kiosk());
        return;
    }
    if (n == "diagnostic.print.agent") {
        printing_.call_agent(kiosk());
        return;
    }
    if (n == "diagnostic.find_places") {  // hands the citizen over to the places that help with these needs
        if (!result_) return;
        kiosk().act(Intent{"places.for_needs", result_->services}, now);
        kiosk().dispatch(ev::Open{Screen::PlacesWhere}, now);
        return;
    }
    const diagnostic::Step* s = step();
    if (!s) return;
    if (n == "diagnostic.answer") {
        if (const auto* choice = in.as<std::size_t>()) answer(*choice, now);
    } else if (n == "diagnostic.skip") {
        record(TaskOutcome::skipped(), now);
    } else if (n == "diagnostic.give_up") {
        record(TaskOutcome::gave_up(), now);
    } else if (n == "diagnostic.tap") {  // a target touched (true) or the space around it (false)
        const auto* hit = in.as<bool>();
        if (!hit || task_.index >= s->sizes_mm.size()) return;
        task_.taps.targets.push_back({s->sizes_mm[task_.index], *hit, ms_since_shown(now)});
        ++task_.index;
        task_.shown = now;
        if (task_.index >= s->sizes_mm.size()) record(TaskOutcome{TaskStatus::Done, task_.taps}, now);
    } else if (n == "diagnostic.drop") {  // the letter let go, on the letter box (true) or not
        const auto* inside = in.as<bool>();
        if (!inside) return;
        ++task_.attempts;
        if (*inside || task_.attempts >= s->max_attempts + 2)
            record(TaskOutcome{TaskStatus::Done, DragOutcome{*inside, ms_since_shown(now), task_.attempts}},
                   now);
    } else if (n == "diagnostic.row") {  // a row of the long list touched
        const auto* row = in.as<int>();
        if (row && *row == s->target)
            record(TaskOutcome{TaskStatus::Done, ScrollOutcome{true, ms_since_shown(now)}}, now);
    } else if (n == "diagnostic.typed") {  // what the field holds now
        const auto* text = in.as<std::string>();
        if (!text) return;
        if (text->size() < task_.typed.size()) ++task_.corrections;
        task_.typed = *text;
    } else if (n == "diagnostic.typing_done") {
        const auto* word = in.as<std::string>();  // the word asked for, as the citizen read it
        if (!word) return;
        record(TaskOutcome{TaskStatus::Done,
                           TypingOutcome{task_.typed, *word, ms_since_shown(now), task_.corrections}},
               now);
    } else if (n == "diagnostic.pick") {
        if (const auto* i = in.as<int>())
            record(TaskOutcome{TaskStatus::Done, PickOutcome{*i, s->target, ms_since_shown(now)}}, now);
    } else if (n == "diagnostic.icon") {  // a meaning chosen for the pictogram shown
        const auto* i = in.as<int>();
        if (!i || task_.index >= s->icons.size()) return;
        task_.icons.answers.push_back({*i, s->icons[task_.index].correct});
        ++task_.index;
        if (task_.index >= s->icons.size()) {
            task_.icons.time_ms = ms_since_shown(now);
            record(TaskOutcome{TaskStatus::Done, task_.icons}, now);
        }
    }
    // The last step done: the result.
    if (!running() && result_) kiosk().dispatch(ev::Open{Screen::DiagnosticResult}, now);
}

void DiagnosticJourney::set_content(std::shared_ptr<const diagnostic::Diagnostic> d,
                                    std::vector<std::string> problems) {
    diagnostic_ = std::move(d);
    problems_ = std::move(problems);
}

void DiagnosticJourney::print() {
    if (!result_) return;
    printing_.print(kiosk(), ticket(kiosk().translator(), kiosk().today()), "diagnostic summary");
}

void DiagnosticJourney::reset() {
    printing_.reset();
    session_.reset();
    task_ = TaskProgress{};
    result_.reset();
    stats_recorded_ = false;
}

void DiagnosticJourney::start(TimePoint now) {
    session_.reset();
    task_ = TaskProgress{};
    result_.reset();
    stats_recorded_ = false;
    if (!diagnostic_) return;
    session_ = std::make_unique<diagnostic::Session>(*diagnostic_);
    task_.shown = now;
}

const diagnostic::Step* DiagnosticJourney::step() const {
    return running() ? &session_->current_step() : nullptr;
}

diagnostic::Progress DiagnosticJourney::progress() const {
    return session_ ? session_->progress() : diagnostic::Progress{};
}

void DiagnosticJourney::after_step(TimePoint now) {
    task_ = TaskProgress{};
    task_.shown = now;
    if (session_ && session_->finished()) result_ = session_->result();
}

bool DiagnosticJourney::answer(std::size_t choice, TimePoint now) {
    if (!running()) return false;
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(now - task_.shown);
    if (!session_->answer(choice, spent)) return false;
    after_step(now);
    return true;
}

bool DiagnosticJourney::record(const diagnostic::TaskOutcome& outcome, TimePoint now) {
    if (!running()) return false;
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(now - task_.shown);
    if (!session_->record(outcome, spent)) return false;
    after_step(now);
    return true;
}

bool DiagnosticJourney::back(TimePoint now) {
    if (!session_ || !session_->back()) return false;
    result_.reset();
    task_ = TaskProgress{};
    task_.shown = now;
    return true;
}

void DiagnosticJourney::finish(CitizenStore& store, const std::string& day) {
    if (!result_ || stats_recorded_) return;
    diagnostic::record_stats(store, *result_, day);
    stats_recorded_ = true;
}

printing::Ticket DiagnosticJourney::ticket(const Translator& t, const std::string& date_iso) const {
    printing::Ticket ticket;
    if (!result_ || !diagnostic_) return ticket;
    const diagnostic::DiagnosticResult& r = *result_;
    ticket.title = t.tr("diagnostic.ticket.title");
    hours::LocalDate day;
    if (std::sscanf(date_iso.c_str(), "%d-%d-%d", &day.year, &day.month, &day.day) == 3)
        ticket.small(format(t.tr("diagnostic.ticket.date"), {{"date", date_words(t, day)}}));
    ticket.separator();
    for (diagnostic::Domain d : diagnostic::kAllDomains) {
        const auto level = r.level(d);
        if (level == diagnostic::Level::NotAssessed) continue;
        const auto& info = diagnostic_->domains[static_cast<std::size_t>(d)];
        ticket.bold(t.tr(info.title));
        ticket.body(t.tr(diagnostic_->level_text[static_cast<std::size_t>(level)]));
    }
    if (!r.need_keys.empty()) {
        ticket.separator();
        ticket.heading(t.tr("diag.ui.needs"));
        for (const std::string& k : r.need_keys) ticket.body("• " + t.tr(k));
        // Where to be helped with them: the nearest places around the kiosk.
        const PlacesJourney* places = registered() ? kiosk().find<PlacesJourney>() : nullptr;
        if (places && places->ready() && r.services) {
            ticket.separator();
            ticket.heading(t.tr("print.diagnostic.places"));
            add_places_list(ticket, t, *places, places->nearest(r.services, false, 3));
        }
    }
    ticket.qr_payload = diagnostic::encode_payload(r, date_iso);
    ticket.qr_caption = t.tr("diagnostic.ticket.qr_caption");
    ticket.footer = t.tr("diag.ui.privacy");
    return ticket;
}

}  // namespace kiosk::journeys
