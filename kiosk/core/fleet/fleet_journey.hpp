#pragma once
// The fleet in the running kiosk: the DDI (or static host) poller on the task runner, and what it brings in,
// always between citizen sessions.
//
//  - A content bundle is verified and built into its slot by the poll (a task); at the attract screen it is
//    made current, turned into a content folder (live_content.hpp), loaded by every journey
//    (Kiosk::swap_content), then checked: every journey's content loads from it and the screen draws.
//    Healthy: kept, reported "closed/success". Not: `current` goes back to the previous bundle (or the
//    embedded content), which is loaded again, and "closed/failure" says why. A kill in between leaves the
//    marker <fleet>/unverified: the check runs at the next start's first attract screen.
//  - A configuration bundle's settings (parse_remote_settings) are applied at the attract screen and kept in
//    <fleet>/settings.toml, laid over the local file at every start.
//  - A configuration bundle asking for a screenshot ([request] screenshot = true): a PNG of the screen is
//    POSTed to [fleet] screenshot_url only when no citizen session is active (attract screen or agent
//    space), and journaled; during a session the operator is told that it waits.
//  - configData: app and content versions, site, commune, free disk, outbox, printer and camera, the
//  anonymous
//    statistics (nothing under 5 a day) and the audit journal's head.
// "fleet.poll_now" (an intent, e.g. the agent page's "Synchroniser maintenant") polls at once.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kiosk/core/config.hpp"
#include "kiosk/core/fleet/ddi.hpp"
#include "kiosk/core/fleet/poller.hpp"
#include "kiosk/core/journey.hpp"

namespace kiosk::fleet {

// Where the fleet keeps its files (<data>/fleet unless [fleet] data says).
std::filesystem::path fleet_dir(const Config& config);
// At start, before the kiosk is built: the installed bundle's content folder (made when needed) and the
// remote settings kept, laid over `config`. Unchanged (the embedded content) when nothing is installed or it
// cannot be read (`notes` says why).
Config startup_config(const Config& config, std::vector<std::string>& notes);

class FleetJourney final : public Journey {
  public:
    // `embedded_content`: the content folder of the local configuration (the fall-back of a rollback).
    FleetJourney(const Config& config, std::filesystem::path embedded_content, std::string app_version);
    ~FleetJourney() override;

    const char* name() const override { return "fleet"; }
    std::vector<Screen> screens() const override { return {}; }
    std::vector<Route> routes() const override { return {}; }
    void handle(const Intent& intent, TimePoint now) override;  // "fleet.poll_now"

    void start(TimePoint now);     // once registered: its timer, the first poll
    void poll_now(TimePoint now);  // what "fleet.poll_now" does
    // The platform's drawing: draws the screen as it is now into a PNG file (false when it cannot).
    void set_capture(std::function<bool(const std::filesystem::path&)> capture) {
        capture_ = std::move(capture);
    }

    // For the agent page and tests.
    const PollOutcome& last_poll() const { return poller_->last(); }
    std::size_t polls() const { return poller_->polls(); }
    bool polling() const { return poller_->polling(); }
    std::optional<std::int64_t> content_version() const { return live_version_; }
    const std::string& status() const { return status_; }  // English, one line: what it is doing
    bool busy() const;  // something waits for the attract screen, or is being loaded or checked
    std::size_t installed() const { return installed_; }
    std::size_t rolled_back() const { return rolled_back_; }
    std::size_t settings_applied() const { return settings_applied_; }
    std::size_t screenshots_sent() const { return screenshots_sent_; }

  private:
    void tick(TimePoint now);
    void on_outcome(const PollOutcome& o);
    void activate(TimePoint now);
    void load(std::filesystem::path dir, std::int64_t version, std::string action, bool verify);
    void verify(std::filesystem::path dir, std::int64_t version, std::string action);
    void verdict(std::int64_t version, const std::string& action, const std::string& why);
    void apply_settings();
    void report(const std::string& action, const std::string& execution, const std::string& finished,
                const std::string& fr, const std::string& en);
    void refresh_attributes();

    Config config_;
    std::filesystem::path embedded_, dir_;
    std::unique_ptr<ContentStore> store_;
    std::shared_ptr<FleetClient> client_;
    std::unique_ptr<FleetPoller> poller_;
    std::function<bool(const std::filesystem::path&)> capture_;
    struct Attributes {
        std::mutex mutex;
        std::map<std::string, std::string> values;
    };
    std::shared_ptr<Attributes> attributes_ = std::make_shared<Attributes>();
    struct PendingContent {
        PreparedContent prepared;
        std::string action;
    };
    std::optional<PendingContent> pending_content_;
    struct Loaded {  // made current and turned into a folder: loaded at the next attract screen
        std::filesystem::path dir;
        std::int64_t version = 0;
        std::string action;
        bool verify = true;
    };
    std::optional<Loaded> ready_;
    struct PendingSettings {
        std::string text, action;
        std::int64_t version = 0;
    };
    std::optional<PendingSettings> pending_settings_;
    std::optional<PendingSettings> pending_shot_;
    void take_screenshot(const PendingSettings& p);
    bool shot_wait_told_ = false;
    std::optional<Loaded> unverified_;  // from a kill during a check: checked at the first attract screen
    bool working_ = false;              // a task of an install is under way
    int feedback_in_flight_ = 0;        // feedback posted, not yet sent
    std::optional<std::int64_t> live_version_;
    std::string status_ = "idle";
    std::size_t installed_ = 0, rolled_back_ = 0, settings_applied_ = 0, screenshots_sent_ = 0;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::fleet
