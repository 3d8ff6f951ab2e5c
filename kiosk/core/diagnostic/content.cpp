// Loading and validating the diagnostic's content (TOML). Every problem names the file, the line and the key.
#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "diagnostic.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/toml_reader.hpp"

namespace kiosk::diagnostic {

namespace {

constexpr std::string_view kDomainIds[kDomainCount] = {"touch",    "typing",   "internet",      "email",
                                                       "services", "security", "communication", "documents"};
constexpr std::string_view kServiceIds[9] = {
    "aide_demarches", "outils_quotidien",     "insertion_pro",  "usage_securise",    "parentalite",
    "loisirs",        "comprendre_numerique", "acces_internet", "materiel_solidaire"};
constexpr std::string_view kKindIds[] = {"question", "tap_targets", "drag", "scroll",
                                         "typing",   "pick",        "icons"};
constexpr int kMaxStepsDefined = 64;  // the skip mask is 64 bits

long line_of(const toml::node* n) {
    return n ? static_cast<long>(n->source().begin.line) : 0;
}

struct KeyUse {
    std::string key;
    long line;
    std::string where;
};

// A translation key: "diag." then lower-case letters, digits, '_' and '.'. A loop, not std::regex: regex
// matching recurses once per character and a long value would overflow the stack.
bool is_text_key(std::string_view v) {
    if (v.size() <= 5 || v.compare(0, 5, "diag.") != 0) return false;
    for (char c : v.substr(5))
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
    return true;
}
bool is_step_id(std::string_view v) {
    if (v.empty() || v[0] < 'a' || v[0] > 'z') return false;
    for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// The diagnostic's own kinds of value (text keys, domains, evidence, services) on the shared reader.
struct Loader {
    const TomlReader& toml;
    std::string source;
    std::vector<ConfigError>& errors;
    std::vector<KeyUse> keys;

    static TomlReader::Need need(bool required) {
        return required ? TomlReader::Required : TomlReader::Optional;
    }
    void fail(const toml::node* n, const std::string& key, const std::string& message) {
        toml.fail(n, key, message);
    }
    void fail_at(long line, const std::string& key, const std::string& message) {
        toml.fail_at(line, key, message);
    }

    void check_keys(const toml::table& t, const std::string& prefix,
                    std::initializer_list<std::string_view> allowed) {
        toml.unknown_keys(t, prefix, allowed);
    }
    const toml::table* table(const toml::table& parent, std::string_view key, const std::string& where,
                             bool required) {
        return toml.table(parent, key, where, need(required));
    }
    bool string(const toml::table& t, std::string_view key, const std::string& where, std::string& out,
                bool required) {
        return toml.text(t, key, where, out, need(required));
    }
    void text_key(const toml::table& t, std::string_view key, const std::string& where, std::string& out,
                  bool required) {
        if (!string(t, key, where, out, required)) return;
        check_text_key(t.get(key), where, out);
    }
    void check_text_key(const toml::node* n, const std::string& where, const std::string& value) {
        if (!is_text_key(value)) {
            fail(n, where,
                 "\"" + value + "\" must be a translation key starting with \"diag.\" (a-z, 0-9, _ and .)");
            return;
        }
        keys.push_back({value, line_of(n), where});
    }
    void integer(const toml::table& t, std::string_view key, const std::string& where, int& out, long lo,
                 long hi, bool required = false) {
        toml.integer(t, key, where, out, lo, hi, need(required));
    }
    void number(const toml::table& t, std::string_view key, const std::string& where, double& out, double lo,
                double hi) {
        toml.number(t, key, where, out, lo, hi);
    }
    void boolean(const toml::table& t, std::string_view key, const std::string& where, bool& out) {
        toml.boolean(t, key, where, out);
    }
    const toml::array* array(const toml::table& t, std::string_view key, const std::string& where) {
        return toml.array(t, key, where);
    }
    void strings(const toml::table& t, std::string_view key, const std::string& where,
                 std::vector<std::string>& out, bool text_keys) {
        const toml::array* a = array(t, key, where);
        if (!a) return;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const toml::node& n = *a->get(i);
            std::string v;
            std::string w = where + "[" + std::to_string(i) + "]";
            if (!toml.text_of(n, w, v)) continue;
            if (text_keys) check_text_key(&n, w, v);
            out.push_back(v);
        }
    }
    std::optional<Domain> domain(const toml::node* n, const std::string& where, std::string_view id) {
        if (auto d = domain_from_id(id)) return d;
        std::string list;
        for (auto a : kDomainIds) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(n, where, "unknown domain \"" + std::string(id) + "\" (expected one of: " + list + ")");
        return std::nullopt;
    }
    // evidence = { touch = 0.5, typing = 0 }
    void evidence(const toml::table& t, std::string_view key, const std::string& where,
                  std::vector<Evidence>& out, double weight) {
        const toml::node* n = t.get(key);
        if (!n) return;
        const toml::table* e = n->as_table();
        if (!e) return fail(n, where, "must be an inline table like { touch = 0.5 }");
        for (const auto& [k, v] : *e) {
            const std::string w = where + "." + std::string(k.str());
            auto d = domain(&v, w, k.str());
            if (!d) continue;
            double value = 0;
            if (!toml.number_of(v, w, value, 0, 1,
                                "must be a number between 0 (cannot do it) and 1 (does it alone)"))
                continue;
            out.push_back({*d, value, weight});
        }
    }
    std::uint16_t services(const toml::table& t, std::string_view key, const std::string& where) {
        std::vector<std::string> ids;
        const toml::array* a = array(t, key, where);
        if (!a) return 0;
        std::uint16_t bits = 0;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const toml::node& n = *a->get(i);
            auto v = n.value<std::string>();
            auto s = v ? service_from_id(*v) : std::nullopt;
            if (!s) {
                std::string list;
                for (auto id : kServiceIds) list += (list.empty() ? "" : ", ") + std::string(id);
                fail(&n, where + "[" + std::to_string(i) + "]",
                     "unknown service (expected one of: " + list + ")");
                continue;
            }
            bits |= static_cast<std::uint16_t>(*s);
        }
        return bits;
    }
};

std::string join_path(const Diagnostic& d, const std::vector<int>& path) {
    std::string out;
    for (int i : path) out += (out.empty() ? "" : " → ") + d.steps[static_cast<std::size_t>(i)].id;
    return out;
}

// The successors of step i: (target index, skip mask added) for every answer and route.
std::vector<std::pair<int, std::uint64_t>> branches(const Diagnostic& d, int i) {
    const Step& s = d.steps[static_cast<std::size_t>(i)];
    const int def = s.next_index >= 0 ? s.next_index : i + 1;
    std::vector<int> targets;
    for (const Route& r : s.routes) targets.push_back(r.next_index);
    targets.push_back(def);
    std::vector<std::pair<int, std::uint64_t>> out;
    if (s.kind == StepKind::Question) {
        for (const Answer& a : s.answers) {
            if (a.next_index >= 0)
                out.emplace_back(a.next_index, a.skip_mask);
            else
                for (int t : targets) out.emplace_back(t, a.skip_mask);
        }
    } else {
        for (int t : targets) out.emplace_back(t, 0);
    }
    return out;
}

}  // namespace

