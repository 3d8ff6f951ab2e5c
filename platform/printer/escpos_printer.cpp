#include "platform/printer/escpos_printer.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::platform {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, DLE = 0x10, EOT = 0x04;

int ms_left(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

PrintError open_error(int err) {
    switch (err) {
        case ENOENT:
        case ENODEV:
        case ENXIO:
        case ENOTDIR:
            return PrintError::not_found;
        default:
            return PrintError::cannot_write;
    }
}

speed_t to_speed(int baud) {
    switch (baud) {
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
        default:
            return 0;
    }
}

// Serial ports: raw bytes, no echo, no flow control translation.
void setup_tty(int fd, int baud) {
    termios t{};
    if (::tcgetattr(fd, &t) != 0) return;
    ::cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    if (speed_t s = to_speed(baud)) {
        ::cfsetispeed(&t, s);
        ::cfsetospeed(&t, s);
    }
    ::tcsetattr(fd, TCSANOW, &t);
}

// Writes everything or fails; never waits longer than the deadline for the device to take data.
PrintResult write_all(int fd, const std::vector<std::uint8_t>& data, Clock::time_point deadline,
                      const std::string& dev) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd, POLLOUT, 0};
            const int left = ms_left(deadline);
            if (left == 0 || ::poll(&p, 1, left) == 0)
                return PrintResult::fail(PrintError::timeout, dev + " takes no data (is it on, with paper?)");
            if (p.revents & (POLLERR | POLLHUP))
                return PrintResult::fail(PrintError::not_found, dev + " went away while printing");
            continue;
        }
        const int err = n < 0 ? errno : EIO;
        if (err == ENODEV || err == ENXIO)
            return PrintResult::fail(PrintError::not_found, dev + ": " + std::strerror(err));
        return PrintResult::fail(PrintError::cannot_write, dev + ": " + std::strerror(err));
    }
    return PrintResult::success();
}

// Sends DLE EOT n and waits briefly for the one-byte answer: -1 when none comes.
int ask(int fd, std::uint8_t n, std::chrono::milliseconds timeout) {
    const std::uint8_t q[3] = {DLE, EOT, n};
    if (::write(fd, q, 3) != 3) return -1;
    const auto deadline = Clock::now() + timeout;
    while (true) {
        pollfd p{fd, POLLIN, 0};
        const int left = ms_left(deadline);
        if (left == 0) return -1;
        const int r = ::poll(&p, 1, left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0 || !(p.revents & POLLIN)) return -1;
        std::uint8_t b = 0;
        const ssize_t got = ::read(fd, &b, 1);
        if (got == 1) {
            if ((b & 0x93) == 0x12) return b;  // the fixed bits of every DLE EOT answer
            continue;                          // a stray byte: keep waiting for the answer
        }
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        return -1;
    }
}

}  // namespace

std::vector<std::uint8_t> escpos_job(const printing::Bitmap& ticket, const EscPosOptions& options) {
    std::vector<std::uint8_t> out = {ESC, '@'};
    const int xbytes = ticket.row_bytes();
    const int band = options.band_rows > 0 ? options.band_rows : 128;
    for (int y0 = 0; y0 < ticket.height; y0 += band) {
        const int rows = std::min(band, ticket.height - y0);
        const std::uint8_t header[] = {GS,
                                       'v',
                                       '0',
                                       0,
                                       static_cast<std::uint8_t>(xbytes & 0xFF),
                                       static_cast<std::uint8_t>(xbytes >> 8),
                                       static_cast<std::uint8_t>(rows & 0xFF),
                                       static_cast<std::uint8_t>(rows >> 8)};
        out.insert(out.end(), std::begin(header), std::end(header));
        for (int y = y0; y < y0 + rows; ++y) {
            const std::uint8_t* row = ticket.row(y);
            out.insert(out.end(), row, row + xbytes);
            // Bitmap rows are already padded with 0 (white) bits past the width.
        }
    }
    switch (options.cut) {
        case Cut::partial:
            out.insert(out.end(), {GS, 'V', 66, 0});
            break;  // feed to the cutter, partial cut
        case Cut::full:
            out.insert(out.end(), {GS, 'V', 65, 0});
            break;  // feed to the cutter, full cut
        case Cut::none:
            out.insert(out.end(), {ESC, 'd', static_cast<std::uint8_t>(options.feed_lines)});
            break;
    }
    return out;
}

