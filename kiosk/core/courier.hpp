#pragma once
// Gets the outbox's messages to their server: a drain of the outbox runs as a task (never on the UI thread)
// when a message is added, when the earliest retry falls due, and at start for what a previous run left.
// The outbox's backoff (exponential, with jitter) decides when a failed message is tried again; the courier
// only comes back then. Sent messages are forgotten after `keep_sent` (their idempotency keys with them).
//
//     Courier courier(box, std::make_unique<outbox::HttpSender>(url), kiosk.tasks(), wall);
//     courier.start(now);                   // UI thread; then tick(now) at each timer, next_wakeup(now)
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "outbox.hpp"
#include "session.hpp"
#include "tasks.hpp"
#include "wall_clock.hpp"

namespace kiosk {

struct CourierStatus {
    std::size_t pending = 0, dead = 0;  // in the outbox at the last drain
    std::size_t sent_total = 0;         // by this courier since start
    std::string last_error;             // the last failed delivery's reason ("" when the last one went)
    bool sending = false;
    bool has_server = false;                    // false: no [outbox] url, messages wait in the outbox
    std::optional<WallTime> last_sent_at;       // the last drain that delivered something
    std::optional<WallTime> oldest_pending_at;  // when the oldest message still waiting was queued
};

class Courier {
  public:
    // `sender` null: no server is configured; messages are kept, counted, never sent.
    Courier(std::shared_ptr<outbox::Outbox> box, std::unique_ptr<outbox::Sender> sender, TaskRunner& tasks,
            const WallClock& wall, std::chrono::hours keep_sent = std::chrono::hours(24 * 30));
    ~Courier();
    Courier(const Courier&) = delete;
    Courier& operator=(const Courier&) = delete;

    void start(TimePoint now);  // UI thread: drains what an earlier run left
    void poke(TimePoint now);   // UI thread: a message was added, drain soon
    void tick(TimePoint now);   // UI thread: at a timer; drains when the next retry is due
    // UI thread: every pending message is made due and tried now (an agent's "Synchroniser maintenant");
    // `done` runs on the UI thread after that drain, at once when there is no server.
    void sync_now(TimePoint now, std::function<void(const CourierStatus&)> done);
    // When the kiosk must wake for the next retry (steady time), nothing when none is pending.
    std::optional<TimePoint> next_wakeup() const { return due_; }
    const CourierStatus& status() const { return status_; }

  private:
    void drain(TimePoint now, bool hurry = false);
    std::vector<std::function<void(const CourierStatus&)>> synced_;  // called after the drain under way
    bool hurry_again_ = false;
    std::shared_ptr<outbox::Outbox> box_;
    std::shared_ptr<outbox::Sender> sender_;  // shared with the task under way
    TaskRunner& tasks_;
    const WallClock& wall_;
    std::chrono::hours keep_sent_;
    Task task_;
    bool again_ = false;  // poked while a drain was running: drain once more after it
    std::optional<TimePoint> due_;
    CourierStatus status_;
};

}  // namespace kiosk
