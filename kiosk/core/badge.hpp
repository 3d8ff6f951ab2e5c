#pragma once
// Agent badges: a QR code (or a scanner's text) signed with the fleet's Ed25519 key, naming the agent and how
// long the badge is valid. The kiosk trusts the public key of its configuration ([agent] badge_public_key)
// and refuses a badge that is malformed, not signed by that key, not valid yet, expired, or revoked
// ([agent] revoked_badges, which the fleet's configuration bundles update).
//
// The text: "KBADGE1." base64url(fields) "." base64url(signature), no padding, where the fields are
// "id\nname\nvalid_from\nvalid_until" (UTF-8, seconds since 1970) and the signature covers
// "kiosk-badge-v1\n" followed by the fields (so that no other signed text of the fleet passes for a badge).
// A badge is something the agent has; the PIN is still asked after it (something they know).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::badge {

struct Badge {
    std::string id;    // the agent's number in the operator's directory, e.g. "FS-0421"
    std::string name;  // shown in the band "Mode accompagné — Marie Dupont"
    std::int64_t valid_from = 0, valid_until = 0;
};

enum class Check { Valid, Malformed, Forged, NotYet, Expired, Revoked, NotConfigured };
const char* check_name(Check c);  // "expired", for the journal and the logs

struct Keys {
    std::string public_key, secret_key;  // base64 (standard, padded), as the configuration holds them
};
Keys new_keys();

// The badge's text, signed; empty when `secret_key` is not a valid base64 Ed25519 secret key or a field
// holds a line break.
std::string sign(const Badge& badge, const std::string& secret_key);

struct Verdict {
    Check check = Check::Malformed;
    std::optional<Badge> badge;  // read when the signature holds (also for Expired, NotYet and Revoked)
};
// `public_key`: base64, 32 bytes once decoded (empty: badges are not configured). `now`: seconds since 1970.
Verdict verify(std::string_view text, const std::string& public_key, const std::vector<std::string>& revoked,
               std::int64_t now);

bool valid_public_key(const std::string& base64);  // for the configuration's check

}  // namespace kiosk::badge
