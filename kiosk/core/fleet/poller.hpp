#pragma once
// The fleet client's rhythm on the kiosk's task runner: a poll runs as a task of the Kiosk group (never on
// the UI thread), its outcome comes back on the UI thread, and the next poll is due after the server's
// sleep ± jitter. Like the Courier, the loop calls tick() at its timers and wakes at next_wakeup().
#include <functional>
#include <memory>
#include <optional>

#include "kiosk/core/fleet/ddi.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/tasks.hpp"

namespace kiosk::fleet {

class FleetPoller {
  public:
    // `on_outcome` (UI thread) hears every poll's outcome: a new content (content_changed) is reloaded by the
    // app between citizen sessions.
    FleetPoller(std::shared_ptr<FleetClient> client, TaskRunner& tasks,
                std::function<void(const PollOutcome&)> on_outcome = {});
    ~FleetPoller();  // cancels a poll under way (its answer is dropped)
    FleetPoller(const FleetPoller&) = delete;
    FleetPoller& operator=(const FleetPoller&) = delete;

    void start(TimePoint now);     // UI thread: the first poll, now
    void tick(TimePoint now);      // UI thread: polls when due and none is running
    void poll_now(TimePoint now);  // UI thread: polls at once unless a poll is running
    std::optional<TimePoint> next_wakeup() const { return due_; }
    bool polling() const { return running_; }
    const PollOutcome& last() const { return last_; }
    std::size_t polls() const { return polls_; }

  private:
    void poll(TimePoint now);
    std::shared_ptr<FleetClient> client_;
    TaskRunner& tasks_;
    std::function<void(const PollOutcome&)> on_outcome_;
    Task task_;
    bool running_ = false;
    std::optional<TimePoint> due_;
    PollOutcome last_;
    std::size_t polls_ = 0;
};

}  // namespace kiosk::fleet
