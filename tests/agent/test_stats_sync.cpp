// Statistics through the outbox to a collector on loopback (one JSON a finished day, the small-count rule per
// day, the audit journal's head with them), and "Synchroniser maintenant": a message waiting out its backoff
// goes at once, each step's line comes back to the agent page, and a step added by the app (the fleet's
// place) runs on a worker.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>

#include <nlohmann/json.hpp>

#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/stats_export.hpp"
#include "loopback_http.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
void settle(Kiosk& k) {
    for (int i = 0; i < 6; ++i) {
        REQUIRE(k.tasks().wait_idle(10s));
        k.run_queue().run_pending();
    }
}
int free_port() {
    test::LoopbackHttpServer probe([](const test::HttpRequest&) { return test::HttpAnswer{}; });
    return probe.port();
}
void unlock(Kiosk& kiosk, TimePoint& t) {
    for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
    for (char d : std::string("2468")) kiosk.act(Intent{"agent.pin.digit", std::string(1, d)}, t += 100ms);
    kiosk.act(Intent{"agent.pin.ok", {}}, t += 100ms);
    settle(kiosk);
    REQUIRE(kiosk.screen() == Screen::AgentHome);
}
}  // namespace

TEST_CASE("stats_messages: one message a finished day, counts under 5 left out, groups in their last day") {
    const std::vector<StatRow> rows = {
        {"2026-11-22", "searches", 12},
        {"2026-11-22", "help_requests", 3},
        {"2026-11-23", "tickets_printed", 5},
        {"2026-11-23", "help_requests", 1},
        {"2026-11-24", "searches", 40},  // today: not finished, not sent
        {"2026-11-18/2026-11-23", "sessions_started", 5},
        {"2026-11-10", "searches", 9},  // older than the week looked at
    };
    const AuditJournal::Head head{42, std::string(64, 'a')};
    const auto messages = stats_messages(rows, "demo-0001", "2026-11-24", head);
    REQUIRE(messages.size() == 2);  // the 22nd and the 23rd; the days the kiosk counted nothing are not sent
    CHECK(messages[0].kind == "stats.daily");
    CHECK(messages[0].key == "stats:demo-0001:2026-11-22");
    const json d22 = json::parse(messages[0].payload);
    CHECK(d22["type"] == "kiosk.stats.daily");
    CHECK(d22["day"] == "2026-11-22");
    CHECK(d22["iso_week"] == "2026-W47");
    CHECK(d22["counts"] == json{{"searches", 12}});  // 3 help requests: left out, never "3"
    CHECK(d22["groups"].empty());
    CHECK(d22["journal"] == json{{"entries", 42}, {"head", std::string(64, 'a')}});
    const json d23 = json::parse(messages[1].payload);
    CHECK(d23["counts"] == json{{"tickets_printed", 5}});
    REQUIRE(d23["groups"].size() == 1);
    CHECK(d23["groups"][0] ==
          json{{"metric", "sessions_started"}, {"period", "2026-11-18/2026-11-23"}, {"count", 5}});
    // Nothing under the rule anywhere in the payloads.
    for (const auto& m : messages) {
        const json j = json::parse(m.payload);
        for (const auto& [k, v] : j["counts"].items()) CHECK(v.get<long>() >= 5);
    }
    CHECK(stats_messages(rows, "demo-0001", "not a day", head).empty());
}

