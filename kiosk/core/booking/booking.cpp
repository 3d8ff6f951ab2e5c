#include "kiosk/core/booking/booking.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "kiosk/core/booking/http_call.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox_http.hpp"
#include "kiosk/core/places/repair.hpp"
#include "kiosk/core/sqlite_statement.hpp"
#include "kiosk/core/toml_reader.hpp"
#include "kiosk/core/utf8.hpp"

namespace kiosk::booking {

using nlohmann::json;

std::string encode_base64(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> decode_base64(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          " \n\r", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::optional<PublicKey> decode_key(std::string_view base64) {
    const auto bytes = decode_base64(base64);
    if (!bytes || bytes->size() != crypto_box_PUBLICKEYBYTES) return std::nullopt;
    PublicKey k{};
    std::memcpy(k.data(), bytes->data(), k.size());
    return k;
}

BookingSettings parse_booking_settings(std::string_view text, const std::string& source,
                                       std::vector<ConfigError>& errors) {
    BookingSettings s;
    TomlReader r(source, errors);
    if (!r.parse(text)) return s;
    r.unknown_keys(r.root(), "", {"sessions", "max_age_days", "stale_minutes", "hub", "rdv_service_public"});
    r.text(r.root(), "sessions", "sessions", s.sessions_file);
    long days = kBookingMaxAge.count() / 24, stale = 30;
    if (r.integer(r.root(), "max_age_days", "max_age_days", days, 1, 90))
        s.max_age = std::chrono::hours(24 * days);
    if (r.integer(r.root(), "stale_minutes", "stale_minutes", stale, 1, 1440))
        s.stale = std::chrono::minutes(stale);
    if (const toml::table* hub = r.table(r.root(), "hub", "hub")) {
        r.unknown_keys(*hub, "hub", {"url", "token", "public_key"});
        r.text(*hub, "url", "hub.url", s.hub_url);
        r.text(*hub, "token", "hub.token", s.hub_token);
        std::string key;
        if (r.text(*hub, "public_key", "hub.public_key", key, TomlReader::Required)) {
            s.hub_key = decode_key(key);
            if (!s.hub_key)
                r.fail(hub->get("public_key"), "hub.public_key", "must be a 32-byte key in base64");
        }
        if (!s.hub_url.empty() && !outbox::acceptable_url(s.hub_url))
            r.fail(hub->get("url"), "hub.url", "must be https://");
    }
    if (const toml::table* rdv = r.table(r.root(), "rdv_service_public", "rdv_service_public")) {
        r.unknown_keys(*rdv, "rdv_service_public", {"url", "token", "organisation"});
        r.text(*rdv, "url", "rdv_service_public.url", s.rdvsp_url, TomlReader::Required);
        r.text(*rdv, "token", "rdv_service_public.token", s.rdvsp_token);
        if (const toml::array* orgs = r.array(*rdv, "organisation", "rdv_service_public.organisation")) {
            for (const toml::node& n : *orgs) {
                const toml::table* t = n.as_table();
                if (!t) continue;
                RdvSpOrganisation o;
                long id = 0;
                const std::string where = "rdv_service_public.organisation";
                r.unknown_keys(*t, where, {"id", "place_id", "public_link", "phone"});
                if (!r.integer(*t, "id", where + ".id", id, 1, 1L << 40, TomlReader::Required)) continue;
                o.id = std::to_string(id);
                r.text(*t, "place_id", where + ".place_id", o.place_id);
                r.text(*t, "public_link", where + ".public_link", o.public_link);
                r.text(*t, "phone", where + ".phone", o.phone);
                s.rdvsp_organisations.push_back(std::move(o));
            }
        }
    }
    return s;
}

const char* check_name(const std::string& name) {
    std::size_t letters = 0, count = 0;
    if (!valid_utf8(name)) return TR_KEY("booking.error.name_letters");
    for (std::size_t i = 0; i < name.size();) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            if (std::isalpha(c))
                ++letters;
            else if (c != ' ' && c != '-' && c != '\'')
                return TR_KEY("booking.error.name_letters");
            ++i;
        } else {
            ++letters;  // accented letters (é, ç, œ…) and the typographic apostrophe
            ++i;
            while (i < name.size() && (static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) ++i;
        }
        ++count;
    }
    if (letters == 0) return TR_KEY("booking.error.name_empty");
    if (count > 40) return TR_KEY("booking.error.name_long");
    return "";
}

PhoneCheck check_phone(const std::string& typed) {
    PhoneCheck c;
    std::string digits;
    for (char ch : typed)
        if (ch != ' ' && ch != '.' && ch != '-') digits += ch;
    if (digits.empty()) {
        c.problem = TR_KEY("booking.error.phone_empty");
        return c;
    }
    if (digits.size() < 10 && digits.front() == '0') {
        c.problem = TR_KEY("booking.error.phone_short");
        return c;
    }
    c.international = places::normalise_phone(digits);
    if (!c.international || (digits.front() == '0' && digits.size() != 10)) {
        c.international.reset();
        c.problem = digits.size() > 10 && digits.front() == '0' ? TR_KEY("booking.error.phone_long")
                                                                : TR_KEY("booking.error.phone_wrong");
        return c;
    }
    const std::string& n = *c.international;
    // Mobiles: 06/07 in metropolitan France; overseas 0690/0691 (Guadeloupe, Saint-Martin…), 0694 (Guyane),
    // 0692/0693 (La Réunion), 0696/0697 (Martinique), 0639 (Mayotte), 0700 (Saint-Pierre-et-Miquelon).
    for (const char* prefix : {"+336", "+337", "+590690", "+590691", "+594694", "+262692", "+262693",
                               "+596696", "+596697", "+262639"})
        if (n.rfind(prefix, 0) == 0) c.mobile = true;
    return c;
}

const char* check_email(const std::string& email) {
    const auto at = email.find('@');
    if (email.empty()) return TR_KEY("booking.error.email_empty");
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos ||
        email.find('.', at) == std::string::npos || email.back() == '.' ||
        email.find(' ') != std::string::npos || email.size() > 120)
        return TR_KEY("booking.error.email_wrong");
    return "";
}

std::string seal(const std::string& plaintext, const PublicKey& key) {
    if (sodium_init() < 0) return {};
    std::string out(crypto_box_SEALBYTES + plaintext.size(), '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(out.data()),
                    reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), key.data());
    std::string b64 = encode_base64(out);
    sodium_memzero(out.data(), out.size());
    return b64;
}