std::string_view domain_id(Domain d) {
    return kDomainIds[static_cast<std::size_t>(d)];
}
std::optional<Domain> domain_from_id(std::string_view id) {
    for (std::size_t i = 0; i < kDomainCount; ++i)
        if (kDomainIds[i] == id) return static_cast<Domain>(i);
    return std::nullopt;
}
std::string_view level_id(Level l) {
    constexpr std::string_view ids[] = {"none", "autonome", "partiel", "accompagne"};
    return ids[static_cast<std::size_t>(l) & 3];
}
std::string_view service_id(places::Service s) {
    const auto v = static_cast<std::uint16_t>(s);
    for (std::size_t i = 0; i < 9; ++i)
        if (v == (1u << i)) return kServiceIds[i];
    return "";
}
std::optional<places::Service> service_from_id(std::string_view id) {
    for (std::size_t i = 0; i < 9; ++i)
        if (kServiceIds[i] == id) return static_cast<places::Service>(1u << i);
    return std::nullopt;
}
std::string_view step_kind_id(StepKind k) {
    return kKindIds[static_cast<std::size_t>(k)];
}

Level level_of(double score, const Thresholds& t) {
    if (score >= t.autonome) return Level::Autonome;
    if (score >= t.partiel) return Level::Partiel;
    return Level::Accompagne;
}

const std::string& Diagnostic::text(std::string_view name) const {
    static const std::string none;
    for (const auto& [n, k] : texts)
        if (n == name) return k;
    return none;
}

