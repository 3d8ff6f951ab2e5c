#pragma once
// The kiosk as a systemd service: READY=1 once the first frame is on screen, WATCHDOG=1 from the main loop.
// Built with libsystemd when it is found (-DKIOSK_SYSTEMD=ON requires it); elsewhere every call does nothing.
// Outside a unit (no $NOTIFY_SOCKET, no $WATCHDOG_USEC) the calls do nothing either.
namespace kiosk::platform::service {

void notify_ready();
// Sends WATCHDOG=1 when half the watchdog period has passed since the last one (cheap to call every loop).
void notify_watchdog();
// The longest the main loop may wait for an event: half the watchdog period, 0 when there is no watchdog.
int watchdog_wait_ms();

}  // namespace kiosk::platform::service
