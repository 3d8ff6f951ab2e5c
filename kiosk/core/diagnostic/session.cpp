// The diagnostic's engine: walks the steps, scores answers and task outcomes, and builds the result.
#include <algorithm>
#include <cctype>

#include "diagnostic.hpp"

namespace kiosk::diagnostic {

namespace {

std::string normalised(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// The variant alternative each task kind expects.
std::size_t measure_index(StepKind k) {
    switch (k) {
        case StepKind::TapTargets:
            return 1;
        case StepKind::Drag:
            return 2;
        case StepKind::Scroll:
            return 3;
        case StepKind::Typing:
            return 4;
        case StepKind::Pick:
            return 5;
        case StepKind::Icons:
            return 6;
        case StepKind::Question:
            break;
    }
    return 0;
}

std::vector<Domain> task_domains(const Step& step) {
    if (step.kind != StepKind::Icons) return step.domains;
    std::vector<Domain> out;
    for (const IconItem& i : step.icons)
        if (std::find(out.begin(), out.end(), i.domain) == out.end()) out.push_back(i.domain);
    return out;
}

}  // namespace

std::vector<Evidence> score_task(const Step& step, const TaskOutcome& outcome) {
    std::vector<Evidence> out;
    if (step.kind == StepKind::Question || outcome.status == TaskStatus::Skipped) return out;
    if (outcome.status == TaskStatus::GaveUp) {
        for (Domain d : task_domains(step)) out.push_back({d, 0.0, step.weight});
        return out;
    }
    if (outcome.measure.index() != measure_index(step.kind)) return out;
    auto timed = [&](int ms) { return ms <= step.slow_ms ? 1.0 : step.partial; };
    double value = 0;
    switch (step.kind) {
        case StepKind::TapTargets: {
            const auto& o = std::get<TapTargetsOutcome>(outcome.measure);
            if (o.targets.empty()) return out;
            double sum = 0;
            for (const auto& t : o.targets) sum += t.hit ? timed(t.time_ms) : 0.0;
            value = sum / static_cast<double>(o.targets.size());
            break;
        }
        case StepKind::Drag: {
            const auto& o = std::get<DragOutcome>(outcome.measure);
            value = !o.done                                                          ? 0.0
                    : (o.attempts <= step.max_attempts && o.time_ms <= step.slow_ms) ? 1.0
                                                                                     : step.partial;
            break;
        }
        case StepKind::Scroll: {
            const auto& o = std::get<ScrollOutcome>(outcome.measure);
            value = o.found ? timed(o.time_ms) : 0.0;
            break;
        }
        case StepKind::Typing: {
            const auto& o = std::get<TypingOutcome>(outcome.measure);
            const std::string typed = normalised(o.typed), expected = normalised(o.expected);
            if (expected.empty()) return out;
            if (typed == expected)
                value =
                    (o.corrections <= step.max_corrections && o.time_ms <= step.slow_ms) ? 1.0 : step.partial;
            else if (edit_distance(typed, expected) == 1)
                value = step.partial;
            else
                value = 0;
            break;
        }
        case StepKind::Pick: {
            const auto& o = std::get<PickOutcome>(outcome.measure);
            value = (o.correct >= 0 && o.chosen == o.correct)
                        ? 1.0
                        : 0.0;  // time is kept, not scored: reading carefully is good
            break;
        }
        case StepKind::Icons: {
            const auto& o = std::get<IconsOutcome>(outcome.measure);
            for (Domain d : task_domains(step)) {
                double right = 0, count = 0;
                for (std::size_t i = 0; i < step.icons.size() && i < o.answers.size(); ++i) {
                    if (step.icons[i].domain != d) continue;
                    count += 1;
                    if (o.answers[i].chosen >= 0 && o.answers[i].chosen == o.answers[i].correct) right += 1;
                }
                if (count > 0) out.push_back({d, right / count, step.weight});
            }
            return out;
        }
        case StepKind::Question:
            break;
    }
    for (Domain d : step.domains) out.push_back({d, value, step.weight});
    return out;
}

Session::Session(const Diagnostic& diagnostic) : d_(&diagnostic) {
    settle();
}

bool Session::finished() const {
    return state_.pos >= static_cast<int>(d_->steps.size());
}

const Step& Session::current_step() const {
    return d_->steps.at(static_cast<std::size_t>(state_.pos));
}

void Session::settle() {
    const int n = static_cast<int>(d_->steps.size());
    while (state_.pos < n && ((state_.skip >> state_.pos) & 1u)) ++state_.pos;
}

void Session::apply(const std::vector<Evidence>& evidence) {
    for (const Evidence& e : evidence) {
        const auto i = static_cast<std::size_t>(e.domain);
        state_.sum[i] += e.value * e.weight;
        state_.weight[i] += e.weight;
    }
}

// Moves to the next step: an answer's jump, else the first route whose condition holds, else the default.
void Session::advance(int explicit_next, std::uint64_t skip) {
    const Step& s = current_step();
    int target = explicit_next;
    if (target < 0) {
        for (const Route& r : s.routes) {
            const auto i = static_cast<std::size_t>(r.domain);
            if (state_.weight[i] <= 0) continue;
            const double score = state_.sum[i] / state_.weight[i];
            if (r.below && !(score < *r.below)) continue;
            if (r.at_least && !(score >= *r.at_least)) continue;
            apply(r.evidence);
            target = r.next_index;
            break;
        }
    }
    if (target < 0) target = s.next_index >= 0 ? s.next_index : state_.pos + 1;
    state_.skip |= skip;
    state_.pos = target;
    settle();
}

bool Session::answer(std::size_t choice, std::chrono::milliseconds spent) {
    if (finished()) return false;
    const Step& s = current_step();
    if (s.kind != StepKind::Question || choice >= s.answers.size()) return false;
    const Answer& a = s.answers[choice];
    history_.push_back(state_);
    path_.push_back(state_.pos);
    spent_ += spent;
    apply(a.evidence);
    advance(a.next_index, a.skip_mask);
    return true;
}

bool Session::record(const TaskOutcome& outcome, std::chrono::milliseconds spent) {
    if (finished()) return false;
    const Step& s = current_step();
    if (s.kind == StepKind::Question) return false;
    if (outcome.status == TaskStatus::Done) {
        if (outcome.measure.index() != measure_index(s.kind)) return false;
        if (s.kind == StepKind::Icons &&
            std::get<IconsOutcome>(outcome.measure).answers.size() != s.icons.size())
            return false;
        if (s.kind == StepKind::TapTargets && std::get<TapTargetsOutcome>(outcome.measure).targets.empty())
            return false;
    }
    history_.push_back(state_);
    path_.push_back(state_.pos);
    spent_ += spent;
    apply(score_task(s, outcome));
    advance(-1, 0);
    return true;
}

bool Session::back() {
    if (history_.empty()) return false;
    state_ = history_.back();
    history_.pop_back();
    path_.pop_back();
    return true;
}

std::vector<int> Session::path() const {
    return path_;
}

Progress Session::progress() const {
    // "Étape N sur M": M is the diagnostic's longest path, the same from the first step to the last; a step
    // skipped by an answer counts as passed, so that N moves on by one or more and the last step is M.
    const int done = static_cast<int>(path_.size());
    if (finished()) return {done, done};
    const int total = d_->longest_from(0, 0).steps;
    int n = 0;
    auto next = [&](const State& st) {
        n = std::min(total, std::max(n + 1, total - d_->longest_from(st.pos, st.skip).steps + 1));
    };
    for (const State& st : history_) next(st);
    next(state_);
    return {n, total};
}

DiagnosticResult Session::result() const {
    DiagnosticResult r;
    r.content_version = d_->version;
    r.duration = spent_;
    r.steps = static_cast<int>(path_.size());
    r.finished = finished();
    double total = 0, weights = 0;
    bool essential_needs_help = false;
    for (std::size_t i = 0; i < kDomainCount; ++i) {
        DomainResult& dr = r.domains[i];
        const DomainInfo& info = d_->domains[i];
        dr.weight = state_.weight[i];
        if (dr.weight <= 0) continue;
        dr.score = state_.sum[i] / dr.weight;
        dr.level = level_of(dr.score, d_->thresholds);
        total += dr.score * info.weight;
        weights += info.weight;
        const Domain dom = kAllDomains[i];
        if (dr.level == Level::Autonome) {
            r.strengths.push_back(dom);
            r.strength_keys.push_back(info.strength);
        } else {
            r.needs.push_back(dom);
            r.need_keys.push_back(info.need);
            r.services |= dr.level == Level::Partiel ? info.services_partiel : info.services_accompagne;
            if (info.essential && dr.level == Level::Accompagne) essential_needs_help = true;
        }
    }
    if (weights > 0)
        r.overall = essential_needs_help ? Level::Accompagne : level_of(total / weights, d_->thresholds);
    return r;
}

}  // namespace kiosk::diagnostic
