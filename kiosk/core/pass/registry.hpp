#pragma once
// The issuer registry (content/pass/issuers.toml): which passes the kiosk knows, how to check each.
// Validated on load; every problem names the file, the line and the key (see content/pass/README.md).
#include <filesystem>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/config.hpp"  // ConfigError: "file:line: key: message"
#include "kiosk/core/pass/payload.hpp"

namespace kiosk::pass {

enum class IssuerKind { Signed, Cheque };
enum class CheckDigit { None, Luhn, Mod97 };

// One public key of a signed issuer: its id (what a revocation list names) and the months it signs for. A
// pass verified with this key is genuine only when all its months of validity lie inside [from, until].
struct IssuerKey {
    std::string id;  // "demo-2025": the key file's name without ".pub" unless given
    PublicKey key{};
    std::optional<std::chrono::year_month> from, until;  // none: no limit on that side
    bool covers(std::chrono::year_month first, std::chrono::year_month last) const;
};

// The issuer's signed revocation list (see content/pass/README.md, "Revocation list"): keys and passes it
// cancelled. Verified when the registry loads; a list whose signature does not verify refuses the registry.
struct Revocations {
    std::string file;    // as named in issuers.toml ("" = none)
    std::string issued;  // "2026-11-30", the list's date
    std::set<std::string> key_ids;
    std::set<std::uint32_t> serials;
};

struct Issuer {
    std::string id;    // "demo", "aptic"
    std::string name;  // shown as is ("#APTIC")
    IssuerKind kind = IssuerKind::Signed;
    int tolerance_days = 0;    // accepted this many days after the end of validity
    std::string places_label;  // places that accept it carry this label ("APTIC"): Place::accepts_pass
    long line = 0;             // where it is defined

    // kind = "signed"
    int code = 0;                        // byte 0 of the payload
    std::vector<PublicKey> public_keys;  // several during a key rotation
    std::vector<IssuerKey> keys;         // the same keys, with their ids and windows
    Revocations revoked;

    // kind = "cheque": opaque numbers
    int length = 0;      // digits, after removing spaces and dashes
    std::string prefix;  // digits the number starts with ("" = any)
    CheckDigit check = CheckDigit::None;
    int year = 0;                 // the year N of validity when the number does not carry it
    int year_offset = -1;         // else: 0-based position of a 2-digit year "25" in the number
    std::optional<Value> value;   // face value, when the issuer has one
    std::string endpoint;         // online confirmation URL ("" = offline only)
    std::string method = "POST";  // always "POST" (JSON body): the number never goes in the URL
    int timeout_ms = 2000;
};

struct Registry {
    std::vector<Issuer> issuers;
    const Issuer* by_code(int code) const;
    const Issuer* by_id(std::string_view id) const;
};

struct RegistryResult {
    Registry registry;  // only to be used when ok(): an invalid registry is refused whole
    std::vector<ConfigError> errors;
    std::vector<std::string> key_files;  // the key files read, as written (relative to the registry's folder)
    bool ok() const { return errors.empty(); }
};

// `base_dir` resolves key file paths. Never throws.
RegistryResult parse_registry(std::string_view text, const std::filesystem::path& base_dir,
                              const std::string& source);
RegistryResult load_registry(const std::filesystem::path& file);

// Check digits over a string of decimal digits (the last digit(s) being the key).
bool luhn_valid(std::string_view digits);
bool mod97_valid(std::string_view digits);  // last two digits = 97 − (rest mod 97), as the NIR key
char luhn_digit(std::string_view digits_without_key);
std::string mod97_key(std::string_view digits_without_key);
bool check_digit_valid(CheckDigit rule, std::string_view digits);

// A cheque number following `issuer`'s rules (length, prefix, year digits, check digit), valid for `year`,
// with `serial` in its free digits: demos, trainings and tests issue theirs for the year they run in.
// Empty when the issuer cannot have one for that year (not a cheque issuer, another fixed year, no room).
std::string make_cheque_number(const Issuer& issuer, int year, std::uint64_t serial);

// The revocation list's text: `lines` ("key demo-2024", "serial 1-977") after its header, signed with
// `key` (the issuer's secret key) on every byte before its "signature" line.
std::string sign_revocations(const std::string& issuer_id, const std::string& issued,
                             const std::vector<std::string>& lines, const SecretKey& key);
// Reads and verifies a revocation list against the issuer's keys; problems go to `errors` with their line.
std::optional<Revocations> parse_revocations(std::string_view text, const Issuer& issuer,
                                             const std::string& source, std::vector<ConfigError>& errors);

}  // namespace kiosk::pass
