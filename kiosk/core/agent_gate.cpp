#include "agent_gate.hpp"

#include <sodium.h>

#include <stdexcept>

#include "log.hpp"

namespace kiosk {
namespace {
// Small enough to check in a few milliseconds on the kiosk; the lockout, not the hash, stops guessing.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 8u * 1024u * 1024u;

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}
}  // namespace

AgentGate::AgentGate(std::string pin_hash, int max_attempts, std::chrono::seconds lockout)
    : pin_hash_(std::move(pin_hash)), max_attempts_(max_attempts), lockout_(lockout) {}

AgentGate::Result AgentGate::try_pin(const std::string& pin, TimePoint now) {
    if (!configured()) return Result::NotConfigured;
    if (now < locked_until_) return Result::LockedOut;
    if (failures_ >= max_attempts_) failures_ = 0;  // the lockout is over: a fresh set of tries
    if (sodium_ready() && crypto_pwhash_str_verify(pin_hash_.c_str(), pin.c_str(), pin.size()) == 0) {
        failures_ = 0;
        log::info("agent: unlocked");
        return Result::Unlocked;
    }
    ++failures_;
    log::warn("agent: wrong PIN (", failures_, " of ", max_attempts_, ")");
    if (failures_ >= max_attempts_) {
        locked_until_ = now + lockout_;
        return Result::LockedOut;
    }
    return Result::Wrong;
}

int AgentGate::lockout_seconds_left(TimePoint now) const {
    if (now >= locked_until_) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(locked_until_ - now).count());
}

std::string AgentGate::hash_pin(const std::string& pin) {
    if (!sodium_ready()) throw std::runtime_error("libsodium cannot start");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.c_str(), pin.size(), kOpsLimit, kMemLimit) != 0)
        throw std::runtime_error("not enough memory to hash the PIN");
    return out;
}

}  // namespace kiosk
