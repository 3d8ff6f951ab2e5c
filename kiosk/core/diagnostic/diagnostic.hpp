#pragma once
// The self-diagnostic of digital skills, UI-free. Its steps, answers, branching, practical micro-tasks,
// scoring thresholds and mapping to the v1 service categories are CONTENT
// (content/diagnostic/diagnostic.toml, documented in content/diagnostic/README.md), validated when loaded:
// every problem names file, line and key.
//
// How the UI walks it:
//   Diagnostic d = Diagnostic::load(content_dir, translator, errors);   // errors empty => usable
//   Session s(d);
//   while (!s.finished()) {
//       const Step& step = s.current_step();           // draw step.title, step.answers or the task's
//       parameters if (step.kind == StepKind::Question) s.answer(choice, spent); else
//       s.record(TaskOutcome{TapTargetsOutcome{...}}, spent);   // or TaskOutcome::skipped() / gave_up()
//       // s.back() goes one step back; s.progress() says "step n of at most N"
//   }
//   DiagnosticResult r = s.result();
// Deterministic: no clock, no randomness; the UI passes the time each step took.
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/core/config.hpp"  // ConfigError: {source, line, key, message}
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/places/place.hpp"

namespace kiosk::diagnostic {

// The 8 domains, in this fixed order (the QR payload and the statistics rely on it). The content describes
// each one (texts, weight, services); it may neither add nor forget one.
enum class Domain : std::uint8_t {
    Touch,
    Typing,
    Internet,
    Email,
    Services,
    Security,
    Communication,
    Documents
};
inline constexpr std::size_t kDomainCount = 8;
inline constexpr Domain kAllDomains[kDomainCount] = {
    Domain::Touch,    Domain::Typing,   Domain::Internet,      Domain::Email,
    Domain::Services, Domain::Security, Domain::Communication, Domain::Documents};
std::string_view domain_id(Domain d);  // "touch", "typing", "internet", "email", "services", "security",
                                       // "communication", "documents"
std::optional<Domain> domain_from_id(std::string_view id);

// The three steps mediators use. Values are the QR payload's 2-bit codes.
enum class Level : std::uint8_t { NotAssessed = 0, Autonome = 1, Partiel = 2, Accompagne = 3 };
std::string_view level_id(Level l);  // "none", "autonome", "partiel", "accompagne"

// Service ids used in the content for places::Service bits: aide_demarches, outils_quotidien,
// insertion_pro, usage_securise, parentalite, loisirs, comprendre_numerique, acces_internet,
// materiel_solidaire.
std::string_view service_id(places::Service s);
std::optional<places::Service> service_from_id(std::string_view id);

// ---- The content -----------------------------------------------------------------------------------------

enum class StepKind : std::uint8_t { Question, TapTargets, Drag, Scroll, Typing, Pick, Icons };
std::string_view step_kind_id(
    StepKind k);  // "question", "tap_targets", "drag", "scroll", "typing", "pick", "icons"

struct Evidence {
    Domain domain;
    double value = 0;  // 0 = cannot do it .. 1 = does it alone
    double weight = 1;
};

// "After this step, if the condition holds, go to `next`." Conditions read the domain's score so far; a
// domain with no evidence yet satisfies no condition.
struct Route {
    Domain domain = Domain::Touch;
    std::optional<double> below, at_least;
    std::string next;                // a later step's id, or "end"
    std::vector<Evidence> evidence;  // inferred evidence for what the jump leaves out
    int next_index = -1;             // resolved by the loader (steps.size() = end)
    long line = 0;
};

struct Answer {
    std::string text;  // translation key
    std::vector<Evidence> evidence;
    std::string next;               // optional jump (later step id or "end")
    std::vector<std::string> skip;  // later steps this answer makes pointless
    int next_index = -1;            // -1 = no jump
    std::uint64_t skip_mask = 0;    // bits of step indexes
    long line = 0;
};

struct IconItem {
    std::string icon;                  // Material Icons name, e.g. "videocam"
    Domain domain = Domain::Internet;  // what recognising it says something about
    std::vector<std::string> choices;  // translation keys, the meaning to pick among
    int correct = 0;                   // index into choices
};

struct Step {
    std::string id;
    StepKind kind = StepKind::Question;
    std::string title;            // translation key: the question or the task's instruction
    std::string help;             // translation key, may be empty
    int seconds = 20;             // estimated time, to keep the longest path about 5 minutes
    std::vector<Answer> answers;  // questions

