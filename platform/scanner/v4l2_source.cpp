#include "platform/scanner/v4l2_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/mman.h>

namespace kiosk::platform {

bool parse_pixel_format(const std::string& name, PixelFormat& out) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (n == "yuyv")
        out = PixelFormat::Yuyv;
    else if (n == "grey" || n == "gray")
        out = PixelFormat::Grey;
    else if (n == "mjpg" || n == "mjpeg")
        out = PixelFormat::Mjpg;
    else
        return false;
    return true;
}

void lum_from_yuyv(const std::uint8_t* src, int width, int height, int stride, std::uint8_t* dst) {
    if (stride <= 0) stride = width * 2;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* s = src + std::size_t(y) * stride;
        std::uint8_t* d = dst + std::size_t(y) * width;
        for (int x = 0; x < width; ++x) d[x] = s[2 * x];
    }
}

void lum_from_grey(const std::uint8_t* src, int width, int height, int stride, std::uint8_t* dst) {
    if (stride <= 0) stride = width;
    for (int y = 0; y < height; ++y)
        std::memcpy(dst + std::size_t(y) * width, src + std::size_t(y) * stride, std::size_t(width));
}

void lum_from_yu12(const std::uint8_t* src, int width, int height, int stride, std::uint8_t* dst) {
    lum_from_grey(src, width, height, stride, dst);
}

std::string check_format(std::uint32_t fourcc, std::uint32_t width, std::uint32_t height,
                         std::uint32_t bytesperline, FrameGeometry& out) {
    out = {};
    std::size_t pixel = 0;  // bytes per pixel of the plane read
    if (fourcc == V4L2_PIX_FMT_YUYV)
        pixel = 2;
    else if (fourcc == V4L2_PIX_FMT_GREY || fourcc == V4L2_PIX_FMT_YUV420)
        pixel = 1;
    else
        return "format de pixels non pris en charge";
    if (width == 0 || height == 0 || width > std::uint32_t(kMaxCameraSide) ||
        height > std::uint32_t(kMaxCameraSide))
        return "taille d’image impossible (" + std::to_string(width) + "x" + std::to_string(height) + ")";
    const std::size_t row = std::size_t(width) * pixel;
    const std::size_t stride = bytesperline == 0 ? row : std::size_t(bytesperline);
    if (stride < row || stride > row * 4)
        return "largeur de ligne impossible (" + std::to_string(bytesperline) + " octets)";
    out.fourcc = fourcc;
    out.width = int(width);
    out.height = int(height);
    out.stride = stride;
    out.frame_bytes = stride * (std::size_t(height) - 1) + row;
    return "";
}

std::string check_buffer_length(const FrameGeometry& g, std::uint32_t length) {
    if (std::size_t(length) < g.frame_bytes)
        return "tampon trop petit (" + std::to_string(length) + " octets pour " +
               std::to_string(g.frame_bytes) + ")";
    return "";
}

DequeuedCheck check_dequeued(const FrameGeometry& g, std::uint32_t index, std::uint32_t bytesused,
                             const std::vector<std::size_t>& lengths) {
    if (index >= lengths.size()) return DequeuedCheck::BadIndex;
    // 0: a driver that does not say (the whole buffer); never more than what is mapped.
    const std::size_t used =
        bytesused == 0 ? lengths[index] : std::min<std::size_t>(bytesused, lengths[index]);
    return used >= g.frame_bytes && g.frame_bytes > 0 ? DequeuedCheck::Ok : DequeuedCheck::Short;
}

namespace {
int xioctl(int fd, unsigned long request, void* arg) {
    int r;
    do r = v4l2_ioctl(fd, request, arg);
    while (r == -1 && errno == EINTR);
    return r;
}
const char* format_name(PixelFormat f) {
    switch (f) {
        case PixelFormat::Yuyv:
            return "YUYV";
        case PixelFormat::Grey:
            return "GREY";
        case PixelFormat::Mjpg:
            return "MJPG";
    }
    return "?";
}
}  // namespace

std::string V4l2Source::describe() const {
    return "caméra " + options_.device + " " + std::to_string(options_.width) + "x" +
           std::to_string(options_.height) + " " + format_name(options_.format);
}

std::string V4l2Source::fail(const std::string& what, int err) {
    close();
    std::string why = std::strerror(err);
    if (err == ENOENT)
        why = "introuvable (la caméra est-elle branchée ?)";
    else if (err == EBUSY)
        why = "déjà utilisée par un autre programme";
    else if (err == EACCES)
        why = "accès refusé (groupe video ?)";
    return "caméra " + options_.device + " : " + what + (what.empty() ? "" : " : ") + why;
}

