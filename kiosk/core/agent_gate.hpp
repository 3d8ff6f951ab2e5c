#pragma once
// Checks an agent's PIN against the configured argon2id hash, with lockouts that grow and survive restarts.
//
// The hash is slow on purpose (about 0.4 s on a 2-core kiosk, see `kiosk-admin bench-pin`), so that a copied
// configuration does not give the PIN away in minutes; a PIN of 6 digits or more is recommended. After
// `max_attempts` wrong PINs the gate locks for `lockout`, then twice as long after the next series, and so on
// (at most a day), until a right PIN. Failures and lockouts are kept in a small file of the data folder,
// written atomically: switching the kiosk off and on again does not give a fresh set of tries.
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>

#include "session.hpp"

namespace kiosk {

class AgentGate {
  public:
    enum class Result { Unlocked, Wrong, LockedOut, NotConfigured };
    using WallClock = std::function<std::chrono::system_clock::time_point()>;

    // `state_file`: where failures and lockouts are kept ("" = memory only), read now. `wall`: the date, to
    // tell after a restart how much of a lockout is left (a clock set back never shortens one).
    AgentGate(
        std::string pin_hash, int max_attempts, std::chrono::seconds lockout,
        std::filesystem::path state_file = {}, TimePoint now = {},
        WallClock wall = [] { return std::chrono::system_clock::now(); });

    // Checks a PIN. Synchronous and slow (the hash): call it from a worker task, never while a frame is
    // drawn. Thread-safe: the screens may read the state below meanwhile.
    Result check(const std::string& pin, TimePoint now);
    bool configured() const { return !pin_hash_.empty(); }
    int attempts_left() const;
    int lockout_seconds_left(TimePoint now) const;
    int lockouts() const;  // lockouts in a row since the last right PIN

    static std::string hash_pin(const std::string& pin);       // for `kiosk-admin hash-pin` and tests
    static bool hash_is_current(const std::string& pin_hash);  // made with the parameters below
    static const char* hash_parameters();  // "argon2id, t=…, m=… MiB", for the benchmark's report

  private:
    std::chrono::seconds lockout_length() const;  // for the next lockout
    void load(TimePoint now);
    void save() const;

    std::string pin_hash_;
    int max_attempts_;
    std::chrono::seconds lockout_;
    std::filesystem::path state_file_;
    WallClock wall_;
    mutable std::mutex mutex_;
    int failures_ = 0;
    int lockouts_ = 0;
    TimePoint locked_until_{};
    std::int64_t locked_from_wall_ = 0, locked_until_wall_ = 0;  // seconds since 1970, for the file
};

}  // namespace kiosk
