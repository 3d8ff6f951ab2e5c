#pragma once
// The benchmarks' way of launching the kiosk (or Chromium): the child's stdout on a pipe that the benchmark
// reads for its markers ("first-frame", "loaded", "peak-rss-kib N"), its stderr to /dev/null.
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <string>
#include <vector>

extern char** environ;

namespace kiosk::bench {

struct Spawned {
    pid_t pid = -1;  // -1: not started (the pipe or posix_spawn failed)
    int out = -1;    // the read end of the child's stdout, to close by the caller
};

inline Spawned spawn_reading_stdout(const std::vector<std::string>& args, bool nonblocking) {
    Spawned s;
    int fds[2];
    if (pipe(fds) != 0) return s;
    if (nonblocking) fcntl(fds[0], F_SETFL, O_NONBLOCK);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const bool started = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0;
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (!started) {
        close(fds[0]);
        return s;
    }
    s.pid = pid;
    s.out = fds[0];
    return s;
}

}  // namespace kiosk::bench