int Diagnostic::index_of(std::string_view step_id) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == step_id) return static_cast<int>(i);
    return -1;
}

Diagnostic::Longest Diagnostic::longest_from(int index, std::uint64_t skip_mask) const {
    const int n = static_cast<int>(steps.size());
    std::map<std::pair<int, std::uint64_t>, Longest> memo;
    std::function<Longest(int, std::uint64_t)> go = [&](int i, std::uint64_t mask) -> Longest {
        while (i < n && ((mask >> i) & 1u)) ++i;
        if (i >= n || i < 0) return {};
        auto key = std::make_pair(i, mask);
        if (auto it = memo.find(key); it != memo.end()) return it->second;
        Longest best;
        bool first = true;
        for (auto [t, skip] : branches(*this, i)) {
            if (t <= i) continue;  // the loader rejects backward jumps; never loop
            Longest l = go(t, mask | skip);
            if (first || l.steps > best.steps || (l.steps == best.steps && l.seconds > best.seconds))
                best = l;
            first = false;
        }
        best.steps += 1;
        best.seconds += steps[static_cast<std::size_t>(i)].seconds;
        best.path.insert(best.path.begin(), i);
        memo[key] = best;
        return best;
    };
    return go(index, skip_mask);
}

std::uint64_t Diagnostic::path_count() const {
    const int n = static_cast<int>(steps.size());
    std::map<std::pair<int, std::uint64_t>, std::uint64_t> memo;
    std::function<std::uint64_t(int, std::uint64_t)> go = [&](int i, std::uint64_t mask) -> std::uint64_t {
        while (i < n && ((mask >> i) & 1u)) ++i;
        if (i >= n) return 1;
        auto key = std::make_pair(i, mask);
        if (auto it = memo.find(key); it != memo.end()) return it->second;
        std::uint64_t total = 0;
        for (auto [t, skip] : branches(*this, i))
            if (t > i) total += go(t, mask | skip);
        return memo[key] = total;
    };
    return go(0, 0);
}

Diagnostic Diagnostic::load(const std::filesystem::path& content_dir, const Translator& translator,
                            std::vector<ConfigError>& errors) {
    std::filesystem::path file = content_dir / "diagnostic.toml";
    if (!std::filesystem::exists(file)) file = content_dir / "diagnostic" / "diagnostic.toml";
    std::string why;
    std::optional<std::string> text = read_file(file, &why, TomlReader::kMaxFileBytes);
    if (!text) {
        errors.push_back(
            {file.string(), 0, "",
             why == "cannot be opened" && !std::filesystem::exists(file) ? "file not found" : why});
        return {};
    }
    return parse(*text, file.string(), translator, errors);
}

