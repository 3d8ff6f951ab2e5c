#pragma once
// The decoder: frames come in from a source's thread and are decoded one at a time as tasks of the kiosk's
// TaskRunner (latest frame wins: a frame arriving while one is being decoded replaces the one waiting, which
// is dropped — nothing queues up), and results and the feedback state go back to the UI thread through the
// RunQueue. Destroying it never waits for a decode under way: that task ends on its own and posts nothing.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "kiosk/core/tasks.hpp"
#include "kiosk/core/scan/accumulator.hpp"
#include "kiosk/core/scan/decode.hpp"
#include "kiosk/core/scan/guidance.hpp"

namespace kiosk::scan {

struct ScanResult {
    std::string text;  // UTF-8, as read
    Symbology symbology = Symbology::Other;
    std::array<Point, 4> corners{};  // in frame pixels (all zero for scanners)
    Clock::time_point when{};
    std::uint64_t frame_sequence = 0;  // 0 for scanners
};

struct DecoderStats {
    std::uint64_t submitted = 0;  // frames given to submit()
    std::uint64_t decoded = 0;    // frames the worker actually decoded
    std::uint64_t dropped = 0;    // frames replaced while waiting (submitted = decoded + dropped + waiting)
    std::uint64_t reads = 0;      // results delivered (after de-duplication)
};

struct DecoderOptions {
    DecodeOptions decode;
    std::chrono::milliseconds repeat_after{
        3000};  // the same text is delivered again only after this long unseen
    std::chrono::milliseconds read_hold{1500};     // "C'est lu !" lasts that long after the last read
    std::chrono::milliseconds unsteady_hold{600};  // an advice ("Ne bougez plus", "Approchez le pass"…) lasts
                                                   // that long after a code was last seen
    int linear_reads = 2;  // identical reads that confirm a 1-D code (accumulator.hpp)
    // Replaces decode_frame (tests: a slow or scripted decoder).
    std::function<DecodeOutcome(const Frame&, const DecodeOptions&)> decode_fn;
};

class Decoder {
  public:
    using ResultFn = std::function<void(const ScanResult&)>;  // runs on the UI thread (RunQueue::run_pending)
    using FeedbackFn = std::function<void(Feedback)>;         // runs on the UI thread, on changes only

    Decoder(TaskRunner& tasks, DecoderOptions options, ResultFn on_result, FeedbackFn on_feedback = {});
    ~Decoder();  // nothing is delivered after it returns; a decode under way is left to end by itself
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    void submit(FramePtr frame);                         // any thread, never waits for a decode
    void submit_text(std::string text, Symbology from);  // any thread: a scanner's text (no decoding)
    void set_roi(Roi roi);                               // any thread; used from the next frame on
    void reset();  // forget the last read and the waiting frame (a new citizen)

    Feedback feedback() const;  // the state last computed by the worker
    DecoderStats stats() const;
    // Tests and tools: waits until no frame is waiting and none is being decoded. False on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);

  private:
    // Shared with the decode tasks, which may outlive the Decoder by the end of one decode.
    struct State {
        RunQueue* ui = nullptr;
        DecoderOptions options;
        ResultFn on_result;
        FeedbackFn on_feedback;
        mutable std::mutex mutex;
        std::condition_variable idle;
        FramePtr pending;
        bool busy = false;  // a decode task is queued or running
        std::atomic<bool> stop{false};
        DecoderStats stats;
        std::string last_text;
        Clock::time_point last_text_time{};
        Clock::time_point last_read{};
        Clock::time_point last_seen{};
        Feedback last_advice = Feedback::Unsteady;
        Accumulator accumulator;
        std::atomic<Feedback> feedback{Feedback::NoCode};
    };
    static void schedule(TaskRunner& tasks, const std::shared_ptr<State>& st);
    static void decode_one(TaskRunner& tasks, const std::shared_ptr<State>& st);
    static void deliver(const std::shared_ptr<State>& st, ScanResult r);
    static void update_feedback(const std::shared_ptr<State>& st, Feedback f);

    TaskRunner& tasks_;
    std::shared_ptr<State> st_ = std::make_shared<State>();
};

}  // namespace kiosk::scan
