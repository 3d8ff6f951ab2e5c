// The self-diagnostic: content validation, scoring, the adaptive engine and its paths.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>

#include "kiosk/core/diagnostic/diagnostic.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::diagnostic;
using namespace std::chrono_literals;

namespace {

const Translator& shipped_translator() {
    static const Translator t = [] {
        Translator tr;
        std::vector<std::string> errors;
        tr.load_folder(test::source_dir() / "content/i18n", "fr", errors);
        if (!errors.empty()) throw std::runtime_error(errors.front());
        return tr;
    }();
    return t;
}

const Diagnostic& shipped() {
    static const Diagnostic d = [] {
        std::vector<ConfigError> errors;
        Diagnostic dd = Diagnostic::load(test::source_dir() / "content", shipped_translator(), errors);
        if (!errors.empty()) throw std::runtime_error(errors.front().to_string());
        return dd;
    }();
    return d;
}

std::string shipped_text() {
    std::ifstream in(test::source_dir() / "content/diagnostic/diagnostic.toml");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

long line_of(const std::string& text, const std::string& anchor) {
    auto at = text.find(anchor);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// Parses the shipped content with `from` replaced by `to`.
std::vector<ConfigError> errors_with(const std::string& from, const std::string& to,
                                     std::string* text_out = nullptr) {
    std::string text = shipped_text();
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    if (text_out) *text_out = text;
    std::vector<ConfigError> errors;
    Diagnostic::parse(text, "diagnostic.toml", shipped_translator(), errors);
    return errors;
}

std::string all(const std::vector<ConfigError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.to_string() + "\n";
    return out;
}

Step task(StepKind kind) {
    Step s;
    s.kind = kind;
    s.domains = {Domain::Touch};
    s.weight = 2;
    s.slow_ms = 5000;
    s.partial = 0.5;
    s.max_attempts = 2;
    s.max_corrections = 2;
    return s;
}

double value_of(const Step& s, const TaskOutcome& o) {
    auto ev = score_task(s, o);
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].weight == 2);
    return ev[0].value;
}

}  // namespace

TEST_CASE("the shipped diagnostic loads, covers the 8 domains and fits 10 steps and 5 minutes") {
    const Diagnostic& d = shipped();
    CHECK(d.version >= 1);
    CHECK(d.max_steps == 10);
    auto longest = d.longest_from(0, 0);
    CHECK(longest.steps <= 10);
    CHECK(longest.seconds <= 330);
    for (Domain dom : kAllDomains) CHECK_FALSE(d.domains[static_cast<std::size_t>(dom)].title.empty());
    // every task kind is used
    for (StepKind k : {StepKind::Question, StepKind::TapTargets, StepKind::Drag, StepKind::Scroll,
                       StepKind::Typing, StepKind::Pick, StepKind::Icons}) {
        INFO(step_kind_id(k));
        CHECK(std::any_of(d.steps.begin(), d.steps.end(), [&](const Step& s) { return s.kind == k; }));
    }
    CHECK_FALSE(d.text("skip").empty());
    CHECK(d.path_count() > 100);
}

TEST_CASE("scoring levels use the content thresholds, boundaries included") {
    Thresholds t{0.75, 0.4};
    CHECK(level_of(1.0, t) == Level::Autonome);
    CHECK(level_of(0.75, t) == Level::Autonome);
    CHECK(level_of(0.7499, t) == Level::Partiel);
    CHECK(level_of(0.4, t) == Level::Partiel);
    CHECK(level_of(0.3999, t) == Level::Accompagne);
    CHECK(level_of(0.0, t) == Level::Accompagne);
    CHECK(shipped().thresholds.autonome == 0.75);
    CHECK(shipped().thresholds.partiel == 0.4);
}