    // Tasks: what they measure, and how outcomes score (see README: scoring).
    std::vector<Domain> domains;  // evidence goes to each (icons: per icon instead)
    double weight = 2;            // observed evidence weighs more than self-declared (answers: 1)
    int slow_ms = 0;              // done but slower than this earns `partial`
    double partial = 0.5;
    int max_attempts = 2;     // drag
    int max_corrections = 2;  // typing

    std::vector<double> sizes_mm;    // tap_targets: targets from large to small, in mm
    std::string item, place;         // drag: keys ("the letter" onto "the letter box")
    std::vector<std::string> items;  // scroll: list rows (keys); pick: the three messages (keys)
    int target = 0;                  // scroll: the row to find; pick: the suspicious message
    std::string word;                // typing: key whose text is the word to type
    std::vector<IconItem> icons;     // icons

    std::vector<Route> routes;
    std::string next;  // default successor (later id or "end"); empty = the following step
    int next_index = -1;
    long line = 0;
};

struct DomainInfo {
    std::string title, strength, need;  // keys
    double weight = 1;                  // in the overall level
    bool essential = false;             // "accompagne" here makes the overall level "accompagne"
    std::uint16_t services_partiel = 0, services_accompagne = 0;  // places::Service bits
};

struct Thresholds {
    double autonome = 0.75;  // score >= autonome -> Autonome
    double partiel = 0.4;    // score >= partiel -> Partiel, else Accompagne
};
Level level_of(double score, const Thresholds& t);

class Diagnostic {
  public:
    // Reads <content_dir>/diagnostic.toml, or <content_dir>/diagnostic/diagnostic.toml. Every problem goes to
    // `errors`; the diagnostic is usable only when none was added.
    static Diagnostic load(const std::filesystem::path& content_dir, const Translator& translator,
                           std::vector<ConfigError>& errors);
    static Diagnostic parse(std::string_view toml_text, const std::string& source,
                            const Translator& translator, std::vector<ConfigError>& errors);

    int version = 0;  // content version, 1..255 (in the QR payload)
    std::string title, intro;
    int max_steps = 10;
    int max_seconds = 330;
    Thresholds thresholds;
    std::array<std::string, 4> level_text;  // keys, by Level
    std::vector<std::pair<std::string, std::string>>
        texts;  // [texts] name -> key, for the UI (skip, give up…)
    std::array<DomainInfo, kDomainCount> domains;
    std::vector<Step> steps;

    const std::string& text(std::string_view name) const;  // a [texts] key by name ("" if none)
    int index_of(std::string_view step_id) const;          // -1 if none

