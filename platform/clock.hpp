#pragma once
// The time the kiosk runs on: the machine's steady clock, or a hand-moved one in tests and the headless tour.
// The wall clock (dates) is the core's (kiosk/core/wall_clock.hpp), injected the same way.
#include "../kiosk/core/session.hpp"
#include "../kiosk/core/wall_clock.hpp"

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

using kiosk::ManualWallClock;
using kiosk::SystemWallClock;
using kiosk::WallClock;

}  // namespace kiosk::platform
