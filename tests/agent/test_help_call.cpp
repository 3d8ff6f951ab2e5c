// "Besoin d'aide ?": the call reaches a webhook and a Matrix room (client-server API) on loopback through
// the outbox, even when the network comes back only an hour later; it carries nothing personal; an agent
// closes it, and that is journaled.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/outbox_http.hpp"
#include "loopback_http.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
void settle(Kiosk& k) {
    for (int i = 0; i < 4; ++i) {
        REQUIRE(k.tasks().wait_idle(10s));
        k.run_queue().run_pending();
    }
}

int free_port() {
    test::LoopbackHttpServer probe([](const test::HttpRequest&) { return test::HttpAnswer{}; });
    return probe.port();
}
}  // namespace

TEST_CASE("A call for help reaches the webhook and the Matrix room, an hour late if the network was down") {
    const int port = free_port();  // nobody listens there yet: the network is down
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    test::TempDir dir;
    Config config = test::demo_config(dir.path);
    config.help_webhook = base + "/kiosk-help";
    config.help_matrix_homeserver = base + "/";
    config.help_matrix_room = "!agents:tchap.example.fr";
    config.help_matrix_token = "syt_kiosk_token";
    ManualWallClock wall(test::test_date());
    TimePoint t{};
    Kiosk kiosk(config, Translator{}, t, wall);
    kiosk.emplace<journeys::AgentJourney>();
    kiosk.dispatch(ev::Start{}, t += 1s);
    kiosk.dispatch(ev::Open{Screen::Language}, t += 1s);

    kiosk.act(Intent{"help.call", {}}, t += 1s);
    REQUIRE(kiosk.help_call());
    CHECK(kiosk.help_shown());
    CHECK(kiosk.screen() == Screen::Language);  // the journey stays where it is
    const std::string id = kiosk.help_call()->id;
    settle(kiosk);
    CHECK(kiosk.courier().status().pending == 2);
    CHECK_THAT(kiosk.courier().status().last_error, Catch::Contains("network"));

    kiosk.act(Intent{"help.call", {}}, t += 1s);  // touched again: the same call, nothing more queued
    settle(kiosk);
    CHECK(kiosk.help_call()->id == id);
    CHECK(kiosk.outbox()->count(outbox::State::Pending) == 2);
    kiosk.act(Intent{"help.hide", {}}, t += 1s);
    CHECK_FALSE(kiosk.help_shown());
    CHECK(kiosk.help_call());  // hidden for the citizen, still pending for the agents

    // An hour later the network is back.
    test::LoopbackHttpServer server(
        [&](const test::HttpRequest& r) {
            if (r.method == "PUT") return test::HttpAnswer{200, R"({"event_id":"$abc:tchap.example.fr"})"};
            return test::HttpAnswer{204, ""};
        },
        port);
    wall.advance(1h);
    t += 1h;
    kiosk.dispatch(ev::Tick{}, t);
    settle(kiosk);
    CHECK(kiosk.courier().status().pending == 0);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    const test::HttpRequest* hook = nullptr;
    const test::HttpRequest* matrix = nullptr;
    for (const auto& r : requests) (r.method == "POST" ? hook : matrix) = &r;
    REQUIRE(hook);
    REQUIRE(matrix);

    CHECK(hook->target == "/kiosk-help");
    CHECK(hook->header("content-type") == "application/json");
    CHECK(hook->header("idempotency-key") == id + ":webhook");
    const auto call = nlohmann::json::parse(hook->body);
    CHECK(call["type"] == "help.request");
    CHECK(call["kiosk"] == config.kiosk_id);
    CHECK(call["site"] == config.site_name);
    CHECK(call["screen"] == "language");
    CHECK(call["request"] == id);
    CHECK(call["at"].get<std::string>().rfind("2026-11-24T09:00:0", 0) ==
          0);  // the call's time (UTC), not the send's
    std::vector<std::string> keys;
    for (const auto& [k, v] : call.items()) keys.push_back(k);
    // Nothing personal: exactly these fields.
    CHECK(keys ==
          std::vector<std::string>{"at", "commune", "kiosk", "request", "screen", "site", "type", "version"});

    // PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}, the room id escaped, txnId = key.
    CHECK(matrix->method == "PUT");
    CHECK(matrix->target == "/_matrix/client/v3/rooms/%21agents%3Atchap.example.fr/send/m.room.message/" +
                                outbox::url_escape(id + ":matrix"));
    CHECK(matrix->header("authorization") == "Bearer syt_kiosk_token");
    const auto event = nlohmann::json::parse(matrix->body);
    CHECK(event["msgtype"] == "m.text");
    CHECK_THAT(event["body"].get<std::string>(),
               Catch::Contains(config.site_name) && Catch::Contains(config.kiosk_id));

    // The agent comes, unlocks, sees the call and closes it; the citizen's journey waits meanwhile.
    for (int i = 0; i < 3; ++i) kiosk.dispatch(ev::CornerTap{}, t += 100ms);
    for (char d : std::string("2468")) kiosk.act(Intent{"agent.pin.digit", std::string(1, d)}, t += 100ms);
    kiosk.act(Intent{"agent.pin.ok", {}}, t += 100ms);
    settle(kiosk);
    REQUIRE(kiosk.screen() == Screen::AgentHome);
    kiosk.act(Intent{"help.close", {}}, t += 1s);
    CHECK_FALSE(kiosk.help_call());
    kiosk.dispatch(ev::AgentLeave{}, t += 1s);
    CHECK(kiosk.screen() == Screen::Language);
    kiosk.audit_flush();
    const auto entries = kiosk.journal().last(10);
    bool closed = false;
    for (const auto& e : entries)
        if (e.action == "help.closed") closed = e.detail.find(id) != std::string::npos;
    CHECK(closed);
}

TEST_CASE("Without [help] the kiosk still says an agent is coming, and the session's end forgets the call") {
    test::TempDir dir;
    ManualWallClock wall(test::test_date());
    TimePoint t{};
    Kiosk kiosk(test::demo_config(dir.path), Translator{}, t, wall);
    kiosk.dispatch(ev::Start{}, t += 1s);
    kiosk.act(Intent{"help.call", {}}, t += 1s);
    settle(kiosk);
    CHECK(kiosk.help_shown());
    CHECK(kiosk.outbox()->count(outbox::State::Pending) == 0);  // nowhere to send it
    kiosk.dispatch(ev::Finish{}, t += 1s);
    CHECK_FALSE(kiosk.help_call());
}

TEST_CASE("A [help] section is checked") {
    auto check = [](const std::string& help) {
        const std::string text =
            "[kiosk]\nid = \"k\"\nsite = \"s\"\n[position]\nlatitude = 45\nlongitude = 4\ncommune = "
            "\"42218\"\n"
            "[paths]\ncontent = \".\"\n[help]\n" +
            help;
        return parse_config(text, ".", "kiosk.toml").errors.size();
    };
    CHECK(check("webhook = \"https://agents.example.fr/hook\"\n") == 0);
    CHECK(check("webhook = \"http://agents.example.fr/hook\"\n") == 1);  // not https
    CHECK(check("matrix_homeserver = \"https://matrix.example.fr\"\nmatrix_room = \"!a:example.fr\"\n"
                "matrix_token = \"t\"\n") == 0);
    CHECK(check("matrix_homeserver = \"https://matrix.example.fr\"\nmatrix_room = \"!a:example.fr\"\n") == 1);
    CHECK(check("matrix_homeserver = \"https://matrix.example.fr\"\nmatrix_room = \"#agents:example.fr\"\n"
                "matrix_token = \"t\"\n") == 1);  // an alias, not a room id
}
