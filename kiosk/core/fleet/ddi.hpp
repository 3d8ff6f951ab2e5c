#pragma once
// The kiosk as a client of Eclipse hawkBit's Direct Device Integration (DDI) API, and of a static host.
//
// One poll (FleetClient::poll_once, on a task of the Kiosk group, never on the UI thread):
//   GET {base}/{tenant}/controller/v1/{controllerId}      a heartbeat; config.polling.sleep sets the rhythm
//   PUT …/configData                                      when linked (or after an outage): the attributes
//   GET …/cancelAction/{id} + POST …/feedback             a cancel: stops the download, says "closed"
//   GET …/deploymentBase/{id}                             download (skip|attempt|forced), install (same,
//                                                         maintenance window), every step reported by
//   POST …/deploymentBase/{id}/feedback                   proceeding / closed, success / failure, details
//                                                         in French then English
// Artifacts go to the data partition, free space checked first, resumed with Range, checked against DDI's
// sha256; a content bundle is then verified with its own Ed25519 signature and installed by ContentStore.
// OS bundles (.raucb) are reported "not supported here" until the image hands them to RAUC.
//
// Static host (no hawkBit): GET <url> with If-None-Match; the JSON names a version, a rollout percentage and
// the same artifacts; a kiosk takes part when a stable hash of its id falls under the percentage. From the
// download on it is the same path.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/fleet/content_store.hpp"
#include "kiosk/core/fleet/http.hpp"
#include "kiosk/core/tasks.hpp"

namespace kiosk::fleet {

enum class Handling { Skip, Attempt, Forced };

struct DdiArtifact {
    std::string filename, sha256, url;
    std::uint64_t size = 0;
};

struct DdiDeployment {
    std::string action_id;
    Handling download = Handling::Forced, update = Handling::Forced;
    std::optional<bool> window_available;  // maintenance window: nothing when the action has none
    std::vector<DdiArtifact> artifacts;    // every chunk's
};

struct DdiLinks {
    std::chrono::seconds sleep{300};
    std::string deployment, cancel, config_data;
};

// Parsers of the server's answers (nothing when not the expected JSON; `error` says why).
std::optional<DdiLinks> parse_controller_base(const std::string& json, std::string& error);
std::optional<DdiDeployment> parse_deployment(const std::string& json, std::string& error);
std::optional<std::chrono::seconds> parse_sleep(const std::string& hh_mm_ss);
// The feedback body: {"id", "time", "status": {"execution", "result": {"finished"}, "details": [...]}}.
std::string feedback_json(const std::string& action_id, const std::string& execution,
                          const std::string& finished, const std::vector<std::string>& details,
                          const std::string& time);

// Stable percentage bucket (0-99) of a kiosk for a rollout: sha256(kiosk_id ":" version).
int rollout_bucket(const std::string& kiosk_id, std::int64_t version);

struct FleetSettings {
    // hawkBit: {server}/{tenant}/controller/v1/{controller_id}. Empty server = DDI off.
    std::string server, tenant = "DEFAULT", controller_id;
    // Static host: the channel's JSON URL. Used when `server` is empty.
    std::string static_url;
    HttpOptions http;
    std::filesystem::path download_dir;  // on the data partition
    InstallOptions install;              // the trusted key, the app version, the health check, free space
    std::chrono::seconds default_sleep{300};
    double jitter = 0.1;                           // ± this share of the sleep
    std::chrono::milliseconds cancel_check{5000};  // how often a download asks the server for a cancel
    // The kiosk's attributes for configData (site, commune, outbox size, printer, camera…): the client adds
    // app_version, content_version, free_disk_mb, polls_failed.
    std::function<std::map<std::string, std::string>()> attributes;
    // True while a citizen is at the screen: new content is made current only between sessions.
    std::function<bool()> session_active;
    const WallClock* clock = nullptr;  // feedback times (the system's when null)
    // The running kiosk (FleetJourney): a prepared content bundle is handed over in the outcome (`prepared`)
    // rather than made current here; the kiosk makes it current between sessions, loads it, checks its
    // health, keeps it or rolls back, and reports.
    bool defer_activation = false;
    // Configuration bundles (<stem>.toml): what checks their settings ("" when good, else
    // "file:line: key: message"), and the file holding the last applied settings version (replays refused).
    std::function<std::string(const std::string& toml)> check_settings;
    std::filesystem::path settings_version_file;
};

// What one poll did.
struct PollOutcome {
    bool reached = false;           // the server answered
    std::string error;              // why not (network, HTTP status, bad JSON)
    std::chrono::seconds sleep{0};  // what the server asked for (or the default)
    std::string action_id;          // the action handled, "" = none
    std::string action_result;      // "installed", "failed: …", "cancelled", "waiting: …", "skipped"
    bool content_changed = false;   // the current content is another one now: reload it between sessions
    std::optional<PreparedContent> prepared;  // defer_activation: a content bundle ready to be made current
    std::string settings_text;                // a configuration bundle's checked settings, to apply
    std::int64_t settings_version = 0;
};

class FleetClient {
  public:
    FleetClient(FleetSettings settings, ContentStore& store);

    PollOutcome poll_once(const Task& task);
    // The delay before the next poll: the server's sleep (or the default) ± jitter.
    std::chrono::milliseconds next_delay(const PollOutcome& outcome);
    std::size_t polls_failed() const { return polls_failed_; }
    // Any thread (a task): reports on an action (DDI feedback; logged only with a static host).
    void send_feedback(const std::string& action, const std::string& execution, const std::string& finished,
                       const std::vector<std::string>& details);
    // Any thread (a task): POSTs a PNG to `url` (image/png, with the fleet's token). "" when taken, else why.
    std::string upload_png(const std::string& url, const std::string& png, const Task* task = nullptr);
    ContentStore& store() { return store_; }
    const FleetSettings& settings() const { return settings_; }

  private:
    std::string controller_url(const std::string& path = "") const;
    void feedback(const std::string& url, const std::string& action, const std::string& execution,
                  const std::string& finished, const std::vector<std::string>& details);
    bool put_config_data(const std::string& url);
    PollOutcome poll_ddi(const Task& task);
    PollOutcome poll_static(const Task& task);
    // Download then install; feedback through `report` (execution, finished, fr, en). Returns the result.
    std::string deliver(const std::string& action, const std::vector<DdiArtifact>& artifacts, Handling update,
                        std::optional<bool> window, const Task& task, const std::function<bool()>& keep_going,
                        const std::function<void(const std::string&, const std::string&, const std::string&,
                                                 const std::string&)>& report,
                        PollOutcome& out);
    std::string deliver_settings(const BundleFiles& files,
                                 const std::function<void(const std::string&, const std::string&,
                                                          const std::string&, const std::string&)>& report,
                                 PollOutcome& out);
    std::string now() const;

    FleetSettings settings_;
    ContentStore& store_;
    FleetHttp http_;
    std::size_t polls_failed_ = 0;
    bool config_sent_ = false;
    std::string static_etag_;
    std::mt19937 rng_;
};

}  // namespace kiosk::fleet
