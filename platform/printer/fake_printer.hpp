#pragma once
// A printer for tests: keeps the tickets in memory; can be told to fail or to report a status.
#include <mutex>
#include <vector>

#include "platform/printer/ticket_printer.hpp"

namespace kiosk::platform {

class FakePrinter : public TicketPrinter {
  public:
    explicit FakePrinter(int width = 576) : width_(width) {}
    std::string describe() const override { return "fake"; }
    int width_dots() const override { return width_; }
    PrintResult print(const printing::Bitmap& ticket) override {
        std::lock_guard lock(mutex_);
        if (!next_result_.ok()) return next_result_;
        printed_.push_back(ticket);
        return PrintResult::success();
    }
    PrinterStatus status() override {
        std::lock_guard lock(mutex_);
        return status_;
    }
    // Every later print() fails with this (PrintResult::success() to recover).
    void fail_with(PrintResult r) {
        std::lock_guard lock(mutex_);
        next_result_ = std::move(r);
    }
    void set_status(PrinterStatus s) {
        std::lock_guard lock(mutex_);
        status_ = std::move(s);
    }
    std::vector<printing::Bitmap> printed() const {
        std::lock_guard lock(mutex_);
        return printed_;
    }

  private:
    int width_;
    mutable std::mutex mutex_;
    PrintResult next_result_;
    PrinterStatus status_{Health::ready, "ready"};
    std::vector<printing::Bitmap> printed_;
};

}  // namespace kiosk::platform
