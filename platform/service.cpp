#include "service.hpp"

#include <chrono>

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace kiosk::platform::service {

#ifdef KIOSK_HAVE_SYSTEMD
namespace {
bool ready_sent = false;
std::chrono::steady_clock::time_point last_ping{};

int half_period_ms() {
    static const int ms = [] {
        uint64_t usec = 0;
        if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return 0;
        return static_cast<int>(usec / 2000) > 0 ? static_cast<int>(usec / 2000) : 1;
    }();
    return ms;
}
}  // namespace

void notify_ready() {
    if (ready_sent) return;
    ready_sent = true;
    sd_notify(0, "READY=1\nSTATUS=first frame shown");
}

void notify_watchdog() {
    const int half = half_period_ms();
    if (half == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ping < std::chrono::milliseconds(half)) return;
    last_ping = now;
    sd_notify(0, "WATCHDOG=1");
}

int watchdog_wait_ms() {
    return half_period_ms();
}
#else
void notify_ready() {}
void notify_watchdog() {}
int watchdog_wait_ms() {
    return 0;
}
#endif

}  // namespace kiosk::platform::service
