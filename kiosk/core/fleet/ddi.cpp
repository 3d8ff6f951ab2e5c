#include "kiosk/core/fleet/ddi.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/core/files.hpp"
#include "kiosk/core/json_integer.hpp"
#include "kiosk/core/log.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kiosk::fleet {
namespace {

std::optional<Handling> handling(const std::string& s) {
    if (s == "skip") return Handling::Skip;
    if (s == "attempt") return Handling::Attempt;
    if (s == "forced") return Handling::Forced;
    return std::nullopt;
}

std::string href(const json& links, const char* name) {
    if (!links.is_object() || !links.contains(name)) return "";
    const json& l = links[name];
    return l.is_object() && l.contains("href") && l["href"].is_string() ? l["href"].get<std::string>() : "";
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Strips a query (hawkBit adds ?c=… to deploymentBase links) for use in a path.
std::string without_query(const std::string& url) {
    return url.substr(0, url.find('?'));
}

std::string last_segment(const std::string& url) {
    const std::string u = without_query(url);
    return u.substr(u.find_last_of('/') + 1);
}

// Action ids name a folder and a URL path: hawkBit's are numbers; letters, '-' and '_' are let through.
bool safe_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

bool safe_filename(const std::string& name) {
    return !name.empty() && name.size() < 200 && name.find('/') == std::string::npos && name != "." &&
           name != ".." && name[0] != '.';
}

}  // namespace

std::optional<std::chrono::seconds> parse_sleep(const std::string& t) {
    // "HH:MM:SS", digits only: hours up to a year (a server's number never overflows the sum), minutes and
    // seconds below 60.
    const std::size_t a = t.find(':'), b = a == std::string::npos ? a : t.find(':', a + 1);
    if (b == std::string::npos) return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t to, std::size_t max_len) -> std::optional<long> {
        if (to <= from || to - from > max_len) return std::nullopt;
        long v = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (t[i] < '0' || t[i] > '9') return std::nullopt;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    const auto h = digits(0, a, 4), m = digits(a + 1, b, 2), s = digits(b + 1, t.size(), 2);
    if (!h || !m || !s || *h > 8760 || *m > 59 || *s > 59) return std::nullopt;
    return std::chrono::seconds(*h * 3600 + *m * 60 + *s);
}

std::optional<DdiLinks> parse_controller_base(const std::string& text, std::string& error) {
    try {
        const json j = json::parse(text);
        DdiLinks links;
        if (j.contains("config")) {
            const std::string sleep = j.at("config").at("polling").at("sleep").get<std::string>();
            auto s = parse_sleep(sleep);
            if (!s) {
                error = "config.polling.sleep \"" + sleep + "\" is not HH:MM:SS";
                return std::nullopt;
            }
            links.sleep = *s;
        }
        if (j.contains("_links")) {
            links.deployment = href(j["_links"], "deploymentBase");
            links.cancel = href(j["_links"], "cancelAction");
            links.config_data = href(j["_links"], "configData");
        }
        return links;
    } catch (const std::exception& e) {
        error = std::string("the controller's answer is not the DDI JSON: ") + e.what();
        return std::nullopt;
    }
}

std::optional<DdiDeployment> parse_deployment(const std::string& text, std::string& error) {
    try {
        const json j = json::parse(text);
        DdiDeployment d;
        d.action_id =
            j.at("id").is_string() ? j["id"].get<std::string>() : std::to_string(json_integer<long>(j, "id"));
        if (!safe_id(d.action_id)) {
            error = "the action id \"" + d.action_id.substr(0, 64) + "\" is not a plain id";
            return std::nullopt;
        }
        const json& dep = j.at("deployment");
        auto dl = handling(dep.value("download", "forced")), up = handling(dep.value("update", "forced"));
        if (!dl || !up) {
            error = "deployment.download/update must be skip, attempt or forced";
            return std::nullopt;
        }
        d.download = *dl;
        d.update = *up;
        if (dep.contains("maintenanceWindow"))
            d.window_available = dep["maintenanceWindow"].get<std::string>() == "available";
        for (const json& chunk : dep.value("chunks", json::array()))
            for (const json& a : chunk.value("artifacts", json::array())) {
                DdiArtifact art;
                art.filename = a.at("filename").get<std::string>();
                art.size = a.value("size", std::uint64_t{0});
                if (a.contains("hashes")) art.sha256 = a["hashes"].value("sha256", "");
                const json links = a.value("_links", json::object());
                art.url = href(links, "download");
                if (art.url.empty()) art.url = href(links, "download-http");
                if (!safe_filename(art.filename) || art.url.empty() || art.sha256.size() != 64) {
                    error = "artifact \"" + art.filename + "\" lacks a safe name, a link or a sha256";
                    return std::nullopt;
                }
                d.artifacts.push_back(std::move(art));
            }
        return d;
    } catch (const std::exception& e) {
        error = std::string("the deployment is not the DDI JSON: ") + e.what();
        return std::nullopt;
    }
}

std::string feedback_json(const std::string& action_id, const std::string& execution,
                          const std::string& finished, const std::vector<std::string>& details,
                          const std::string& time) {
    json j = {
        {"id", action_id},
        {"time", time},
        {"status", {{"execution", execution}, {"result", {{"finished", finished}}}, {"details", details}}}};
    return j.dump();
}

int rollout_bucket(const std::string& kiosk_id, std::int64_t version) {
    const std::string key = kiosk_id + ":" + std::to_string(version);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    const std::uint32_t v = (std::uint32_t{h[0]} << 24) | (std::uint32_t{h[1]} << 16) |
                            (std::uint32_t{h[2]} << 8) | std::uint32_t{h[3]};
    return static_cast<int>(v % 100);
}

FleetClient::FleetClient(FleetSettings settings, ContentStore& store)
    : settings_(std::move(settings)), store_(store), http_(settings_.http), rng_(std::random_device{}()) {
    while (!settings_.server.empty() && settings_.server.back() == '/') settings_.server.pop_back();
}

std::string FleetClient::now() const {
    const WallTime t = settings_.clock ? settings_.clock->now() : std::chrono::system_clock::now();
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[20];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
    return buf;
}

std::string FleetClient::controller_url(const std::string& path) const {
    return settings_.server + "/" + settings_.tenant + "/controller/v1/" + settings_.controller_id +
           (path.empty() ? "" : "/" + path);
}

void FleetClient::feedback(const std::string& url, const std::string& action, const std::string& execution,
                           const std::string& finished, const std::vector<std::string>& details) {
    const HttpResponse r =
        http_.request("POST", url, feedback_json(action, execution, finished, details, now()));
    if (!r.ok())
        log::warn("fleet: feedback ", execution, "/", finished, " for action ", action,
                  " not taken: ", r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
}

bool FleetClient::put_config_data(const std::string& url) {
    std::map<std::string, std::string> data =
        settings_.attributes ? settings_.attributes() : std::map<std::string, std::string>{};
    data["app_version"] = settings_.install.app_version;
    const auto cur = store_.current();
    data["content_version"] = cur ? std::to_string(cur->version) : "none";
    const std::uint64_t free = settings_.install.free_bytes
                                   ? settings_.install.free_bytes(settings_.download_dir)
                                   : free_disk_bytes(settings_.download_dir);
    data["free_disk_mb"] = std::to_string(free >> 20);
    data["polls_failed"] = std::to_string(polls_failed_);
    const json body = {{"mode", "merge"}, {"data", data}};
    const HttpResponse r = http_.request("PUT", url, body.dump());
    return r.ok();
}

std::chrono::milliseconds FleetClient::next_delay(const PollOutcome& outcome) {
    const auto base = std::chrono::duration_cast<std::chrono::milliseconds>(
        outcome.sleep.count() > 0 ? outcome.sleep : settings_.default_sleep);
    std::uniform_real_distribution<double> j(1.0 - settings_.jitter, 1.0 + settings_.jitter);
    return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(base.count()) * j(rng_)));
}

