#pragma once
// The printer's side of ESC/POS for tests: a decoder that turns a job's bytes back into the image it prints
// (ESC @, GS v 0 raster bands, GS V cut, ESC d feed, DLE EOT status questions), and a TCP server on 127.0.0.1
// that behaves as a network receipt printer on port 9100 would: it answers DLE EOT n with the status bytes
// the test sets, and keeps every other byte of each connection as a job.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/printing/bitmap.hpp"

namespace kiosk::test {

struct EscPosDecoded {
    printing::Bitmap image;      // the bands stacked, as the paper comes out
    bool initialised = false;    // ESC @ came first
    int bands = 0;               // GS v 0 images
    int cut = -1;                // GS V m: 65 full, 66 partial; -1 none
    int feed = -1;               // ESC d n
    std::vector<int> questions;  // DLE EOT n, in order
    std::string error;           // a byte the decoder does not know, or a short image: where and what
    bool ok() const { return error.empty(); }
};

// Decodes a whole job. Every band must have the same width (bytes × 8 dots).
inline EscPosDecoded decode_escpos(const std::vector<std::uint8_t>& b) {
    EscPosDecoded d;
    std::vector<std::uint8_t> rows;  // packed, row after row
    int row_bytes = -1;
    std::size_t i = 0;
    auto need = [&](std::size_t n) {
        if (i + n > b.size()) {
            d.error = "truncated command at byte " + std::to_string(i);
            return false;
        }
        return true;
    };
    while (i < b.size() && d.ok()) {
        const std::uint8_t c = b[i];
        if (c == 0x1B && need(2) && b[i + 1] == '@') {
            if (i == 0 || d.bands == 0) d.initialised = true;
            i += 2;
        } else if (c == 0x1B && need(3) && b[i + 1] == 'd') {
            d.feed = b[i + 2];
            i += 3;
        } else if (c == 0x10 && need(3) && b[i + 1] == 0x04) {
            d.questions.push_back(b[i + 2]);
            i += 3;
        } else if (c == 0x1D && need(2) && b[i + 1] == 'V') {
            if (!need(3)) break;
            d.cut = b[i + 2];
            i += (b[i + 2] == 65 || b[i + 2] == 66) ? 4 : 3;  // m = 65/66 take a feed amount n
        } else if (c == 0x1D && need(8) && b[i + 1] == 'v' && b[i + 2] == '0') {
            const int m = b[i + 3];
            const int xb = b[i + 4] | (b[i + 5] << 8);
            const int yr = b[i + 6] | (b[i + 7] << 8);
            if (m != 0) d.error = "GS v 0 with scaling mode " + std::to_string(m);
            if (row_bytes >= 0 && xb != row_bytes) d.error = "bands of different widths";
            row_bytes = xb;
            i += 8;
            const std::size_t n = static_cast<std::size_t>(xb) * yr;
            if (!d.ok() || !need(n)) break;
            rows.insert(rows.end(), b.begin() + static_cast<long>(i), b.begin() + static_cast<long>(i + n));
            i += n;
            ++d.bands;
        } else {
            if (d.ok()) d.error = "unknown byte 0x" + std::to_string(c) + " at " + std::to_string(i);
        }
    }
    if (row_bytes > 0) {
        d.image = printing::Bitmap(row_bytes * 8, static_cast<int>(rows.size() / row_bytes));
        d.image.bits = rows;
    }
    return d;
}

// A network receipt printer on 127.0.0.1: status bytes set by the test (-1: it stays silent), jobs kept.
class LoopbackEscPosPrinter {
  public:
    LoopbackEscPosPrinter() {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 8) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            throw std::runtime_error("loopback printer: cannot listen");
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackEscPosPrinter() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    int port() const { return port_; }
    std::string spec() const { return "escpos-tcp:127.0.0.1:" + std::to_string(port_); }