TEST_CASE("task outcomes score accuracy and time") {
    SECTION("tap targets: a hit in time counts 1, a slow hit counts partial, a miss 0") {
        Step s = task(StepKind::TapTargets);
        TapTargetsOutcome o{{{20, true, 5000}, {14, true, 5001}, {10, false, 100}, {7, true, 100}}};
        CHECK(value_of(s, {TaskStatus::Done, o}) == Approx((1 + 0.5 + 0 + 1) / 4.0));
    }
    SECTION("drag: attempts and time") {
        Step s = task(StepKind::Drag);
        CHECK(value_of(s, {TaskStatus::Done, DragOutcome{true, 5000, 2}}) == 1.0);
        CHECK(value_of(s, {TaskStatus::Done, DragOutcome{true, 5000, 3}}) == 0.5);
        CHECK(value_of(s, {TaskStatus::Done, DragOutcome{true, 5001, 1}}) == 0.5);
        CHECK(value_of(s, {TaskStatus::Done, DragOutcome{false, 100, 1}}) == 0.0);
    }
    SECTION("scroll") {
        Step s = task(StepKind::Scroll);
        CHECK(value_of(s, {TaskStatus::Done, ScrollOutcome{true, 5000}}) == 1.0);
        CHECK(value_of(s, {TaskStatus::Done, ScrollOutcome{true, 9000}}) == 0.5);
        CHECK(value_of(s, {TaskStatus::Done, ScrollOutcome{false, 1000}}) == 0.0);
    }
    SECTION("typing: exact, case and spaces ignored; one letter off is partial") {
        Step s = task(StepKind::Typing);
        CHECK(value_of(s, {TaskStatus::Done, TypingOutcome{" Mairie", "mairie", 4000, 2}}) == 1.0);
        CHECK(value_of(s, {TaskStatus::Done, TypingOutcome{"mairie", "mairie", 4000, 3}}) == 0.5);
        CHECK(value_of(s, {TaskStatus::Done, TypingOutcome{"mairie", "mairie", 5001, 0}}) == 0.5);
        CHECK(value_of(s, {TaskStatus::Done, TypingOutcome{"mairei", "mairie", 4000, 0}}) == 0.0);
        CHECK(value_of(s, {TaskStatus::Done, TypingOutcome{"marie", "mairie", 4000, 0}}) == 0.5);
        CHECK(value_of(s, {TaskStatus::Done, TypingOutcome{"", "mairie", 4000, 0}}) == 0.0);
    }
    SECTION("pick: the suspicious message, as displayed") {
        Step s = task(StepKind::Pick);
        CHECK(value_of(s, {TaskStatus::Done, PickOutcome{2, 2, 90000}}) == 1.0);
        CHECK(value_of(s, {TaskStatus::Done, PickOutcome{0, 2, 1000}}) == 0.0);
    }
    SECTION("icons: one score per domain") {
        Step s = task(StepKind::Icons);
        s.icons = {{"videocam", Domain::Communication, {"a", "b"}, 0},
                   {"send", Domain::Communication, {"a", "b"}, 1},
                   {"search", Domain::Internet, {"a", "b"}, 1}};
        auto ev = score_task(s, {TaskStatus::Done, IconsOutcome{{{0, 0}, {0, 1}, {1, 1}}, 1000}});
        REQUIRE(ev.size() == 2);
        CHECK(ev[0].domain == Domain::Communication);
        CHECK(ev[0].value == 0.5);
        CHECK(ev[1].domain == Domain::Internet);
        CHECK(ev[1].value == 1.0);
    }
    SECTION("gave up counts 0 for the task's domains; skipped gives no evidence") {
        Step s = task(StepKind::Drag);
        CHECK(value_of(s, TaskOutcome::gave_up()) == 0.0);
        CHECK(score_task(s, TaskOutcome::skipped()).empty());
    }
}