PollOutcome FleetClient::poll_once(const Task& task) {
    if (!settings_.server.empty()) return poll_ddi(task);
    if (!settings_.static_url.empty()) return poll_static(task);
    PollOutcome o;
    o.error = "no fleet server configured";
    return o;
}

PollOutcome FleetClient::poll_ddi(const Task& task) {
    PollOutcome out;
    out.sleep = settings_.default_sleep;
    const HttpResponse base = http_.request("GET", controller_url(), "", {}, &task);
    if (!base.ok()) {
        ++polls_failed_;
        out.error = base.error.empty() ? "HTTP " + std::to_string(base.status) : base.error;
        return out;
    }
    std::string error;
    auto links = parse_controller_base(base.body, error);
    if (!links) {
        ++polls_failed_;
        out.error = error;
        return out;
    }
    out.reached = true;
    out.sleep = links->sleep;
    // Back after an outage, or asked: the attributes say how the kiosk is (and how many polls failed).
    if (!links->config_data.empty() || polls_failed_ > 0 || !config_sent_) {
        const std::string url =
            links->config_data.empty() ? controller_url("configData") : links->config_data;
        if (put_config_data(url)) {
            config_sent_ = true;
            polls_failed_ = 0;
        }
    }
    if (!links->cancel.empty()) {
        const HttpResponse c = http_.request("GET", links->cancel, "", {}, &task);
        std::string id = last_segment(links->cancel);
        if (c.ok()) {
            try {
                const json j = json::parse(c.body);
                if (j.contains("id"))
                    id = j["id"].is_string() ? j["id"].get<std::string>()
                                             : std::to_string(json_integer<long>(j, "id"));
            } catch (const std::exception&) {
            }
        }
        // Nothing is running between polls: the cancel is done as soon as it is seen.
        feedback(without_query(links->cancel) + "/feedback", id, "closed", "success",
                 {"Action annulée : rien n'a été installé.", "action cancelled: nothing was installed"});
        out.action_id = id;
        out.action_result = "cancelled";
        return out;
    }
    if (links->deployment.empty()) return out;
    const HttpResponse d = http_.request("GET", links->deployment, "", {}, &task);
    if (!d.ok()) {
        out.error = "deploymentBase: " + (d.error.empty() ? "HTTP " + std::to_string(d.status) : d.error);
        return out;
    }
    auto dep = parse_deployment(d.body, error);
    std::string action = dep ? dep->action_id : last_segment(links->deployment);
    if (!safe_id(action)) action = "unknown";
    const std::string fb = controller_url("deploymentBase/" + action + "/feedback");
    out.action_id = action;
    if (!dep) {
        feedback(fb, action, "closed", "failure", {"Déploiement illisible.", error});
        out.action_result = "failed: " + error;
        return out;
    }
    if (dep->download == Handling::Skip) {
        out.action_result = "skipped";
        return out;
    }
    // During the download, the server is asked now and then whether the action was cancelled.
    auto last_check = std::chrono::steady_clock::now();
    bool cancelled = false;
    std::string cancel_url;
    std::function<bool()> keep_going = [&]() {
        const auto t = std::chrono::steady_clock::now();
        if (t - last_check < settings_.cancel_check) return true;
        last_check = t;
        const HttpResponse b = http_.request("GET", controller_url());
        std::string e;
        auto l = b.ok() ? parse_controller_base(b.body, e) : std::nullopt;
        if (l && !l->cancel.empty()) {
            cancelled = true;
            cancel_url = l->cancel;
            return false;
        }
        return true;
    };
    auto report = [&](const std::string& execution, const std::string& finished, const std::string& fr,
                      const std::string& en) {
        feedback(fb, action, execution, finished, {fr, en});
    };
    out.action_result =
        deliver(action, dep->artifacts, dep->update, dep->window_available, task, keep_going, report, out);
    if (cancelled) {
        const std::string id = last_segment(cancel_url);
        feedback(without_query(cancel_url) + "/feedback", id, "closed", "success",
                 {"Téléchargement arrêté à la demande : rien n'a été installé.",
                  "download stopped on cancel: nothing was installed"});
        out.action_result = "cancelled";
    }
    return out;
}