    // The longest path from a point (steps still shown, and their estimated seconds), whatever the answers
    // and outcomes. From (0, 0) it is the diagnostic's longest path; the loader checks it against max_steps.
    struct Longest {
        int steps = 0;
        int seconds = 0;
        std::vector<int> path;  // step indexes
    };
    Longest longest_from(int index, std::uint64_t skip_mask) const;
    // Number of distinct paths (answer and route choices), for tests.
    std::uint64_t path_count() const;
};

// ---- Outcomes the UI measures -----------------------------------------------------------------------------

struct TapTargetsOutcome {
    struct Target {
        double size_mm = 0;
        bool hit = false;
        int time_ms = 0;  // from showing the target to the touch
    };
    std::vector<Target> targets;  // in the order shown (the content's sizes_mm)
};
struct DragOutcome {
    bool done = false;
    int time_ms = 0;
    int attempts = 0;  // drops, the successful one included
};
struct ScrollOutcome {
    bool found = false;
    int time_ms = 0;
};
struct TypingOutcome {
    std::string typed;     // what the person typed
    std::string expected;  // the word shown (tr(step.word))
    int time_ms = 0;
    int corrections = 0;  // backspaces
};
struct PickOutcome {
    int chosen = -1;   // as displayed
    int correct = -1;  // the suspicious message's place as displayed (the UI may shuffle)
    int time_ms = 0;
};
struct IconsOutcome {
    struct Answer {
        int chosen = -1;   // as displayed, -1 = no answer
        int correct = -1;  // as displayed
    };
    std::vector<Answer> answers;  // one per content icon, in the content's order
    int time_ms = 0;
};

enum class TaskStatus : std::uint8_t {
    Done,     // measured: see the outcome
    Skipped,  // "Je préfère passer": no evidence either way
    GaveUp,   // could not finish: counts as "needs help" (score 0) for the task's domains
};
using Measure = std::variant<std::monostate, TapTargetsOutcome, DragOutcome, ScrollOutcome, TypingOutcome,
                             PickOutcome, IconsOutcome>;
struct TaskOutcome {
    TaskStatus status = TaskStatus::Done;
    Measure measure;
    static TaskOutcome skipped() { return {TaskStatus::Skipped, {}}; }
    static TaskOutcome gave_up() { return {TaskStatus::GaveUp, {}}; }
};

// Scores of one task outcome, per domain (value in [0,1]); empty when it gives no evidence. Exposed for
// tests.
std::vector<Evidence> score_task(const Step& step, const TaskOutcome& outcome);

// ---- The result -------------------------------------------------------------------------------------------

struct DomainResult {
    Level level = Level::NotAssessed;
    double score = 0;   // 0..1, weighted mean of the evidence
    double weight = 0;  // total evidence weight (0 = not assessed)
};

struct DiagnosticResult {
    int content_version = 0;
    std::array<DomainResult, kDomainCount> domains;
    Level overall = Level::NotAssessed;
    std::vector<Domain> strengths;           // Autonome domains
    std::vector<std::string> strength_keys;  // "what you already do well"
    std::vector<Domain> needs;               // Partiel or Accompagne domains
    std::vector<std::string> need_keys;      // "what a mediator can help with"
    std::uint16_t services = 0;              // places::Service bits of the help needed
    std::chrono::milliseconds duration{0};   // total time passed in by the UI
    int steps = 0;                           // steps answered on the final path
    bool finished = false;

    Level level(Domain d) const { return domains[static_cast<std::size_t>(d)].level; }
    bool needs_service(places::Service s) const { return services & static_cast<std::uint16_t>(s); }
};

struct Progress {
    int step = 0;     // 1-based number of the current step (when finished: steps done)
    int at_most = 0;  // steps done + the longest remaining path: never more than max_steps
};

class Session {
  public:
    explicit Session(const Diagnostic& diagnostic);

    bool finished() const;
    const Step& current_step() const;  // only while !finished()
    int current_index() const { return state_.pos; }

    // Each returns false (and changes nothing) when it does not fit the current step.
    bool answer(std::size_t choice, std::chrono::milliseconds spent = {});
    bool record(const TaskOutcome& outcome, std::chrono::milliseconds spent = {});
    bool back();  // false at the first step

    Progress progress() const;
    DiagnosticResult result() const;  // at any time; `finished` says whether it is final
    std::vector<int> path() const;    // indexes of the steps answered so far

  private:
    struct State {
        int pos = 0;
        std::uint64_t skip = 0;
        std::array<double, kDomainCount> sum{}, weight{};
    };
    void apply(const std::vector<Evidence>& evidence);
    void advance(int explicit_next, std::uint64_t skip);
    void settle();  // moves pos past skipped steps

    const Diagnostic* d_;
    State state_;
    std::vector<State> history_;
    std::vector<int> path_;
    std::chrono::milliseconds spent_{0};
};

}  // namespace kiosk::diagnostic