TEST_CASE("content errors name the line, the key and the reason") {
    SECTION("broken TOML") {
        std::string text;
        auto errors = errors_with("[scoring]", "[scoring", &text);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == line_of(text, "[scoring"));
        CHECK(errors[0].source == "diagnostic.toml");
    }
    SECTION("an unknown key") {
        std::string text;
        auto errors = errors_with("id = \"drag\"\n", "id = \"drag\"\ncolour = \"blue\"\n", &text);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == line_of(text, "colour = "));
        CHECK(errors[0].key == "step.drag.colour");
        CHECK_THAT(errors[0].message, Catch::Contains("unknown key"));
    }
    SECTION("a text missing from the translations") {
        std::string text;
        auto errors = errors_with("title = \"diag.tap.title\"", "title = \"diag.tap.nowhere\"", &text);
        REQUIRE(errors.size() == 2);  // fr and en
        CHECK(errors[0].line == line_of(text, "diag.tap.nowhere"));
        CHECK(errors[0].key == "step.tap.title");
        CHECK_THAT(all(errors), Catch::Contains("\"diag.tap.nowhere\" is missing from the \"fr\"") &&
                                    Catch::Contains("missing from the \"en\""));
    }
    SECTION("a text that is not a diag. key") {
        auto errors = errors_with("title = \"diag.tap.title\"", "title = \"Touchez les ronds\"");
        REQUIRE(errors.size() == 1);
        CHECK_THAT(errors[0].message, Catch::Contains("translation key starting with \"diag.\""));
    }
    SECTION("a branch to an unknown step") {
        std::string text;
        auto errors = errors_with("next = \"drag\"", "next = \"dragg\"", &text);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == line_of(text, "next = \"dragg\""));
        CHECK(errors[0].key == "step.tap.route[0].next");
        CHECK_THAT(errors[0].message, Catch::Contains("unknown step \"dragg\""));
    }
    SECTION("a branch backwards") {
        auto errors = errors_with("next = \"scroll\"", "next = \"device\"");
        REQUIRE(errors.size() == 1);
        CHECK_THAT(errors[0].message, Catch::Contains("forward only"));
    }
    SECTION("an unknown domain, service or kind") {
        auto errors = errors_with("evidence = { email = 1.0 }", "evidence = { mail = 1.0 }");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].key == "step.email_use.answer[0].evidence.mail");
        errors = errors_with("partiel = [\"usage_securise\"]", "partiel = [\"securite\"]");
        REQUIRE(errors.size() == 1);
        CHECK_THAT(errors[0].message, Catch::Contains("unknown service"));
        errors = errors_with("kind = \"scroll\"", "kind = \"swipe\"");
        REQUIRE_FALSE(errors.empty());
        CHECK_THAT(errors[0].message, Catch::Contains("unknown kind \"swipe\""));
    }
    SECTION("a path longer than 10 steps") {
        const std::string extra =
            "\n[[step]]\nid = \"extra\"\nkind = \"question\"\ntitle = \"diag.title\"\n"
            "[[step.answer]]\ntext = \"diag.device.daily\"\n[[step.answer]]\ntext = \"diag.device.never\"\n";
        std::string text = shipped_text() + extra;
        std::vector<ConfigError> errors;
        Diagnostic::parse(text, "diagnostic.toml", shipped_translator(), errors);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == line_of(text, "id = \"extra\"") - 1);  // the [[step]] line
        CHECK(errors[0].key == "step.extra");
        CHECK_THAT(errors[0].message, Catch::Contains("runs 11 steps, more than max_steps = 10") &&
                                          Catch::Contains("device → tap → typing"));
    }
    SECTION("max_steps above 10 is refused") {
        auto errors = errors_with("max_steps = 10", "max_steps = 12");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].key == "diagnostic.max_steps");
    }
    SECTION("a missing domain and a missing file") {
        auto errors = errors_with("id = \"documents\"", "id = \"touch\"");
        CHECK_THAT(all(errors), Catch::Contains("domain.touch: is described twice") &&
                                    Catch::Contains("domain.documents: is not described"));
        std::vector<ConfigError> e2;
        Diagnostic::load(test::source_dir() / "nowhere", shipped_translator(), e2);
        REQUIRE(e2.size() == 1);
        CHECK_THAT(e2[0].message, Catch::Contains("file not found"));
    }
}

namespace {

// Plays one profile through the engine; `answer` picks per question id, `task` measures per task id.
struct Profile {
    std::function<std::size_t(const Step&)> answer;
    std::function<TaskOutcome(const Step&)> task;
};

DiagnosticResult play(const Diagnostic& d, const Profile& p, std::vector<std::string>* ids = nullptr) {
    Session s(d);
    int guard = 0;
    while (!s.finished() && guard++ < 20) {
        const Step& step = s.current_step();
        if (ids) ids->push_back(step.id);
        if (step.kind == StepKind::Question)
            REQUIRE(s.answer(p.answer(step), 20s));
        else
            REQUIRE(s.record(p.task(step), 30s));
    }
    REQUIRE(s.finished());
    return s.result();
}

TapTargetsOutcome taps(const Step& s, int hits, int slow_ms) {
    TapTargetsOutcome o;
    for (std::size_t i = 0; i < s.sizes_mm.size(); ++i)
        o.targets.push_back({s.sizes_mm[i], static_cast<int>(i) < hits, slow_ms});
    return o;
}

IconsOutcome icons(const Step& s, bool all_right, bool first_of_each_domain_right) {
    IconsOutcome o;
    std::set<Domain> seen;
    for (const IconItem& i : s.icons) {
        bool right = all_right || (first_of_each_domain_right && seen.insert(i.domain).second);
        o.answers.push_back(
            {right ? i.correct : (i.correct + 1) % static_cast<int>(i.choices.size()), i.correct});
    }
    return o;
}

std::uint16_t bits(std::initializer_list<places::Service> s) {
    std::uint16_t b = 0;
    for (auto x : s) b |= static_cast<std::uint16_t>(x);
    return b;
}

}  // namespace

