#pragma once
// A camera frame as the decoder sees it: an 8-bit luminance plane (0 = black), its size and when it was
// taken.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::scan {

using Clock = std::chrono::steady_clock;

struct Frame {
    int width = 0, height = 0;
    std::vector<std::uint8_t> lum;  // width * height bytes, rows packed (stride == width)
    Clock::time_point timestamp{};
    std::uint64_t sequence = 0;  // set by the source: 1, 2, 3…

    bool empty() const { return width <= 0 || height <= 0 || lum.size() < std::size_t(width) * height; }
    std::uint8_t at(int x, int y) const { return lum[std::size_t(y) * width + x]; }
};
using FramePtr = std::shared_ptr<const Frame>;

// A rectangle in fractions of the frame (0..1): the guide frame drawn on screen.
struct Roi {
    float x = 0.f, y = 0.f, w = 1.f, h = 1.f;
    static Roi full() { return {}; }
};

// The ROI in pixels, clamped to the frame (at least 1×1 when the frame is not empty).
struct PixelRect {
    int x = 0, y = 0, w = 0, h = 0;
};
PixelRect to_pixels(const Roi& roi, int width, int height);

// Copies `rect` of `frame` and shrinks it by an integer `factor` (box filter; factor 1 = plain crop).
Frame crop_and_shrink(const Frame& frame, PixelRect rect, int factor);

struct LoadedFrame {
    Frame frame;
    std::string error;  // "" when loaded
    bool ok() const { return error.empty(); }
};

// PNG, JPEG, BMP… (stb_image) converted to luminance, or a raw 8-bit plane "*.y8"/"*.gray" whose size is in
// its name ("name-640x480.y8") or given by `raw_width`/`raw_height`.
LoadedFrame load_frame(const std::filesystem::path& path, int raw_width = 0, int raw_height = 0);

}  // namespace kiosk::scan