Diagnostic Diagnostic::parse(std::string_view toml_text, const std::string& source,
                             const Translator& translator, std::vector<ConfigError>& errors) {
    Diagnostic d;
    TomlReader toml(source, errors);
    if (!toml.parse(toml_text)) return d;
    const toml::table& root = toml.root();
    const std::size_t errors_before = errors.size();
    Loader L{toml, source, errors, {}};
    L.check_keys(root, "", {"diagnostic", "scoring", "levels", "texts", "domain", "step"});

    // [diagnostic]
    if (const toml::table* t = L.table(root, "diagnostic", "diagnostic", true)) {
        L.check_keys(*t, "diagnostic.", {"version", "title", "intro", "max_steps", "max_seconds"});
        L.integer(*t, "version", "diagnostic.version", d.version, 1, 255, true);
        L.text_key(*t, "title", "diagnostic.title", d.title, true);
        L.text_key(*t, "intro", "diagnostic.intro", d.intro, false);
        L.integer(*t, "max_steps", "diagnostic.max_steps", d.max_steps, 1, 10);
        L.integer(*t, "max_seconds", "diagnostic.max_seconds", d.max_seconds, 30, 600);
    }
    // [scoring]
    if (const toml::table* t = L.table(root, "scoring", "scoring", true)) {
        L.check_keys(*t, "scoring.", {"autonome", "partiel"});
        if (!t->get("autonome")) L.fail(t, "scoring.autonome", "is required");
        if (!t->get("partiel")) L.fail(t, "scoring.partiel", "is required");
        L.number(*t, "autonome", "scoring.autonome", d.thresholds.autonome, 0, 1);
        L.number(*t, "partiel", "scoring.partiel", d.thresholds.partiel, 0, 1);
        if (d.thresholds.partiel >= d.thresholds.autonome)
            L.fail(t->get("partiel"), "scoring.partiel", "must be below scoring.autonome");
    }
    // [levels]
    if (const toml::table* t = L.table(root, "levels", "levels", true)) {
        L.check_keys(*t, "levels.", {"autonome", "partiel", "accompagne"});
        for (Level l : {Level::Autonome, Level::Partiel, Level::Accompagne}) {
            const std::string id(level_id(l));
            L.text_key(*t, id, "levels." + id, d.level_text[static_cast<std::size_t>(l)], true);
        }
    }
    // [texts]: free names, translation keys for the UI
    if (const toml::table* t = L.table(root, "texts", "texts", false)) {
        for (const auto& [k, v] : *t) {
            std::string value;
            const std::string name(k.str());
            L.text_key(*t, name, "texts." + name, value, true);
            d.texts.emplace_back(name, value);
        }
    }
    // [[domain]]
    std::array<long, kDomainCount> domain_line{};
    if (const toml::node* n = root.get("domain")) {
        const toml::array* a = n->as_array();
        if (!a || !a->is_array_of_tables())
            L.fail(n, "domain", "must be a list of tables written [[domain]]");
        else
            for (std::size_t i = 0; i < a->size(); ++i) {
                const toml::table& t = *a->get(i)->as_table();
                std::string id;
                std::string where = "domain[" + std::to_string(i) + "]";
                if (!L.string(t, "id", where + ".id", id, true)) continue;
                auto dom = L.domain(t.get("id"), where + ".id", id);
                if (!dom) continue;
                where = "domain." + id;
                const auto di = static_cast<std::size_t>(*dom);
                if (domain_line[di]) {
                    L.fail(&t, where,
                           "is described twice (also line " + std::to_string(domain_line[di]) + ")");
                    continue;
                }
                domain_line[di] = line_of(&t) ? line_of(&t) : 1;
                L.check_keys(t, where + ".",
                             {"id", "title", "strength", "need", "weight", "essential", "services"});
                DomainInfo& info = d.domains[di];
                L.text_key(t, "title", where + ".title", info.title, true);
                L.text_key(t, "strength", where + ".strength", info.strength, true);
                L.text_key(t, "need", where + ".need", info.need, true);
                L.number(t, "weight", where + ".weight", info.weight, 0, 10);
                L.boolean(t, "essential", where + ".essential", info.essential);
                if (const toml::table* s = L.table(t, "services", where + ".services", true)) {
                    L.check_keys(*s, where + ".services.", {"partiel", "accompagne"});
                    info.services_partiel = L.services(*s, "partiel", where + ".services.partiel");
                    info.services_accompagne = L.services(*s, "accompagne", where + ".services.accompagne");
                }
            }
    }
    for (std::size_t i = 0; i < kDomainCount; ++i)
        if (!domain_line[i])
            L.fail_at(0, "domain." + std::string(kDomainIds[i]),
                      "is not described: add a [[domain]] with this id");

    // [[step]]: first pass reads, second resolves ids
    struct Pending {
        std::string* id;
        int* index;
        const toml::node* node;
        std::string where;
        int from;
    };
    std::vector<Pending> jumps;
    struct PendingSkip {
        std::uint64_t* mask;
        std::vector<std::string> ids;
        const toml::table* table;
        std::string where;
        int from;
    };
    std::vector<PendingSkip> skips;
    std::map<std::string, long> step_lines;

    const toml::node* steps_node = root.get("step");
    const toml::array* steps = steps_node ? steps_node->as_array() : nullptr;
    if (!steps_node)
        L.fail_at(0, "step", "is required: the diagnostic needs at least one [[step]]");
    else if (!steps || !steps->is_array_of_tables())
        L.fail(steps_node, "step", "must be a list of tables written [[step]]");
    else if (steps->size() > kMaxStepsDefined)
        L.fail(steps_node, "step", "at most " + std::to_string(kMaxStepsDefined) + " steps may be defined");
    else {
        d.steps.resize(steps->size());
        for (std::size_t i = 0; i < steps->size(); ++i) {
            const toml::table& t = *steps->get(i)->as_table();
            Step& s = d.steps[i];
            s.line = line_of(&t);
            std::string where = "step[" + std::to_string(i) + "]";
            if (L.string(t, "id", where + ".id", s.id, true)) {
                if (!is_step_id(s.id) || s.id == "end")
                    L.fail(t.get("id"), where + ".id",
                           "\"" + s.id + "\" must be lower-case letters, digits and _ (and not \"end\")");
                else if (auto it = step_lines.find(s.id); it != step_lines.end())
                    L.fail(t.get("id"), where + ".id",
                           "\"" + s.id + "\" is already the id of the step at line " +
                               std::to_string(it->second));
                else
                    step_lines[s.id] = s.line;
                where = "step." + s.id;
            }
            std::string kind;
            if (L.string(t, "kind", where + ".kind", kind, true)) {
                auto k = std::find(std::begin(kKindIds), std::end(kKindIds), kind);
                if (k == std::end(kKindIds))
                    L.fail(
                        t.get("kind"), where + ".kind",
                        "unknown kind \"" + kind +
                            "\" (expected one of: question, tap_targets, drag, scroll, typing, pick, icons)");
                else
                    s.kind = static_cast<StepKind>(k - std::begin(kKindIds));
            }
            const bool question = s.kind == StepKind::Question;
            if (question)
                L.check_keys(t, where + ".",
                             {"id", "kind", "title", "help", "seconds", "next", "answer", "route"});
            else
                L.check_keys(t, where + ".",
                             {"id",      "kind",         "title",           "help",     "seconds",
                              "next",    "route",        "domains",         "weight",   "slow_ms",
                              "partial", "max_attempts", "max_corrections", "sizes_mm", "item",
                              "place",   "items",        "target",          "word",     "icon"});
            L.text_key(t, "title", where + ".title", s.title, true);
            L.text_key(t, "help", where + ".help", s.help, false);
            L.integer(t, "seconds", where + ".seconds", s.seconds, 1, 120);
            if (L.string(t, "next", where + ".next", s.next, false))
                jumps.push_back(
                    {&s.next, &s.next_index, t.get("next"), where + ".next", static_cast<int>(i)});

            // answers
            if (question) {
                const toml::node* an = t.get("answer");
                const toml::array* answers = an ? an->as_array() : nullptr;
                if (!an)
                    L.fail(&t, where + ".answer", "a question needs [[step.answer]] entries (2 to 6)");
                else if (!answers || !answers->is_array_of_tables())
                    L.fail(an, where + ".answer", "must be written [[step.answer]]");
                else {
                    if (answers->size() < 2 || answers->size() > 6)
                        L.fail(an, where + ".answer", "a question needs 2 to 6 answers");
                    s.answers.resize(answers->size());
                    for (std::size_t j = 0; j < answers->size(); ++j) {
                        const toml::table& at = *answers->get(j)->as_table();
                        Answer& a = s.answers[j];
                        a.line = line_of(&at);
                        const std::string aw = where + ".answer[" + std::to_string(j) + "]";
                        L.check_keys(at, aw + ".", {"text", "evidence", "next", "skip"});
                        L.text_key(at, "text", aw + ".text", a.text, true);
                        L.evidence(at, "evidence", aw + ".evidence", a.evidence, 1.0);
                        if (L.string(at, "next", aw + ".next", a.next, false))
                            jumps.push_back(
                                {&a.next, &a.next_index, at.get("next"), aw + ".next", static_cast<int>(i)});
                        L.strings(at, "skip", aw + ".skip", a.skip, false);
                        if (!a.skip.empty())
                            skips.push_back({&a.skip_mask, a.skip, &at, aw + ".skip", static_cast<int>(i)});
                    }
                }
            }

            // task parameters
            if (!question) {
                std::vector<std::string> doms;
                if (s.kind != StepKind::Icons) {
                    L.strings(t, "domains", where + ".domains", doms, false);
                    if (doms.empty())
                        L.fail(&t, where + ".domains",
                               "a task needs the domains it measures, e.g. [\"touch\"]");
                    for (const std::string& id : doms)
                        if (auto dom = L.domain(t.get("domains"), where + ".domains", id))
                            s.domains.push_back(*dom);
                }
                L.number(t, "weight", where + ".weight", s.weight, 0.1, 10);
                L.integer(t, "slow_ms", where + ".slow_ms", s.slow_ms, 500, 300000, true);
                L.number(t, "partial", where + ".partial", s.partial, 0, 1);
                L.integer(t, "max_attempts", where + ".max_attempts", s.max_attempts, 1, 20);
                L.integer(t, "max_corrections", where + ".max_corrections", s.max_corrections, 0, 50);
                auto need = [&](std::string_view key, bool wanted, const char* what) {
                    const bool has = t.get(key) != nullptr;
                    if (wanted && !has)
                        L.fail(&t, where + "." + std::string(key),
                               std::string("is required for a ") + what + " task");
                    if (!wanted && has)
                        L.fail(t.get(key), where + "." + std::string(key),
                               std::string("is not used by a ") + what + " task");
                };
                const char* kname = kKindIds[static_cast<std::size_t>(s.kind)].data();
                need("sizes_mm", s.kind == StepKind::TapTargets, kname);
                need("item", s.kind == StepKind::Drag, kname);
                need("place", s.kind == StepKind::Drag, kname);
                need("items", s.kind == StepKind::Scroll || s.kind == StepKind::Pick, kname);
                need("target", s.kind == StepKind::Scroll || s.kind == StepKind::Pick, kname);
                need("word", s.kind == StepKind::Typing, kname);
                need("icon", s.kind == StepKind::Icons, kname);
                if (const toml::array* a = L.array(t, "sizes_mm", where + ".sizes_mm")) {
                    for (std::size_t j = 0; j < a->size(); ++j) {
                        double v = 0;
                        if (!toml.number_of(*a->get(j), where + ".sizes_mm", v, 2, 40,
                                            "sizes must be numbers between 2 and 40 (mm)"))
                            continue;
                        if (!s.sizes_mm.empty() && v >= s.sizes_mm.back())
                            L.fail(a->get(j), where + ".sizes_mm",
                                   "sizes must decrease (large targets first)");
                        else
                            s.sizes_mm.push_back(v);
                    }
                    if (a->size() < 2 || a->size() > 8)
                        L.fail(a, where + ".sizes_mm", "needs 2 to 8 targets");
                }
                L.text_key(t, "item", where + ".item", s.item, false);
                L.text_key(t, "place", where + ".place", s.place, false);
                L.strings(t, "items", where + ".items", s.items, true);
                L.text_key(t, "word", where + ".word", s.word, false);
                if (s.kind == StepKind::Pick && t.get("items") && s.items.size() != 3)
                    L.fail(t.get("items"), where + ".items", "a pick task shows exactly 3 messages");
                if (s.kind == StepKind::Scroll && t.get("items") &&
                    (s.items.size() < 3 || s.items.size() > 30))
                    L.fail(t.get("items"), where + ".items", "a scroll task needs 3 to 30 rows");
                if (t.get("target"))
                    L.integer(t, "target", where + ".target", s.target, 0,
                              s.items.empty() ? 0 : static_cast<long>(s.items.size()) - 1);
                if (const toml::node* in = t.get("icon")) {
                    const toml::array* icons = in->as_array();
                    if (!icons || !icons->is_array_of_tables())
                        L.fail(in, where + ".icon", "must be written [[step.icon]]");
                    else {
                        if (icons->size() < 1 || icons->size() > 6)
                            L.fail(in, where + ".icon", "needs 1 to 6 icons");
                        for (std::size_t j = 0; j < icons->size(); ++j) {
                            const toml::table& it = *icons->get(j)->as_table();
                            const std::string iw = where + ".icon[" + std::to_string(j) + "]";
                            L.check_keys(it, iw + ".", {"icon", "domain", "choices", "correct"});
                            IconItem icon;
                            L.string(it, "icon", iw + ".icon", icon.icon, true);
                            std::string dom;
                            if (L.string(it, "domain", iw + ".domain", dom, true))
                                if (auto dd = L.domain(it.get("domain"), iw + ".domain", dom))
                                    icon.domain = *dd;
                            L.strings(it, "choices", iw + ".choices", icon.choices, true);
                            if (icon.choices.size() < 2 || icon.choices.size() > 4)
                                L.fail(it.get("choices") ? it.get("choices") : &it, iw + ".choices",
                                       "needs 2 to 4 choices");
                            L.integer(it, "correct", iw + ".correct", icon.correct, 0,
                                      icon.choices.empty() ? 0 : static_cast<long>(icon.choices.size()) - 1,
                                      true);
                            s.icons.push_back(std::move(icon));
                        }
                    }
                }
            }

            // routes
            if (const toml::node* rn = t.get("route")) {
                const toml::array* routes = rn->as_array();
                if (!routes || !routes->is_array_of_tables())
                    L.fail(rn, where + ".route", "must be written [[step.route]]");
                else {
                    s.routes.resize(routes->size());
                    for (std::size_t j = 0; j < routes->size(); ++j) {
                        const toml::table& rt = *routes->get(j)->as_table();
                        Route& r = s.routes[j];
                        r.line = line_of(&rt);
                        const std::string rw = where + ".route[" + std::to_string(j) + "]";
                        L.check_keys(rt, rw + ".", {"domain", "below", "at_least", "next", "evidence"});
                        std::string dom;
                        if (L.string(rt, "domain", rw + ".domain", dom, true))
                            if (auto dd = L.domain(rt.get("domain"), rw + ".domain", dom)) r.domain = *dd;
                        double v = -1;
                        if (rt.get("below")) {
                            L.number(rt, "below", rw + ".below", v, 0, 1);
                            if (v >= 0) r.below = v;
                        }
                        v = -1;
                        if (rt.get("at_least")) {
                            L.number(rt, "at_least", rw + ".at_least", v, 0, 1);
                            if (v >= 0) r.at_least = v;
                        }
                        if (!rt.get("below") && !rt.get("at_least"))
                            L.fail(&rt, rw, "needs a condition: below = … or at_least = …");
                        if (L.string(rt, "next", rw + ".next", r.next, true))
                            jumps.push_back(
                                {&r.next, &r.next_index, rt.get("next"), rw + ".next", static_cast<int>(i)});
                        L.evidence(rt, "evidence", rw + ".evidence", r.evidence, 1.0);
                    }
                }
            }
        }
    }

    // Resolve jumps: forward only, so that every path ends.
    const int n = static_cast<int>(d.steps.size());
    for (Pending& p : jumps) {
        if (*p.id == "end") {
            *p.index = n;
            continue;
        }
        int target = d.index_of(*p.id);
        if (target < 0)
            L.fail(p.node, p.where, "goes to an unknown step \"" + *p.id + "\"");
        else if (target <= p.from)
            L.fail(p.node, p.where, "\"" + *p.id + "\" is not a later step: jumps go forward only");
        else
            *p.index = target;
    }
    for (PendingSkip& p : skips) {
        for (const std::string& id : p.ids) {
            int target = d.index_of(id);
            if (target < 0)
                L.fail(p.table->get("skip"), p.where, "skips an unknown step \"" + id + "\"");
            else if (target <= p.from)
                L.fail(p.table->get("skip"), p.where, "\"" + id + "\" is not a later step");
            else
                *p.mask |= std::uint64_t{1} << target;
        }
    }

    // Every text exists in every shipped language.
    const std::vector<std::string> languages = translator.languages();
    if (languages.empty()) L.fail_at(0, "", "no translation catalog is loaded: cannot check the texts");
    for (const KeyUse& k : L.keys)
        for (const std::string& code : languages) {
            const Catalog* c = translator.catalog(code);
            if (!c || !c->find(k.key)) {
                std::string why = "text \"";
                why += k.key;
                why += "\" is missing from the \"";
                why += code;
                why += "\" translations (content/i18n/diagnostic.";
                why += code;
                why += ".po)";
                L.fail_at(k.line, k.where, why);
            }
        }

    // Every path fits in max_steps and about max_seconds.
    if (errors.size() == errors_before && !d.steps.empty()) {
        Longest l = d.longest_from(0, 0);
        if (l.steps > d.max_steps) {
            const Step& over =
                d.steps[static_cast<std::size_t>(l.path[static_cast<std::size_t>(d.max_steps)])];
            L.fail_at(over.line, "step." + over.id,
                      "a path runs " + std::to_string(l.steps) + " steps, more than max_steps = " +
                          std::to_string(d.max_steps) + ": " + join_path(d, l.path));
        } else if (l.seconds > d.max_seconds) {
            L.fail_at(line_of(root.get("diagnostic")), "diagnostic.max_seconds",
                      "the longest path is estimated at " + std::to_string(l.seconds) + " s, more than " +
                          std::to_string(d.max_seconds) + " s: " + join_path(d, l.path));
        }
    }
    return d;
}

}  // namespace kiosk::diagnostic