TEST_CASE("a novice: the typing task is skipped, e-mail details too, everything needs help") {
    const Diagnostic& d = shipped();
    Profile p;
    p.answer = [](const Step& s) -> std::size_t {
        if (s.id == "daily_use") return 3;
        return 2;  // "never"
    };
    p.task = [](const Step& s) -> TaskOutcome {
        if (s.id == "tap") return {TaskStatus::Done, taps(s, 1, 8000)};
        if (s.id == "drag") return TaskOutcome::gave_up();
        if (s.id == "scam") return {TaskStatus::Done, PickOutcome{0, 1, 20000}};
        if (s.id == "icons") return {TaskStatus::Done, icons(s, false, false)};
        FAIL("unexpected task " << s.id);
        return {};
    };
    std::vector<std::string> ids;
    DiagnosticResult r = play(d, p, &ids);
    CHECK(ids == std::vector<std::string>{"device", "tap", "drag", "email_use", "services_use", "scam",
                                          "icons", "daily_use"});
    for (Domain dom : kAllDomains) {
        INFO(domain_id(dom));
        CHECK(r.level(dom) == Level::Accompagne);
    }
    CHECK(r.overall == Level::Accompagne);
    CHECK(r.strengths.empty());
    CHECK(r.needs.size() == 8);
    CHECK(r.need_keys.front() == "diag.domain.touch.need");
    using S = places::Service;
    CHECK(r.services == bits({S::EverydayTools, S::InternetAccess, S::UnderstandingDigital,
                              S::AdminProcedures, S::SafeUse}));
    CHECK(r.steps == 8);
    CHECK(r.duration == 4 * 20s + 4 * 30s);
    CHECK(r.finished);
}

TEST_CASE("a partly autonomous person: partial levels, one strength, help with procedures") {
    const Diagnostic& d = shipped();
    Profile p;
    p.answer = [](const Step& s) -> std::size_t {
        if (s.id == "daily_use") return 1;  // messages and video calls
        return 1;                           // "sometimes / with help / forget"
    };
    p.task = [](const Step& s) -> TaskOutcome {
        if (s.id == "tap") {
            auto o = taps(s, 4, 1000);
            o.targets[2].time_ms = o.targets[3].time_ms = 9000;
            return {TaskStatus::Done, o};
        }
        if (s.id == "typing") return {TaskStatus::Done, TypingOutcome{"mairie", "mairie", 20000, 5}};
        if (s.id == "scroll") return {TaskStatus::Done, ScrollOutcome{true, 40000}};
        if (s.id == "scam") return {TaskStatus::Done, PickOutcome{1, 1, 20000}};
        if (s.id == "icons") return {TaskStatus::Done, icons(s, false, true)};
        FAIL("unexpected task " << s.id);
        return {};
    };
    DiagnosticResult r = play(d, p);
    CHECK(r.level(Domain::Touch) == Level::Partiel);
    CHECK(r.level(Domain::Typing) == Level::Partiel);
    CHECK(r.level(Domain::Internet) == Level::Partiel);
    CHECK(r.level(Domain::Email) == Level::Partiel);
    CHECK(r.level(Domain::Services) == Level::Partiel);
    CHECK(r.level(Domain::Security) == Level::Autonome);
    CHECK(r.level(Domain::Communication) == Level::Partiel);
    CHECK(r.level(Domain::Documents) == Level::Partiel);
    CHECK(r.overall == Level::Partiel);
    CHECK(r.strengths == std::vector<Domain>{Domain::Security});
    CHECK(r.strength_keys == std::vector<std::string>{"diag.domain.security.strength"});
    using S = places::Service;
    CHECK(r.services == bits({S::EverydayTools, S::AdminProcedures}));
    CHECK(r.steps == 10);
}

TEST_CASE("an autonomous person: every domain autonome, no help needed, 10 steps") {
    const Diagnostic& d = shipped();
    Profile p;
    p.answer = [](const Step&) -> std::size_t { return 0; };
    p.task = [](const Step& s) -> TaskOutcome {
        if (s.id == "tap") return {TaskStatus::Done, taps(s, 4, 900)};
        if (s.id == "typing") return {TaskStatus::Done, TypingOutcome{"mairie", "mairie", 6000, 0}};
        if (s.id == "scroll") return {TaskStatus::Done, ScrollOutcome{true, 8000}};
        if (s.id == "scam") return {TaskStatus::Done, PickOutcome{2, 2, 9000}};
        if (s.id == "icons") return {TaskStatus::Done, icons(s, true, true)};
        FAIL("unexpected task " << s.id);
        return {};
    };
    std::vector<std::string> ids;
    DiagnosticResult r = play(d, p, &ids);
    CHECK(ids.size() == 10);
    for (Domain dom : kAllDomains) {
        INFO(domain_id(dom));
        CHECK(r.level(dom) == Level::Autonome);
    }
    CHECK(r.overall == Level::Autonome);
    CHECK(r.needs.empty());
    CHECK(r.services == 0);
    CHECK(r.strengths.size() == 8);
}

