#pragma once
// The kiosk's one durable outbox: every message the kiosk must get to a server (pass redemptions today;
// booking requests, help requests, heartbeats and statistics next) is a row of one SQLite file in the data
// folder (<data>/outbox.sqlite, WAL, synchronous=FULL): enqueue() returns once the message is on disk, so it
// survives kill -9 and power cuts. A message has a kind, an idempotency key (unique: enqueueing the same key
// again changes nothing, even after it was sent, and the key goes with every delivery so the server can drop
// duplicates), a payload, its attempts and the time of its next attempt.
//
// Sending is a step a task calls, drain(sender, now): it claims the due messages (leasing them: a kiosk
// killed mid-delivery retries them after `lease`), hands each to the Sender, and records the outcome:
// sent; retry later with exponential backoff and jitter (base * 2^(attempts-1), capped, drawn in
// [d * (1 - jitter), d]); or a permanent error (kept as "dead" with its reason, for the agent page).
// Delivery is at least once. Time is always a parameter: the outbox never reads a clock.
//
//     kiosk::outbox::Outbox box(data_dir / "outbox.sqlite");
//     box.enqueue("pass.redemption", "pass.redemption:aptic:726000012344", payload_json, now);
//     kiosk::outbox::HttpSender fleet("https://fleet.example/messages");   // outbox_http.hpp
//     auto report = box.drain(fleet, now);         // from a task; report.next_due says when to come back
// Thread-safe: calls are serialised on the connection; drain() does not hold it while a Sender delivers.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace kiosk::outbox {

using TimePoint = std::chrono::system_clock::time_point;

enum class State { Pending, Sent, Dead };

struct Message {
    std::int64_t id = 0;
    std::string kind;     // what it is: "pass.redemption", "booking.request", "heartbeat"…
    std::string key;      // idempotency key, unique in the outbox
    std::string payload;  // what the server receives (JSON by convention)
    State state = State::Pending;
    int attempts = 0;  // failed deliveries so far
    TimePoint created_at;
    TimePoint next_attempt_at;  // not before this (the backoff, or the lease of a claimed message)
    std::optional<TimePoint> sent_at;
    std::string last_error;  // the last failed delivery's reason
};

enum class Outcome { Sent, Retry, Permanent };
struct Delivery {
    Outcome outcome = Outcome::Retry;
    std::string detail;  // for the log and last_error: "HTTP 503", "network: timeout"…
};

// Delivers one message (blocking: called from a task, never on the UI thread).
class Sender {
  public:
    virtual ~Sender() = default;
    virtual Delivery deliver(const Message& message) = 0;
};

// Routes each message to the sender of its kind; a kind with no sender is retried later.
class SenderByKind : public Sender {
  public:
    SenderByKind& add(std::string kind, Sender& sender);
    Delivery deliver(const Message& message) override;

  private:
    std::map<std::string, Sender*, std::less<>> senders_;
};

struct Backoff {
    std::chrono::milliseconds base{std::chrono::seconds(30)};  // after the first failure
    std::chrono::milliseconds cap{std::chrono::hours(1)};      // never longer than this
    double jitter = 0.5;   // the delay is drawn uniformly in [d * (1 - jitter), d]
    int max_attempts = 0;  // > 0: a message failing that many times becomes Dead; 0: retried for ever
};

// The un-jittered delay after `attempts` failures (>= 1): min(cap, base * 2^(attempts - 1)).
std::chrono::milliseconds backoff_ceiling(int attempts, const Backoff& backoff);

struct Options {
    Backoff backoff;
    std::chrono::milliseconds lease{std::chrono::minutes(2)};  // a claimed message is due again after this
    std::uint64_t seed = 0;      // jitter RNG seed; 0 = from std::random_device (tests fix it)
    std::int64_t max_pages = 0;  // > 0 caps the file (tests: a full disk)
};

enum class Enqueued { Added, AlreadyThere, Failed };
struct EnqueueResult {
    Enqueued status = Enqueued::Failed;
    std::int64_t id = 0;
    std::string error;  // when Failed: what happened; nothing was written
};

struct NewMessage {
    std::string kind, key, payload;
};

struct DrainReport {
    std::size_t sent = 0, retried = 0, dead = 0;
    std::optional<TimePoint> next_due;  // when the next pending message is due (nullopt: none pending)
};

class Outbox {
  public:
    explicit Outbox(const std::filesystem::path& file) : Outbox(file, Options{}) {}
    Outbox(const std::filesystem::path& file, Options options);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    bool ok() const { return db_ != nullptr; }
    const std::string& problem() const { return problem_; }

    // Durable once it returns Added or AlreadyThere. The first payload of a key is kept.
    EnqueueResult enqueue(std::string_view kind, std::string_view key, std::string_view payload,
                          TimePoint now);
    // Many in one transaction (all or nothing); returns how many were new, or nullopt on failure.
    std::optional<std::size_t> enqueue_all(const std::vector<NewMessage>& messages, TimePoint now);

    // Pending messages due at `now`, oldest first (read only).
    std::vector<Message> due(TimePoint now, std::size_t limit = 50) const;
    // The due messages, leased until now + lease so that no other drain takes them meanwhile.
    std::vector<Message> claim(TimePoint now, std::size_t limit = 20);
    bool mark_sent(std::int64_t id, TimePoint now);
    // One more failed attempt: due again after the jittered backoff, or Dead when permanent or out of
    // attempts.
    bool mark_failed(std::int64_t id, TimePoint now, const std::string& error, bool permanent = false);
    // Claims, delivers and records, up to `limit` messages. The step a task runs.
    DrainReport drain(Sender& sender, TimePoint now, std::size_t limit = 20);

    std::optional<Message> find(std::string_view key) const;
    // Not yet sent (Pending), of one kind ("" = all), oldest first.
    std::vector<Message> pending(std::string_view kind = {}, std::size_t limit = 1000) const;
    std::size_t count(State state) const;
    std::optional<TimePoint> next_due() const;
    // Every pending message due at `now` (a manual sync): how many were moved forward.
    std::size_t hurry(TimePoint now);
    // Forgets messages sent before `before` (their keys with them: the same key may then be enqueued anew);
    // returns how many. Dead messages stay, for the agent to see.
    std::size_t prune_sent(TimePoint before);

    // Called (on the enqueuing thread, the outbox locked: it must not call the outbox) each time a new
    // message is on disk: the courier is told there is something to send.
    void on_added(std::function<void()> listener) {
        std::lock_guard lock(mutex_);
        on_added_ = std::move(listener);
    }

  private:
    bool exec(const char* sql, std::string* error = nullptr);
    std::vector<Message> select(const std::string& where, const std::vector<std::int64_t>& numbers,
                                const std::string& text = {}) const;
    std::optional<TimePoint> next_due_locked() const;
    sqlite3* db_ = nullptr;
    std::string problem_;
    Options options_;
    mutable std::mutex mutex_;
    std::mt19937_64 rng_;
    std::function<void()> on_added_;
};

}  // namespace kiosk::outbox
