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

Schema Schema::load(const std::filesystem::path& file) {
    std::optional<std::string> text = read_file(file);
    if (!text) throw SchemaError(file.string() + ": cannot read the schema file");
    return parse(*text, file.string());
}

Schema Schema::parse(std::string_view json_text, const std::string& origin) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception& e) {
        throw SchemaError(origin + ": not JSON: " + e.what());
    }
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
                    throw SchemaError(origin + ": field " + rule.name + ": pattern does not compile: " + e.what());
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
    if (t.empty() || !(std::isdigit(static_cast<unsigned char>(t.front())) || t.front() == '-' || t.front() == '.'))
        return false;
    auto r = std::from_chars(t.data(), t.data() + t.size(), out);
    return r.ec == std::errc{} && r.ptr == t.data() + t.size() && std::isfinite(out);
}

std::string Schema::check(const FieldRule& rule, std::string_view value) {
    if (value.empty()) return rule.required ? "required value is missing" : "";
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
    if (rule.pattern && !std::regex_match(value.begin(), value.end(), *rule.pattern)) {
        std::size_t cut = std::min<std::size_t>(value.size(), 120);
        while (cut < value.size() && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8
        std::string shown(value.substr(0, cut));
        if (cut < value.size()) shown += "…";
        return "does not match the standard's pattern: \"" + shown + "\"";
    }
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
