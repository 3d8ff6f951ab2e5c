#pragma once
// A crash leaves a readable trace on stderr (journald keeps it): the signal and the stack. No core file is
// ever written (it would hold the citizen session): core dumps are off for the process from the start.
namespace kiosk::platform {
void install_crash_handler();
}
