// The durable outbox: idempotent keys, exponential backoff with bounded jitter, leases, a kill -9 in the
// middle of enqueueing (a real child process), and a real HTTP delivery to a loopback server that first
// answers 503.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "sqlite_query.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/outbox_http.hpp"
#include "loopback_http.hpp"
#include "test_support.hpp"

using namespace kiosk::outbox;
using kiosk::test::TempDir;
using namespace std::chrono_literals;

namespace {
// A fixed day: the outbox only ever sees the times it is given.
const TimePoint t0 = TimePoint(std::chrono::seconds(1798761600));  // 2027-01-01T00:00:00Z

// A sender that answers from a script (key -> outcome at its first delivery; Sent afterwards) and keeps the
// keys it was given, in order.
struct ScriptedSender : Sender {
    std::map<std::string, Outcome> script;
    std::vector<std::string> keys;
    Delivery deliver(const Message& m) override {
        Outcome o = Outcome::Sent;
        if (auto it = script.find(m.key); it != script.end()) {
            o = it->second;
            script.erase(it);
        }
        keys.push_back(m.key);
        return {o, o == Outcome::Sent ? "ok" : "scripted failure"};
    }
};
}  // namespace

TEST_CASE("a message is enqueued once per key, kept across reopening and after it was sent") {
    TempDir dir;
    const auto file = dir.path / "outbox.sqlite";
    std::int64_t id = 0;
    {
        Outbox box(file);
        REQUIRE(box.ok());
        const EnqueueResult first = box.enqueue("pass.redemption", "k-1", R"({"n":1})", t0);
        CHECK(first.status == Enqueued::Added);
        CHECK(first.id > 0);
        id = first.id;
        const EnqueueResult again = box.enqueue("pass.redemption", "k-1", R"({"n":"other"})", t0 + 5s);
        CHECK(again.status == Enqueued::AlreadyThere);
        CHECK(again.id == id);
        CHECK(box.enqueue("heartbeat", "k-2", "{}", t0).status == Enqueued::Added);
        CHECK(box.enqueue("", "k-3", "{}", t0).status == Enqueued::Failed);
    }
    CHECK(kiosk::test::sql_value(file, "PRAGMA journal_mode") == "wal");
    CHECK(kiosk::test::sql_value(file, "PRAGMA integrity_check") == "ok");
    Outbox box(file);
    CHECK(box.count(State::Pending) == 2);
    auto m = box.find("k-1");
    REQUIRE(m);
    CHECK(m->payload == R"({"n":1})");  // the first payload of a key is kept
    CHECK(m->kind == "pass.redemption");
    CHECK(m->created_at == t0);
    CHECK(m->attempts == 0);
    REQUIRE(box.mark_sent(id, t0 + 1min));
    CHECK(box.enqueue("pass.redemption", "k-1", R"({"n":1})", t0 + 2min).status == Enqueued::AlreadyThere);
    CHECK(box.find("k-1")->state == State::Sent);  // not sent a second time
    CHECK(box.find("k-1")->sent_at == t0 + 1min);
    CHECK(box.pending().size() == 1);
    CHECK(box.pending("pass.redemption").empty());
    CHECK(box.count(State::Sent) == 1);
}

