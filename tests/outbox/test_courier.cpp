// The kiosk's courier: the one outbox, owned by the Kiosk, drained by tasks when a message is added and when
// its retry falls due, to a real HTTP server on loopback; sent messages are pruned after a while.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>

#include "kiosk/core/kiosk.hpp"
#include "loopback_http.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
// Lets the courier's tasks end and their answers run on the "UI thread" (the test's).
void settle(Kiosk& k) {
    for (int i = 0; i < 4; ++i) {
        REQUIRE(k.tasks().wait_idle(10s));
        k.run_queue().run_pending();
    }
}
}  // namespace

TEST_CASE("a message added anywhere is sent by the kiosk's courier, and retried when its backoff is due") {
    std::atomic<int> calls{0};
    test::LoopbackHttpServer server([&](const test::HttpRequest&) {
        return calls++ == 0 ? test::HttpAnswer{503, "{}"} : test::HttpAnswer{201, "{}"};
    });
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    config.outbox_url = server.url("/messages");
    ManualWallClock wall(test::test_date());
    TimePoint t{};
    Kiosk kiosk(config, Translator{}, t, wall);
    REQUIRE(kiosk.outbox()->ok());
    CHECK(kiosk.courier().status().has_server);
    CHECK_FALSE(kiosk.next_wakeup(t));  // attract: no session timer, nothing to retry

    REQUIRE(kiosk.outbox()->enqueue("help.request", "help:1", R"({"screen":"home"})", wall.now()).status ==
            outbox::Enqueued::Added);
    settle(kiosk);  // the listener told the courier on the UI thread; its drain ran as a task
    CHECK(server.requests().size() == 1);
    CHECK(kiosk.courier().status().pending == 1);
    CHECK(kiosk.courier().status().last_error == "HTTP 503");
    const auto wake = kiosk.next_wakeup(t);
    REQUIRE(wake);  // the runner wakes the kiosk for the retry
    CHECK(*wake - t >= 15s);
    CHECK(*wake - t <= 30s);

    kiosk.dispatch(ev::Tick{}, t + 5s);  // not due yet: nothing is sent
    settle(kiosk);
    CHECK(server.requests().size() == 1);

    wall.advance(31s);
    kiosk.dispatch(ev::Tick{}, t + 31s);
    settle(kiosk);
    CHECK(server.requests().size() == 2);
    CHECK(kiosk.courier().status().pending == 0);
    CHECK(kiosk.courier().status().sent_total == 1);
    CHECK(kiosk.outbox()->find("help:1")->state == outbox::State::Sent);
    CHECK_FALSE(kiosk.next_wakeup(t + 31s));
}

TEST_CASE("without a server messages are kept and counted, a later start with one sends them, then prunes") {
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    ManualWallClock wall(test::test_date());
    {
        Kiosk kiosk(config, Translator{}, TimePoint{}, wall);
        CHECK_FALSE(kiosk.courier().status().has_server);
        kiosk.outbox()->enqueue("heartbeat", "hb:1", "{}", wall.now());
        kiosk.outbox()->enqueue("heartbeat", "hb:2", "{}", wall.now());
        settle(kiosk);
        CHECK(kiosk.courier().status().pending == 2);  // shown on the agent page
        CHECK(kiosk.outbox()->count(outbox::State::Pending) == 2);
    }
    test::LoopbackHttpServer server([](const test::HttpRequest&) { return test::HttpAnswer{200, "{}"}; });
    config.outbox_url = server.url("/messages");
    {
        Kiosk kiosk(config, Translator{}, TimePoint{}, wall);  // what the last run left is sent at start
        settle(kiosk);
        CHECK(server.requests().size() == 2);
        CHECK(kiosk.outbox()->count(outbox::State::Sent) == 2);
    }
    wall.advance(std::chrono::hours(24 * 31));
    {
        Kiosk kiosk(config, Translator{}, TimePoint{}, wall);
        kiosk.outbox()->enqueue("heartbeat", "hb:3", "{}", wall.now());
        settle(kiosk);
        CHECK(kiosk.outbox()->count(outbox::State::Sent) == 1);  // a month later the first two are gone
        CHECK_FALSE(kiosk.outbox()->find("hb:1"));
    }
}

TEST_CASE("an outbox address that is not https is refused by the configuration check") {
    test::TempDir dir;
    const std::string base = "[kiosk]\nid = \"k\"\nsite = \"s\"\n[paths]\ncontent = \"" +
                             (test::source_dir() / "content").string() + "\"\ndata = \"" + dir.path.string() +
                             "\"\n[position]\nlatitude = 45.43\nlongitude = 4.39\n[outbox]\n";
    ConfigResult bad =
        parse_config(base + "url = \"http://fleet.example.fr/messages\"\n", dir.path, "k.toml");
    bool refused = false;
    for (const auto& e : bad.errors) refused = refused || e.key == "outbox.url";
    CHECK(refused);
    ConfigResult good =
        parse_config(base + "url = \"https://fleet.example.fr/messages\"\n", dir.path, "k.toml");
    for (const auto& e : good.errors) CHECK(e.key != "outbox.url");
}
