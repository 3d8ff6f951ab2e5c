#include "kiosk/core/places/schema.hpp"
#include "kiosk/core/files.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

namespace kiosk::places {

namespace {

// `(?:(?:^|SEP)(ALT))+$` -> SEP and ALT, when ALT cannot itself hold SEP (then splitting is exact).
bool split_list_pattern(const std::string& pattern, char& separator, std::string& alternatives) {
    const std::string head = "(?:(?:^|", tail = "))+$";
    if (pattern.size() < head.size() + tail.size() + 3 || pattern.compare(0, head.size(), head) != 0 ||
        pattern.compare(pattern.size() - tail.size(), tail.size(), tail) != 0)
        return false;
    std::string rest = pattern.substr(head.size(), pattern.size() - head.size() - tail.size());
    std::string sep_token;
    if (rest.rfind("\\|)(", 0) == 0) {
        separator = '|';
        sep_token = "\\|";
    } else if (rest.rfind(";)(", 0) == 0) {
        separator = ';';
        sep_token = ";";
    } else {
        return false;
    }
    alternatives = rest.substr(sep_token.size() + 2);
    if (alternatives.find(sep_token) != std::string::npos) return false;
    int depth = 0;  // ALT must be one balanced group body: "(A|B))" would not be
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        if (alternatives[i] == '\\') {
            ++i;
            continue;
        }
        if (alternatives[i] == '(') ++depth;
        if (alternatives[i] == ')' && --depth < 0) return false;
    }
    return depth == 0;
}

// Parses JSON refusing nesting deeper than kMaxJsonDepth before any value is built.
struct TooDeep {};
nlohmann::json parse_limited(std::string_view text) {
    return nlohmann::json::parse(text, [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if ((event == nlohmann::json::parse_event_t::object_start ||
             event == nlohmann::json::parse_event_t::array_start) &&
            depth >= kMaxJsonDepth)
            throw TooDeep{};
        return true;
    });
}

}  // namespace

nlohmann::json parse_json_limited(std::string_view text, std::string& error) {
    try {
        return parse_limited(text);
    } catch (const TooDeep&) {
        error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels of arrays and objects";
    } catch (const nlohmann::json::exception& e) {
        error = std::string("not JSON: ") + e.what();
    }
    return nlohmann::json(nlohmann::json::value_t::discarded);
}

Schema Schema::load(const std::filesystem::path& file) {
    std::optional<std::string> text = read_file(file);
    if (!text) throw SchemaError(file.string() + ": cannot read the schema file");
    return parse(*text, file.string());
}

Schema Schema::parse(std::string_view json_text, const std::string& origin) {
    std::string error;
    nlohmann::json doc = parse_json_limited(json_text, error);
    if (!error.empty()) throw SchemaError(origin + ": " + error);
    if (!doc.is_object() || !doc.contains("fields") || !doc["fields"].is_array())
        throw SchemaError(origin + ": not a Table Schema (no \"fields\" array)");
    Schema schema;
    schema.version_ = doc.value("version", "");
    for (const auto& f : doc["fields"]) {
        FieldRule rule;
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string())
            throw SchemaError(origin + ": a field has no name");
        rule.name = f["name"].get<std::string>();
        rule.type = f.value("type", "string");
        if (f.contains("constraints") && f["constraints"].is_object()) {
            const auto& c = f["constraints"];
            rule.required = c.value("required", false);
            rule.unique = c.value("unique", false);
            if (c.contains("maxLength") && c["maxLength"].is_number_unsigned())
                rule.max_length = c["maxLength"].get<std::size_t>();
            if (c.contains("pattern") && c["pattern"].is_string()) {
                rule.pattern_text = c["pattern"].get<std::string>();
                try {
                    rule.pattern.emplace(rule.pattern_text, std::regex::ECMAScript | std::regex::optimize);
                } catch (const std::regex_error& e) {
                    throw SchemaError(origin + ": field " + rule.name +
                                      ": pattern does not compile: " + e.what());
                }
                std::string alternatives;
                if (split_list_pattern(rule.pattern_text, rule.list_separator, alternatives)) {
                    try {
                        rule.item.emplace("(?:" + alternatives + ")",
                                          std::regex::ECMAScript | std::regex::optimize);
                    } catch (const std::regex_error&) {
                        rule.list_separator = 0;  // not the shape after all: the whole pattern, size-capped
                    }
                }
            }
        }
        schema.fields_.push_back(std::move(rule));
    }
    return schema;
}

const FieldRule* Schema::field(std::string_view name) const {
    for (const auto& f : fields_)
        if (f.name == name) return &f;
    return nullptr;
}

