#include "kiosk/core/fleet/poller.hpp"

namespace kiosk::fleet {

FleetPoller::FleetPoller(std::shared_ptr<FleetClient> client, TaskRunner& tasks,
                         std::function<void(const PollOutcome&)> on_outcome)
    : client_(std::move(client)), tasks_(tasks), on_outcome_(std::move(on_outcome)) {}

FleetPoller::~FleetPoller() {
    task_.cancel();
}

void FleetPoller::start(TimePoint now) {
    poll(now);
}

void FleetPoller::tick(TimePoint now) {
    if (due_ && now >= *due_ && !running_) poll(now);
}

void FleetPoller::poll_now(TimePoint now) {
    if (!running_) poll(now);
}

void FleetPoller::poll(TimePoint now) {
    running_ = true;
    due_.reset();
    // The client is shared with the task: the poller may be gone when the poll ends (its answer dropped).
    task_ = tasks_.run(
        TaskGroup::Kiosk, "fleet poll",
        [client = client_](const Task& task) {
            PollOutcome o = client->poll_once(task);
            return std::make_pair(o, client->next_delay(o));
        },
        [this, now](std::pair<PollOutcome, std::chrono::milliseconds> r) {
            running_ = false;
            ++polls_;
            last_ = std::move(r.first);
            // Measured from the poll's start: a long download does not shift the rhythm.
            due_ = now + std::chrono::duration_cast<TimePoint::duration>(r.second);
            if (on_outcome_) on_outcome_(last_);
        });
}

}  // namespace kiosk::fleet
