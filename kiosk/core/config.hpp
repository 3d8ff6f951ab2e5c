#pragma once
// The kiosk's one configuration file (TOML), validated at start: every error names its line and key.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct DeviceConfig {
    std::string camera = "none";   // none | replay:<folder> | v4l2:<device>
    std::string scanner = "none";  // none | keyboard | serial:<device>
    std::string printer = "none";  // none | file:<folder> | escpos:<device> | cups:<queue>
};

// [fleet]: the kiosk as a client of Eclipse hawkBit (DDI) or of a static HTTP(S) host (README, "Fleet").
struct FleetConfig {
    std::string server;                 // server: hawkBit's base URL (https://, http:// only to this machine)
    std::string tenant = "DEFAULT";     // tenant
    std::string controller_id;          // controller_id: the target's id (default: [kiosk] id)
    std::string static_url;             // static_url: a static host's channel JSON, when no hawkBit
    std::string token_type = "target";  // token_type: target (TargetToken) | gateway (GatewayToken)
    std::string token;                  // token: the security token hawkBit shows for the target
    std::filesystem::path client_cert, client_key, ca_file;  // mutual TLS and the CA bundle (optional)
    std::filesystem::path public_key;  // public_key: the trusted Ed25519 key (hex file) signing bundles
    std::filesystem::path store_dir;   // data: the content store (default <data>/fleet)
    std::string screenshot_url;        // screenshot_url: where a screenshot is POSTed (image/png)
    std::chrono::seconds poll{300};    // poll_seconds: until the server says otherwise
    bool enabled() const { return !server.empty() || !static_url.empty(); }
};

struct Config {
    std::string kiosk_id;                       // [kiosk] id
    std::string site_name;                      // [kiosk] site: shown to citizens
    std::string default_language = "fr";        // [kiosk] language
    double latitude = 0, longitude = 0;         // [position]
    std::string commune_code;                   // [position] commune: INSEE code
    std::string commune_name;                   // [position] commune_name
    std::chrono::seconds inactivity{90};        // [timeouts] inactivity_seconds
    std::chrono::seconds still_there{30};       // [timeouts] still_there_seconds
    std::chrono::seconds goodbye{10};           // [timeouts] goodbye_seconds
    std::filesystem::path content_dir;          // [paths] content (relative to the file)
    std::filesystem::path data_dir;             // [paths] data
    int display_width = 0, display_height = 0;  // [display] 0 = the screen's own size
    bool fullscreen = true;                     // [display] fullscreen
    DeviceConfig devices;                       // [devices]
    std::string agent_pin_hash;  // [agent] pin_hash: libsodium argon2id string, empty = no agent access
    int agent_max_attempts = 5;  // [agent] max_attempts
    std::chrono::seconds agent_lockout{60};     // [agent] lockout_seconds
    std::chrono::seconds agent_auto_lock{300};  // [agent] auto_lock_seconds: untouched this long, it locks
    // [agent] badge_public_key: the fleet's Ed25519 key (base64, from `kiosk-admin badge-keys`) that signs
    // agents' badges; empty = no badges. [agent] revoked_badges: ids of lost or withdrawn badges.
    std::string agent_badge_public_key;
    std::vector<std::string> agent_revoked_badges;
    // [agent] totp_secret: base32 (from `kiosk-admin totp-new`); when set, a 6-digit code from an
    // authenticator app is asked after the PIN (RFC 6238). Empty = the PIN alone.
    std::string agent_totp_secret;
    // [help] where a citizen's call for help goes (any or both; none = the kiosk only says "Un agent
    // arrive"):
    std::string help_webhook;            // webhook: https:// URL, the JSON call POSTed
    std::string help_matrix_homeserver;  // matrix_homeserver: https://matrix.example.org (Tchap: the agents')
    std::string help_matrix_room;        // matrix_room: "!roomid:server"
    std::string help_matrix_token;       // matrix_token: the kiosk account's access token
    std::string log_level = "info";      // [log] level
    std::string outbox_url;  // [outbox] url: where messages are POSTed (https://), empty = they wait
    FleetConfig fleet;       // [fleet]
    // [stats] collector: where each day's statistics are POSTed through the outbox (docs/stats-collector.md);
    // empty = they go with the other messages to [outbox] url, or stay on the kiosk without one.
    std::string stats_collector;
};

struct ConfigError {
    std::string source;  // file name
    long line = 0;       // 0 when the error is about the whole file
    std::string key;     // dotted key, e.g. "timeouts.inactivity_seconds"
    std::string message;
    std::string to_string()
        const;  // "kiosk.toml:12: timeouts.inactivity_seconds: must be between 10 and 3600"
};

struct ConfigResult {
    Config config;
    std::vector<ConfigError> errors;
    long language_line = 0;  // where [kiosk] language is written (0: the default)
    bool ok() const { return errors.empty(); }
};

// Reads and checks the file, then what it points at (check_content).
ConfigResult load_config(const std::filesystem::path& file);
// The content folder exists and holds a catalog for the default language.
void check_content(ConfigResult& result, const std::string& source);
// `base_dir` resolves relative paths; `source` names the text in errors.
ConfigResult parse_config(std::string_view text, const std::filesystem::path& base_dir,
                          const std::string& source);

// Remote settings (a fleet configuration bundle's settings.toml): only [kiosk] site, [timeouts] *, [devices]
// *, [help] webhook and [request] screenshot, checked like the local file (line and key in every error) and
// laid over `base`. `screenshot` tells whether [request] screenshot = true.
ConfigResult parse_remote_settings(std::string_view text, const Config& base, const std::string& source,
                                   bool* screenshot = nullptr);

}  // namespace kiosk
