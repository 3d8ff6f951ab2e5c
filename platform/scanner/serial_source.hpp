#pragma once
// A USB barcode scanner in serial mode (/dev/ttyACM0, /dev/ttyUSB0): each code is a line ending in CR, LF or
// CR LF. termios raw mode at the configured speed.
#include <string>

#include "kiosk/core/scan/code_source.hpp"

namespace kiosk::platform {

struct SerialOptions {
    std::string device = "/dev/ttyACM0";
    int baud = 9600;              // 1200 … 230400
    std::size_t max_line = 4096;  // longer lines are dropped (noise, wrong speed)
};

class SerialSource : public scan::CodeSource {
  public:
    explicit SerialSource(SerialOptions options) : options_(std::move(options)) {}
    ~SerialSource() override { close(); }
    std::string describe() const override;
    std::string open() override;
    void close() override;
    bool is_open() const override { return fd_ >= 0; }
    scan::SourceItem next(std::chrono::milliseconds timeout) override;

  private:
    SerialOptions options_;
    int fd_ = -1;
    std::string buffer_;
    bool overflow_ = false;
};

}  // namespace kiosk::platform
