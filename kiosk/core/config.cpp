#include "config.hpp"

#include <toml++/toml.h>

#include "files.hpp"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace kiosk {

std::string ConfigError::to_string() const {
    std::string out = source;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!key.empty()) out += key + ": ";
    return out + message;
}

namespace {

struct Reader {
    const toml::table& root;
    std::string source;
    std::filesystem::path base_dir;
    std::vector<ConfigError>& errors;

    long line_of(const toml::node* node) const {
        return node ? static_cast<long>(node->source().begin.line) : 0;
    }
    void fail(const toml::node* node, const std::string& key, const std::string& message) const {
        errors.push_back({source, line_of(node), key, message});
    }
    const toml::node* at(const std::string& key) const { return root.at_path(key).node(); }

    void string(const std::string& key, std::string& out, bool required) const {
        const toml::node* node = at(key);
        if (!node) {
            if (required) errors.push_back({source, 0, key, "is required"});
            return;
        }
        if (auto v = node->value<std::string>()) out = *v;
        else fail(node, key, "must be text in quotes");
    }
    void number(const std::string& key, double& out, double lo, double hi, bool required) const {
        const toml::node* node = at(key);
        if (!node) {
            if (required) errors.push_back({source, 0, key, "is required"});
            return;
        }
        auto v = node->value<double>();  // integers convert too
        if (!v) return fail(node, key, "must be a number");
        if (*v < lo || *v > hi) {
            std::ostringstream m;
            m << "must be between " << lo << " and " << hi;
            return fail(node, key, m.str());
        }
        out = *v;
    }
    void integer(const std::string& key, long& out, long lo, long hi) const {
        const toml::node* node = at(key);
        if (!node) return;
        if (!node->is_integer()) return fail(node, key, "must be a whole number");
        long v = static_cast<long>(*node->value<int64_t>());
        if (v < lo || v > hi)
            return fail(node, key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        out = v;
    }
    void seconds(const std::string& key, std::chrono::seconds& out, long lo, long hi) const {
        long v = out.count();
        integer(key, v, lo, hi);
        out = std::chrono::seconds(v);
    }
    void boolean(const std::string& key, bool& out) const {
        const toml::node* node = at(key);
        if (!node) return;
        if (auto v = node->value<bool>()) out = *v;
        else fail(node, key, "must be true or false");
    }
    void path(const std::string& key, std::filesystem::path& out, bool required) const {
        std::string text;
        string(key, text, required);
        if (text.empty()) {
            if (at(key)) fail(at(key), key, "must not be empty");
            return;
        }
        std::filesystem::path p(text);
        out = (p.is_absolute() ? p : base_dir / p).lexically_normal();
        if (!out.has_filename() && out.has_parent_path()) out = out.parent_path();  // "content/" -> "content"
    }
    // "scheme:rest" where scheme is one of `schemes`; schemes ending in ':' need a rest.
    void device(const std::string& key, std::string& out, std::initializer_list<std::string_view> schemes) const {
        std::string text;
        string(key, text, false);
        if (!at(key)) return;
        for (std::string_view s : schemes) {
            bool needs_rest = s.back() == ':';
            if (needs_rest ? (text.size() > s.size() && text.compare(0, s.size(), s) == 0) : text == s) {
                out = text;
                return;
            }
        }
        std::string allowed;
        for (std::string_view s : schemes) allowed += (allowed.empty() ? "" : ", ") + std::string(s) + (s.back() == ':' ? "…" : "");
        fail(at(key), key, "\"" + text + "\" is not one of: " + allowed);
    }
};

// Every key the file may hold; anything else is reported, so that a typo never goes unnoticed.
const std::map<std::string, std::vector<std::string>> kKnownKeys = {
    {"kiosk", {"id", "site", "language"}},
    {"position", {"latitude", "longitude", "commune", "commune_name"}},
    {"timeouts", {"inactivity_seconds", "still_there_seconds", "goodbye_seconds"}},
    {"paths", {"content", "data"}},
    {"display", {"width", "height", "fullscreen"}},
    {"devices", {"camera", "scanner", "printer"}},
    {"agent", {"pin_hash", "max_attempts", "lockout_seconds"}},
    {"log", {"level"}},
};

void check_unknown_keys(const Reader& r) {
    for (const auto& [section, node] : r.root) {
        const std::string name(section.str());
        auto known = kKnownKeys.find(name);
        if (known == kKnownKeys.end()) {
            r.fail(&node, name, "unknown section (expected one of: kiosk, position, timeouts, paths, display, devices, agent, log)");
            continue;
        }
        const toml::table* table = node.as_table();
        if (!table) {
            r.fail(&node, name, "must be a section written [" + name + "]");
            continue;
        }
        for (const auto& [key, value] : *table) {
            const std::string k(key.str());
            bool ok = false;
            for (const auto& candidate : known->second) ok = ok || candidate == k;
            if (!ok) r.fail(&value, name + "." + k, "unknown key");
        }
    }
}

bool valid_commune_code(const std::string& code) {
    if (code.size() != 5) return false;
    for (std::size_t i = 0; i < 5; ++i) {
        char c = code[i];
        bool digit = c >= '0' && c <= '9';
        bool corsica = i == 1 && code[0] == '2' && (c == 'A' || c == 'B');
        if (!digit && !corsica) return false;
    }
    return true;
}

}  // namespace

ConfigResult parse_config(std::string_view text, const std::filesystem::path& base_dir, const std::string& source) {
    ConfigResult result;
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        result.errors.push_back({source, static_cast<long>(e.source().begin.line), "",
                                 "cannot be read: " + std::string(e.description())});
        return result;
    }
    Reader r{root, source, base_dir, result.errors};
    Config& c = result.config;
    check_unknown_keys(r);