TEST_CASE(
    "The finished days' statistics reach a loopback collector through the outbox, with the journal head") {
    test::TempDir dir;
    ManualWallClock wall(test::test_date());  // 2026-11-24
    Config config = test::demo_config(dir.path);
    std::mutex mutex;
    std::vector<test::HttpRequest> got;
    test::LoopbackHttpServer collector([&](const test::HttpRequest& r) {
        std::lock_guard lock(mutex);
        got.push_back(r);
        return test::HttpAnswer{204, ""};
    });
    config.stats_collector = collector.url("/collect/stats");
    {
        // Yesterday and the day before, as a previous run counted them (a real SQLite file).
        ManualWallClock before(test::test_date() - 48h);
        CitizenStore store(dir.path / "citizen.sqlite", before);
        store.count("2026-11-22", "searches", 7);
        store.count("2026-11-22", "help_requests", 2);
        store.count("2026-11-23", "tickets_printed", 6);
    }
    TimePoint t{};
    {
        Kiosk kiosk(config, Translator{}, t, wall);
        kiosk.audit("unlock", "FS-0421");  // the journal has a head to send
        settle(kiosk);
        kiosk.audit_flush();
        settle(kiosk);
        CHECK(kiosk.courier().status().pending == 0);
        std::vector<json> bodies;
        {
            std::lock_guard lock(mutex);
            for (const auto& r : got) {
                CHECK(r.method == "POST");
                CHECK(r.target == "/collect/stats");
                CHECK(r.header("idempotency-key").rfind("stats:demo-0001:", 0) == 0);
                bodies.push_back(json::parse(r.body));
            }
        }
        REQUIRE(bodies.size() == 2);
        std::sort(bodies.begin(), bodies.end(),
                  [](const json& a, const json& b) { return a["day"] < b["day"]; });
        CHECK(bodies[0]["day"] == "2026-11-22");
        CHECK(bodies[0]["counts"] == json{{"searches", 7}});  // 2 help requests: not sent
        CHECK(bodies[1]["counts"] == json{{"tickets_printed", 6}});
        // The head sent is a real one of this kiosk's journal (the entry written before the stats were read,
        // or none yet): a later journal cut back before it is seen by AuditJournal::verify.
        const auto head = kiosk.journal().head();
        for (const json& b : bodies) {
            CHECK(b["journal"]["head"].get<std::string>().size() == 64);
            CHECK(b["journal"]["entries"].get<long>() <= head.entries);
        }
        CHECK(bodies[1]["journal"]["entries"].get<long>() >= 0);
    }
    // The next start queues nothing new: each day goes once (its key).
    Kiosk again(config, Translator{}, t, wall);
    settle(again);
    std::lock_guard lock(mutex);
    CHECK(got.size() == 2);
}

TEST_CASE("Synchroniser maintenant: a message waiting out its backoff goes at once, every step answers") {
    const int port = free_port();  // the fleet's server is down when the help call is made
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    config.help_webhook = "http://127.0.0.1:" + std::to_string(port) + "/help";
    ManualWallClock wall(test::test_date());
    TimePoint t{};
    Kiosk kiosk(config, test::shipped_translator("fr"), t, wall);
    auto& agent = kiosk.emplace<journeys::AgentJourney>();
    std::atomic<int> fleet_polls{0};
    // Where the app plugs the fleet's "poll now": a step run on a worker, its line shown to the agent.
    kiosk.add_sync_step("fleet", [&](const Task&) {
        ++fleet_polls;
        return std::string("fleet: polled");
    });
    kiosk.dispatch(ev::Start{}, t += 1s);
    kiosk.act(Intent{"help.call", {}}, t += 1s);
    settle(kiosk);
    REQUIRE(kiosk.courier().status().pending == 1);
    REQUIRE(kiosk.courier().next_wakeup());  // tried once, due again in 30 s or more

    test::LoopbackHttpServer server([](const test::HttpRequest&) { return test::HttpAnswer{204, ""}; }, port);
    kiosk.act(Intent{"agent.sync", {}}, t);  // not on the agent page, or not unlocked: nothing
    settle(kiosk);
    CHECK(server.requests().empty());
    unlock(kiosk, t);
    kiosk.act(Intent{"agent.sync", {}}, t += 1s);  // the wall clock has not moved: the backoff is not over
    CHECK(agent.sync().running);
    settle(kiosk);
    CHECK_FALSE(agent.sync().running);
    CHECK(agent.sync().done);
    CHECK(server.requests().size() == 1);
    CHECK(kiosk.courier().status().pending == 0);
    CHECK(fleet_polls == 1);
    const auto& lines = agent.sync().lines;
    REQUIRE(lines.size() == 2);  // the outbox's, the fleet's (no booking journey here)
    CHECK(std::find(lines.begin(), lines.end(), "fleet: polled") != lines.end());
    kiosk.audit_flush();
    bool journaled = false;
    for (const auto& e : kiosk.journal().last(20)) journaled = journaled || e.action == "sync";
    CHECK(journaled);
}