std::optional<std::string> open_sealed(const std::string& base64, const PublicKey& pk,
                                       const std::array<unsigned char, 32>& sk) {
    if (sodium_init() < 0) return std::nullopt;
    const auto c = decode_base64(base64);
    if (!c || c->size() < crypto_box_SEALBYTES) return std::nullopt;
    std::string out(c->size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(out.data()),
                             reinterpret_cast<const unsigned char*>(c->data()), c->size(), pk.data(),
                             sk.data()) != 0)
        return std::nullopt;
    return out;
}

std::string citizen_json(const Citizen& c, const PhoneCheck& phone) {
    json j = {{"first_name", c.first_name}, {"last_name", c.last_name}};
    if (!c.no_phone && phone.international) {
        j["phone"] = *phone.international;
        j["sms"] = phone.mobile;
    }
    if (!c.email.empty()) j["email"] = c.email;
    j["no_phone"] = c.no_phone;
    return j.dump();
}

std::string new_booking_key(const std::string& kiosk_id) {
    unsigned char r[16];
    randombytes_buf(r, sizeof r);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    return "bk-" + kiosk_id + "-" + hex;
}

std::string booking_payload(const Workshop& w, const std::string& kiosk_id, const std::string& sealed,
                            std::int64_t created_at, std::chrono::hours max_age) {
    const json j = {
        {"session_id", w.id},
        {"source", w.source},
        {"how", how_name(w.how)},
        {"starts_at", local_time_text(w.starts)},
        {"kiosk", kiosk_id},
        {"created_at", created_at},
        {"expires_at", created_at + std::chrono::duration_cast<std::chrono::seconds>(max_age).count()},
        {"sealed", sealed}};
    return j.dump();
}

