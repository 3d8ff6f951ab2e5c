#include "courier.hpp"

#include "log.hpp"

namespace kiosk {

namespace {

struct DrainResult {
    outbox::DrainReport report;
    std::size_t pending = 0, dead = 0, pruned = 0;
    std::string last_error;
    std::optional<WallTime> oldest;
};

}  // namespace

Courier::Courier(std::shared_ptr<outbox::Outbox> box, std::unique_ptr<outbox::Sender> sender,
                 TaskRunner& tasks, const WallClock& wall, std::chrono::hours keep_sent)
    : box_(std::move(box)), sender_(std::move(sender)), tasks_(tasks), wall_(wall), keep_sent_(keep_sent) {
    status_.has_server = sender_ != nullptr;
}

Courier::~Courier() {
    task_.cancel();
}

void Courier::start(TimePoint now) {
    if (!box_ || !box_->ok()) return;
    status_.pending = box_->count(outbox::State::Pending);
    status_.dead = box_->count(outbox::State::Dead);
    if (!sender_) {
        if (status_.pending > 0)
            log::warn("outbox: ", status_.pending, " message(s) wait and no server is set ([outbox] url)");
        return;
    }
    drain(now);
}

void Courier::poke(TimePoint now) {
    if (!box_ || !box_->ok()) return;
    if (!sender_) {
        ++status_.pending;
        return;
    }
    if (status_.sending) {
        again_ = true;
        return;
    }
    drain(now);
}

void Courier::tick(TimePoint now) {
    if (due_ && now >= *due_ && !status_.sending) drain(now);
}

void Courier::sync_now(TimePoint now, std::function<void(const CourierStatus&)> done) {
    if (!box_ || !box_->ok() || !sender_) {
        if (done) done(status_);
        return;
    }
    if (done) synced_.push_back(std::move(done));
    if (status_.sending) {  // after the drain under way, once more with every message due
        again_ = true;
        hurry_again_ = true;
        return;
    }
    drain(now, true);
}

void Courier::drain(TimePoint now, bool hurry) {
    status_.sending = true;
    due_.reset();
    const auto wall_now = wall_.now();
    const auto keep = keep_sent_;
    // The agents waiting for this drain (a drain of the sync, or one already running when it was asked
    // and followed by one: those wait for the next).
    auto waiting = std::make_shared<std::vector<std::function<void(const CourierStatus&)>>>();
    if (hurry) waiting->swap(synced_);
    task_ = tasks_.run(
        TaskGroup::Kiosk, "outbox drain",
        [box = box_, sender = sender_, wall_now, keep, hurry](const Task& task) {
            DrainResult r;
            if (hurry) box->hurry(wall_now);
            // Up to 20 messages a round, rounds until nothing due is left or the task is cancelled.
            for (int round = 0; round < 50 && !task.cancelled(); ++round) {
                const outbox::DrainReport one = box->drain(*sender, wall_now);
                r.report.sent += one.sent;
                r.report.retried += one.retried;
                r.report.dead += one.dead;
                r.report.next_due = one.next_due;
                if (one.sent + one.retried + one.dead < 20) break;
            }
            r.pruned = box->prune_sent(wall_now - keep);
            r.pending = box->count(outbox::State::Pending);
            r.dead = box->count(outbox::State::Dead);
            for (const outbox::Message& m : box->pending({}, 1)) {
                if (r.report.retried > 0 || r.report.dead > 0) r.last_error = m.last_error;
                r.oldest = m.created_at;
            }
            return r;
        },
        [this, now, wall_now, waiting](DrainResult r) {
            status_.sending = false;
            status_.pending = r.pending;
            status_.dead = r.dead;
            status_.sent_total += r.report.sent;
            if (r.report.sent) status_.last_sent_at = wall_now;
            status_.oldest_pending_at = r.oldest;
            if (r.report.sent || r.report.retried || r.report.dead) status_.last_error = r.last_error;
            if (r.report.sent || r.report.retried || r.report.dead)
                log::info("outbox: ", r.report.sent, " sent, ", r.report.retried, " to retry, ",
                          r.report.dead, " refused for good", r.last_error.empty() ? "" : " (", r.last_error,
                          r.last_error.empty() ? "" : ")");
            if (r.report.next_due) {
                // The outbox speaks wall time; the kiosk's timers steady time.
                const auto wait = std::max(std::chrono::steady_clock::duration::zero(),
                                           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                               *r.report.next_due - wall_now));
                due_ = now + wait;
            }
            for (const auto& done : *waiting) done(status_);
            if (again_) {
                again_ = false;
                const bool hurry_next = hurry_again_;
                hurry_again_ = false;
                drain(now, hurry_next);
            }
        });
}

}  // namespace kiosk