std::string FleetClient::deliver(const std::string& action, const std::vector<DdiArtifact>& artifacts,
                                 Handling update, std::optional<bool> window, const Task& task,
                                 const std::function<bool()>& keep_going,
                                 const std::function<void(const std::string&, const std::string&,
                                                          const std::string&, const std::string&)>& report,
                                 PollOutcome& out) {
    // What kind of bundle: a RAUC OS bundle, or a content bundle (payload, manifest, signature).
    const DdiArtifact* payload = nullptr;
    const DdiArtifact* manifest = nullptr;
    const DdiArtifact* signature = nullptr;
    for (const DdiArtifact& a : artifacts) {
        if (ends_with(a.filename, ".raucb")) {
            report("closed", "failure", "Mise à jour du système : pas encore possible sur cette borne.",
                   "OS bundles (.raucb) are not supported here yet: nothing was changed");
            return "failed: OS bundle not supported here";
        }
        if (ends_with(a.filename, ".manifest.json"))
            manifest = &a;
        else if (ends_with(a.filename, ".manifest.sig"))
            signature = &a;
        else if (ends_with(a.filename, ".sqlite") || ends_with(a.filename, ".toml"))
            payload = &a;
    }
    if (!payload || !manifest || !signature) {
        report("closed", "failure", "Ce déploiement n'est pas un paquet de contenu reconnu.",
               "not a content bundle: expected <name>.sqlite, <name>.manifest.json, <name>.manifest.sig");
        return "failed: unknown deployment";
    }
    const fs::path dir = settings_.download_dir / ("action-" + action);
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::uint64_t need = 0;
    for (const DdiArtifact* a : {payload, manifest, signature}) {
        const fs::path f = dir / a->filename;
        const std::uint64_t have = fs::exists(f, ec) ? fs::file_size(f, ec) : 0;
        if (a->size > have) need += a->size - have;
    }
    const std::uint64_t free =
        settings_.install.free_bytes ? settings_.install.free_bytes(dir) : free_disk_bytes(dir);
    if (free < need + (1u << 20)) {
        report("closed", "failure", "Le disque est plein : rien n'est téléchargé, le contenu actuel reste.",
               "disk full: " + std::to_string(need) + " bytes needed, " + std::to_string(free) +
                   " free; nothing changed");
        return "failed: disk full";
    }
    report("proceeding", "none", "Téléchargement du contenu.", "downloading the content bundle");
    for (const DdiArtifact* a : {manifest, signature, payload}) {
        const auto d = http_.download(a->url, dir / a->filename, a->size, a->sha256, &task, keep_going);
        if (d.cancelled) {
            if (!task.cancelled()) fs::remove_all(dir, ec);  // cancelled by the server (not a shutdown)
            return "cancelled";
        }
        if (!d.ok) {
            // A network failure keeps the partial file: the next poll offers the action again and resumes.
            report("proceeding", "none", "Le téléchargement a été interrompu ; il reprendra.",
                   a->filename + ": " + d.error + " (will resume)");
            return "waiting: download interrupted";
        }
    }
    report("downloaded", "none", "Contenu téléchargé et vérifié.", "downloaded, sha256 checked");
    if (update == Handling::Skip) return "downloaded";
    if (window && !*window) {
        report("proceeding", "none", "Installation à la prochaine plage de maintenance.",
               "waiting for the maintenance window");
        return "waiting: maintenance window";
    }
    const bool settings = ends_with(payload->filename, ".toml");
    const std::string stem = payload->filename.substr(0, payload->filename.size() - (settings ? 5 : 7));
    const BundleFiles files{dir / payload->filename, dir / manifest->filename, dir / signature->filename};
    if (stem + ".manifest.json" != manifest->filename || stem + ".manifest.sig" != signature->filename) {
        report("closed", "failure", "Les fichiers du paquet ne vont pas ensemble.",
               "payload, manifest and signature names do not match");
        return "failed: names";
    }
    if (settings) {
        const std::string r = deliver_settings(files, report, out);
        fs::remove_all(dir, ec);
        return r;
    }
    InstallResult result;
    auto prepared = store_.prepare(files, settings_.install, result);
    if (!prepared) {
        report("closed", "failure", result.problem.fr, result.problem.en);
        if (result.code != InstallCode::DiskFull) fs::remove_all(dir, ec);
        return std::string("failed: ") + to_string(result.code);
    }
    if (settings_.defer_activation) {
        // The running kiosk makes it current between sessions, checks it, and reports (FleetJourney).
        report("proceeding", "none", "Contenu vérifié : il sera chargé dès que la borne sera libre.",
               "content " + std::to_string(prepared->manifest.version) +
                   " verified; to be loaded between citizen sessions");
        out.prepared = std::move(*prepared);
        return "prepared";
    }
    // Made current only between citizen sessions: "attempt" waits for the next poll, "forced" waits here.
    while (settings_.session_active && settings_.session_active()) {
        if (update == Handling::Attempt) {
            report("proceeding", "none", "Installation dès que la personne aura fini.",
                   "prepared; waiting for the citizen session to end");
            return "waiting: citizen session";
        }
        if (task.cancelled()) return "cancelled";
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    result = store_.activate(*prepared, settings_.install);
    fs::remove_all(dir, ec);
    if (!result.ok()) {
        report("closed", "failure", result.problem.fr, result.problem.en);
        return std::string("failed: ") + to_string(result.code);
    }
    out.content_changed = true;
    report("closed", "success", "Nouveau contenu installé (version " + std::to_string(result.version) + ").",
           "content " + std::to_string(result.version) + " installed and healthy");
    return "installed";
}

std::string FleetClient::deliver_settings(
    const BundleFiles& files,
    const std::function<void(const std::string&, const std::string&, const std::string&, const std::string&)>&
        report,
    PollOutcome& out) {
    Problem problem;
    auto m = verify_bundle(files, settings_.install.trusted_key, problem);
    if (m && m->kind != "config")
        problem = {"Ce paquet de réglages n'est pas du bon type.",
                   "a .toml payload needs a manifest of kind config"};
    if (!m || m->kind != "config") {
        report("closed", "failure", problem.fr, problem.en);
        return "failed: bad settings bundle";
    }
    std::int64_t applied = 0;
    if (auto text = read_file(settings_.settings_version_file, nullptr, 64))
        applied = std::atoll(text->c_str());
    if (m->version <= applied) {
        report("closed", "failure", "Ces réglages ne sont pas plus récents que ceux appliqués : refusés.",
               "settings " + std::to_string(m->version) + " are not newer than the applied " +
                   std::to_string(applied) + " (replay refused)");
        return "failed: settings replay";
    }
    std::string error;
    auto text = read_file(files.payload, &error, 1 << 20);
    if (!text) {
        report("closed", "failure", "Les réglages sont illisibles.", "settings: " + error);
        return "failed: settings unreadable";
    }
    if (settings_.check_settings) {
        const std::string bad = settings_.check_settings(*text);
        if (!bad.empty()) {
            report("closed", "failure", "Réglages refusés, rien n'a changé : " + bad,
                   "settings refused, nothing changed: " + bad);
            return "failed: settings: " + bad;
        }
    }
    out.settings_text = std::move(*text);
    out.settings_version = m->version;
    report("proceeding", "none", "Réglages vérifiés : appliqués dès que la borne sera libre.",
           "settings " + std::to_string(m->version) + " verified; applied between citizen sessions");
    return "settings";
}

void FleetClient::send_feedback(const std::string& action, const std::string& execution,
                                const std::string& finished, const std::vector<std::string>& details) {
    if (settings_.server.empty() || action.rfind("static-", 0) == 0) {
        std::string all;
        for (const std::string& d : details) all += (all.empty() ? "" : " / ") + d;
        log::info("fleet: ", action, " ", execution, "/", finished, ": ", all);
        return;
    }
    feedback(controller_url("deploymentBase/" + action + "/feedback"), action, execution, finished, details);
}

std::string FleetClient::upload_png(const std::string& url, const std::string& png, const Task* task) {
    const HttpResponse r = http_.request("POST", url, png, {"Content-Type: image/png"}, task);
    if (r.ok()) return "";
    return r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error;
}

PollOutcome FleetClient::poll_static(const Task& task) {
    PollOutcome out;
    out.sleep = settings_.default_sleep;
    std::vector<std::string> headers;
    if (!static_etag_.empty()) headers.push_back("If-None-Match: " + static_etag_);
    const HttpResponse r = http_.request("GET", settings_.static_url, "", headers, &task);
    if (r.status == 304) {
        out.reached = true;
        polls_failed_ = 0;
        return out;
    }
    if (!r.ok()) {
        ++polls_failed_;
        out.error = r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error;
        return out;
    }
    out.reached = true;
    polls_failed_ = 0;
    std::int64_t version = 0;
    int percent = 100;
    std::vector<DdiArtifact> artifacts;
    try {
        const json j = json::parse(r.body);
        version = json_integer<std::int64_t>(j, "version");
        percent = j.value("rollout_percent", 100);
        for (const json& a : j.at("artifacts")) {
            DdiArtifact art{a.at("filename").get<std::string>(), a.at("sha256").get<std::string>(),
                            a.at("url").get<std::string>(), a.value("size", std::uint64_t{0})};
            // Relative URLs are relative to the channel file.
            if (art.url.find("://") == std::string::npos)
                art.url =
                    settings_.static_url.substr(0, settings_.static_url.find_last_of('/') + 1) + art.url;
            if (!safe_filename(art.filename) || art.sha256.size() != 64)
                throw std::runtime_error("bad artifact");
            artifacts.push_back(std::move(art));
        }
    } catch (const std::exception& e) {
        out.error = std::string("the channel file is not valid: ") + e.what();
        return out;
    }
    const auto cur = store_.current();
    out.action_id = "static-" + std::to_string(version);
    if (cur && cur->version >= version) {
        static_etag_ = r.etag;
        out.action_result = "up to date";
        return out;
    }
    if (rollout_bucket(settings_.controller_id, version) >= percent) {
        static_etag_ = r.etag;  // asked again when the channel changes (a larger percentage)
        out.action_result = "not in this rollout";
        return out;
    }
    auto report = [&](const std::string& execution, const std::string& finished, const std::string&,
                      const std::string& en) { log::info("fleet: ", execution, "/", finished, ": ", en); };
    out.action_result =
        deliver(out.action_id, artifacts, Handling::Forced, std::nullopt, task, {}, report, out);
    // Done or refused for good: remember the ETag. Waiting or interrupted: ask again next time.
    if (out.action_result.rfind("waiting", 0) != 0 && out.action_result != "cancelled") static_etag_ = r.etag;
    return out;
}

}  // namespace kiosk::fleet