    // The answer to DLE EOT n (1 to 4). Fixed bits 0x12 are added, as a printer sets them.
    void answer(int n, int bits) {
        std::lock_guard lock(mutex_);
        answers_[n] = bits < 0 ? -1 : (bits | 0x12);
    }
    void ready() {
        for (int n = 1; n <= 4; ++n) answer(n, 0);
    }
    std::vector<std::vector<std::uint8_t>> jobs() const {  // each connection's bytes, questions included
        std::lock_guard lock(mutex_);
        return jobs_;
    }
    int connections() const { return connections_.load(); }
    // The jobs once `n` connections have ended (the kiosk closes its side first), or what came in 5 s.
    std::vector<std::vector<std::uint8_t>> wait_jobs(std::size_t n) const {
        for (int i = 0; i < 500 && jobs().size() < n; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return jobs();
    }
    void delay_answers(int ms) { delay_ms_ = ms; }  // a slow printer (still within the kiosk's timeout)

  private:
    void serve() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0) continue;
            ++connections_;
            talk(c);
            ::close(c);
        }
    }
    // Reads until the kiosk closes; answers each DLE EOT outside raster data at once (a real printer answers
    // them in real time).
    void talk(int c) {
        std::vector<std::uint8_t> job;
        std::size_t parsed = 0, raster_left = 0;
        std::uint8_t buf[4096];
        while (!stop_) {
            pollfd p{c, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const ssize_t n = ::read(c, buf, sizeof buf);
            if (n <= 0) break;
            job.insert(job.end(), buf, buf + n);
            while (parsed < job.size()) {
                if (raster_left > 0) {
                    const std::size_t take = std::min(raster_left, job.size() - parsed);
                    parsed += take;
                    raster_left -= take;
                    continue;
                }
                const std::size_t left = job.size() - parsed;
                const std::uint8_t* q = job.data() + parsed;
                if (q[0] == 0x10) {
                    if (left < 3) break;
                    int bits = -1;
                    {
                        std::lock_guard lock(mutex_);
                        if (q[1] == 0x04 && q[2] >= 1 && q[2] <= 4) bits = answers_[q[2]];
                    }
                    if (bits >= 0 && delay_ms_ > 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_.load()));
                    if (bits >= 0) {
                        const auto byte = static_cast<std::uint8_t>(bits);
                        if (::write(c, &byte, 1) != 1) break;
                    }
                    parsed += 3;
                } else if (q[0] == 0x1D && left < 2) {
                    break;
                } else if (q[0] == 0x1D && q[1] == 'v') {
                    if (left < 8) break;
                    raster_left = static_cast<std::size_t>(q[4] | (q[5] << 8)) * (q[6] | (q[7] << 8));
                    parsed += 8;
                } else {
                    ++parsed;
                }
            }
        }
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }

    int fd_ = -1, port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0}, delay_ms_{0};
    mutable std::mutex mutex_;
    int answers_[5] = {-1, -1, -1, -1, -1};
    std::vector<std::vector<std::uint8_t>> jobs_;
    std::thread thread_;
};

// The same printer on a serial port: a pseudo-terminal whose other end the test holds. The kiosk opens
// escpos:<path()> as it would /dev/ttyUSB0 (raw mode), asks DLE EOT n, the test answers on the master side.
class LoopbackSerialPrinter {
  public:
    LoopbackSerialPrinter() {
        master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0)
            throw std::runtime_error("loopback serial printer: no pseudo-terminal");
        path_ = ::ptsname(master_);
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackSerialPrinter() {
        stop_ = true;
        thread_.join();
        ::close(master_);
    }
    const std::string& path() const { return path_; }
    std::string spec() const { return "escpos:" + path_; }
    void answer(int n, int bits) {
        std::lock_guard lock(mutex_);
        answers_[n] = bits < 0 ? -1 : (bits | 0x12);
    }
    void ready() {
        for (int n = 1; n <= 4; ++n) answer(n, 0);
    }
    // The bytes received so far, once nothing more has come for 300 ms.
    std::vector<std::uint8_t> received() const {
        std::size_t last = static_cast<std::size_t>(-1);
        for (int i = 0; i < 100; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            std::lock_guard lock(mutex_);
            if (bytes_.size() == last && idle_ms_ >= 300) break;
            last = bytes_.size();
        }
        std::lock_guard lock(mutex_);
        return bytes_;
    }

  private:
    void serve() {
        std::size_t parsed = 0, raster_left = 0;
        std::uint8_t buf[4096];
        while (!stop_) {
            pollfd p{master_, POLLIN, 0};
            const int r = ::poll(&p, 1, 20);
            const ssize_t n = r > 0 && (p.revents & POLLIN) ? ::read(master_, buf, sizeof buf) : -1;
            std::lock_guard lock(mutex_);
            if (n <= 0) {  // nothing, or no one has the port open (EIO)
                idle_ms_ += 20;
                if (r > 0 && !(p.revents & POLLIN))
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            idle_ms_ = 0;
            bytes_.insert(bytes_.end(), buf, buf + n);
            while (parsed < bytes_.size()) {
                const std::size_t left = bytes_.size() - parsed;
                const std::uint8_t* q = bytes_.data() + parsed;
                if (raster_left > 0) {
                    const std::size_t take = std::min(raster_left, left);
                    parsed += take;
                    raster_left -= take;
                } else if (q[0] == 0x10) {
                    if (left < 3) break;
                    const int bits = q[1] == 0x04 && q[2] >= 1 && q[2] <= 4 ? answers_[q[2]] : -1;
                    if (bits >= 0) {
                        const auto byte = static_cast<std::uint8_t>(bits);
                        if (::write(master_, &byte, 1) != 1) break;
                    }
                    parsed += 3;
                } else if (q[0] == 0x1D && left < 8) {
                    break;
                } else if (q[0] == 0x1D && q[1] == 'v') {
                    raster_left = static_cast<std::size_t>(q[4] | (q[5] << 8)) * (q[6] | (q[7] << 8));
                    parsed += 8;
                } else {
                    ++parsed;
                }
            }
        }
    }

    int master_ = -1;
    std::string path_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    int answers_[5] = {-1, -1, -1, -1, -1};
    int idle_ms_ = 0;
    std::vector<std::uint8_t> bytes_;
    std::thread thread_;
};

}  // namespace kiosk::test
