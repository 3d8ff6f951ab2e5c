#include "platform/scanner/serial_source.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::platform {

namespace {
speed_t to_speed(int baud) {
    switch (baud) {
        case 1200:
            return B1200;
        case 2400:
            return B2400;
        case 4800:
            return B4800;
        case 9600:
            return B9600;
        case 19200:
            return B19200;
        case 38400:
            return B38400;
        case 57600:
            return B57600;
        case 115200:
            return B115200;
        case 230400:
            return B230400;
        default:
            return B0;
    }
}
}  // namespace

std::string SerialSource::describe() const {
    return "scanner série " + options_.device + " " + std::to_string(options_.baud) + " bauds";
}

std::string SerialSource::open() {
    close();
    const speed_t speed = to_speed(options_.baud);
    if (speed == B0)
        return "scanner " + options_.device + ": unsupported speed " + std::to_string(options_.baud);
    fd_ = ::open(options_.device.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) return "scanner " + options_.device + ": " + std::strerror(errno);
    termios t{};
    if (tcgetattr(fd_, &t) == 0) {
        cfmakeraw(&t);
        cfsetispeed(&t, speed);
        cfsetospeed(&t, speed);
        t.c_cflag |= CLOCAL | CREAD;
        t.c_cc[VMIN] = 0;
        t.c_cc[VTIME] = 0;
        if (tcsetattr(fd_, TCSANOW, &t) != 0) {
            const std::string e = std::strerror(errno);
            close();
            return "scanner " + options_.device + ": " + e;
        }
    }  // not a terminal (a FIFO in tests): read as is
    buffer_.clear();
    overflow_ = false;
    return "";
}

void SerialSource::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

scan::SourceItem SerialSource::next(std::chrono::milliseconds timeout) {
    if (fd_ < 0) return scan::SourceItem::failure("scanner " + options_.device + ": not open");
    const auto deadline = scan::Clock::now() + timeout;
    for (;;) {
        // A complete line already buffered?
        const std::size_t eol = buffer_.find_first_of("\r\n");
        if (eol != std::string::npos) {
            std::string line = buffer_.substr(0, eol);
            buffer_.erase(0, eol + 1);
            const bool dropped = overflow_;
            overflow_ = false;
            if (!line.empty() && !dropped)
                return scan::SourceItem::of_text(std::move(line), scan::Symbology::Serial);
            continue;  // the LF of a CR LF, an empty line, or the end of an overlong one
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - scan::Clock::now());
        if (left.count() < 0) return scan::SourceItem::nothing();
        pollfd p{fd_, POLLIN, 0};
        const int r = ::poll(&p, 1, int(left.count()));
        if (r < 0) {
            if (errno == EINTR) continue;
            return scan::SourceItem::failure("scanner " + options_.device + ": " + std::strerror(errno));
        }
        if (r == 0) return scan::SourceItem::nothing();
        char buf[512];
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n > 0) {
            buffer_.append(buf, std::size_t(n));
            if (buffer_.size() > options_.max_line && buffer_.find_first_of("\r\n") == std::string::npos) {
                buffer_.clear();
                overflow_ = true;
            }
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (p.revents & (POLLHUP | POLLERR | POLLNVAL) || n == 0 || n < 0)
            return scan::SourceItem::failure("scanner " + options_.device + ": unplugged or closed");
    }
}

}  // namespace kiosk::platform
