// The poller on the kiosk's real task runner: polls run on a worker, outcomes come back through the run
// queue, the next poll is due after the server's sleep (± jitter), and a new content is announced.
#include <catch2/catch.hpp>

#include "fleet_support.hpp"
#include "kiosk/core/fleet/poller.hpp"
#include "kiosk/core/run_queue.hpp"

using namespace kiosk;
using namespace kiosk::fleet;
using kiosk::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("the poller runs polls on the task runner at the server's rhythm and announces new content") {
    TempDir tmp;
    const fs::path content = tmp.path / "content";
    fs::create_directories(content);
    kiosk::test::small_content(content);
    kiosk::test::Signer signer(tmp.path);
    ContentStore store(tmp.path / "store");
    REQUIRE(store.install(signer.build(content, 1, "content-1"), signer.options()).ok());
    kiosk::test::Nginx nginx(tmp.path);
    kiosk::test::DdiServer ddi;

    FleetSettings s;
    s.server = ddi.base();
    s.controller_id = ddi.controller;
    s.http.target_token = ddi.token;
    s.download_dir = tmp.path / "downloads";
    s.install = signer.options();
    RunQueue ui;
    TaskRunner tasks(ui);
    std::vector<PollOutcome> heard;
    FleetPoller poller(std::make_shared<FleetClient>(s, store), tasks,
                       [&](const PollOutcome& o) { heard.push_back(o); });
    auto settle = [&] {
        REQUIRE(tasks.wait_idle(std::chrono::seconds(20)));
        ui.run_pending();
    };
    const TimePoint t0{};  // the loop's clock, given: nothing here waits for real time
    poller.start(t0);
    CHECK(poller.polling());
    settle();
    REQUIRE(heard.size() == 1);
    CHECK(heard[0].reached);
    REQUIRE(poller.next_wakeup());
    CHECK(*poller.next_wakeup() >= t0 + std::chrono::milliseconds(900));  // "00:00:01" ± 10 %
    CHECK(*poller.next_wakeup() <= t0 + std::chrono::milliseconds(1100));
    poller.tick(t0 + std::chrono::milliseconds(500));  // not yet due
    CHECK_FALSE(poller.polling());

    const BundleFiles b = signer.build(content, 2, "content-2");
    nginx.publish(b);
    json artifacts = json::array();
    for (const fs::path& p : {b.payload, b.manifest, b.signature})
        artifacts.push_back(kiosk::test::ddi_artifact(p, nginx.url(p.filename().string())));
    ddi.deploy("30", artifacts);
    poller.tick(t0 + std::chrono::seconds(2));
    CHECK(poller.polling());
    settle();
    REQUIRE(heard.size() == 2);
    CHECK(heard[1].action_result == "installed");
    CHECK(heard[1].content_changed);
    CHECK(store.current()->version == 2);
    CHECK(poller.polls() == 2);
}