TEST_CASE("the engine refuses what does not fit, goes back, and counts progress") {
    const Diagnostic& d = shipped();
    Session s(d);
    CHECK_FALSE(s.back());
    CHECK(s.progress().step == 1);
    CHECK(s.progress().at_most == 10);
    CHECK_FALSE(s.record(TaskOutcome::skipped()));  // a question
    CHECK_FALSE(s.answer(9));
    REQUIRE(s.answer(2));
    CHECK(s.current_step().id == "tap");
    CHECK_FALSE(s.answer(0));                                            // a task
    CHECK_FALSE(s.record({TaskStatus::Done, DragOutcome{true, 1, 1}}));  // the wrong measure
    CHECK(s.progress().step == 2);
    REQUIRE(s.record({TaskStatus::Done, taps(s.current_step(), 0, 100)}));
    CHECK(s.current_step().id == "drag");
    CHECK(s.progress().at_most == 10);  // "Étape 3 sur 10": the total does not change on the way
    REQUIRE(s.back());
    CHECK(s.current_step().id == "tap");
    REQUIRE(s.back());
    CHECK(s.current_step().id == "device");
    CHECK(s.result().domains[0].weight == 0);  // the answer was undone
    REQUIRE(s.answer(0));
    REQUIRE(s.record(TaskOutcome::skipped()));  // no evidence: the device answer decides
    CHECK(s.current_step().id == "typing");
    REQUIRE(s.record(TaskOutcome::skipped()));
    REQUIRE(s.record(TaskOutcome::skipped()));  // scroll
    CHECK(s.current_step().id == "email_use");
    REQUIRE(s.answer(2));  // never: the passwords question is skipped
    CHECK(s.current_step().id == "services_use");
    REQUIRE(s.back());
    REQUIRE(s.answer(0));
    CHECK(s.current_step().id == "passwords");
}

TEST_CASE("every path stays within 10 steps and progress never grows (random sample)") {
    const Diagnostic& d = shipped();
    std::mt19937 rng(12345);
    std::set<std::vector<int>> paths;
    for (int run = 0; run < 3000; ++run) {
        Session s(d);
        const int total = s.progress().at_most;
        int last_step = 0;
        while (!s.finished()) {
            Progress pr = s.progress();
            REQUIRE(pr.at_most <= d.max_steps);
            REQUIRE(pr.at_most == total);  // "Étape N sur M": M the same all the way
            REQUIRE(pr.step <= pr.at_most);
            REQUIRE(pr.step > last_step);  // N only moves on
            last_step = pr.step;
            const Step& step = s.current_step();
            if (step.kind == StepKind::Question) {
                s.answer(std::uniform_int_distribution<std::size_t>(0, step.answers.size() - 1)(rng));
                continue;
            }
            const int roll = std::uniform_int_distribution<int>(0, 9)(rng);
            if (roll == 0)
                REQUIRE(s.record(TaskOutcome::skipped()));
            else if (roll == 1)
                REQUIRE(s.record(TaskOutcome::gave_up()));
            else {
                const bool good = roll > 5;
                const int ms = good ? 1000 : 90000;
                Measure m;
                switch (step.kind) {
                    case StepKind::TapTargets:
                        m = taps(step, std::uniform_int_distribution<int>(0, 4)(rng), ms);
                        break;
                    case StepKind::Drag:
                        m = DragOutcome{good, ms, 1};
                        break;
                    case StepKind::Scroll:
                        m = ScrollOutcome{good, ms};
                        break;
                    case StepKind::Typing:
                        m = TypingOutcome{good ? "mairie" : "mar", "mairie", ms, 0};
                        break;
                    case StepKind::Pick:
                        m = PickOutcome{good ? 1 : 0, 1, ms};
                        break;
                    case StepKind::Icons:
                        m = icons(step, good, roll % 2 == 0);
                        break;
                    case StepKind::Question:
                        break;
                }
                REQUIRE(s.record({TaskStatus::Done, m}));
            }
            if (roll == 9 && s.path().size() > 2) {  // sometimes back: the step before is shown again
                REQUIRE(s.back());
                last_step = s.progress().step - 1;
            }
        }
        REQUIRE(s.path().size() <= 10);
        REQUIRE(s.result().steps == static_cast<int>(s.path().size()));
        paths.insert(s.path());
    }
    CHECK(paths.size() >= 4);  // both branches after the tap task, with and without the e-mail details
    // and the static bound over every path
    CHECK(d.longest_from(0, 0).steps <= 10);
}
