#include "kiosk/core/scan/source_runner.hpp"

namespace kiosk::scan {

SourceRunner::SourceRunner(std::unique_ptr<CodeSource> source, Decoder& decoder, RunQueue& ui,
                           RunnerOptions options)
    : source_(std::move(source)), decoder_(decoder), ui_(ui), options_(std::move(options)) {}

SourceRunner::~SourceRunner() {
    stop();
    alive_->store(false);
}

void SourceRunner::start() {
    if (thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] { run(); });
}

void SourceRunner::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

FramePtr SourceRunner::preview() {
    preview_armed_ = true;
    std::lock_guard lock(mutex_);
    return latest_;
}

void SourceRunner::forget_frames() {
    std::lock_guard lock(mutex_);
    latest_.reset();
}

SourceStatus SourceRunner::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void SourceRunner::set_status(const SourceStatus& s) {
    {
        std::lock_guard lock(mutex_);
        if (s.open == status_.open && s.ended == status_.ended && s.error == status_.error) return;
        status_ = s;
    }
    if (options_.on_status)
        ui_.post([alive = alive_, fn = options_.on_status, s] {
            if (alive->load()) fn(s);
        });
}

void SourceRunner::run() {
    Clock::time_point next_try{};
    while (!stop_) {
        if (!source_->is_open()) {
            const auto now = Clock::now();
            if (now < next_try) {
                std::this_thread::sleep_for(std::min<Clock::duration>(next_try - now, options_.poll));
                continue;
            }
            std::string error = source_->open();
            if (!error.empty()) {
                set_status({false, false, error});
                next_try = Clock::now() + options_.retry_every;
                continue;
            }
            set_status({true, false, ""});
        }
        SourceItem item = source_->next(options_.poll);
        switch (item.kind) {
            case SourceItem::Kind::Nothing:
                break;
            case SourceItem::Kind::Frame: {
                std::lock_guard lock(mutex_);
                latest_ = item.frame;
            }
                decoder_.submit(item.frame);
                if (options_.on_preview && preview_armed_.exchange(false))
                    ui_.post([alive = alive_, fn = options_.on_preview] {
                        if (alive->load()) fn();
                    });
                break;
            case SourceItem::Kind::Text:
                decoder_.submit_text(std::move(item.text), item.symbology);
                break;
            case SourceItem::Kind::Error:
                source_->close();
                set_status({false, false, item.error});
                next_try = Clock::now() + options_.retry_every;
                break;
            case SourceItem::Kind::End:
                source_->close();
                set_status({false, true, ""});
                while (!stop_) std::this_thread::sleep_for(options_.poll);
                break;
        }
    }
    source_->close();
}

}  // namespace kiosk::scan
