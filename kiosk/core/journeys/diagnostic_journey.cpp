#include "diagnostic_journey.hpp"

#include "kiosk/core/citizen_store.hpp"
#include "kiosk/core/diagnostic/payload.hpp"
#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/i18n.hpp"

namespace kiosk::journeys {

void DiagnosticJourney::set_content(std::shared_ptr<const diagnostic::Diagnostic> d, std::vector<std::string> problems) {
    diagnostic_ = std::move(d);
    problems_ = std::move(problems);
}

void DiagnosticJourney::reset() {
    session_.reset();
    task_ = TaskProgress{};
    result_.reset();
    stats_recorded_ = false;
}

void DiagnosticJourney::start(TimePoint now) {
    reset();
    if (!diagnostic_) return;
    session_ = std::make_unique<diagnostic::Session>(*diagnostic_);
    task_.shown = now;
}

const diagnostic::Step* DiagnosticJourney::step() const {
    return running() ? &session_->current_step() : nullptr;
}

diagnostic::Progress DiagnosticJourney::progress() const { return session_ ? session_->progress() : diagnostic::Progress{}; }

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
    ticket.small(format(t.tr("diagnostic.ticket.date"), {{"date", date_iso}}));
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
    }
    ticket.qr_payload = diagnostic::encode_payload(r, date_iso);
    ticket.qr_caption = t.tr("diagnostic.ticket.qr_caption");
    ticket.footer = t.tr("diag.ui.privacy");
    return ticket;
}

}  // namespace kiosk::journeys