std::string_view status_name(BookingStatus s) {
    switch (s) {
        case BookingStatus::Confirmed:
            return "confirmed";
        case BookingStatus::Pending:
            return "pending";
        case BookingStatus::Full:
            return "full";
        case BookingStatus::Refused:
            return "refused";
        case BookingStatus::Cancelled:
            return "cancelled";
        case BookingStatus::Queued:
            break;
    }
    return "queued";
}

std::optional<BookingStatus> status_from_name(std::string_view s) {
    for (BookingStatus b : {BookingStatus::Queued, BookingStatus::Confirmed, BookingStatus::Pending,
                            BookingStatus::Full, BookingStatus::Refused, BookingStatus::Cancelled})
        if (status_name(b) == s) return b;
    return std::nullopt;
}

BookingLedger::BookingLedger(const std::filesystem::path& file) {
    db_ = sql::open_durable(
        file,
        "CREATE TABLE IF NOT EXISTS booking (key TEXT PRIMARY KEY, session_id TEXT NOT NULL,"
        " status TEXT NOT NULL, updated_at INTEGER NOT NULL);",
        0, problem_);
    if (!db_) log::error("bookings: ", problem_);
}

BookingLedger::~BookingLedger() {
    sqlite3_close(db_);
}

bool BookingLedger::record(const std::string& key, const std::string& session_id, BookingStatus status,
                           std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (!db_) return false;
    // A session id given once stays; a later answer only changes the status.
    return sql::Statement(
               db_,
               "INSERT INTO booking (key, session_id, status, updated_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT(key) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,"
               " session_id = CASE WHEN excluded.session_id = '' THEN booking.session_id"
               " ELSE excluded.session_id END")
               .bind(1, key)
               .bind(2, session_id)
               .bind(3, std::string(status_name(status)))
               .bind(4, now)
               .step() == SQLITE_DONE;
}

std::optional<BookingStatus> BookingLedger::status(const std::string& key) const {
    std::lock_guard lock(mutex_);
    if (!db_) return std::nullopt;
    sql::Statement q(db_, "SELECT status FROM booking WHERE key = ?");
    q.bind(1, key);
    if (q.step() != SQLITE_ROW) return std::nullopt;
    return status_from_name(q.text(0));
}

std::vector<BookingLedger::Entry> BookingLedger::all() const {
    std::lock_guard lock(mutex_);
    std::vector<Entry> out;
    if (!db_) return out;
    sql::Statement q(db_, "SELECT key, session_id, status, updated_at FROM booking ORDER BY key");
    while (q.step() == SQLITE_ROW)
        out.push_back({q.text(0), q.text(1), status_from_name(q.text(2)).value_or(BookingStatus::Queued),
                       sqlite3_column_int64(q.stmt, 3)});
    return out;
}

BookingSender::BookingSender(std::string hub_url, std::string token, std::shared_ptr<BookingLedger> ledger,
                             std::function<std::int64_t()> wall_seconds, Listener on_status, long timeout_ms)
    : url_(std::move(hub_url)),
      token_(std::move(token)),
      ledger_(std::move(ledger)),
      wall_(std::move(wall_seconds)),
      on_status_(std::move(on_status)),
      timeout_(timeout_ms) {
    while (!url_.empty() && url_.back() == '/') url_.pop_back();
}

