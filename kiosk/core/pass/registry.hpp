#pragma once
// The issuer registry (content/pass/issuers.toml): which passes the kiosk knows, how to check each.
// Validated on load; every problem names the file, the line and the key (see content/pass/README.md).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/config.hpp"  // ConfigError: "file:line: key: message"
#include "kiosk/core/pass/payload.hpp"

namespace kiosk::pass {

enum class IssuerKind { Signed, Cheque };
enum class CheckDigit { None, Luhn, Mod97 };

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

}  // namespace kiosk::pass
