#pragma once
// Runs one CodeSource on its own thread: opens it (and opens it again every `retry_every` after a failure or
// an unplug), gives frames to the Decoder (which drops what it cannot keep up with) and scanners' text
// straight to it, keeps the latest frame for the UI's preview, and reports the status on the UI thread.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "kiosk/core/run_queue.hpp"
#include "kiosk/core/scan/code_source.hpp"
#include "kiosk/core/scan/decoder.hpp"

namespace kiosk::scan {

struct SourceStatus {
    bool open = false;
    bool ended = false;  // a replay finished
    std::string error;   // the last error ("" when open)
};

struct RunnerOptions {
    std::chrono::milliseconds retry_every{2000};
    std::chrono::milliseconds poll{100};                 // the longest wait in next(): bounds stop()'s delay
    std::function<void(const SourceStatus&)> on_status;  // UI thread, on changes
    std::function<void()> on_preview;                    // UI thread: a new frame is ready (coalesced)
};

class SourceRunner {
  public:
    SourceRunner(std::unique_ptr<CodeSource> source, Decoder& decoder, RunQueue& ui,
                 RunnerOptions options = {});
    ~SourceRunner();  // stop()
    SourceRunner(const SourceRunner&) = delete;
    SourceRunner& operator=(const SourceRunner&) = delete;

    void start();
    void stop();         // joins; closes the source
    FramePtr preview();  // the latest frame (any thread); also re-arms on_preview
    // Drops the latest frame (the wipe): what the camera saw of a citizen is not shown to the next one.
    void forget_frames();
    SourceStatus status() const;
    const CodeSource& source() const { return *source_; }

  private:
    void run();
    void set_status(const SourceStatus& s);

    std::unique_ptr<CodeSource> source_;
    Decoder& decoder_;
    RunQueue& ui_;
    RunnerOptions options_;
    mutable std::mutex mutex_;
    FramePtr latest_;
    SourceStatus status_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> preview_armed_{true};
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
    std::thread thread_;
};

}  // namespace kiosk::scan
