#pragma once
// A crash leaves a readable trace on stderr (journald keeps it): the signal, the stack, then the usual core.
namespace kiosk::platform {
void install_crash_handler();
}
