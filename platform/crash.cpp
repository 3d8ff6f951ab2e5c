#include "crash.hpp"

#include <execinfo.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "../kiosk/core/log.hpp"

namespace kiosk::platform {
namespace {

char crash_note[4096] = {0};  // set before any crash can happen; read only by the handler

const char* signal_name(int sig) {
    switch (sig) {
        case SIGSEGV:
            return "SIGSEGV";
        case SIGABRT:
            return "SIGABRT";
        case SIGFPE:
            return "SIGFPE";
        case SIGILL:
            return "SIGILL";
        case SIGBUS:
            return "SIGBUS";
    }
    return "SIGUNKNOWN";
}

void write_str(const char* s) {
    (void)!::write(STDERR_FILENO, s, std::strlen(s));
}

extern "C" void on_fatal_signal(int sig) {
    // Only async-signal-safe calls here: write(2) and backtrace_symbols_fd.
    write_str("<2>kiosk crit: fatal signal ");
    write_str(strsignal(sig));
    write_str("; stack follows\n");
    void* frames[64];
    int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    write_str("<2>kiosk crit: end of stack\n");
    if (crash_note[0]) {
        const int fd = ::open(crash_note, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd >= 0) {
            const char* name = signal_name(sig);
            (void)!::write(fd, "signal ", 7);
            (void)!::write(fd, name, std::strlen(name));
            (void)!::write(fd, "\n", 1);
            ::close(fd);
        }
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void on_terminate() {
    const char* what = "unknown exception";
    if (std::exception_ptr e = std::current_exception()) {
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            log::error("uncaught exception: ", ex.what());
            what = nullptr;
        } catch (...) {
        }
    }
    if (what) log::error("terminate called: ", what);
    std::abort();  // goes through on_fatal_signal, which prints the stack
}

}  // namespace

void set_crash_note(const std::string& path) {
    if (path.size() >= sizeof crash_note) return;
    std::memcpy(crash_note, path.c_str(), path.size() + 1);
}

void install_crash_handler() {
    // A core file would hold the citizen session in memory (what was typed, the camera's frames): none is
    // written, whatever the system allows; the trace below says where it crashed.
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    {
        void* warm[1];
        backtrace(warm, 1);  // loads libgcc now, not inside the signal handler
    }
    for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS}) std::signal(sig, on_fatal_signal);
    std::set_terminate(on_terminate);
}

}  // namespace kiosk::platform
