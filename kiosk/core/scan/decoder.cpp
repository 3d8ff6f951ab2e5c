#include "kiosk/core/scan/decoder.hpp"

namespace kiosk::scan {

Decoder::Decoder(TaskRunner& tasks, DecoderOptions options, ResultFn on_result, FeedbackFn on_feedback)
    : tasks_(tasks) {
    st_->ui = &tasks.ui();
    st_->options = std::move(options);
    st_->on_result = std::move(on_result);
    st_->on_feedback = std::move(on_feedback);
    if (!st_->options.decode_fn) st_->options.decode_fn = decode_frame;
    st_->accumulator = Accumulator(AccumulatorOptions{
        .linear_reads = st_->options.linear_reads,
        .window = std::chrono::milliseconds(2500),
        .repeat_after = st_->options.repeat_after,
    });
}

Decoder::~Decoder() {
    std::lock_guard lock(st_->mutex);
    st_->stop = true;  // tasks already posted become no-ops, a decode under way delivers nothing
    st_->pending.reset();
}

void Decoder::submit(FramePtr frame) {
    if (!frame || frame->empty()) return;
    bool start = false;
    {
        std::lock_guard lock(st_->mutex);
        ++st_->stats.submitted;
        if (st_->pending) ++st_->stats.dropped;  // latest frame wins
        st_->pending = std::move(frame);
        start = !st_->busy;
        st_->busy = true;
    }
    if (start) schedule(tasks_, st_);
}

void Decoder::schedule(TaskRunner& tasks, const std::shared_ptr<State>& st) {
    // Kiosk group: the decoder's own stop flag ends its work, a wipe leaves the scan screen and destroys it.
    tasks.post(TaskGroup::Kiosk, "scan decode", [&tasks, st](const Task&) { decode_one(tasks, st); });
}

void Decoder::submit_text(std::string text, Symbology from) {
    if (text.empty()) return;
    ScanResult r;
    r.text = std::move(text);
    r.symbology = from;
    r.when = Clock::now();
    {
        std::lock_guard lock(st_->mutex);
        st_->last_read = r.when;
        st_->last_text = r.text;
        st_->last_text_time = r.when;
    }
    deliver(st_, std::move(r));
    update_feedback(st_, Feedback::Read);
}

void Decoder::set_roi(Roi roi) {
    std::lock_guard lock(st_->mutex);
    st_->options.decode.roi = roi;
}

void Decoder::reset() {
    std::lock_guard lock(st_->mutex);
    st_->last_text.clear();
    st_->last_text_time = {};
    st_->last_read = {};
    st_->last_seen = {};
    st_->accumulator.reset();
    st_->pending.reset();
}

Feedback Decoder::feedback() const {
    return st_->feedback.load();
}

DecoderStats Decoder::stats() const {
    std::lock_guard lock(st_->mutex);
    return st_->stats;
}

bool Decoder::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(st_->mutex);
    return st_->idle.wait_for(lock, timeout, [this] { return !st_->pending && !st_->busy; });
}

void Decoder::deliver(const std::shared_ptr<State>& st, ScanResult r) {
    {
        std::lock_guard lock(st->mutex);
        ++st->stats.reads;
    }
    if (!st->on_result) return;
    st->ui->post([st, r = std::move(r)] {
        if (!st->stop.load()) st->on_result(r);
    });
}

void Decoder::update_feedback(const std::shared_ptr<State>& st, Feedback f) {
    if (st->feedback.exchange(f) == f || !st->on_feedback) return;
    st->ui->post([st, f] {
        if (!st->stop.load()) st->on_feedback(f);
    });
}

void Decoder::decode_one(TaskRunner& tasks, const std::shared_ptr<State>& st) {
    std::unique_lock lock(st->mutex);
    if (st->stop || !st->pending) {
        st->busy = false;
        st->idle.notify_all();
        return;
    }
    FramePtr frame = std::move(st->pending);
    st->pending.reset();
    const DecodeOptions decode = st->options.decode;
    lock.unlock();

    DecodeOutcome outcome = st->options.decode_fn(*frame, decode);

    lock.lock();
    ++st->stats.decoded;
    const Clock::time_point t = frame->timestamp == Clock::time_point{} ? Clock::now() : frame->timestamp;
    std::optional<ScanResult> fresh;
    Feedback advice = advise(outcome);
    if (outcome.code) {
        if (auto confirmed = st->accumulator.add(outcome, t)) {
            st->last_read = t;
            st->last_text = confirmed->text;
            st->last_text_time = t;
            ScanResult r;
            r.text = std::move(confirmed->text);
            r.symbology = confirmed->symbology;
            r.corners = confirmed->corners;
            r.when = t;
            r.frame_sequence = frame->sequence;
            fresh = std::move(r);
        } else if (outcome.code->text == st->last_text && t - st->last_text_time < st->options.repeat_after) {
            st->last_read = t;  // the code already given, still in view
            st->last_text_time = t;
        } else {
            advice = Feedback::Unsteady;  // read once, to be confirmed by the next frames: hold still
        }
    }
    if (advice != Feedback::NoCode && advice != Feedback::Read) {
        st->last_seen = t;
        st->last_advice = advice;
    }
    Feedback f = Feedback::NoCode;
    if (st->last_read != Clock::time_point{} && t - st->last_read < st->options.read_hold)
        f = Feedback::Read;
    else if (st->last_seen != Clock::time_point{} && t - st->last_seen < st->options.unsteady_hold)
        f = st->last_advice;
    const bool stopped = st->stop;
    lock.unlock();

    if (!stopped) {
        if (fresh) deliver(st, std::move(*fresh));
        update_feedback(st, f);
    }

    lock.lock();
    if (st->pending && !st->stop) {
        lock.unlock();
        schedule(tasks, st);  // the frame that came meanwhile, as its own task: other work gets its turn
        return;
    }
    st->busy = false;
    st->idle.notify_all();
}

}  // namespace kiosk::scan
