#include "kiosk/core/fleet/fleet_journey.hpp"

#include <sodium.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "kiosk/core/files.hpp"
#include "kiosk/core/fleet/live_content.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/stats_export.hpp"

namespace fs = std::filesystem;

namespace kiosk::fleet {
namespace {

// Written whole then renamed: a kill leaves the old file or the new one.
bool write_atomic(const fs::path& file, const std::string& text) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    fs::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return false;
    }
    fs::rename(tmp, file, ec);
    return !ec;
}

std::string scheme(const std::string& device) {
    return device.substr(0, device.find(':'));
}

Translator catalogs(const fs::path& content_dir, const std::string& language) {
    Translator t;
    std::vector<std::string> errors;
    t.load_folder(content_dir / "i18n", "fr", errors);
    for (const std::string& e : errors) log::warn("fleet: ", e);
    t.set_language(language);
    return t;
}

// "<version> <action>" of an install whose health check has not said its word yet.
constexpr const char* kUnverified = "unverified";

}  // namespace

fs::path fleet_dir(const Config& config) {
    return config.fleet.store_dir.empty() ? config.data_dir / "fleet" : config.fleet.store_dir;
}

Config startup_config(const Config& config, std::vector<std::string>& notes) {
    Config c = config;
    if (!config.fleet.enabled()) return c;
    const fs::path dir = fleet_dir(config);
    if (auto text = read_file(dir / "settings.toml", nullptr, 1 << 20)) {
        ConfigResult r = parse_remote_settings(*text, c, (dir / "settings.toml").string());
        if (r.ok())
            c = r.config;
        else
            notes.push_back("remote settings not applied: " + r.errors.front().to_string());
    }
    try {
        ContentStore store(dir / "content");
        if (auto cur = store.current()) {
            std::string why;
            if (auto live = live_folder(*cur, dir / "live", why))
                c.content_dir = *live;
            else
                notes.push_back("content bundle " + std::to_string(cur->version) + " not readable: " + why);
        }
    } catch (const std::exception& e) {
        notes.push_back(std::string("content store: ") + e.what());
    }
    return c;
}

FleetJourney::FleetJourney(const Config& config, fs::path embedded_content, std::string app_version)
    : config_(config), embedded_(std::move(embedded_content)), dir_(fleet_dir(config)) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    store_ = std::make_unique<ContentStore>(dir_ / "content");
    FleetSettings s;
    s.server = config.fleet.server;
    s.tenant = config.fleet.tenant;
    s.controller_id = config.fleet.controller_id.empty() ? config.kiosk_id : config.fleet.controller_id;
    s.static_url = config.fleet.static_url;
    if (config.fleet.token_type == "gateway")
        s.http.gateway_token = config.fleet.token;
    else
        s.http.target_token = config.fleet.token;
    s.http.client_cert = config.fleet.client_cert.string();
    s.http.client_key = config.fleet.client_key.string();
    s.http.ca_file = config.fleet.ca_file.string();
    s.download_dir = dir_ / "downloads";
    std::string why;
    if (auto key = read_public_key(config.fleet.public_key, why))
        s.install.trusted_key = *key;
    else
        log::error("fleet: the trusted key cannot be read: ", why);
    s.install.app_version = std::move(app_version);
    s.default_sleep = config.fleet.poll;
    s.defer_activation = true;
    s.settings_version_file = dir_ / "settings-version";
    s.check_settings = [base = config](const std::string& text) -> std::string {
        const ConfigResult r = parse_remote_settings(text, base, "settings.toml");
        return r.ok() ? "" : r.errors.front().to_string();
    };
    s.attributes = [a = attributes_, citizen_db = config.data_dir / "citizen.sqlite"] {
        std::map<std::string, std::string> values;
        {
            std::lock_guard lock(a->mutex);
            values = a->values;
        }
        // The anonymous statistics, as `kiosk-admin stats` exports them (no row under 5 a day), the two
        // latest periods (hawkBit keeps short values: one attribute a figure).
        std::string problem;
        if (auto rows = read_stat_rows(citizen_db, problem)) {
            std::istringstream csv(stats_csv(*rows, StatsBy::Day, 5));
            std::string line;
            std::getline(csv, line);  // the header
            std::vector<std::array<std::string, 3>> figures;
            while (std::getline(csv, line)) {
                const auto c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
                if (c3 == std::string::npos) continue;
                figures.push_back(
                    {line.substr(0, c1), line.substr(c2 + 1, c3 - c2 - 1), line.substr(c3 + 1)});
            }
            std::vector<std::string> periods;
            for (const auto& f : figures)
                if (std::find(periods.begin(), periods.end(), f[0]) == periods.end()) periods.push_back(f[0]);
            std::sort(periods.begin(), periods.end());
            if (periods.size() > 2) periods.erase(periods.begin(), periods.end() - 2);
            for (const auto& f : figures)
                if (std::find(periods.begin(), periods.end(), f[0]) != periods.end())
                    values["stats." + f[0] + "." + f[1]] = f[2];
        }
        return values;
    };
    client_ = std::make_shared<FleetClient>(std::move(s), *store_);
}