PrinterStatus escpos_status_from(int offline, int paper) {
    if (offline < 0 && paper < 0) return {Health::unknown, "the printer does not report its status"};
    if (paper >= 0 && (paper & 0x60)) return {Health::no_paper, "no paper"};
    if (offline >= 0 && (offline & 0x20)) return {Health::no_paper, "no paper"};
    if (offline >= 0 && (offline & 0x04)) return {Health::cover_open, "cover open"};
    if (offline >= 0 && (offline & 0x40)) return {Health::offline, "printer in error"};
    if (paper >= 0 && (paper & 0x0C)) return {Health::paper_low, "paper running low"};
    return {Health::ready, "ready"};
}

EscPosPrinter::EscPosPrinter(std::string device, EscPosOptions options)
    : device_(std::move(device)), options_(options) {}

PrinterStatus EscPosPrinter::query(int fd) {
    // Drop stale bytes, then ask.
    std::uint8_t junk[64];
    for (int i = 0; i < 16 && ::read(fd, junk, sizeof junk) > 0; ++i) {
    }
    const int offline = ask(fd, 2, options_.status_timeout);
    const int paper = offline < 0 ? -1 : ask(fd, 4, options_.status_timeout);  // silent once: silent always
    return escpos_status_from(offline, paper);
}

PrinterStatus EscPosPrinter::status() {
    std::lock_guard lock(mutex_);
    struct stat st {};
    if (::stat(device_.c_str(), &st) != 0)
        return {Health::not_found, "printer not found: " + device_ + ": " + std::strerror(errno)};
    if (!S_ISCHR(st.st_mode)) return {Health::unknown, device_ + " is not a device: no status"};
    Fd f{::open(device_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0) return {Health::not_found, "printer not found: " + device_ + ": " + std::strerror(errno)};
    if (::isatty(f.fd)) setup_tty(f.fd, options_.baud);
    return query(f.fd);
}

PrintResult EscPosPrinter::print(const printing::Bitmap& ticket) {
    std::lock_guard lock(mutex_);
    if (ticket.empty()) return PrintResult::fail(PrintError::bad_ticket, "the ticket is empty");
    if (ticket.width > options_.width)
        return PrintResult::fail(PrintError::bad_ticket, "the ticket is " + std::to_string(ticket.width) +
                                                             " dots wide, the paper " +
                                                             std::to_string(options_.width));
    struct stat st {};
    if (::stat(device_.c_str(), &st) != 0)
        return PrintResult::fail(open_error(errno), device_ + ": " + std::strerror(errno));
    const bool device = S_ISCHR(st.st_mode);
    // A regular file stands in for the device in tests: appended to, never created.
    const int flags = (device ? O_RDWR : O_WRONLY | O_APPEND) | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
    Fd f{::open(device_.c_str(), flags)};
    if (f.fd < 0 && device && (errno == EACCES || errno == EPERM || errno == EINVAL))
        f.fd = ::open(device_.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);  // write-only devices
    if (f.fd < 0) return PrintResult::fail(open_error(errno), device_ + ": " + std::strerror(errno));
    if (device) {
        if (::isatty(f.fd)) setup_tty(f.fd, options_.baud);
        if ((::fcntl(f.fd, F_GETFL) & O_ACCMODE) == O_RDWR) {
            const PrinterStatus s = query(f.fd);
            if (s.health == Health::no_paper) return PrintResult::fail(PrintError::no_paper, device_);
            if (s.health == Health::cover_open) return PrintResult::fail(PrintError::cover_open, device_);
            if (s.health == Health::offline)
                return PrintResult::fail(PrintError::offline, device_ + ": " + s.message);
        }
    }
    return write_all(f.fd, escpos_job(ticket, options_), Clock::now() + options_.write_timeout, device_);
}

}  // namespace kiosk::platform
