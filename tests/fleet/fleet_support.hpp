#pragma once
// What the fleet tests share: a small copy of the shipped content, signed bundles made from it, nginx from
// Debian serving artifacts on a free loopback port (Range and ETag on), and a DDI server (the published
// hawkBit DDI API's controller side) on the loopback HTTP server of tests/support.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/fleet/bundle.hpp"
#include "kiosk/core/fleet/content_store.hpp"
#include "loopback_http.hpp"
#include "test_support.hpp"

extern char** environ;

namespace kiosk::test {

namespace fs = std::filesystem;

// The shipped content, with the gazetteer cut to its first `communes` lines (quick to build), into `dir`.
inline void small_content(const fs::path& dir, std::size_t communes = 1500) {
    const fs::path src = source_dir() / "content";
    for (const auto& e : fs::directory_iterator(src)) {
        const std::string name = e.path().filename().string();
        if (name == "tools" || name == "communes.tsv") continue;
        fs::copy(e.path(), dir / name, fs::copy_options::recursive);
    }
    std::ifstream in(src / "communes.tsv");
    std::ofstream out(dir / "communes.tsv");
    std::string line;
    for (std::size_t i = 0; i < communes && std::getline(in, line); ++i) out << line << "\n";
}

// Keys made once per test (libsodium), and bundles signed with them.
struct Signer {
    fs::path dir;
    fleet::SecretKey secret{};
    fleet::PublicKey public_key{};
    explicit Signer(const fs::path& d) : dir(d) {
        fleet::generate_keys(dir / "secret.key", dir / "public.key");
        std::string e;
        secret = *fleet::read_secret_key(dir / "secret.key", e);
        public_key = *fleet::read_public_key(dir / "public.key", e);
    }
    fleet::BundleFiles build(const fs::path& content, std::int64_t version, const std::string& stem,
                             const std::string& min_app = "0.1.0") const {
        const fleet::BundleFiles files = fleet::BundleFiles::at(dir, stem);
        fleet::BuildOptions o;
        o.version = version;
        o.min_app_version = min_app;
        o.clock = &test_clock();
        fleet::build_bundle(content, files, o);
        fleet::sign_bundle(files, secret);
        return files;
    }
    fleet::InstallOptions options() const {
        fleet::InstallOptions o;
        o.trusted_key = public_key;
        o.app_version = "1.0.0";
        return o;
    }
};

inline int free_loopback_port() {
    LoopbackHttpServer probe([](const HttpRequest&) { return HttpAnswer{}; });
    return probe.port();
}

// nginx (Debian's nginx-light) serving `root` on 127.0.0.1; /slow/ is the same tree at `slow_rate`.
class Nginx {
  public:
    explicit Nginx(const fs::path& work, const std::string& slow_rate = "100k") : dir_(work / "nginx") {
        fs::create_directories(dir_ / "www");
        fs::create_directories(dir_ / "tmp");
        port_ = free_loopback_port();
        const std::string d = dir_.string();
        std::ofstream conf(dir_ / "nginx.conf");
        conf << "worker_processes 1;\nerror_log " << d << "/error.log;\npid " << d << "/nginx.pid;\n"
             << "events { worker_connections 64; }\nhttp {\n  access_log " << d
             << "/access.log;\n  client_body_temp_path " << d << "/tmp;\n  proxy_temp_path " << d
             << "/tmp;\n  fastcgi_temp_path " << d << "/tmp;\n  uwsgi_temp_path " << d
             << "/tmp;\n  scgi_temp_path " << d << "/tmp;\n"
             << "  types { application/json json; application/octet-stream sqlite sig; }\n"
             << "  server {\n    listen 127.0.0.1:" << port_ << ";\n    root " << d << "/www;\n    etag on;\n"
             << "    location /slow/ { alias " << d << "/www/; limit_rate " << slow_rate << "; }\n  }\n}\n";
        conf.close();
        const std::string c = (dir_ / "nginx.conf").string(), e = (dir_ / "error.log").string();
        std::vector<std::string> args = {"/usr/sbin/nginx", "-p", d, "-c", c, "-e", e, "-g", "daemon off;"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("nginx cannot start: is Debian's nginx-light installed?");
        for (int i = 0; i < 200; ++i) {  // until it listens
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            if (fs::exists(dir_ / "nginx.pid")) return;
        }
        throw std::runtime_error("nginx did not start: " + dir_.string() + "/error.log");
    }
    ~Nginx() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }
    Nginx(const Nginx&) = delete;
    Nginx& operator=(const Nginx&) = delete;
    fs::path www() const { return dir_ / "www"; }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
    }
    // Lines of the access log (combined format: … "GET /x HTTP/1.1" 206 …).
    std::vector<std::string> log() const {
        std::vector<std::string> lines;
        std::ifstream in(dir_ / "access.log");
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        return lines;
    }
    // Whether a line of the access log holds both `a` and `b`; nginx writes the line just after the answer,
    // so it is waited for (up to 2 s).
    bool logged(const std::string& a, const std::string& b) const {
        for (int i = 0; i < 200; ++i) {
            for (const std::string& l : log())
                if (l.find(a) != std::string::npos && l.find(b) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }
    // Copies a bundle's three files into the served tree.
    void publish(const fleet::BundleFiles& f) const {
        for (const fs::path& p : {f.payload, f.manifest, f.signature})
            fs::copy_file(p, www() / p.filename(), fs::copy_options::overwrite_existing);
    }

  private:
    fs::path dir_;
    int port_ = 0;
    pid_t pid_ = -1;
};

// An artifact as DDI describes it, served by nginx.
inline nlohmann::json ddi_artifact(const fs::path& file, const std::string& url) {
    return {{"filename", file.filename().string()},
            {"size", fs::file_size(file)},
            {"hashes", {{"sha256", fleet::sha256_file(file)}, {"sha1", ""}, {"md5", ""}}},
            {"_links", {{"download-http", {{"href", url}}}}}};
}

// The controller side of hawkBit's DDI API for one target, on loopback: polling, deploymentBase, cancel,
// feedback, configData, and the target token check (401 without it).
class DdiServer {
  public:
    std::string tenant = "DEFAULT", controller = "kiosk-1", token = "tok-3f9a";

    explicit DdiServer(int port = 0) { start(port); }
    void start(int port = 0) {
        http_ =
            std::make_unique<LoopbackHttpServer>([this](const HttpRequest& r) { return handle(r); }, port);
    }
    void stop() { http_.reset(); }
    int port() const { return http_->port(); }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port()); }

