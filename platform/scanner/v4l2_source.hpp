#pragma once
// A camera through V4L2 (libv4l2, which also converts formats the camera does not offer, e.g. MJPG → YU12):
// mmap streaming, poll with a timeout, the luminance plane handed to the decoder. A missing or unplugged
// camera gives an error in plain words; the runner opens it again later.
#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/scan/code_source.hpp"

namespace kiosk::platform {

enum class PixelFormat {
    Yuyv,
    Grey,
    Mjpg
};  // what the camera is asked for (Mjpg: decoded by libv4l to YU12)
bool parse_pixel_format(const std::string& name, PixelFormat& out);  // "yuyv", "grey", "mjpg" (any case)

struct CameraOptions {
    std::string device = "/dev/video0";
    int width = 1280, height = 720;
    PixelFormat format = PixelFormat::Yuyv;
    int buffers = 3;
};

// Pixel conversions to an 8-bit luminance plane (rows packed). `stride`: bytes per source row (0: packed).
void lum_from_yuyv(const std::uint8_t* src, int width, int height, int stride, std::uint8_t* dst);
void lum_from_grey(const std::uint8_t* src, int width, int height, int stride, std::uint8_t* dst);
void lum_from_yu12(const std::uint8_t* src, int width, int height, int stride,
                   std::uint8_t* dst);  // Y plane first

// What the driver answered, checked before a byte of its buffers is read: a driver (or a camera's firmware)
// may give sizes that do not add up, and a frame is read from memory the driver maps.
struct FrameGeometry {
    std::uint32_t fourcc = 0;  // V4L2_PIX_FMT_YUYV, _GREY or _YUV420 (whose Y plane is read)
    int width = 0, height = 0;
    std::size_t stride = 0;       // bytes per row, as the driver said or the packed width
    std::size_t frame_bytes = 0;  // the bytes a frame occupies, from the first to the last one read
};
constexpr int kMaxCameraSide = 8192;
// VIDIOC_S_FMT's answer: the geometry in `out`, or why it cannot be used ("" when it can).
std::string check_format(std::uint32_t fourcc, std::uint32_t width, std::uint32_t height,
                         std::uint32_t bytesperline, FrameGeometry& out);
// VIDIOC_QUERYBUF's answer: a mapped buffer must hold a whole frame ("" when it does).
std::string check_buffer_length(const FrameGeometry& g, std::uint32_t length);
// VIDIOC_DQBUF's answer, against the buffers mapped (`lengths`, by index).
enum class DequeuedCheck {
    Ok,        // a whole frame: read it
    Short,     // fewer bytes than a frame (a USB hiccup): skipped, the buffer is queued again
    BadIndex,  // a buffer that was never mapped: the camera is closed and opened again
};
DequeuedCheck check_dequeued(const FrameGeometry& g, std::uint32_t index, std::uint32_t bytesused,
                             const std::vector<std::size_t>& lengths);

class V4l2Source : public scan::CodeSource {
  public:
    explicit V4l2Source(CameraOptions options) : options_(std::move(options)) {}
    ~V4l2Source() override { close(); }
    std::string describe() const override;
    std::string open() override;
    void close() override;
    bool is_open() const override { return fd_ >= 0; }
    scan::SourceItem next(std::chrono::milliseconds timeout) override;

    int width() const { return width_; }  // as negotiated (the driver may pick another size)
    int height() const { return height_; }

  private:
    std::string fail(const std::string& what, int err);
    CameraOptions options_;
    int fd_ = -1;
    int width_ = 0, height_ = 0;
    FrameGeometry geometry_;
    struct Buffer {
        void* start = nullptr;
        std::size_t length = 0;
    };
    std::vector<Buffer> buffers_;
    std::vector<std::size_t> lengths_;  // buffers_' lengths, for check_dequeued
    bool streaming_ = false;
    std::uint64_t sequence_ = 0;
};

}  // namespace kiosk::platform
