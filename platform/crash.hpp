#pragma once
// A crash leaves a readable trace on stderr (journald keeps it): the signal and the stack. No core file is
// ever written (it would hold the citizen session): core dumps are off for the process from the start.
#include <string>

namespace kiosk::platform {
void install_crash_handler();
// The file a fatal signal's name is appended to ("signal SIGSEGV"): the kiosk's <data>/running marker
// (run_marker.hpp), read at the next start for the agent page's "last crash". Opened without O_CREAT in the
// handler: after a clean exit the marker is gone and nothing is written.
void set_crash_note(const std::string& path);
}  // namespace kiosk::platform