    // A deployment action (download, update: skip|attempt|forced; window: "" none, available, unavailable).
    void deploy(const std::string& id, nlohmann::json artifacts, const std::string& download = "forced",
                const std::string& update = "forced", const std::string& window = "") {
        std::lock_guard l(m_);
        action_ = id;
        artifacts_ = std::move(artifacts);
        download_ = download;
        update_ = update;
        window_ = window;
    }
    void set_window(const std::string& w) {
        std::lock_guard l(m_);
        window_ = w;
    }
    void cancel(const std::string& cancel_id) {
        std::lock_guard l(m_);
        cancel_ = cancel_id;
    }
    void ask_config() {
        std::lock_guard l(m_);
        want_config_ = true;
    }
    std::vector<nlohmann::json> feedbacks() const {
        std::lock_guard l(m_);
        return feedbacks_;
    }
    std::vector<nlohmann::json> configs() const {
        std::lock_guard l(m_);
        return configs_;
    }
    std::size_t unauthorised() const {
        std::lock_guard l(m_);
        return unauthorised_;
    }
    bool action_open() const {
        std::lock_guard l(m_);
        return !action_.empty();
    }

  private:
    HttpAnswer handle(const HttpRequest& r) {
        std::lock_guard l(m_);
        if (r.header("authorization") != "TargetToken " + token) {
            ++unauthorised_;
            return {401, R"({"errorCode":"hawkbit.server.error.security"})"};
        }
        const std::string root = "/" + tenant + "/controller/v1/" + controller;
        const std::string link = base() + root;
        std::string path = r.target.substr(0, r.target.find('?'));
        if (path.rfind(root, 0) != 0) return {404, "{}"};
        path = path.substr(root.size());
        using nlohmann::json;
        if (r.method == "GET" && path.empty()) {
            json j = {{"config", {{"polling", {{"sleep", "00:00:01"}}}}}, {"_links", json::object()}};
            if (!cancel_.empty())
                j["_links"]["cancelAction"] = {{"href", link + "/cancelAction/" + cancel_}};
            else if (!action_.empty())
                j["_links"]["deploymentBase"] = {
                    {"href", link + "/deploymentBase/" + action_ + "?c=-2129030598"}};
            if (want_config_) j["_links"]["configData"] = {{"href", link + "/configData"}};
            return {200, j.dump(), "application/hal+json"};
        }
        if (r.method == "PUT" && path == "/configData") {
            configs_.push_back(json::parse(r.body));
            want_config_ = false;
            return {200, ""};
        }
        if (r.method == "GET" && !action_.empty() && path == "/deploymentBase/" + action_) {
            json dep = {{"download", download_},
                        {"update", update_},
                        {"chunks", json::array({{{"part", "bApp"},
                                                 {"version", action_},
                                                 {"name", "content"},
                                                 {"artifacts", artifacts_}}})}};
            if (!window_.empty()) dep["maintenanceWindow"] = window_;
            return {200, json({{"id", action_}, {"deployment", dep}}).dump(), "application/hal+json"};
        }
        if (r.method == "POST" && path.size() > 9 && path.compare(path.size() - 9, 9, "/feedback") == 0) {
            json fb = json::parse(r.body);
            fb["path"] = path;
            feedbacks_.push_back(fb);
            if (fb["status"]["execution"] == "closed") {
                if (path.rfind("/cancelAction/", 0) == 0) cancel_.clear();
                action_.clear();
            }
            return {200, ""};
        }
        if (r.method == "GET" && !cancel_.empty() && path == "/cancelAction/" + cancel_)
            return {200, json({{"id", cancel_}, {"cancelAction", {{"stopId", action_}}}}).dump()};
        return {404, "{}"};
    }

    mutable std::mutex m_;
    std::string action_, download_, update_, window_, cancel_;
    nlohmann::json artifacts_ = nlohmann::json::array();
    bool want_config_ = true;
    std::vector<nlohmann::json> feedbacks_, configs_;
    std::size_t unauthorised_ = 0;
    std::unique_ptr<LoopbackHttpServer> http_;
};

}  // namespace kiosk::test
