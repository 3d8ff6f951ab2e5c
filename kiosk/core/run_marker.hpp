#pragma once
// The last crash, for the agent page's health. At start the kiosk writes <data>/running ("started <unix s>");
// a clean exit removes it. Found at the next start, it means the previous run did not end by itself: a crash
// (the crash handler reopens it by path to append "signal SIGSEGV", crash.cpp), a kill or a power cut.
// What was found is kept in <data>/last-crash, so that it is still shown after later clean runs.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk {

struct LastCrash {
    std::int64_t started_at = 0;  // when that run started (unix seconds; 0 when unknown)
    std::int64_t found_at = 0;    // when this kiosk found its marker at start (about when it came back)
    std::string signal;           // "SIGSEGV" when the crash handler wrote it, "" for a kill or a power cut
};

class RunMarker {
  public:
    // Reads what a previous run left, then marks this one as running. `data_dir` empty: nothing is written.
    RunMarker(const std::filesystem::path& data_dir, std::int64_t now_unix);
    ~RunMarker();  // the clean exit: the marker goes
    RunMarker(const RunMarker&) = delete;
    RunMarker& operator=(const RunMarker&) = delete;

    const std::optional<LastCrash>& last_crash() const { return last_; }
    bool crashed_last_time() const { return crashed_now_; }  // this start found a marker
    int fd() const { return fd_; }  // the marker, open for appending while this run lives; -1 when none

    // "started 1764000000\nsignal SIGSEGV\n" → LastCrash (tests, the saved copy).
    static std::optional<LastCrash> parse(const std::string& text);

  private:
    std::filesystem::path marker_, saved_;
    std::optional<LastCrash> last_;
    bool crashed_now_ = false;
    int fd_ = -1;
};

}  // namespace kiosk
