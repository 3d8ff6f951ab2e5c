#pragma once
// Checks an agent's PIN against the configured argon2id hash, with a lockout after too many tries.
#include <string>

#include "session.hpp"

namespace kiosk {

class AgentGate {
public:
    enum class Result { Unlocked, Wrong, LockedOut, NotConfigured };

    AgentGate(std::string pin_hash, int max_attempts, std::chrono::seconds lockout);
    Result try_pin(const std::string& pin, TimePoint now);
    bool configured() const { return !pin_hash_.empty(); }
    int attempts_left() const { return max_attempts_ - failures_; }
    int lockout_seconds_left(TimePoint now) const;

    static std::string hash_pin(const std::string& pin);  // for `kiosk-admin hash-pin` and tests

private:
    std::string pin_hash_;
    int max_attempts_;
    std::chrono::seconds lockout_;
    int failures_ = 0;
    TimePoint locked_until_{};
};

}  // namespace kiosk
