// The DDI client against a DDI server on loopback (hawkBit's controller API) with the artifacts served by
// Debian's nginx: polling, token, configData, deployment, feedback, resume, full disk, outage, cancel,
// maintenance window, citizen sessions, OS bundles, and the static-host mode.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "fleet_support.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/fleet/ddi.hpp"

using namespace kiosk;
using namespace kiosk::fleet;
using kiosk::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Fleet {
    TempDir tmp;
    fs::path content = tmp.path / "content";
    kiosk::test::Signer signer{tmp.path};
    ContentStore store{tmp.path / "store"};
    kiosk::test::Nginx nginx{tmp.path};
    kiosk::test::DdiServer ddi;
    std::atomic<bool> session{false};

    Fleet() {
        fs::create_directories(content);
        kiosk::test::small_content(content);
        REQUIRE(store.install(signer.build(content, 1, "content-1"), signer.options()).ok());
    }
    FleetSettings settings() {
        FleetSettings s;
        s.server = ddi.base();
        s.controller_id = ddi.controller;
        s.http.target_token = ddi.token;
        s.http.timeout_ms = 5000;
        s.download_dir = tmp.path / "downloads";
        s.install = signer.options();
        s.cancel_check = std::chrono::milliseconds(100);
        s.attributes = [] { return std::map<std::string, std::string>{{"site", "Mairie de Melun"}}; };
        s.session_active = [this] { return session.load(); };
        s.clock = &kiosk::test::test_clock();
        return s;
    }
    // Publishes bundle `version` on nginx and returns its DDI artifacts (under `prefix`, "slow/" =
    // rate-limited).
    json publish(std::int64_t version, const std::string& prefix = "") {
        const BundleFiles b = signer.build(content, version, "content-" + std::to_string(version));
        nginx.publish(b);
        json a = json::array();
        for (const fs::path& p : {b.payload, b.manifest, b.signature})
            a.push_back(kiosk::test::ddi_artifact(p, nginx.url(prefix + p.filename().string())));
        return a;
    }
    std::vector<std::string> executions() const {
        std::vector<std::string> out;
        for (const json& f : ddi.feedbacks())
            out.push_back(f["status"]["execution"].get<std::string>() + "/" +
                          f["status"]["result"]["finished"].get<std::string>());
        return out;
    }
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("a poll is a heartbeat with the target token, and configData gets the kiosk attributes") {
    Fleet f;
    FleetClient client(f.settings(), f.store);
    Task task;
    const PollOutcome o = client.poll_once(task);
    REQUIRE(o.reached);
    CHECK(o.sleep == std::chrono::seconds(1));  // config.polling.sleep "00:00:01"
    const auto delay = client.next_delay(o);
    CHECK(delay >= std::chrono::milliseconds(900));
    CHECK(delay <= std::chrono::milliseconds(1100));
    REQUIRE(f.ddi.configs().size() == 1);
    const json c = f.ddi.configs()[0];
    CHECK(c["mode"] == "merge");
    CHECK(c["data"]["content_version"] == "1");
    CHECK(c["data"]["app_version"] == "1.0.0");
    CHECK(c["data"]["site"] == "Mairie de Melun");
    CHECK(c["data"].contains("free_disk_mb"));
    CHECK(client.poll_once(task).reached);
    CHECK(f.ddi.configs().size() == 1);  // not asked again
    CHECK(f.ddi.unauthorised() == 0);

    auto wrong = f.settings();
    wrong.http.target_token = "stolen";
    FleetClient intruder(wrong, f.store);
    const PollOutcome bad = intruder.poll_once(task);
    CHECK_FALSE(bad.reached);
    CHECK(bad.error == "HTTP 401");
    CHECK(f.ddi.unauthorised() == 1);
}

TEST_CASE(
    "a deployment is downloaded, verified, installed, and every step is reported in French and English") {
    Fleet f;
    f.ddi.deploy("12", f.publish(2));
    FleetClient client(f.settings(), f.store);
    Task task;
    const PollOutcome o = client.poll_once(task);
    CHECK(o.action_id == "12");
    CHECK(o.action_result == "installed");
    CHECK(o.content_changed);
    CHECK(f.store.current()->version == 2);
    CHECK(f.store.previous()->version == 1);
    const auto ex = f.executions();
    REQUIRE(ex.size() >= 3);
    CHECK(ex.front() == "proceeding/none");
    CHECK(contains(ex, "downloaded/none"));
    CHECK(ex.back() == "closed/success");
    const json last = f.ddi.feedbacks().back();
    CHECK(last["path"] == "/deploymentBase/12/feedback");
    CHECK(last["id"] == "12");
    CHECK(last["time"] == "20261124T090000");
    REQUIRE(last["status"]["details"].size() == 2);
    CHECK(last["status"]["details"][0].get<std::string>().find("Nouveau contenu installé") == 0);
    CHECK(last["status"]["details"][1].get<std::string>().find("installed and healthy") != std::string::npos);
    CHECK_FALSE(f.ddi.action_open());
    CHECK(client.poll_once(task).action_id.empty());  // nothing left to do
}

TEST_CASE("an OS bundle is reported as not supported here, and nothing changes") {
    Fleet f;
    const fs::path raucb = f.nginx.www() / "kiosk-os-2.raucb";
    std::ofstream(raucb) << "not a real RAUC bundle";
    f.ddi.deploy("13", json::array({kiosk::test::ddi_artifact(raucb, f.nginx.url("kiosk-os-2.raucb"))}));
    FleetClient client(f.settings(), f.store);
    Task task;
    const PollOutcome o = client.poll_once(task);
    CHECK(o.action_result == "failed: OS bundle not supported here");
    const json last = f.ddi.feedbacks().back();
    CHECK(last["status"]["execution"] == "closed");
    CHECK(last["status"]["result"]["finished"] == "failure");
    CHECK(last["status"]["details"][1].get<std::string>().find("not supported here") != std::string::npos);
    CHECK(f.store.current()->version == 1);
}

TEST_CASE("a truncated download resumes with a Range request") {
    Fleet f;
    const json artifacts = f.publish(2);
    f.ddi.deploy("14", artifacts);
    // What a power cut in the middle of the download left: the first 40 % of the payload.
    const fs::path part = f.tmp.path / "downloads/action-14/content-2.sqlite";
    fs::create_directories(part.parent_path());
    const std::string whole = *read_file(f.nginx.www() / "content-2.sqlite");
    std::ofstream(part, std::ios::binary) << whole.substr(0, whole.size() * 2 / 5);
    FleetClient client(f.settings(), f.store);
    Task task;
    CHECK(client.poll_once(task).action_result == "installed");
    CHECK(f.nginx.logged("GET /content-2.sqlite", "\" 206 "));
    CHECK(f.store.current()->version == 2);

    // A partial file that is not the start of the artifact: the sha256 catches it, it is fetched again whole.
    f.ddi.deploy("15", f.publish(3));
    const fs::path bad = f.tmp.path / "downloads/action-15/content-3.sqlite";
    fs::create_directories(bad.parent_path());
    std::ofstream(bad, std::ios::binary) << std::string(10000, 'x');
    CHECK(client.poll_once(task).action_result == "installed");
    CHECK(f.store.current()->version == 3);
}

TEST_CASE("a full disk is reported before any download, and nothing changes") {
    Fleet f;
    f.ddi.deploy("16", f.publish(2));
    auto s = f.settings();
    s.install.free_bytes = [](const fs::path&) { return std::uint64_t{600000}; };
    FleetClient client(s, f.store);
    Task task;
    CHECK(client.poll_once(task).action_result == "failed: disk full");
    const json last = f.ddi.feedbacks().back();
    CHECK(last["status"]["result"]["finished"] == "failure");
    CHECK(last["status"]["details"][0].get<std::string>().find("disque est plein") != std::string::npos);
    for (const std::string& l : f.nginx.log()) CHECK(l.find("content-2.sqlite") == std::string::npos);
    CHECK(f.store.current()->version == 1);
}

TEST_CASE("with the server down the kiosk keeps its content, and says so when the server is back") {
    Fleet f;
    FleetClient client(f.settings(), f.store);
    Task task;
    REQUIRE(client.poll_once(task).reached);
    const int port = f.ddi.port();
    f.ddi.stop();
    for (int i = 0; i < 3; ++i) {
        const PollOutcome o = client.poll_once(task);
        CHECK_FALSE(o.reached);
        CHECK(o.error.find("network") == 0);
        CHECK(client.next_delay(o) >= std::chrono::milliseconds(270000));  // the default sleep, ± jitter
    }
    CHECK(client.polls_failed() == 3);
    CHECK(f.store.current()->version == 1);
    CHECK(ContentStore::check(*f.store.current()).empty());
    f.ddi.start(port);
    REQUIRE(client.poll_once(task).reached);
    REQUIRE(f.ddi.configs().size() == 2);  // asked once, then sent again after the outage
    CHECK(f.ddi.configs().back()["data"]["polls_failed"] == "3");
    CHECK(client.polls_failed() == 0);
}

TEST_CASE("a cancel during the download stops it, and is confirmed") {
    Fleet f;
    f.ddi.deploy("17", f.publish(2, "slow/"));  // 100 KB/s: the payload takes many seconds
    FleetClient client(f.settings(), f.store);
    PollOutcome o;
    std::thread poller([&] {
        Task task;
        o = client.poll_once(task);
    });
    const fs::path part = f.tmp.path / "downloads/action-17/content-2.sqlite";
    for (int i = 0; i < 500 && !(fs::exists(part) && fs::file_size(part) > 0); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto t0 = std::chrono::steady_clock::now();
    f.ddi.cancel("18");
    poller.join();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    CHECK(o.action_result == "cancelled");
    CHECK_FALSE(fs::exists(part));
    CHECK(f.store.current()->version == 1);
    const json last = f.ddi.feedbacks().back();
    CHECK(last["path"] == "/cancelAction/18/feedback");
    CHECK(last["status"]["execution"] == "closed");
    CHECK_FALSE(f.ddi.action_open());
}

TEST_CASE(
    "outside the maintenance window the bundle waits downloaded, and is installed when the window opens") {
    Fleet f;
    f.ddi.deploy("19", f.publish(2), "forced", "forced", "unavailable");
    FleetClient client(f.settings(), f.store);
    Task task;
    CHECK(client.poll_once(task).action_result == "waiting: maintenance window");
    CHECK(f.store.current()->version == 1);
    CHECK(f.ddi.action_open());
    REQUIRE(f.nginx.logged("GET /content-2.sqlite", "\" 200 "));  // the log is complete
    const std::size_t gets = f.nginx.log().size();
    f.ddi.set_window("available");
    CHECK(client.poll_once(task).action_result == "installed");
    CHECK(f.nginx.log().size() == gets);  // not downloaded again
    CHECK(f.store.current()->version == 2);
}

TEST_CASE("new content is made current only between citizen sessions") {
    Fleet f;
    f.session = true;
    f.ddi.deploy("20", f.publish(2), "forced", "attempt");
    FleetClient client(f.settings(), f.store);
    Task task;
    CHECK(client.poll_once(task).action_result == "waiting: citizen session");
    CHECK(f.store.current()->version == 1);
    f.session = false;
    CHECK(client.poll_once(task).action_result == "installed");
    CHECK(f.store.current()->version == 2);
    // "forced": the worker waits for the session's end, then installs.
    f.session = true;
    f.ddi.deploy("21", f.publish(3), "forced", "forced");
    PollOutcome o;
    std::thread poller([&] { o = client.poll_once(task); });
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(f.store.current()->version == 2);
    f.session = false;
    poller.join();
    CHECK(o.action_result == "installed");
    CHECK(f.store.current()->version == 3);
}

TEST_CASE("static host: If-None-Match, a staged rollout by a stable hash of the kiosk id, the same install") {
    Fleet f;
    const json artifacts = f.publish(2);
    auto channel = [&](int percent) {
        json c = {{"version", 2}, {"rollout_percent", percent}, {"artifacts", json::array()}};
        for (const json& a : artifacts)
            c["artifacts"].push_back({{"filename", a["filename"]},
                                      {"sha256", a["hashes"]["sha256"]},
                                      {"size", a["size"]},
                                      {"url", a["filename"]}});  // relative to the channel file
        std::ofstream(f.nginx.www() / "channel.json") << c.dump();
    };
    // Two kiosks, one in the first 30 % and one not (the buckets are stable: sha256 of id and version).
    std::string in, out;
    for (int i = 0; in.empty() || out.empty(); ++i) {
        const std::string id = "kiosk-" + std::to_string(i);
        (rollout_bucket(id, 2) < 30 ? in : out) = id;
    }
    CHECK(rollout_bucket(in, 2) == rollout_bucket(in, 2));
    channel(30);
    auto s = f.settings();
    s.server.clear();
    s.static_url = f.nginx.url("channel.json");
    s.controller_id = out;
    TempDir other;
    ContentStore out_store(other.path / "store");
    REQUIRE(out_store.install(BundleFiles::at(f.tmp.path, "content-1"), f.signer.options()).ok());
    FleetClient left_out(s, out_store);
    Task task;
    CHECK(left_out.poll_once(task).action_result == "not in this rollout");
    CHECK(out_store.current()->version == 1);
    s.controller_id = in;
    FleetClient chosen(s, f.store);
    CHECK(chosen.poll_once(task).action_result == "installed");
    CHECK(f.store.current()->version == 2);
    const PollOutcome again = chosen.poll_once(task);
    CHECK(again.reached);
    CHECK(again.action_id.empty());  // 304: nothing read
    CHECK(f.nginx.logged("GET /channel.json", "\" 304 "));
    // The rollout widens: the channel file changes (new ETag), the kiosk left out now takes it.
    channel(100);
    CHECK(left_out.poll_once(task).action_result == "installed");
    CHECK(out_store.current()->version == 2);
}

TEST_CASE("DDI answers that are not what the API describes are refused with a reason") {
    std::string e;
    CHECK(parse_sleep("00:05:00") == std::chrono::seconds(300));
    CHECK(parse_sleep("12:00:00") == std::chrono::seconds(43200));
    CHECK_FALSE(parse_sleep("5 minutes"));
    CHECK_FALSE(parse_sleep("00:75:00"));
    CHECK_FALSE(parse_sleep("-1111111288:05:0"));  // found by fuzz_fleet: hours overflowed an int
    CHECK_FALSE(parse_sleep("99999:00:00"));
    CHECK_FALSE(parse_sleep("00:05:00x"));
    CHECK(parse_sleep("8760:00:00") == std::chrono::seconds(8760L * 3600));
    CHECK_FALSE(parse_controller_base("<html>proxy error</html>", e));
    CHECK(e.find("not the DDI JSON") != std::string::npos);
    CHECK_FALSE(parse_controller_base(R"({"config":{"polling":{"sleep":"soon"}}})", e));
    CHECK(e.find("HH:MM:SS") != std::string::npos);
    const std::string artifact =
        R"({"filename":"c.sqlite","size":1,"hashes":{"sha256":"0000000000000000000000000000000000000000000000000000000000000000"},"_links":{"download":{"href":"https://h/c"}}})";
    auto dep = [&](const std::string& id, const std::string& a) {
        return R"({"id":")" + id +
               R"(","deployment":{"download":"forced","update":"forced","chunks":[{"part":"bApp","artifacts":[)" +
               a + "]}]}}";
    };
    CHECK(parse_deployment(dep("42", artifact), e));
    CHECK_FALSE(parse_deployment(dep("../../etc", artifact), e));  // the id names a folder
    CHECK(e.find("not a plain id") != std::string::npos);
    std::string no_hash = artifact;
    no_hash.replace(no_hash.find("0000"), 64, "abc");
    CHECK_FALSE(parse_deployment(dep("42", no_hash), e));
    std::string traversal = artifact;
    traversal.replace(traversal.find("c.sqlite"), 8, "../x.sqlite");
    CHECK_FALSE(parse_deployment(dep("42", traversal), e));
    CHECK(e.find("safe name") != std::string::npos);
}
