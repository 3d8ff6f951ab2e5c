#pragma once
// The time the kiosk runs on: the machine's steady clock, or a hand-moved one in tests and the headless tour.
#include "../kiosk/core/session.hpp"

namespace kiosk::platform {

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return SteadyClock::now(); }
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = TimePoint{} + std::chrono::hours(1)) : now_(start) {}
    TimePoint now() const override { return now_; }
    void advance(std::chrono::milliseconds d) { now_ += d; }

private:
    TimePoint now_;
};

}  // namespace kiosk::platform
