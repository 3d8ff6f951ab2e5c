#pragma once
// The signed pass numérique: a compact, versioned QR payload signed with Ed25519 (libsodium), verified
// offline.
//
// Layout, version 1 (exactly 100 ASCII characters: a QR code of version 6, 41×41 modules, at level M in byte
// mode):
//
//     "PN1." + base64url_nopad( body[8] || signature[64] )          4 + 96 characters
//
//   body, big-endian, 8 bytes — no personal data:
//     byte 0      issuer code (1–255), the `code` of a signed issuer in content/pass/issuers.toml
//     bytes 1–3   pass serial (0–16 777 215), unique within the issuer
//     bytes 4–5   value: bit 15 = unit (0 = hours, 1 = euros); bits 0–14 = amount, in minutes for hours,
//                 in cents for euros (0–32 767)
//     byte 6      first valid month, counted from January 2024 (0 = 2024-01 … 255 = 2045-04): valid from its
//     1st byte 7      last valid month, same count (≥ byte 6): valid through its last day
//   signature = crypto_sign_detached("PN1" || body, issuer secret key)  — the version is signed too.
//
// Any other version prefix, length, alphabet, field value or a signature that does not verify is refused.
// Keys: Ed25519, public 32 bytes, secret 64 bytes (libsodium layout: seed || public), stored as hex text
// files.
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::pass {

using Date = std::chrono::year_month_day;

enum class Unit : std::uint8_t { Hours = 0, Euros = 1 };

struct Value {
    Unit unit = Unit::Euros;
    std::int64_t amount = 0;  // hours: minutes; euros: cents
    bool operator==(const Value&) const = default;
};

inline constexpr std::string_view kPayloadPrefix = "PN1.";
inline constexpr std::size_t kBodySize = 8;
inline constexpr std::size_t kSignatureSize = 64;
inline constexpr std::size_t kPayloadChars = 100;
inline constexpr int kEpochYear = 2024;  // month 0 = January 2024

struct SignedPass {
    int issuer_code = 0;       // 1–255
    std::uint32_t serial = 0;  // < 2^24
    Value value;               // amount ≤ 32 767
    std::chrono::year_month first_month{std::chrono::year{2024}, std::chrono::January};
    std::chrono::year_month last_month{std::chrono::year{2024}, std::chrono::January};

    Date valid_from() const;      // first day of first_month
    Date valid_until() const;     // last day of last_month
    std::string pass_id() const;  // "<code>-<serial>", what the journal records
};

using PublicKey = std::array<std::uint8_t, 32>;
using SecretKey = std::array<std::uint8_t, 64>;

struct ParsedPayload {
    SignedPass pass;
    std::array<std::uint8_t, kBodySize> body{};
    std::array<std::uint8_t, kSignatureSize> signature{};
};

// Parses the decoded text (surrounding blanks and line ends are ignored). nullopt when it is not a
// well-formed version 1 payload; `why` (optional) says what is wrong, for logs. Never throws, whatever the
// input.
std::optional<ParsedPayload> parse_payload(std::string_view text, std::string* why = nullptr);

// The 8-byte body alone (the short code carries it too). encode_body throws std::invalid_argument when a
// field is out of range; decode_body refuses issuer code 0 and months that end before they start.
std::array<std::uint8_t, kBodySize> encode_body(const SignedPass& pass);
std::optional<SignedPass> decode_body(const std::array<std::uint8_t, kBodySize>& body,
                                      std::string* why = nullptr);
// Ed25519 over any message (the revocation lists).
std::array<std::uint8_t, kSignatureSize> sign_detached(std::string_view message, const SecretKey& key);
bool verify_detached(std::string_view message, const std::uint8_t* signature, const PublicKey& key);

// True when the signature is the issuer's (one of its keys).
bool verify_payload(const ParsedPayload& payload, const PublicKey& key);

// The payload text. Throws std::invalid_argument when a field is out of range.
std::string sign_payload(const SignedPass& pass, const SecretKey& key);

// True when the text looks like a signed pass of any version ("PN" + digits + "."), to tell "unreadable
// signed pass" from "something else".
bool looks_like_signed_pass(std::string_view text);

// Keys.
struct KeyPair {
    PublicKey public_key{};
    SecretKey secret_key{};
};
KeyPair generate_keypair();
KeyPair keypair_from_seed(const std::array<std::uint8_t, 32>& seed);
std::string to_hex(const std::uint8_t* data, std::size_t size);
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);
// Key files: '#' comment lines, then one line of hex. Secret files are created with mode 0600 (never readable
// by others, not even for a moment); an existing file is never replaced.
std::optional<PublicKey> read_public_key(const std::filesystem::path& file, std::string* why = nullptr);
std::optional<SecretKey> read_secret_key(const std::filesystem::path& file, std::string* why = nullptr);
std::string write_public_key(const std::filesystem::path& file, const PublicKey& key,
                             std::string_view comment);
std::string write_secret_key(const std::filesystem::path& file, const SecretKey& key,
                             std::string_view comment);
// Creates `file`, which must not exist yet (O_CREAT | O_EXCL, no symbolic link followed), with `mode` from
// its first moment (the umask may only narrow it). The open descriptor, or -1 with errno set.
int create_new_file(const std::filesystem::path& file, unsigned mode);

// base64url without padding (RFC 4648 §5).
std::string base64url_encode(const std::uint8_t* data, std::size_t size);
std::optional<std::vector<std::uint8_t>> base64url_decode(std::string_view text);

}  // namespace kiosk::pass
