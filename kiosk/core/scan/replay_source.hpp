#pragma once
// Replays image files (PNG, JPEG… or raw "*-WxH.y8" planes) or frames in memory as if a camera produced them:
// tests and the demo.
#include <filesystem>
#include <vector>

#include "kiosk/core/scan/code_source.hpp"

namespace kiosk::scan {

struct ReplayOptions {
    std::chrono::milliseconds interval{33};  // between frames (0: as fast as they are asked for)
    bool loop = false;                       // start again after the last frame (else: End)
};

class ReplaySource : public CodeSource {
  public:
    // `files`: image files, or one folder (its images are taken in name order).
    explicit ReplaySource(std::vector<std::filesystem::path> files, ReplayOptions options = {});
    explicit ReplaySource(std::vector<Frame> frames, ReplayOptions options = {});

    std::string describe() const override;
    std::string open() override;  // loads every file; an error names the first bad one
    void close() override;
    bool is_open() const override { return open_; }
    SourceItem next(std::chrono::milliseconds timeout) override;

    std::size_t size() const { return frames_.size(); }

  private:
    std::vector<std::filesystem::path> files_;
    std::vector<FramePtr> frames_;
    ReplayOptions options_;
    bool open_ = false;
    std::size_t index_ = 0;
    std::uint64_t sequence_ = 0;
    Clock::time_point due_{};
};

// The image files of a folder, in name order (png, jpg, jpeg, bmp, pgm, y8, gray).
std::vector<std::filesystem::path> image_files(const std::filesystem::path& folder);

}  // namespace kiosk::scan
