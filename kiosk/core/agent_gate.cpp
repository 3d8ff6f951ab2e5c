#include "agent_gate.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "files.hpp"
#include "log.hpp"

namespace kiosk {
namespace {
// About 0.4 s on the kiosk's 2-core machine (`kiosk-admin bench-pin` measures it): slow enough that a copied
// hash does not give a 6-digit PIN away quickly, short enough for an agent. 64 MiB: memory-hard.
constexpr unsigned long long kOpsLimit = 12;
constexpr std::size_t kMemLimit = 64u * 1024u * 1024u;
constexpr std::chrono::seconds kLongestLockout{24 * 3600};

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::int64_t seconds_of(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
}  // namespace

AgentGate::AgentGate(std::string pin_hash, int max_attempts, std::chrono::seconds lockout,
                     std::filesystem::path state_file, TimePoint now, WallClock wall)
    : pin_hash_(std::move(pin_hash)),
      max_attempts_(std::max(1, max_attempts)),
      lockout_(lockout),
      state_file_(std::move(state_file)),
      wall_(std::move(wall)) {
    if (configured() && !hash_is_current(pin_hash_))
        log::warn("agent: the PIN hash is weaker than the kiosk's (", hash_parameters(),
                  "); make a new one with kiosk-admin hash-pin");
    load(now);
}

AgentGate::Result AgentGate::check(const std::string& pin, TimePoint now) {
    if (!configured()) return Result::NotConfigured;
    {
        std::lock_guard lock(mutex_);
        if (now < locked_until_) return Result::LockedOut;
        if (failures_ >= max_attempts_) failures_ = 0;  // the lockout is over: a fresh set of tries
    }
    // The slow part, with nothing locked: the screens keep reading the state meanwhile.
    const bool right =
        sodium_ready() && crypto_pwhash_str_verify(pin_hash_.c_str(), pin.c_str(), pin.size()) == 0;
    std::lock_guard lock(mutex_);
    if (now < locked_until_) return Result::LockedOut;  // another check locked it meanwhile
    if (right) {
        const bool was_failing = failures_ > 0 || lockouts_ > 0;
        failures_ = lockouts_ = 0;
        locked_until_ = {};
        locked_from_wall_ = locked_until_wall_ = 0;
        if (was_failing) save();
        log::info("agent: unlocked");
        return Result::Unlocked;
    }
    ++failures_;
    log::warn("agent: wrong PIN (", failures_, " of ", max_attempts_, ")");
    if (failures_ < max_attempts_) {
        save();
        return Result::Wrong;
    }
    const std::chrono::seconds length = lockout_length();
    ++lockouts_;
    locked_until_ = now + length;
    locked_from_wall_ = seconds_of(wall_());
    locked_until_wall_ = locked_from_wall_ + length.count();
    save();
    log::warn("agent: locked for ", length.count(), " s (lockout ", lockouts_, " in a row)");
    return Result::LockedOut;
}

int AgentGate::attempts_left() const {
    std::lock_guard lock(mutex_);
    return max_attempts_ - failures_;
}

int AgentGate::lockouts() const {
    std::lock_guard lock(mutex_);
    return lockouts_;
}

int AgentGate::lockout_seconds_left(TimePoint now) const {
    std::lock_guard lock(mutex_);
    if (now >= locked_until_) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(locked_until_ - now).count());
}

std::chrono::seconds AgentGate::lockout_length() const {
    // Twice as long after each lockout in a row: lockout, 2 × lockout, 4 × lockout… at most a day.
    std::chrono::seconds length = lockout_;
    for (int i = 0; i < lockouts_ && length < kLongestLockout; ++i) length *= 2;
    return std::min(length, kLongestLockout);
}

void AgentGate::load(TimePoint now) {
    if (state_file_.empty()) return;
    std::error_code ec;
    if (!std::filesystem::exists(state_file_, ec)) return;
    std::string why;
    const std::optional<std::string> text = read_file(state_file_, &why);
    if (!text) {
        log::warn("agent: ", state_file_.string(), ": ", why, "; tries start again");
        return;
    }
    std::istringstream in(*text);
    std::string key;
    long long value = 0;
    int failures = 0, lockouts = 0;
    std::int64_t from = 0, until = 0;
    while (in >> key >> value) {
        if (key == "failures")
            failures = static_cast<int>(std::clamp<long long>(value, 0, 1000));
        else if (key == "lockouts")
            lockouts = static_cast<int>(std::clamp<long long>(value, 0, 1000));
        else if (key == "locked_from")
            from = value;
        else if (key == "locked_until")
            until = value;
    }
    failures_ = failures;
    lockouts_ = lockouts;
    locked_from_wall_ = from;
    locked_until_wall_ = until;
    if (until > from) {
        const std::int64_t wall_now = seconds_of(wall_());
        const std::int64_t length = std::min<std::int64_t>(until - from, kLongestLockout.count());
        // A clock set back before the lockout began restarts it in full; otherwise what is left of it.
        const std::int64_t left =
            wall_now < from ? length : std::clamp<std::int64_t>(until - wall_now, 0, length);
        if (left > 0) {
            locked_until_ = now + std::chrono::seconds(left);
            log::warn("agent: still locked for ", left, " s (kept across the restart)");
        }
    }
}

void AgentGate::save() const {
    if (state_file_.empty()) return;
    const std::string text = "failures " + std::to_string(failures_) + "\nlockouts " +
                             std::to_string(lockouts_) + "\nlocked_from " +
                             std::to_string(locked_from_wall_) + "\nlocked_until " +
                             std::to_string(locked_until_wall_) + "\n";
    // Written beside, then renamed over: a power cut leaves the old state or the new, never half of one.
    const std::string tmp = state_file_.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    bool ok = fd >= 0;
    if (ok) {
        ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
        ok = ::fsync(fd) == 0 && ok;
        ok = ::close(fd) == 0 && ok;
    }
    ok = ok && std::rename(tmp.c_str(), state_file_.c_str()) == 0;
    if (!ok) {
        log::error("agent: cannot keep the failed tries in ", state_file_.string(), ": ",
                   std::strerror(errno), "; a restart would forget them");
        ::unlink(tmp.c_str());
    }
}

std::string AgentGate::hash_pin(const std::string& pin) {
    if (!sodium_ready()) throw std::runtime_error("libsodium cannot start");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.c_str(), pin.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("not enough memory to hash the PIN");
    return out;
}

bool AgentGate::hash_is_current(const std::string& pin_hash) {
    return sodium_ready() && crypto_pwhash_str_needs_rehash(pin_hash.c_str(), kOpsLimit, kMemLimit) == 0;
}

const char* AgentGate::hash_parameters() {
    return "argon2id, t=12, m=64 MiB, p=1";
}

}  // namespace kiosk
