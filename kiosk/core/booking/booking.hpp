#pragma once
// Booking a seat: the citizen's details checked, sealed for the hub, queued in a durable outbox, delivered
// with an idempotency key, and the hub's true answer kept (without any personal data) for the screens.
//
// The details (first and last name, a phone number or an e-mail) are sealed with libsodium's sealed box
// (crypto_box_seal: X25519 + XSalsa20-Poly1305, an ephemeral key) to the hub's public key from the content
// (content/booking/booking.toml): only the hub's secret key opens them, so that once the citizen's session is
// wiped, the kiosk itself cannot read them back. A sealed request is deleted from the outbox when the hub
// acknowledges it and, in any case, `max_age` after it was made (kBookingMaxAge by default: 30 days).
//
// Sessions from RDV Service Public are booked through the hub as well: it holds the secret key and the OAuth
// application with the `write` scope, opens the request and adds the participant (sources.hpp,
// add_participant).
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/booking/sources.hpp"
#include "kiosk/core/booking/workshop.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/outbox.hpp"

struct sqlite3;

namespace kiosk::booking {

inline constexpr std::chrono::hours kBookingMaxAge{24 * 30};
inline constexpr const char* kBookingKind = "booking.request";
inline constexpr const char* kCancelKind = "booking.cancel";

using PublicKey = std::array<unsigned char, 32>;

// content/booking/booking.toml.
struct BookingSettings {
    std::string sessions_file;         // sessions in content, relative to the content folder ("" = none)
    std::string hub_url;               // the kiosk protocol's base URL ("" = requests wait in the outbox)
    std::string hub_token;             // this kiosk's bearer token
    std::optional<PublicKey> hub_key;  // the hub's sealed-box public key (required to take any booking)
    std::string rdvsp_url, rdvsp_token;
    std::vector<RdvSpOrganisation> rdvsp_organisations;
    std::chrono::hours max_age = kBookingMaxAge;
    std::chrono::minutes stale{30};  // seats older than this are "à confirmer"
};
BookingSettings parse_booking_settings(std::string_view toml_text, const std::string& source,
                                       std::vector<ConfigError>& errors);
std::optional<PublicKey> decode_key(std::string_view base64);
std::string encode_base64(const std::string& bytes);
std::optional<std::string> decode_base64(std::string_view text);

// What the citizen types, checked. Each returns the translation key of what is wrong, "" when it is right.
struct Citizen {
    std::string first_name, last_name;
    std::string phone;  // as typed (digits, spaces); normalised by check_phone
    std::string email;
    bool no_phone = false;  // "je n'ai pas de téléphone": the ticket is the only reminder
};
const char* check_name(const std::string& name);  // letters, accents, spaces, hyphens, apostrophes; 1-40
struct PhoneCheck {
    std::optional<std::string> international;  // "+33612345678", "+262692123456"
    bool mobile = false;                       // can receive an SMS reminder
    const char* problem = "";                  // translation key, "" when good
};
PhoneCheck check_phone(const std::string& typed);  // French mobiles and landlines, overseas included
const char* check_email(const std::string& email);

// Sealed box to `key`, base64; the plaintext is the citizen's details as JSON.
std::string seal(const std::string& plaintext, const PublicKey& key);
// The hub's side (and the tests'): nothing when it does not open.
std::optional<std::string> open_sealed(const std::string& base64, const PublicKey& pk,
                                       const std::array<unsigned char, 32>& sk);
std::string citizen_json(const Citizen& c, const PhoneCheck& phone);

// A fresh idempotency key: "bk-<kiosk>-<32 hex>" (random; the same key is never booked twice).
std::string new_booking_key(const std::string& kiosk_id);
// The outbox payload: the session, the kiosk, the times, the sealed details. No personal data in clear.
std::string booking_payload(const Workshop& w, const std::string& kiosk_id, const std::string& sealed,
                            std::int64_t created_at, std::chrono::hours max_age);

// The true state of a request, as the hub said it.
enum class BookingStatus { Queued, Confirmed, Pending, Full, Refused, Cancelled };
std::string_view status_name(BookingStatus s);
std::optional<BookingStatus> status_from_name(std::string_view s);

// <data>/bookings.sqlite: key → session, status, times. No names, no numbers. Thread-safe.
class BookingLedger {
  public:
    explicit BookingLedger(const std::filesystem::path& file);
    ~BookingLedger();
    BookingLedger(const BookingLedger&) = delete;
    BookingLedger& operator=(const BookingLedger&) = delete;
    bool ok() const { return db_ != nullptr; }
    bool record(const std::string& key, const std::string& session_id, BookingStatus status,
                std::int64_t now);
    std::optional<BookingStatus> status(const std::string& key) const;
    struct Entry {
        std::string key, session_id;
        BookingStatus status;
        std::int64_t updated_at;
    };
    std::vector<Entry> all() const;

  private:
    sqlite3* db_ = nullptr;
    std::string problem_;
    mutable std::mutex mutex_;
};

// Delivers "booking.request" (POST {hub}/v1/bookings) and "booking.cancel" (DELETE {hub}/v1/bookings/{key})
// messages with the key in Idempotency-Key and the kiosk's bearer token; the hub's answer
// ({"status": "confirmed" | "pending" | "full" | "cancelled"}) goes to the ledger and to `on_status`.
// 2xx = sent; 408/425/429/5xx, network failures and cut or unreadable answers = retry; 4xx = permanent
// (recorded as Refused).
class BookingSender final : public outbox::Sender {
  public:
    using Listener = std::function<void(const std::string& key, BookingStatus)>;
    BookingSender(std::string hub_url, std::string token, std::shared_ptr<BookingLedger> ledger,
                  std::function<std::int64_t()> wall_seconds, Listener on_status = {},
                  long timeout_ms = 5000);
    outbox::Delivery deliver(const outbox::Message& message) override;

  private:
    std::string url_, token_;
    std::shared_ptr<BookingLedger> ledger_;
    std::function<std::int64_t()> wall_;
    Listener on_status_;
    long timeout_;
};

// GET {hub}/v1/bookings/{key}: what the hub says now (a pending request the place confirmed since).
std::optional<BookingStatus> fetch_status(const std::string& hub_url, const std::string& token,
                                          const std::string& key, long timeout_ms = 5000);

// The bookings' outbox keeps nothing it no longer needs: the sealed details of requests the hub acknowledged
// are overwritten and their rows deleted (secure_delete: the freed pages are zeroed), and requests older than
// `max_age` are deleted whatever their state. Returns how many rows went.
std::size_t scrub(const std::filesystem::path& outbox_file, std::chrono::hours max_age,
                  std::int64_t now_unix);

}  // namespace kiosk::booking
