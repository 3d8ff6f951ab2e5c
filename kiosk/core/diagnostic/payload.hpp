#pragma once
// The QR payload of the printed summary ticket: the diagnostic's result, NEVER a name or anything that
// identifies the person. A mediator's tool decodes it (decode_payload), with no access to the kiosk.
//
// Format v1 (16 characters, all in QR's alphanumeric set, so it fits a version-1 QR code at level Q):
//
//   "KD1:" + 12 characters of RFC 4648 base32 (A–Z, 2–7; decoding also accepts lower case)
//
// The 12 characters carry 60 bits, most significant first:
//   bits  0– 7  content version (diagnostic.toml [diagnostic] version), 0–255
//   bits  8–23  level of each domain, 2 bits each, in this order: touch, typing, internet, email, services,
//               security, communication, documents. 0 = not assessed, 1 = autonome,
//               2 = partiellement autonome, 3 = a besoin d'être accompagné
//   bits 24–25  overall level, same codes
//   bits 26–34  help needed: places::Service bits 0–8 (bit 26 = 1<<0 AdminProcedures … bit 34 = 1<<8)
//   bits 35–49  day of the diagnostic: days since 2024-01-01 (15 bits, until 2113)
//   bits 50–54  duration in whole minutes, 0–31 (longer is written 31)
//   bits 55–59  check: the 12th character's value = (sum over i = 0..10 of (i+1) × value of character i) mod
//   31
//
// A new layout gets a new prefix ("KD2:"); decoders refuse prefixes they do not know.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace kiosk::diagnostic {

inline constexpr std::string_view kPayloadPrefix = "KD1:";
inline constexpr std::size_t kPayloadLength = 16;

struct TicketPayload {
    int content_version = 0;
    std::array<Level, kDomainCount> levels{};
    Level overall = Level::NotAssessed;
    std::uint16_t services = 0;  // places::Service bits
    std::string date;            // YYYY-MM-DD, from 2024-01-01
    int minutes = 0;             // 0–31
    bool operator==(const TicketPayload&) const = default;
};

TicketPayload ticket_payload(const DiagnosticResult& result, std::string_view date_iso);
// "" when a field is out of range (content version, date).
std::string encode_payload(const TicketPayload& payload);
inline std::string encode_payload(const DiagnosticResult& result, std::string_view date_iso) {
    return encode_payload(ticket_payload(result, date_iso));
}
// nullopt (and the reason in `why`) for a wrong prefix, length, character or check.
std::optional<TicketPayload> decode_payload(std::string_view text, std::string* why = nullptr);

}  // namespace kiosk::diagnostic
