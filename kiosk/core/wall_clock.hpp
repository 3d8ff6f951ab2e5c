#pragma once
// The wall clock: dates (what a pass is valid on, the day's counters, printed dates, "open now"). Injected
// wherever the core or a journey needs a date, as the steady time (TimePoint, platform/clock.hpp) is passed
// for timeouts and countdowns: the machine's in the running kiosk, a pinned one in tests and the headless
// tour, so that nothing depends on the machine's date. Nothing else reads std::time or system_clock::now.
#include <atomic>
#include <chrono>
#include <ctime>
#include <string>

namespace kiosk {

using WallTime = std::chrono::system_clock::time_point;

// Thread-safe: workers (a pass check, the places loader) may read it.
class WallClock {
  public:
    virtual ~WallClock() = default;
    virtual WallTime now() const = 0;
};

class SystemWallClock final : public WallClock {
  public:
    WallTime now() const override { return std::chrono::system_clock::now(); }
};

// A wall clock that moves only when told: set to a date, then advanced along with the steady ManualClock.
class ManualWallClock final : public WallClock {
  public:
    explicit ManualWallClock(WallTime at) : at_(at.time_since_epoch().count()) {}
    WallTime now() const override { return WallTime(WallTime::duration(at_.load())); }
    void set(WallTime at) { at_ = at.time_since_epoch().count(); }
    void advance(std::chrono::milliseconds d) {
        at_ += std::chrono::duration_cast<WallTime::duration>(d).count();
    }

  private:
    std::atomic<WallTime::rep> at_;
};

// Local (the machine's time zone) date and time of `t`: "2026-11-24T10:00:00", and its date "2026-11-24".
inline std::string local_iso(WallTime t) {
    const std::time_t s = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}
inline std::string local_date_iso(WallTime t) {
    return local_iso(t).substr(0, 10);
}

}  // namespace kiosk
