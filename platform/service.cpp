#include "service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace kiosk::platform::service {

#ifdef KIOSK_HAVE_SYSTEMD
namespace {
bool ready_sent = false;
std::chrono::steady_clock::time_point last_ping{};

// $WATCHDOG_USEC read directly: under cage the kiosk is the compositor's child, not the unit's main process
// ($WATCHDOG_PID), so sd_watchdog_enabled() would say no; the unit has NotifyAccess=all.
int half_period_ms() {
    static const int ms = [] {
        const char* env = std::getenv("WATCHDOG_USEC");
        if (!env || !std::getenv("NOTIFY_SOCKET")) return 0;
        const unsigned long long usec = std::strtoull(env, nullptr, 10);
        if (usec == 0) return 0;
        return std::max(1, static_cast<int>(std::min<unsigned long long>(usec / 2000, 60'000)));
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
