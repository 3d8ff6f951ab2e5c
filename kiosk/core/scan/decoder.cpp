#include "kiosk/core/scan/decoder.hpp"

namespace kiosk::scan {

const char* feedback_key(Feedback f) {
    switch (f) {
    case Feedback::NoCode: return "scan.feedback.none";
    case Feedback::Unsteady: return "scan.feedback.steady";
    case Feedback::Read: return "scan.feedback.read";
    }
    return "scan.feedback.none";
}

Decoder::Decoder(RunQueue& ui, DecoderOptions options, ResultFn on_result, FeedbackFn on_feedback)
    : ui_(ui), options_(std::move(options)), on_result_(std::move(on_result)), on_feedback_(std::move(on_feedback)) {
    if (!options_.decode_fn) options_.decode_fn = decode_frame;
    worker_ = std::thread([this] { run(); });
}

Decoder::~Decoder() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    worker_.join();
    alive_->store(false);  // tasks already posted become no-ops
}

void Decoder::submit(FramePtr frame) {
    if (!frame || frame->empty()) return;
    {
        std::lock_guard lock(mutex_);
        ++stats_.submitted;
        if (pending_) ++stats_.dropped;  // latest frame wins
        pending_ = std::move(frame);
    }
    wake_.notify_one();
}

void Decoder::submit_text(std::string text, Symbology from) {
    if (text.empty()) return;
    ScanResult r;
    r.text = std::move(text);
    r.symbology = from;
    r.when = Clock::now();
    {
        std::lock_guard lock(mutex_);
        last_read_ = r.when;
        last_text_ = r.text;
        last_text_time_ = r.when;
    }
    deliver(std::move(r));
    update_feedback(Feedback::Read);
}

void Decoder::set_roi(Roi roi) {
    std::lock_guard lock(mutex_);
    options_.decode.roi = roi;
}

void Decoder::reset() {
    std::lock_guard lock(mutex_);
    last_text_.clear();
    last_text_time_ = {};
    last_read_ = {};
    last_seen_ = {};
    pending_.reset();
}

Feedback Decoder::feedback() const { return feedback_.load(); }

DecoderStats Decoder::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

bool Decoder::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return !pending_ && !busy_; });
}

void Decoder::deliver(ScanResult r) {
    {
        std::lock_guard lock(mutex_);
        ++stats_.reads;
    }
    if (!on_result_) return;
    ui_.post([alive = alive_, fn = on_result_, r = std::move(r)] {
        if (alive->load()) fn(r);
    });
}

void Decoder::update_feedback(Feedback f) {
    if (feedback_.exchange(f) == f || !on_feedback_) return;
    ui_.post([alive = alive_, fn = on_feedback_, f] {
        if (alive->load()) fn(f);
    });
}

void Decoder::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || pending_; });
        if (stop_) return;
        FramePtr frame = std::move(pending_);
        pending_.reset();
        busy_ = true;
        const DecodeOptions decode = options_.decode;
        lock.unlock();

        DecodeOutcome outcome = options_.decode_fn(*frame, decode);

        lock.lock();
        ++stats_.decoded;
        const Clock::time_point t = frame->timestamp == Clock::time_point{} ? Clock::now() : frame->timestamp;
        std::optional<ScanResult> fresh;
        if (outcome.code) {
            last_read_ = t;
            const bool repeat = outcome.code->text == last_text_ && t - last_text_time_ < options_.repeat_after;
            last_text_ = outcome.code->text;
            last_text_time_ = t;
            if (!repeat) {
                ScanResult r;
                r.text = std::move(outcome.code->text);
                r.symbology = outcome.code->symbology;
                r.corners = outcome.code->corners;
                r.when = t;
                r.frame_sequence = frame->sequence;
                fresh = std::move(r);
            }
        } else if (outcome.seen) {
            last_seen_ = t;
        }
        Feedback f = Feedback::NoCode;
        if (last_read_ != Clock::time_point{} && t - last_read_ < options_.read_hold)
            f = Feedback::Read;
        else if (last_seen_ != Clock::time_point{} && t - last_seen_ < options_.unsteady_hold)
            f = Feedback::Unsteady;
        lock.unlock();

        if (fresh) deliver(std::move(*fresh));
        update_feedback(f);

        lock.lock();
        busy_ = false;
        if (!pending_) idle_.notify_all();
    }
}

}  // namespace kiosk::scan