FleetJourney::~FleetJourney() {
    *alive_ = false;
}

bool FleetJourney::busy() const {
    return working_ || feedback_in_flight_ > 0 || pending_content_ || ready_ || pending_settings_ ||
           pending_shot_ || unverified_;
}

void FleetJourney::start(TimePoint now) {
    Kiosk& k = kiosk();
    poller_ =
        std::make_unique<FleetPoller>(client_, k.tasks(), [this](const PollOutcome& o) { on_outcome(o); });
    if (auto cur = store_->current(); cur && k.config().content_dir != embedded_)
        live_version_ = cur->version;
    // A kill between making a bundle current and its health check's verdict: checked again now.
    if (auto text = read_file(dir_ / kUnverified, nullptr, 256)) {
        std::istringstream in(*text);
        Loaded u;
        in >> u.version >> u.action;
        if (live_version_ && *live_version_ == u.version) {
            u.dir = k.config().content_dir;
            unverified_ = u;
        } else {
            std::error_code ec;
            fs::remove(dir_ / kUnverified, ec);
        }
    }
    k.add_timer(
        [this]() -> std::optional<TimePoint> {
            // Something waits for the attract screen: looked at every second; else the next poll.
            if (busy() && !working_ && feedback_in_flight_ == 0)
                return kiosk().now() + std::chrono::seconds(1);
            return poller_->next_wakeup();
        },
        [this](TimePoint t) { tick(t); });
    refresh_attributes();
    poller_->start(now);
}

void FleetJourney::handle(const Intent& intent, TimePoint now) {
    if (intent.name == "fleet.poll_now") poll_now(now);
}

void FleetJourney::poll_now(TimePoint now) {
    if (!poller_ || busy()) return;
    refresh_attributes();
    kiosk().audit("fleet.poll_now");
    poller_->poll_now(now);
}

void FleetJourney::refresh_attributes() {
    Kiosk& k = kiosk();
    std::map<std::string, std::string> v;
    v["site"] = k.config().site_name;
    v["commune"] =
        k.config().commune_code + (k.config().commune_name.empty() ? "" : " " + k.config().commune_name);
    v["kiosk_id"] = k.config().kiosk_id;
    const CourierStatus& c = k.courier().status();
    v["outbox_pending"] = std::to_string(c.pending);
    v["outbox_refused"] = std::to_string(c.dead);
    v["outbox_server"] = c.has_server ? "yes" : "none";
    // The devices as configured ("none", "file", "escpos", "cups", "v4l2", "replay").
    v["printer"] = scheme(k.config().devices.printer);
    v["camera"] = scheme(k.config().devices.camera);
    v["content_source"] = live_version_ ? "bundle " + std::to_string(*live_version_) : "embedded";
    const AuditJournal::Head head = k.journal().head();
    v["journal_entries"] = std::to_string(head.entries);
    v["journal_head"] = head.hash;
    std::lock_guard lock(attributes_->mutex);
    attributes_->values = std::move(v);
}