std::string V4l2Source::open() {
    close();
    fd_ = v4l2_open(options_.device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) {
        const int e = errno;
        fd_ = -1;
        return fail("", e);
    }
    v4l2_capability cap{};
    if (xioctl(fd_, VIDIOC_QUERYCAP, &cap) < 0) return fail("VIDIOC_QUERYCAP", errno);
    const std::uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE)) return fail("pas une caméra", ENODEV);
    if (!(caps & V4L2_CAP_STREAMING)) return fail("pas de streaming", ENOTSUP);

    v4l2_format fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.width = std::uint32_t(options_.width);
    fmt.fmt.pix.height = std::uint32_t(options_.height);
    fmt.fmt.pix.field = V4L2_FIELD_ANY;
    switch (options_.format) {
        case PixelFormat::Yuyv:
            fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
            break;
        case PixelFormat::Grey:
            fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_GREY;
            break;
        case PixelFormat::Mjpg:
            fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
            break;  // libv4l decodes the JPEG
    }
    if (xioctl(fd_, VIDIOC_S_FMT, &fmt) < 0) return fail("VIDIOC_S_FMT", errno);
    if (std::string why = check_format(fmt.fmt.pix.pixelformat, fmt.fmt.pix.width, fmt.fmt.pix.height,
                                       fmt.fmt.pix.bytesperline, geometry_);
        !why.empty()) {
        close();
        return "caméra " + options_.device + " : " + why;
    }
    width_ = geometry_.width;
    height_ = geometry_.height;

    v4l2_requestbuffers req{};
    req.count = std::uint32_t(std::max(2, options_.buffers));
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_REQBUFS, &req) < 0) return fail("VIDIOC_REQBUFS", errno);
    if (req.count == 0 || req.count > 32) return fail("VIDIOC_REQBUFS", ENOMEM);
    for (std::uint32_t i = 0; i < req.count; ++i) {
        v4l2_buffer b{};
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        b.index = i;
        if (xioctl(fd_, VIDIOC_QUERYBUF, &b) < 0) return fail("VIDIOC_QUERYBUF", errno);
        if (std::string why = check_buffer_length(geometry_, b.length); !why.empty()) {
            close();
            return "caméra " + options_.device + " : " + why;
        }
        void* p = v4l2_mmap(nullptr, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, b.m.offset);
        if (p == MAP_FAILED) return fail("mmap", errno);
        buffers_.push_back({p, b.length});
        lengths_.push_back(b.length);
        if (xioctl(fd_, VIDIOC_QBUF, &b) < 0) return fail("VIDIOC_QBUF", errno);
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_STREAMON, &type) < 0) return fail("VIDIOC_STREAMON", errno);
    streaming_ = true;
    return "";
}

void V4l2Source::close() {
    if (fd_ < 0) return;
    if (streaming_) {
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(fd_, VIDIOC_STREAMOFF, &type);
        streaming_ = false;
    }
    for (const Buffer& b : buffers_) v4l2_munmap(b.start, b.length);
    buffers_.clear();
    lengths_.clear();
    v4l2_close(fd_);
    fd_ = -1;
}

scan::SourceItem V4l2Source::next(std::chrono::milliseconds timeout) {
    if (fd_ < 0) return scan::SourceItem::failure(describe() + " : non ouverte");
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, int(timeout.count()));
    if (r == 0) return scan::SourceItem::nothing();
    if (r < 0) {
        if (errno == EINTR) return scan::SourceItem::nothing();
        return scan::SourceItem::failure(fail("poll", errno));
    }
    if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
        return scan::SourceItem::failure(fail("débranchée", ENODEV));
    v4l2_buffer b{};
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_DQBUF, &b) < 0) {
        if (errno == EAGAIN) return scan::SourceItem::nothing();
        return scan::SourceItem::failure(fail("VIDIOC_DQBUF", errno));
    }
    const DequeuedCheck check = check_dequeued(geometry_, b.index, b.bytesused, lengths_);
    if (check == DequeuedCheck::BadIndex)
        return scan::SourceItem::failure(fail("tampon inconnu " + std::to_string(b.index), EIO));
    std::shared_ptr<scan::Frame> frame;
    if (check == DequeuedCheck::Ok) {
        frame = std::make_shared<scan::Frame>();
        frame->width = width_;
        frame->height = height_;
        frame->lum.resize(std::size_t(width_) * height_);
        frame->timestamp = scan::Clock::now();
        frame->sequence = ++sequence_;
        const auto* src = static_cast<const std::uint8_t*>(buffers_[b.index].start);
        const int stride = int(geometry_.stride);
        if (geometry_.fourcc == V4L2_PIX_FMT_YUYV)
            lum_from_yuyv(src, width_, height_, stride, frame->lum.data());
        else
            lum_from_grey(src, width_, height_, stride, frame->lum.data());  // GREY and YU12's Y plane
    }
    if (xioctl(fd_, VIDIOC_QBUF, &b) < 0) return scan::SourceItem::failure(fail("VIDIOC_QBUF", errno));
    if (!frame) return scan::SourceItem::nothing();  // a short frame (USB hiccup): skipped
    return scan::SourceItem::of_frame(std::move(frame));
}

}  // namespace kiosk::platform
