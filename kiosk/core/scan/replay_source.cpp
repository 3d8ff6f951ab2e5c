#include "kiosk/core/scan/replay_source.hpp"

#include <algorithm>
#include <thread>

#include "kiosk/core/log.hpp"

namespace kiosk::scan {

std::vector<std::filesystem::path> image_files(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
        std::string ext = e.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".pgm" ||
            ext == ".y8" || ext == ".gray")
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

ReplaySource::ReplaySource(std::vector<std::filesystem::path> files, ReplayOptions options)
    : files_(std::move(files)), options_(options) {
    if (files_.size() == 1 && std::filesystem::is_directory(files_.front()))
        files_ = image_files(files_.front());
}

ReplaySource::ReplaySource(std::vector<Frame> frames, ReplayOptions options) : options_(options) {
    for (Frame& f : frames) frames_.push_back(std::make_shared<const Frame>(std::move(f)));
}

std::string ReplaySource::describe() const {
    return "replay of " + std::to_string(files_.empty() ? frames_.size() : files_.size()) + " frame(s)";
}

std::string ReplaySource::open() {
    if (!files_.empty() && frames_.empty()) {
        // A frame that cannot be read is skipped (and said): the others still play.
        std::string problems;
        for (const auto& path : files_) {
            LoadedFrame loaded = load_frame(path);
            if (!loaded.ok()) {
                log::warn("replay: ", loaded.error);
                problems += (problems.empty() ? "" : "; ") + loaded.error;
                continue;
            }
            frames_.push_back(std::make_shared<const Frame>(std::move(loaded.frame)));
        }
        if (frames_.empty() && !problems.empty()) return problems;
    }
    if (frames_.empty()) return "replay: no frame to play";
    open_ = true;
    index_ = 0;
    due_ = Clock::now();
    return "";
}

void ReplaySource::close() {
    open_ = false;
}

SourceItem ReplaySource::next(std::chrono::milliseconds timeout) {
    if (!open_) return SourceItem::failure("replay: not open");
    if (index_ >= frames_.size()) {
        if (!options_.loop) return SourceItem::end();
        index_ = 0;
    }
    const auto now = Clock::now();
    if (due_ > now) {
        if (due_ - now > timeout) {
            std::this_thread::sleep_for(timeout);
            return SourceItem::nothing();
        }
        std::this_thread::sleep_until(due_);
    }
    auto frame = std::make_shared<Frame>(*frames_[index_++]);  // a copy: a fresh timestamp and sequence
    frame->timestamp = Clock::now();
    frame->sequence = ++sequence_;
    due_ = std::max(due_, frame->timestamp - options_.interval) + options_.interval;
    return SourceItem::of_frame(std::move(frame));
}

}  // namespace kiosk::scan