void FleetJourney::tick(TimePoint now) {
    if (!poller_) return;
    Kiosk& k = kiosk();
    const bool attract = k.screen() == Screen::Attract;
    if (!working_ && attract) {
        if (unverified_) {
            Loaded u = *unverified_;
            unverified_.reset();
            working_ = true;
            // Drawn from the loop, not from inside the session machine's tick.
            k.run_queue().post([this, u, alive = alive_] {
                if (!*alive) return;
                working_ = false;
                verify(u.dir, u.version, u.action);
            });
            return;
        }
        if (ready_ && !k.swapping()) {
            Loaded r = std::move(*ready_);
            ready_.reset();
            load(r.dir, r.version, r.action, r.verify);
            return;
        }
        if (pending_settings_) apply_settings();
        if (pending_content_ && !k.swapping()) return activate(now);
    }
    if (pending_shot_) {
        if (!is_citizen_screen(k.screen()) && !working_) {
            PendingSettings p = std::move(*pending_shot_);
            pending_shot_.reset();
            working_ = true;
            k.run_queue().post([this, p, alive = alive_] {
                if (*alive) take_screenshot(p);  // working_ stays set while it draws and uploads
            });
        } else if (is_citizen_screen(k.screen()))
            if (!shot_wait_told_) {
                shot_wait_told_ = true;
                report(pending_shot_->action, "proceeding", "none",
                       "Capture d'écran en attente : une personne utilise la borne.",
                       "screenshot waiting: a citizen session is active; taken when it ends");
            }
    }
    if (!busy()) {
        if (poller_->next_wakeup() && now >= *poller_->next_wakeup()) refresh_attributes();
        poller_->tick(now);
    }
}

void FleetJourney::on_outcome(const PollOutcome& o) {
    if (!o.error.empty())
        status_ = "poll failed: " + o.error;
    else
        status_ = o.action_id.empty() ? "up to date" : o.action_id + ": " + o.action_result;
    if (o.prepared) {
        pending_content_ = PendingContent{*o.prepared, o.action_id};
        status_ = "content " + std::to_string(o.prepared->manifest.version) + " waits for the attract screen";
    }
    if (!o.settings_text.empty()) {
        bool shot = false;
        const ConfigResult r =
            parse_remote_settings(o.settings_text, kiosk().config(), "settings.toml", &shot);
        if (!r.ok()) {  // checked by the poll already; the configuration may have changed since
            report(o.action_id, "closed", "failure", "Réglages refusés : " + r.errors.front().to_string(),
                   "settings refused: " + r.errors.front().to_string());
        } else if (shot) {
            pending_shot_ = PendingSettings{o.settings_text, o.action_id, o.settings_version};
            shot_wait_told_ = false;
        } else {
            pending_settings_ = PendingSettings{o.settings_text, o.action_id, o.settings_version};
        }
    }
    kiosk().redraw(1);
}

void FleetJourney::report(const std::string& action, const std::string& execution,
                          const std::string& finished, const std::string& fr, const std::string& en) {
    if (action.empty()) return;
    // No poll until the server has it: it would offer the same action again.
    ++feedback_in_flight_;
    kiosk().tasks().run(
        TaskGroup::Kiosk, "fleet feedback",
        [client = client_, action, execution, finished, fr, en](const Task&) {
            client->send_feedback(action, execution, finished, {fr, en});
        },
        [this] { --feedback_in_flight_; });
}

void FleetJourney::activate(TimePoint) {
    PendingContent p = std::move(*pending_content_);
    pending_content_.reset();
    working_ = true;
    const std::int64_t version = p.prepared.manifest.version;
    status_ = "making content " + std::to_string(version) + " current";
    struct Made {
        InstallResult result;
        fs::path dir;
    };
    InstallOptions options = client_->settings().install;
    kiosk().tasks().run(
        TaskGroup::Kiosk, "fleet activate",
        [client = client_, p, options, dir = dir_](const Task&) {
            Made m;
            // The marker first: a kill from here on is checked again at the next start.
            write_atomic(dir / kUnverified,
                         std::to_string(p.prepared.manifest.version) + " " + p.action + "\n");
            m.result = client->store().activate(p.prepared, options);
            if (m.result.ok()) {
                std::string why;
                auto cur = client->store().current();
                auto live = cur ? live_folder(*cur, dir / "live", why) : std::nullopt;
                if (live) {
                    m.dir = *live;
                } else {
                    if (cur) client->store().undo(*cur);
                    m.result = {InstallCode::Failed,
                                p.prepared.manifest.version,
                                {"Le nouveau contenu n'a pas pu être lu ; l'ancien reste.",
                                 "the bundle cannot be turned into a content folder: " + why}};
                }
            }
            if (!m.result.ok()) {
                std::error_code ec;
                fs::remove(dir / kUnverified, ec);
            }
            return m;
        },
        [this, version, action = p.action](Made m) {
            working_ = false;
            if (!m.result.ok()) {
                status_ = "content " + std::to_string(version) + " refused: " + m.result.problem.en;
                report(action, "closed", "failure", m.result.problem.fr, m.result.problem.en);
                kiosk().audit("fleet.content.refused", std::to_string(version) + ": " + m.result.problem.en);
                return;
            }
            ready_ = Loaded{m.dir, version, action, true};
            tick(kiosk().now());  // loaded now if still on the attract screen
        });
}

