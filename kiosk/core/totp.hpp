#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): the second factor an agent types after the
// PIN, from an authenticator app (FreeOTP, Google Authenticator, Aegis…) provisioned by `kiosk-admin
// totp-new`. SHA-1, 6 digits, 30 s steps — what every authenticator app does by default — with one step of
// clock skew either side. A code is accepted once: a step used is never accepted again, so a code read over
// an agent's shoulder is worth nothing after the agent typed it.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::totp {

using Secret = std::vector<std::uint8_t>;

// RFC 4648 base32 (A–Z, 2–7), as otpauth:// URIs carry secrets. Decoding ignores case, spaces, hyphens and
// '=' padding (people copy secrets in groups); anything else is refused.
std::string base32_encode(const Secret& bytes);
std::optional<Secret> base32_decode(std::string_view text);

// RFC 4226: the `digits`-digit code (left-padded with zeros) for `counter`, HMAC-SHA-1.
std::string hotp(const Secret& secret, std::uint64_t counter, int digits = 6);
// RFC 6238: the code at `unix_seconds` with `period`-second steps from T0 = 0.
std::string code_at(const Secret& secret, std::int64_t unix_seconds, int digits = 6, int period = 30);

Secret new_secret();  // 20 random bytes (160 bits, RFC 4226's recommended length)
// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30 (Key Uri Format).
std::string otpauth_uri(std::string_view issuer, std::string_view account, const Secret& secret);

// One agent's second factor: verifies codes, within ±`skew` steps, each step once. Thread-safe (checked on
// a worker while the pad is drawn).
class Verifier {
  public:
    explicit Verifier(Secret secret, int skew = 1) : secret_(std::move(secret)), skew_(skew) {}
    enum class Result { Accepted, Wrong, Replayed };
    Result check(std::string_view code, std::int64_t unix_seconds);

  private:
    Secret secret_;
    int skew_;
    std::mutex mutex_;
    std::int64_t last_step_ = -1;  // the step of the last accepted code
};

}  // namespace kiosk::totp