TEST_CASE("the backoff doubles up to its cap and its jitter stays within bounds") {
    Backoff b;
    b.base = 30s;
    b.cap = 1h;
    CHECK(backoff_ceiling(1, b) == 30s);
    CHECK(backoff_ceiling(2, b) == 60s);
    CHECK(backoff_ceiling(3, b) == 120s);
    CHECK(backoff_ceiling(7, b) == 1920s);
    CHECK(backoff_ceiling(8, b) == 1h);     // 3840 s, capped
    CHECK(backoff_ceiling(1000, b) == 1h);  // no overflow

    TempDir dir;
    Options options;
    options.backoff = b;
    options.backoff.jitter = 0.5;
    options.seed = 7;
    Outbox box(dir.path / "outbox.sqlite", options);
    // 100 messages failing 10 times each: every delay in [ceiling / 2, ceiling], and they do vary.
    for (int i = 0; i < 100; ++i)
        REQUIRE(box.enqueue("k", "m-" + std::to_string(i), "{}", t0).status == Enqueued::Added);
    std::vector<std::chrono::milliseconds> first_delays;
    for (int attempt = 1; attempt <= 10; ++attempt) {
        const auto ceiling = backoff_ceiling(attempt, b);
        for (int i = 0; i < 100; ++i) {
            const auto m = box.find("m-" + std::to_string(i));
            const TimePoint now = m->next_attempt_at;
            REQUIRE(box.mark_failed(m->id, now, "HTTP 503"));
            const auto after = box.find(m->key);
            CHECK(after->attempts == attempt);
            CHECK(after->last_error == "HTTP 503");
            const auto delay =
                std::chrono::duration_cast<std::chrono::milliseconds>(after->next_attempt_at - now);
            CHECK(delay >= ceiling / 2);
            CHECK(delay <= ceiling);
            if (attempt == 1) first_delays.push_back(delay);
        }
    }
    const auto [lo, hi] = std::minmax_element(first_delays.begin(), first_delays.end());
    CHECK(*hi - *lo > 5s);  // spread: 100 kiosks failing together do not come back together

    // The same seed gives the same delays (reproducible tests); attempts may be capped.
    Options capped = options;
    capped.backoff.max_attempts = 3;
    TempDir other;
    Outbox again(other.path / "outbox.sqlite", capped);
    REQUIRE(again.enqueue("k", "m-0", "{}", t0).status == Enqueued::Added);
    const auto id = again.find("m-0")->id;
    REQUIRE(again.mark_failed(id, t0, "x"));
    CHECK(again.find("m-0")->next_attempt_at - t0 == first_delays[0]);
    REQUIRE(again.mark_failed(id, t0, "x"));
    CHECK(again.find("m-0")->state == State::Pending);
    REQUIRE(again.mark_failed(id, t0, "x"));
    CHECK(again.find("m-0")->state == State::Dead);
    CHECK(again.find("m-0")->attempts == 3);
    CHECK_FALSE(again.mark_failed(id, t0, "x"));
    CHECK(again.due(t0 + 48h).empty());
}

TEST_CASE("claimed messages are leased, and drain follows what the sender says") {
    TempDir dir;
    Options options;
    options.lease = 2min;
    options.seed = 1;
    Outbox box(dir.path / "outbox.sqlite", options);
    for (const char* key : {"a", "b", "c", "d"})
        REQUIRE(box.enqueue("pass.redemption", key, "{}", t0).status == Enqueued::Added);
    REQUIRE(box.enqueue("booking.request", "e", "{}", t0 + 10s).status == Enqueued::Added);
    CHECK(box.due(t0).size() == 4);
    CHECK(box.due(t0 + 10s).size() == 5);

    auto claimed = box.claim(t0, 2);
    REQUIRE(claimed.size() == 2);
    CHECK(claimed[0].key == "a");
    CHECK(box.due(t0).size() == 2);               // a and b are leased
    CHECK(box.due(t0 + 2min + 10s).size() == 5);  // a kiosk killed mid-delivery: due again after the lease

    ScriptedSender redemptions;
    redemptions.script = {{"b", Outcome::Retry}, {"c", Outcome::Permanent}};
    SenderByKind senders;
    senders.add("pass.redemption", redemptions);
    const DrainReport r = box.drain(senders, t0 + 3min);
    // Oldest due first: c and d (due since t0), then a and b (due when their lease ended).
    CHECK(redemptions.keys == std::vector<std::string>{"c", "d", "a", "b"});
    CHECK(r.sent == 2);
    CHECK(r.retried == 2);  // b, and e whose kind has no sender yet
    CHECK(r.dead == 1);
    CHECK(box.find("a")->state == State::Sent);
    CHECK(box.find("b")->state == State::Pending);
    CHECK(box.find("b")->attempts == 1);
    CHECK(box.find("c")->state == State::Dead);
    CHECK(box.find("c")->last_error == "scripted failure");
    CHECK(box.find("e")->last_error.find("no sender") != std::string::npos);
    REQUIRE(r.next_due);
    CHECK(*r.next_due > t0 + 3min);
    CHECK(box.drain(senders, t0 + 3min).sent == 0);  // nothing due yet
    const DrainReport later = box.drain(senders, t0 + 3min + 1h);
    CHECK(later.sent == 1);  // b
    CHECK(box.count(State::Sent) == 3);
}