void FleetJourney::load(fs::path dir, std::int64_t version, std::string action, bool check) {
    working_ = true;
    status_ = "loading content " + (version ? std::to_string(version) : std::string("embedded"));
    Kiosk& k = kiosk();
    k.tasks().run(
        TaskGroup::Kiosk, "fleet catalogs",
        [dir, language = k.config().default_language](const Task&) { return catalogs(dir, language); },
        [this, dir, version, action, check](Translator t) {
            Kiosk& kk = kiosk();
            if (kk.screen() != Screen::Attract) {  // a citizen came meanwhile: at the next attract screen
                working_ = false;
                ready_ = Loaded{dir, version, action, check};
                return;
            }
            kk.set_content(dir, std::move(t));
            kk.swap_content([this, dir, version, action, check] {
                live_version_ = version ? std::optional<std::int64_t>(version) : std::nullopt;
                kiosk().redraw(3);
                if (check) {
                    working_ = false;
                    verify(dir, version, action);
                } else {
                    working_ = false;
                    status_ = "content " + (version ? std::to_string(version) : std::string("embedded")) +
                              " loaded again";
                }
            });
        });
}

void FleetJourney::verify(fs::path dir, std::int64_t version, std::string action) {
    working_ = true;
    status_ = "checking content " + std::to_string(version);
    // The screen draws: the attract screen with the new content, drawn now into a PNG.
    std::string drawn;
    if (capture_) {
        const fs::path png = dir_ / "health.png";
        std::error_code ec;
        fs::remove(png, ec);
        if (!capture_(png) || !png_drawn(png, 320, 320, drawn)) {
            if (drawn.empty()) drawn = "the screen could not be drawn";
        }
    }
    kiosk().tasks().run(
        TaskGroup::Kiosk, "fleet health",
        [dir, scratch = dir_ / "health"](const Task&) { return check_content_folder(dir, scratch); },
        [this, version, action, drawn](const std::string& content) {
            working_ = false;
            verdict(version, action, !drawn.empty() ? drawn : content);
        });
}

void FleetJourney::verdict(std::int64_t version, const std::string& action, const std::string& why) {
    std::error_code ec;
    const std::string v = std::to_string(version);
    if (why.empty()) {
        fs::remove(dir_ / kUnverified, ec);
        ++installed_;
        status_ = "content " + v + " installed and healthy";
        kiosk().audit("fleet.content.installed", "version " + v);
        std::vector<std::int64_t> keep{version};
        if (auto prev = store_->previous()) keep.push_back(prev->version);
        remove_live_folders(dir_ / "live", keep);
        report(action, "closed", "success",
               "Nouveau contenu installé (version " + v + ") : chaque parcours se charge, l'écran s'affiche.",
               "content " + v + " installed: every journey's content loads and the screen draws");
        return;
    }
    ++rolled_back_;
    working_ = true;
    status_ = "content " + v + " unhealthy (" + why + "): rolling back";
    kiosk().audit("fleet.content.rolled_back", "version " + v + ": " + why);
    kiosk().tasks().run(
        TaskGroup::Kiosk, "fleet rollback",
        [client = client_, dir = dir_, version](const Task&) -> std::pair<fs::path, std::int64_t> {
            std::optional<InstalledContent> now;
            if (auto cur = client->store().current(); cur && cur->version == version)
                now = client->store().undo(*cur);
            else
                now = client->store().current();
            std::error_code e;
            fs::remove(dir / kUnverified, e);
            std::string problem;
            if (now)
                if (auto live = live_folder(*now, dir / "live", problem)) return {*live, now->version};
            return {fs::path{}, 0};
        },
        [this, v, why, action](std::pair<fs::path, std::int64_t> back) {
            working_ = false;
            const fs::path dir = back.first.empty() ? embedded_ : back.first;
            const std::string to =
                back.second ? "version " + std::to_string(back.second) : std::string("embedded");
            report(action, "closed", "failure",
                   "Le contenu " + v + " ne fonctionne pas ; retour au contenu précédent (" + to + ").",
                   "content " + v + " failed its health check (" + why + "): rolled back to " + to);
            load(dir, back.second, action, false);
        });
}

