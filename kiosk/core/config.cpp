#include "config.hpp"

#include "badge.hpp"
#include "totp.hpp"

#include "outbox_http.hpp"

#include "files.hpp"
#include "toml_reader.hpp"

#include <sodium.h>

#include <cctype>
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

// The configuration's own kinds of value, on top of the shared reader's.
struct Reader {
    const TomlReader& toml;
    std::filesystem::path base_dir;

    const toml::table& root() const { return toml.root(); }
    void fail(const toml::node* node, const std::string& key, const std::string& message) const {
        toml.fail(node, key, message);
    }
    const toml::node* at(const std::string& key) const { return toml.field(root(), key, key); }

    void string(const std::string& key, std::string& out, bool required) const {
        toml.text(root(), key, key, out, required ? TomlReader::Required : TomlReader::Optional);
    }
    void number(const std::string& key, double& out, double lo, double hi, bool required) const {
        toml.number(root(), key, key, out, lo, hi, required ? TomlReader::Required : TomlReader::Optional);
    }
    void integer(const std::string& key, long& out, long lo, long hi) const {
        toml.integer(root(), key, key, out, lo, hi);
    }
    void seconds(const std::string& key, std::chrono::seconds& out, long lo, long hi) const {
        long v = out.count();
        integer(key, v, lo, hi);
        out = std::chrono::seconds(v);
    }
    void boolean(const std::string& key, bool& out) const { toml.boolean(root(), key, key, out); }
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
    void device(const std::string& key, std::string& out,
                std::initializer_list<std::string_view> schemes) const {
        std::string text;
        if (!at(key) || !toml.text(root(), key, key, text)) return;
        for (std::string_view s : schemes) {
            bool needs_rest = s.back() == ':';
            if (needs_rest ? (text.size() > s.size() && text.compare(0, s.size(), s) == 0) : text == s) {
                out = text;
                return;
            }
        }
        std::string allowed;
        for (std::string_view s : schemes)
            allowed += (allowed.empty() ? "" : ", ") + std::string(s) + (s.back() == ':' ? "…" : "");
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
    {"agent",
     {"pin_hash", "max_attempts", "lockout_seconds", "totp_secret", "auto_lock_seconds", "badge_public_key",
      "revoked_badges"}},
    {"log", {"level"}},
    {"outbox", {"url"}},
    {"help", {"webhook", "matrix_homeserver", "matrix_room", "matrix_token"}},
    {"fleet",
     {"server", "tenant", "controller_id", "static_url", "token_type", "token", "client_cert", "client_key",
      "ca_file", "public_key", "data", "screenshot_url", "poll_seconds"}},
    {"stats", {"collector"}},
};
// What a remote configuration bundle may change.
const std::map<std::string, std::vector<std::string>> kRemoteKeys = {
    {"kiosk", {"site"}},
    {"timeouts", {"inactivity_seconds", "still_there_seconds", "goodbye_seconds"}},
    {"devices", {"camera", "scanner", "printer"}},
    {"help", {"webhook"}},
    {"request", {"screenshot"}},
};

void check_unknown_keys(const Reader& r,
                        const std::map<std::string, std::vector<std::string>>& known_keys = kKnownKeys) {
    for (const auto& [section, node] : r.root()) {
        const std::string name(section.str());
        auto known = known_keys.find(name);
        if (known == known_keys.end()) {
            std::string names;
            for (const auto& [n, keys] : known_keys) names += (names.empty() ? "" : ", ") + n;
            r.fail(&node, name, "unknown section (expected one of: " + names + ")");
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

bool is_hex_key_file(const std::filesystem::path& file) {
    std::string why;
    auto text = read_file(file, &why, 4096);
    if (!text) return false;
    std::string hex;
    for (char ch : *text)
        if (ch != '\n' && ch != '\r' && ch != ' ') hex += ch;
    if (hex.size() != 64) return false;
    for (char ch : hex)
        if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
    return true;
}

void read_fleet(const Reader& r, Config& c) {
    FleetConfig& f = c.fleet;
    const char* url_rule =
        "must be an https:// address (http:// only to this machine: 127.0.0.1, [::1], localhost)";
    r.string("fleet.server", f.server, false);
    if (!f.server.empty() && !outbox::acceptable_url(f.server))
        r.fail(r.at("fleet.server"), "fleet.server", url_rule);
    r.string("fleet.tenant", f.tenant, false);
    if (f.tenant.empty() || f.tenant.find('/') != std::string::npos)
        r.fail(r.at("fleet.tenant"), "fleet.tenant", "must be hawkBit's tenant name, such as \"DEFAULT\"");
    r.string("fleet.controller_id", f.controller_id, false);
    if (f.controller_id.find('/') != std::string::npos || f.controller_id.find('?') != std::string::npos)
        r.fail(r.at("fleet.controller_id"), "fleet.controller_id", "must be a plain id (no / or ?)");
    if (f.controller_id.empty()) f.controller_id = c.kiosk_id;
    r.string("fleet.static_url", f.static_url, false);
    if (!f.static_url.empty() && !outbox::acceptable_url(f.static_url))
        r.fail(r.at("fleet.static_url"), "fleet.static_url", url_rule);
    r.string("fleet.token_type", f.token_type, false);
    if (f.token_type != "target" && f.token_type != "gateway")
        r.fail(r.at("fleet.token_type"), "fleet.token_type", "must be target or gateway");
    r.string("fleet.token", f.token, false);
    if (!f.server.empty() && f.token.empty())
        r.fail(r.at("fleet.server"), "fleet.token",
               "hawkBit needs the target's security token (fleet.token)");
    std::error_code ec;
    for (auto [key, out] :
         {std::pair{"fleet.client_cert", &f.client_cert}, std::pair{"fleet.client_key", &f.client_key},
          std::pair{"fleet.ca_file", &f.ca_file}, std::pair{"fleet.public_key", &f.public_key}}) {
        r.path(key, *out, false);
        if (!out->empty() && !std::filesystem::is_regular_file(*out, ec))
            r.fail(r.at(key), key, "the file " + out->string() + " does not exist");
    }
    if (f.client_cert.empty() != f.client_key.empty())
        r.fail(r.at(f.client_cert.empty() ? "fleet.client_key" : "fleet.client_cert"), "fleet.client_cert",
               "mutual TLS needs client_cert and client_key together");
    if (f.enabled() && f.public_key.empty())
        r.fail(r.at("fleet"), "fleet.public_key",
               "the fleet needs the public key that signs its bundles (`kiosk-content bundle keys`)");
    else if (!f.public_key.empty() && std::filesystem::is_regular_file(f.public_key, ec) &&
             !is_hex_key_file(f.public_key))
        r.fail(r.at("fleet.public_key"), "fleet.public_key",
               "is not an Ed25519 public key in hex (64 characters)");
    r.path("fleet.data", f.store_dir, false);
    r.string("fleet.screenshot_url", f.screenshot_url, false);
    if (!f.screenshot_url.empty() && !outbox::acceptable_url(f.screenshot_url))
        r.fail(r.at("fleet.screenshot_url"), "fleet.screenshot_url", url_rule);
    r.seconds("fleet.poll_seconds", f.poll, 10, 86400);
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

ConfigResult parse_config(std::string_view text, const std::filesystem::path& base_dir,
                          const std::string& source) {
    ConfigResult result;
    TomlReader toml(source, result.errors);
    if (!toml.parse(text)) return result;
    Reader r{toml, base_dir};
    Config& c = result.config;
    check_unknown_keys(r);

    r.string("kiosk.id", c.kiosk_id, true);
    r.string("kiosk.site", c.site_name, true);
    r.string("kiosk.language", c.default_language, false);
    r.number("position.latitude", c.latitude, -90, 90, true);
    r.number("position.longitude", c.longitude, -180, 180, true);
    r.string("position.commune", c.commune_code, true);
    if (!c.commune_code.empty() && !valid_commune_code(c.commune_code))
        r.fail(r.at("position.commune"), "position.commune",
               "must be a 5-character INSEE code such as \"42147\" or \"2A004\"");
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
    r.device("devices.printer", c.devices.printer, {"none", "file:", "escpos:", "escpos-tcp:", "cups:"});
    r.string("agent.pin_hash", c.agent_pin_hash, false);
    // A hash libsodium cannot decode never verifies: agents would be locked out for good.
    if (!c.agent_pin_hash.empty() &&
        (c.agent_pin_hash.rfind("$argon2id$", 0) != 0 ||
         crypto_pwhash_str_needs_rehash(c.agent_pin_hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) == -1))
        r.fail(r.at("agent.pin_hash"), "agent.pin_hash",
               "must be an argon2id hash made by `kiosk-admin hash-pin`");
    long attempts = c.agent_max_attempts;
    r.integer("agent.max_attempts", attempts, 1, 20);
    c.agent_max_attempts = static_cast<int>(attempts);
    r.seconds("agent.lockout_seconds", c.agent_lockout, 5, 3600);
    r.seconds("agent.auto_lock_seconds", c.agent_auto_lock, 30, 3600);
    r.string("agent.badge_public_key", c.agent_badge_public_key, false);
    if (!c.agent_badge_public_key.empty() && !badge::valid_public_key(c.agent_badge_public_key))
        r.fail(r.at("agent.badge_public_key"), "agent.badge_public_key",
               "is not an Ed25519 public key in base64 (make one with `kiosk-admin badge-keys`)");
    if (const toml::array* revoked = r.toml.array(r.root(), "agent.revoked_badges", "agent.revoked_badges")) {
        for (std::size_t i = 0; i < revoked->size(); ++i) {
            std::string id;
            if (r.toml.text_of((*revoked)[i], "agent.revoked_badges[" + std::to_string(i) + "]", id))
                c.agent_revoked_badges.push_back(id);
        }
    }
    r.string("agent.totp_secret", c.agent_totp_secret, false);
    if (!c.agent_totp_secret.empty()) {
        const auto secret = totp::base32_decode(c.agent_totp_secret);
        if (!secret || secret->size() < 16)
            r.fail(r.at("agent.totp_secret"), "agent.totp_secret",
                   "must be a base32 secret of 128 bits or more, as made by `kiosk-admin totp-new`");
        else if (c.agent_pin_hash.empty())
            r.fail(r.at("agent.totp_secret"), "agent.totp_secret",
                   "is a second factor: it needs agent.pin_hash as well");
    }
    r.string("outbox.url", c.outbox_url, false);
    if (!c.outbox_url.empty() && !outbox::acceptable_url(c.outbox_url))
        r.fail(r.at("outbox.url"), "outbox.url",
               "must be an https:// address (http:// only to this machine: 127.0.0.1, [::1], localhost)");
    r.string("stats.collector", c.stats_collector, false);
    if (!c.stats_collector.empty() && !outbox::acceptable_url(c.stats_collector))
        r.fail(r.at("stats.collector"), "stats.collector",
               "must be an https:// address (http:// only to this machine: 127.0.0.1, [::1], localhost)");
    r.string("help.webhook", c.help_webhook, false);
    if (!c.help_webhook.empty() && !outbox::acceptable_url(c.help_webhook))
        r.fail(r.at("help.webhook"), "help.webhook",
               "must be an https:// address (http:// only to this machine: 127.0.0.1, [::1], localhost)");
    r.string("help.matrix_homeserver", c.help_matrix_homeserver, false);
    r.string("help.matrix_room", c.help_matrix_room, false);
    r.string("help.matrix_token", c.help_matrix_token, false);
    const bool any_matrix =
        !c.help_matrix_homeserver.empty() || !c.help_matrix_room.empty() || !c.help_matrix_token.empty();
    if (any_matrix) {
        if (c.help_matrix_homeserver.empty() || c.help_matrix_room.empty() || c.help_matrix_token.empty())
            r.fail(r.at("help"), "help",
                   "a Matrix room needs matrix_homeserver, matrix_room and matrix_token together");
        else if (!outbox::acceptable_url(c.help_matrix_homeserver))
            r.fail(r.at("help.matrix_homeserver"), "help.matrix_homeserver",
                   "must be an https:// address (http:// only to this machine)");
        else if (c.help_matrix_room.size() < 4 || c.help_matrix_room[0] != '!' ||
                 c.help_matrix_room.find(':') == std::string::npos)
            r.fail(r.at("help.matrix_room"), "help.matrix_room",
                   "must be a room id such as \"!AbCdEf:matrix.example.org\" (the room's settings show it)");
    }
    read_fleet(r, c);
    r.string("log.level", c.log_level, false);
    if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warning" && c.log_level != "error")
        r.fail(r.at("log.level"), "log.level", "must be one of: debug, info, warning, error");
    if (c.default_language.size() < 2 || c.default_language.size() > 3)
        r.fail(r.at("kiosk.language"), "kiosk.language", "must be a language code such as \"fr\"");
    result.language_line = TomlReader::line_of(r.at("kiosk.language"));
    return result;
}

ConfigResult load_config(const std::filesystem::path& file) {
    std::string why;
    std::optional<std::string> text = read_file(file, &why, TomlReader::kMaxFileBytes);
    if (!text) {
        ConfigResult result;
        result.errors.push_back({file.string(), 0, "", why});
        return result;
    }
    ConfigResult result = parse_config(*text, file.parent_path(), file.string());
    check_content(result, file.string());
    return result;
}

ConfigResult parse_remote_settings(std::string_view text, const Config& base, const std::string& source,
                                   bool* screenshot) {
    ConfigResult result;
    result.config = base;
    TomlReader toml(source, result.errors);
    if (!toml.parse(text)) return result;
    Reader r{toml, {}};
    Config& c = result.config;
    check_unknown_keys(r, kRemoteKeys);
    r.string("kiosk.site", c.site_name, false);
    if (r.at("kiosk.site") && c.site_name.empty())
        r.fail(r.at("kiosk.site"), "kiosk.site", "must not be empty");
    r.seconds("timeouts.inactivity_seconds", c.inactivity, 10, 3600);
    r.seconds("timeouts.still_there_seconds", c.still_there, 5, 600);
    r.seconds("timeouts.goodbye_seconds", c.goodbye, 2, 600);
    r.device("devices.camera", c.devices.camera, {"none", "replay:", "v4l2:"});
    r.device("devices.scanner", c.devices.scanner, {"none", "keyboard", "serial:"});
    r.device("devices.printer", c.devices.printer, {"none", "file:", "escpos:", "escpos-tcp:", "cups:"});
    r.string("help.webhook", c.help_webhook, false);
    if (!c.help_webhook.empty() && !outbox::acceptable_url(c.help_webhook))
        r.fail(r.at("help.webhook"), "help.webhook",
               "must be an https:// address (http:// only to this machine: 127.0.0.1, [::1], localhost)");
    bool shot = false;
    r.boolean("request.screenshot", shot);
    if (screenshot) *screenshot = shot;
    return result;
}

void check_content(ConfigResult& result, const std::string& source) {
    const Config& c = result.config;
    if (c.content_dir.empty()) return;
    std::error_code ec;
    if (!std::filesystem::is_directory(c.content_dir, ec)) {
        result.errors.push_back(
            {source, 0, "paths.content", "the folder " + c.content_dir.string() + " does not exist"});
        return;
    }
    // A language with no catalog would show citizens raw translation keys.
    const std::filesystem::path i18n = c.content_dir / "i18n";
    std::string shipped;
    bool found = false;
    for (const auto& item : std::filesystem::directory_iterator(i18n, ec)) {
        const std::string name = item.path().filename().string();
        if (item.path().extension() != ".po" || !item.is_regular_file(ec)) continue;
        const std::string stem = item.path().stem().string();  // "fr" or "diagnostic.fr"
        const std::string code = stem.substr(stem.rfind('.') == std::string::npos ? 0 : stem.rfind('.') + 1);
        found = found || code == c.default_language;
        if (stem == code) shipped += (shipped.empty() ? "" : ", ") + code;
    }
    if (!found)
        result.errors.push_back({source, result.language_line, "kiosk.language",
                                 "no catalog for \"" + c.default_language + "\" in " + i18n.string() +
                                     (shipped.empty() ? "" : " (there are: " + shipped + ")")});
}

}  // namespace kiosk