TEST_CASE("an enqueue killed with SIGKILL loses nothing that was acknowledged and leaves no half message") {
    TempDir dir;
    const auto file = dir.path / "outbox.sqlite";
    constexpr int kMessages = 400;
    const std::string filler(2000, 'x');  // several pages per message: a kill can land inside a write
    auto payload = [&](int i) { return "{\"n\":" + std::to_string(i) + ",\"fill\":\"" + filler + "\"}"; };
    std::mt19937 rng(20270101);  // fixed: the same moments at every run
    std::uniform_int_distribution<int> moment_us(0, 150000);
    int killed = 0;
    std::size_t total_seen = 0;
    for (int round = 0; round < 12; ++round) {
        int ack[2];
        REQUIRE(::pipe(ack) == 0);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(ack[0]);
            Outbox box(file);
            for (int i = 0; i < kMessages; ++i) {
                if (box.enqueue("test", "m-" + std::to_string(i), payload(i), t0).status == Enqueued::Failed)
                    _exit(3);
                const int n = i;  // acknowledged: on disk from here on
                if (::write(ack[1], &n, sizeof n) != sizeof n) _exit(4);
            }
            _exit(0);
        }
        ::close(ack[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(moment_us(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) ++killed;
        int last_ack = -1, n = 0;
        while (::read(ack[0], &n, sizeof n) == sizeof n) last_ack = n;
        ::close(ack[0]);
        INFO("round " << round << ", last acknowledged " << last_ack);
        CHECK(kiosk::test::sql_value(file, "PRAGMA integrity_check") == "ok");
        Outbox box(file);
        // Every acknowledged message is there, whole; those present form a prefix (one at a time, in order).
        const auto present = box.pending("", 100000);
        total_seen = present.size();
        CHECK(static_cast<int>(present.size()) >= last_ack + 1);
        for (std::size_t i = 0; i < present.size(); ++i) {
            CHECK(present[i].key == "m-" + std::to_string(i));
            CHECK(present[i].payload == payload(static_cast<int>(i)));
        }
    }
    // The next run enqueues everything again: nothing is doubled.
    Outbox box(file);
    for (int i = 0; i < kMessages; ++i) box.enqueue("test", "m-" + std::to_string(i), payload(i), t0);
    CHECK(box.count(State::Pending) == static_cast<std::size_t>(kMessages));
    CHECK(kiosk::test::sql_value(file, "SELECT count(DISTINCT key) FROM outbox_message") ==
          std::to_string(kMessages));
    std::printf("outbox kill test: 12 rounds, %d killed mid-enqueue, %zu messages after the last round\n",
                killed, total_seen);
    CHECK(killed > 0);
}

TEST_CASE("a message reaches a real HTTP server, retried after it first answers 503") {
    std::atomic<int> calls{0};
    kiosk::test::LoopbackHttpServer server([&](const kiosk::test::HttpRequest& r) {
        if (r.target == "/bad") return kiosk::test::HttpAnswer{400, R"({"error":"unknown kind"})"};
        return calls++ == 0 ? kiosk::test::HttpAnswer{503, "{}"}
                            : kiosk::test::HttpAnswer{201, R"({"ok":true})"};
    });
    TempDir dir;
    Options options;
    options.seed = 3;
    Outbox box(dir.path / "outbox.sqlite", options);
    const std::string payload = R"({"issuer":"aptic","pass_id":"726000012344"})";
    REQUIRE(box.enqueue("pass.redemption", "pass.redemption:aptic:726000012344", payload, t0).status ==
            Enqueued::Added);
    HttpSender fleet(server.url("/messages"), 2000);

    const DrainReport first = box.drain(fleet, t0);
    CHECK(first.sent == 0);
    CHECK(first.retried == 1);
    auto m = box.find("pass.redemption:aptic:726000012344");
    CHECK(m->state == State::Pending);
    CHECK(m->attempts == 1);
    CHECK(m->last_error == "HTTP 503");
    CHECK(m->next_attempt_at >= t0 + 15s);
    CHECK(m->next_attempt_at <= t0 + 30s);
    CHECK(box.drain(fleet, t0 + 1s).sent == 0);  // not due yet: the server is not asked again
    CHECK(server.requests().size() == 1);

    const DrainReport second = box.drain(fleet, m->next_attempt_at);
    CHECK(second.sent == 1);
    CHECK_FALSE(second.next_due);
    CHECK(box.find(m->key)->state == State::Sent);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    for (const auto& r : requests) {
        CHECK(r.method == "POST");
        CHECK(r.target == "/messages");
        CHECK(r.body == payload);
        CHECK(r.header("idempotency-key") ==
              "pass.redemption:aptic:726000012344");  // the same at every attempt
        CHECK(r.header("x-kiosk-message-kind") == "pass.redemption");
        CHECK(r.header("content-type") == "application/json");
    }

    // A refusal is permanent; no server at all is retried.
    REQUIRE(box.enqueue("heartbeat", "hb-1", "{}", t0).status == Enqueued::Added);
    HttpSender refusing(server.url("/bad"), 2000);
    CHECK(box.drain(refusing, t0 + 1h).dead == 1);
    CHECK(box.find("hb-1")->state == State::Dead);
    CHECK(box.find("hb-1")->last_error == "HTTP 400");
    REQUIRE(box.enqueue("heartbeat", "hb-2", "{}", t0).status == Enqueued::Added);
    HttpSender nobody("http://127.0.0.1:1/messages", 500);
    CHECK(box.drain(nobody, t0 + 2h).retried == 1);
    CHECK(box.find("hb-2")->last_error.rfind("network:", 0) == 0);
}

TEST_CASE("messages go over https, or plain http to this machine only") {
    CHECK(acceptable_url("https://fleet.example.fr/messages"));
    CHECK(acceptable_url("http://127.0.0.1:8080/messages"));
    CHECK(acceptable_url("http://localhost/messages"));
    CHECK_FALSE(acceptable_url("http://fleet.example.fr/messages"));
    CHECK_FALSE(acceptable_url("http://127.0.0.1.example.fr/messages"));
    CHECK_FALSE(acceptable_url("ftp://127.0.0.1/"));
    TempDir dir;
    Outbox box(dir.path / "outbox.sqlite");
    REQUIRE(box.enqueue("heartbeat", "hb", "{}", t0).status == Enqueued::Added);
    HttpSender plain("http://fleet.example.fr/messages");
    CHECK(box.drain(plain, t0).retried == 1);  // refused before any network: kept for a corrected URL
    CHECK(box.find("hb")->last_error.find("https") != std::string::npos);
}

TEST_CASE("an outbox that cannot be opened or is full says so and writes nothing") {
    TempDir dir;
    std::filesystem::create_directories(dir.path / "a-folder.sqlite");
    Outbox broken(dir.path / "a-folder.sqlite");
    CHECK_FALSE(broken.ok());
    CHECK_FALSE(broken.problem().empty());
    CHECK(broken.enqueue("k", "x", "{}", t0).status == Enqueued::Failed);
    CHECK(broken.due(t0).empty());

    const auto file = dir.path / "outbox.sqlite";
    { Outbox create(file); }
    Options small;
    small.max_pages = 8;
    Outbox box(file, small);
    int added = 0;
    EnqueueResult r;
    for (int i = 0; i < 1000; ++i) {
        r = box.enqueue("k", "m-" + std::to_string(i), std::string(500, 'p'), t0);
        if (r.status != Enqueued::Added) break;
        ++added;
    }
    CHECK(r.status == Enqueued::Failed);
    CHECK(r.error == "the disk is full: the message was not queued");
    CHECK(added > 0);
    CHECK(box.count(State::Pending) == static_cast<std::size_t>(added));
    CHECK(kiosk::test::sql_value(file, "PRAGMA integrity_check") == "ok");
}
