#include "platform/printer/escpos_printer.hpp"

#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
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

PrinterStatus escpos_status_from(const EscPosStatusBytes& a) {
    auto hex = [](int n, int v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "DLE EOT %d = 0x%02X", n, v);
        return std::string(buf);
    };
    if (a.online < 0 && a.offline < 0 && a.error < 0 && a.paper < 0)
        return {Health::unknown, "the printer does not report its status"};
    if (a.paper >= 0 && (a.paper & 0x60)) return {Health::no_paper, "no paper (" + hex(4, a.paper) + ")"};
    if (a.offline >= 0 && (a.offline & 0x20))
        return {Health::no_paper, "no paper: stopped at paper end (" + hex(2, a.offline) + ")"};
    if (a.offline >= 0 && (a.offline & 0x04))
        return {Health::cover_open, "cover open (" + hex(2, a.offline) + ")"};
    if (a.error >= 0 && (a.error & 0x6C)) {
        std::string why = (a.error & 0x08)   ? "autocutter error"
                          : (a.error & 0x04) ? "mechanical error"
                          : (a.error & 0x20) ? "unrecoverable error"
                                             : "recoverable error (head temperature?)";
        return {Health::offline, "printer in error: " + why + " (" + hex(3, a.error) + ")"};
    }
    if (a.offline >= 0 && (a.offline & 0x40))
        return {Health::offline, "printer in error (" + hex(2, a.offline) + ")"};
    if (a.online >= 0 && (a.online & 0x08))
        return {Health::offline, "printer offline (" + hex(1, a.online) + ")"};
    if (a.paper >= 0 && (a.paper & 0x0C))
        return {Health::paper_low, "paper running low (" + hex(4, a.paper) + ")"};
    return {Health::ready, "ready"};
}

PrinterStatus escpos_status_from(int offline, int paper) {
    EscPosStatusBytes a;
    a.offline = offline;
    a.paper = paper;
    return escpos_status_from(a);
}

EscPosPrinter::EscPosPrinter(std::string device, EscPosOptions options)
    : device_(std::move(device)), options_(options) {}

PrinterStatus EscPosPrinter::query(int fd) {
    // Drop stale bytes, then ask.
    std::uint8_t junk[64];
    for (int i = 0; i < 16 && ::read(fd, junk, sizeof junk) > 0; ++i) {
    }
    EscPosStatusBytes a;
    a.online = ask(fd, 1, options_.status_timeout);
    if (a.online < 0) return escpos_status_from(a);  // silent once: silent always
    a.offline = ask(fd, 2, options_.status_timeout);
    a.error = ask(fd, 3, options_.status_timeout);
    a.paper = ask(fd, 4, options_.status_timeout);
    return escpos_status_from(a);
}

std::unique_ptr<EscPosPrinter> EscPosPrinter::tcp(std::string host, int port, EscPosOptions options) {
    auto p = std::make_unique<EscPosPrinter>(std::move(host), options);
    p->port_ = port;
    return p;
}

PrintResult EscPosPrinter::connect_tcp(int& out) {
    const std::string where = device_ + ":" + std::to_string(port_);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int e = ::getaddrinfo(device_.c_str(), std::to_string(port_).c_str(), &hints, &found); e != 0)
        return PrintResult::fail(PrintError::not_found, where + ": " + ::gai_strerror(e));
    std::string why = "no address";
    PrintError kind = PrintError::not_found;
    for (addrinfo* ai = found; ai; ai = ai->ai_next) {
        Fd f{::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol)};
        if (f.fd < 0) {
            why = std::strerror(errno);
            continue;
        }
        if (::connect(f.fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) {
                why = std::strerror(errno);
                continue;
            }
            pollfd p{f.fd, POLLOUT, 0};
            const int r = ::poll(&p, 1, static_cast<int>(options_.connect_timeout.count()));
            int err = 0;
            socklen_t len = sizeof err;
            if (r <= 0) {
                why = "no answer within " + std::to_string(options_.connect_timeout.count()) + " ms";
                kind = PrintError::timeout;
                continue;
            }
            if (::getsockopt(f.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
                why = std::strerror(err ? err : errno);
                continue;
            }
        }
        const int one = 1;
        ::setsockopt(f.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // the status questions go at once
        out = f.fd;
        f.fd = -1;
        ::freeaddrinfo(found);
        return PrintResult::success();
    }
    ::freeaddrinfo(found);
    return PrintResult::fail(kind, where + ": " + why);
}

// Sends what is left, then waits (briefly) for the printer to close: closing with unread bytes from it
// would reset the connection and could drop the end of the job.
static void close_gracefully(int fd) {
    ::shutdown(fd, SHUT_WR);
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    std::uint8_t junk[256];
    while (true) {
        pollfd p{fd, POLLIN, 0};
        const int left = ms_left(deadline);
        if (left == 0 || ::poll(&p, 1, left) <= 0) break;
        const ssize_t n = ::read(fd, junk, sizeof junk);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) break;
    }
}

PrintResult EscPosPrinter::print_tcp(const printing::Bitmap& ticket) {
    const std::string where = device_ + ":" + std::to_string(port_);
    Fd f;
    if (PrintResult r = connect_tcp(f.fd); !r.ok()) return r;
    const PrinterStatus s = query(f.fd);
    if (s.health == Health::no_paper)
        return PrintResult::fail(PrintError::no_paper, where + ": " + s.message);
    if (s.health == Health::cover_open)
        return PrintResult::fail(PrintError::cover_open, where + ": " + s.message);
    if (s.health == Health::offline) return PrintResult::fail(PrintError::offline, where + ": " + s.message);
    PrintResult r =
        write_all(f.fd, escpos_job(ticket, options_), Clock::now() + options_.write_timeout, where);
    if (r.ok()) close_gracefully(f.fd);
    return r;
}

PrinterStatus EscPosPrinter::status() {
    std::lock_guard lock(mutex_);
    if (port_) {
        Fd f;
        if (PrintResult r = connect_tcp(f.fd); !r.ok())
            return {r.error == PrintError::timeout ? Health::offline : Health::not_found, r.message};
        PrinterStatus s = query(f.fd);
        close_gracefully(f.fd);
        return s;
    }
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
    if (port_) return print_tcp(ticket);
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