std::vector<std::string> Schema::field_names() const {
    std::vector<std::string> names;
    for (const auto& f : fields_) names.push_back(f.name);
    return names;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// Cuts to at most `max` code points at a word boundary, with an ellipsis.
std::string cut_utf8(const std::string& text, std::size_t max) {
    if (utf8_length(text) <= max) return text;
    std::size_t count = 0, i = 0, last_space = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (count == max - 1) break;  // room for "…"
            ++count;
        }
        if (text[i] == ' ') last_space = i;
    }
    std::size_t end = last_space > i / 2 ? last_space : i;
    while (end > 0 && text[end - 1] == ' ') --end;
    return text.substr(0, end) + "…";
}

bool is_iso_date(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    int y = 0;
    unsigned m = 0, d = 0;
    auto num = [&](std::size_t from, std::size_t len, auto& out) {
        auto r = std::from_chars(t.data() + from, t.data() + from + len, out);
        return r.ec == std::errc{} && r.ptr == t.data() + from + len;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
    return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

bool parse_number(std::string_view text, double& out) {
    if (text.empty()) return false;
    // from_chars accepts no leading '+'; Table Schema allows it.
    std::string_view t = text;
    if (t.front() == '+') t.remove_prefix(1);
    if (t.empty() ||
        !(std::isdigit(static_cast<unsigned char>(t.front())) || t.front() == '-' || t.front() == '.'))
        return false;
    auto r = std::from_chars(t.data(), t.data() + t.size(), out);
    return r.ec == std::errc{} && r.ptr == t.data() + t.size() && std::isfinite(out);
}

std::string Schema::check(const FieldRule& rule, std::string_view value) {
    if (value.empty()) return rule.required ? "required value is missing" : "";
    if (value.size() > kMaxValueBytes)
        return "longer than " + std::to_string(kMaxValueBytes) + " bytes (" + std::to_string(value.size()) +
               "): not read";
    if (rule.type == "number") {
        double d;
        if (!parse_number(value, d)) return "not a number: \"" + std::string(value) + "\"";
    } else if (rule.type == "integer") {
        long long i;
        auto r = std::from_chars(value.data(), value.data() + value.size(), i);
        if (r.ec != std::errc{} || r.ptr != value.data() + value.size())
            return "not an integer: \"" + std::string(value) + "\"";
    } else if (rule.type == "date") {
        if (!is_iso_date(value)) return "not a date YYYY-MM-DD: \"" + std::string(value) + "\"";
    }
    if (rule.max_length && utf8_length(value) > *rule.max_length)
        return "longer than " + std::to_string(*rule.max_length) + " characters (" +
               std::to_string(utf8_length(value)) + ")";
    auto shown = [](std::string_view v) {
        std::size_t cut = std::min<std::size_t>(v.size(), 120);
        while (cut < v.size() && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8
        std::string out(v.substr(0, cut));
        if (cut < v.size()) out += "…";
        return out;
    };
    if (rule.item && rule.list_separator) {
        // Same language as the pattern: an optional leading separator, then items each matching one value.
        std::string_view rest = value;
        if (rest.front() == rule.list_separator) rest.remove_prefix(1);
        std::size_t n = 0;
        for (;;) {
            const std::size_t end = rest.find(rule.list_separator);
            const std::string_view item = rest.substr(0, end);
            ++n;
            if (item.size() > kMaxPatternBytes || !std::regex_match(item.begin(), item.end(), *rule.item))
                return "does not match the standard's pattern: \"" + shown(item) + "\"" +
                       (n > 1 || end != std::string_view::npos ? " (item " + std::to_string(n) + ")" : "");
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
        }
        return "";
    }
    if (rule.pattern && value.size() > kMaxPatternBytes)
        return "longer than " + std::to_string(kMaxPatternBytes) + " bytes (" + std::to_string(value.size()) +
               "), too long for the standard's pattern";
    if (rule.pattern && !std::regex_match(value.begin(), value.end(), *rule.pattern))
        return "does not match the standard's pattern: \"" + shown(value) + "\"";
    return "";
}

std::vector<FieldProblem> Schema::validate(const Record& record) const {
    std::vector<FieldProblem> problems;
    for (const auto& rule : fields_) {
        auto it = record.find(rule.name);
        std::string_view value = it == record.end() ? std::string_view{} : std::string_view{it->second};
        if (std::string reason = check(rule, value); !reason.empty()) problems.push_back({rule.name, reason});
    }
    return problems;
}

}  // namespace kiosk::places