void FleetJourney::apply_settings() {
    PendingSettings p = std::move(*pending_settings_);
    pending_settings_.reset();
    Kiosk& k = kiosk();
    const ConfigResult r = parse_remote_settings(p.text, k.config(), "settings.toml");
    if (!r.ok()) {
        report(p.action, "closed", "failure", "Réglages refusés : " + r.errors.front().to_string(),
               "settings refused: " + r.errors.front().to_string());
        return;
    }
    // Kept first: a kill after this applies them at the next start.
    if (!write_atomic(dir_ / "settings.toml", p.text) ||
        !write_atomic(dir_ / "settings-version", std::to_string(p.version) + "\n")) {
        report(p.action, "closed", "failure", "Les réglages n'ont pas pu être enregistrés.",
               "settings could not be written to " + dir_.string());
        return;
    }
    k.apply_settings(r.config);
    ++settings_applied_;
    k.audit("fleet.settings", "version " + std::to_string(p.version));
    status_ = "settings " + std::to_string(p.version) + " applied";
    report(
        p.action, "closed", "success",
        "Réglages " + std::to_string(p.version) + " appliqués (appareils et alerte : au prochain démarrage).",
        "settings " + std::to_string(p.version) +
            " applied: site and timeouts now, devices and help webhook at the next start");
    k.redraw(2);
}

void FleetJourney::take_screenshot(const PendingSettings& p) {
    Kiosk& k = kiosk();
    working_ = false;
    if (is_citizen_screen(k.screen())) {  // a citizen came meanwhile
        pending_shot_ = p;
        return;
    }
    working_ = true;  // while it draws (a frame may tick the timers) and uploads: no poll meanwhile
    write_atomic(dir_ / "settings-version", std::to_string(p.version) + "\n");  // never taken twice
    const std::string url = config_.fleet.screenshot_url;
    const fs::path png = dir_ / "screenshot.png";
    std::error_code ec;
    fs::remove(png, ec);
    std::string why;
    if (url.empty())
        why = "no [fleet] screenshot_url is configured";
    else if (!capture_ || !capture_(png) || !png_drawn(png, 320, 320, why))
        why = why.empty() ? "this kiosk cannot draw its screen (no display)" : why;
    auto bytes = why.empty() ? read_file(png, &why) : std::nullopt;
    if (!bytes) {
        working_ = false;
        k.audit("fleet.screenshot.refused", why);
        report(p.action, "closed", "failure", "Capture d'écran impossible : " + why,
               "screenshot not taken: " + why);
        return;
    }
    const std::string screen = screen_name(k.screen());
    k.audit("fleet.screenshot",
            "screen " + screen + ", " + std::to_string(bytes->size()) + " bytes to " + url);
    ++screenshots_sent_;
    k.tasks().run(
        TaskGroup::Kiosk, "fleet screenshot",
        [client = client_, url, png = std::move(*bytes)](const Task& t) {
            return client->upload_png(url, png, &t);
        },
        [this, action = p.action, screen](const std::string& error) {
            working_ = false;
            if (error.empty())
                report(action, "closed", "success", "Capture de l'écran « " + screen + " » envoyée.",
                       "screenshot of the " + screen + " screen uploaded (no citizen session)");
            else
                report(action, "closed", "failure", "La capture n'a pas pu être envoyée : " + error,
                       "screenshot upload failed: " + error);
        });
}

}  // namespace kiosk::fleet