outbox::Delivery BookingSender::deliver(const outbox::Message& m) {
    const bool cancel = m.kind == kCancelKind;
    if (!cancel && m.kind != kBookingKind) return {outbox::Outcome::Permanent, "not a booking: " + m.kind};
    if (url_.empty()) return {outbox::Outcome::Retry, "no hub configured"};
    std::string booking_key = m.key;
    if (cancel) {
        const json p = json::parse(m.payload, nullptr, false);
        booking_key = p.is_object() && p.contains("booking") && p["booking"].is_string()
                          ? p["booking"].get<std::string>()
                          : "";
        if (booking_key.empty()) return {outbox::Outcome::Permanent, "cancel without a booking key"};
    }
    const std::vector<std::string> headers = {"Content-Type: application/json", "Accept: application/json",
                                              "Authorization: Bearer " + token_, "Idempotency-Key: " + m.key};
    const HttpResult h = cancel
                             ? http_call("DELETE", url_ + "/v1/bookings/" + outbox::url_escape(booking_key),
                                         headers, {}, timeout_)
                             : http_call("POST", url_ + "/v1/bookings", headers, m.payload, timeout_);
    const std::string detail = h.reached ? "HTTP " + std::to_string(h.status) : h.error;
    if (h.transient()) return {outbox::Outcome::Retry, detail};
    std::optional<BookingStatus> status;
    if (h.ok()) {
        const json j = json::parse(h.body, nullptr, false);
        if (j.is_object() && j.contains("status") && j["status"].is_string())
            status = status_from_name(j["status"].get<std::string>());
        if (!status)
            return {outbox::Outcome::Retry, detail + ": the answer cannot be read"};  // cut or garbled
    } else {
        status = h.status == 409 && !cancel ? BookingStatus::Full : BookingStatus::Refused;
    }
    if (ledger_) ledger_->record(booking_key, {}, *status, wall_ ? wall_() : 0);
    if (on_status_) on_status_(booking_key, *status);
    return {h.ok() ? outbox::Outcome::Sent : outbox::Outcome::Permanent,
            detail + " " + std::string(status_name(*status))};
}

std::optional<BookingStatus> fetch_status(const std::string& hub_url, const std::string& token,
                                          const std::string& key, long timeout_ms) {
    std::string base = hub_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const HttpResult h =
        http_call("GET", base + "/v1/bookings/" + outbox::url_escape(key),
                  {"Accept: application/json", "Authorization: Bearer " + token}, {}, timeout_ms);
    if (!h.ok()) return std::nullopt;
    const json j = json::parse(h.body, nullptr, false);
    if (!j.is_object() || !j.contains("status") || !j["status"].is_string()) return std::nullopt;
    return status_from_name(j["status"].get<std::string>());
}

std::size_t scrub(const std::filesystem::path& outbox_file, std::chrono::hours max_age,
                  std::int64_t now_unix) {
    std::string problem;
    sqlite3* db = sql::open_durable(
        outbox_file,
        "CREATE TABLE IF NOT EXISTS outbox_message (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
        " key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT"
        " 'pending', attempts INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL,"
        " next_attempt_ms INTEGER NOT NULL, sent_ms INTEGER, last_error TEXT NOT NULL"
        " DEFAULT '');",
        0, problem);
    if (!db) {
        log::error("bookings: scrub: ", problem);
        return 0;
    }
    sqlite3_exec(db, "PRAGMA secure_delete=ON;", nullptr, nullptr, nullptr);
    const std::int64_t oldest_ms =
        (now_unix - std::chrono::duration_cast<std::chrono::seconds>(max_age).count()) * 1000;
    std::size_t changed = 0;
    // Acknowledged: the sealed details go, the key stays (a late duplicate is still recognised).
    sql::Statement ack(db,
                       "UPDATE outbox_message SET payload = '' WHERE state = 'sent' AND payload != ''"
                       " AND kind IN ('booking.request', 'booking.cancel')");
    if (ack.step() == SQLITE_DONE) changed += static_cast<std::size_t>(sqlite3_changes(db));
    sql::Statement old(
        db,
        "DELETE FROM outbox_message WHERE created_ms < ? AND kind IN ('booking.request', 'booking.cancel')");
    old.bind(1, oldest_ms);
    if (old.step() == SQLITE_DONE) changed += static_cast<std::size_t>(sqlite3_changes(db));
    // What the WAL still holds of the old pages goes too.
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE);", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return changed;
}

}  // namespace kiosk::booking