    r.string("kiosk.id", c.kiosk_id, true);
    r.string("kiosk.site", c.site_name, true);
    r.string("kiosk.language", c.default_language, false);
    r.number("position.latitude", c.latitude, -90, 90, true);
    r.number("position.longitude", c.longitude, -180, 180, true);
    r.string("position.commune", c.commune_code, true);
    if (!c.commune_code.empty() && !valid_commune_code(c.commune_code))
        r.fail(r.at("position.commune"), "position.commune", "must be a 5-character INSEE code such as \"42147\" or \"2A004\"");
    r.string("position.commune_name", c.commune_name, false);
    r.seconds("timeouts.inactivity_seconds", c.inactivity, 10, 3600);
    r.seconds("timeouts.still_there_seconds", c.still_there, 5, 600);
    r.seconds("timeouts.goodbye_seconds", c.goodbye, 2, 600);
    r.path("paths.content", c.content_dir, true);
    r.path("paths.data", c.data_dir, false);
    long w = c.display_width, h = c.display_height;
    r.integer("display.width", w, 0, 16384);
    r.integer("display.height", h, 0, 16384);
    c.display_width = static_cast<int>(w);
    c.display_height = static_cast<int>(h);
    r.boolean("display.fullscreen", c.fullscreen);
    r.device("devices.camera", c.devices.camera, {"none", "replay:", "v4l2:"});
    r.device("devices.scanner", c.devices.scanner, {"none", "keyboard", "serial:"});
    r.device("devices.printer", c.devices.printer, {"none", "file:", "escpos:", "cups:"});
    r.string("agent.pin_hash", c.agent_pin_hash, false);
    if (!c.agent_pin_hash.empty() && c.agent_pin_hash.rfind("$argon2id$", 0) != 0)
        r.fail(r.at("agent.pin_hash"), "agent.pin_hash", "must be an argon2id hash made by `kiosk-admin hash-pin`");
    long attempts = c.agent_max_attempts;
    r.integer("agent.max_attempts", attempts, 1, 20);
    c.agent_max_attempts = static_cast<int>(attempts);
    r.seconds("agent.lockout_seconds", c.agent_lockout, 5, 3600);
    r.string("log.level", c.log_level, false);
    if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warning" && c.log_level != "error")
        r.fail(r.at("log.level"), "log.level", "must be one of: debug, info, warning, error");
    if (c.default_language.size() < 2 || c.default_language.size() > 3)
        r.fail(r.at("kiosk.language"), "kiosk.language", "must be a language code such as \"fr\"");
    return result;
}

ConfigResult load_config(const std::filesystem::path& file) {
    std::string why;
    std::optional<std::string> text = read_file(file, &why);
    if (!text) {
        ConfigResult result;
        result.errors.push_back({file.string(), 0, "", why});
        return result;
    }
    return parse_config(*text, file.parent_path(), file.string());
}

}  // namespace kiosk
