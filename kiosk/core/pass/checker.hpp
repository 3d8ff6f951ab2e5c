#pragma once
// From decoded text to verdict: the one entry point the UI calls (kiosk_pass, UI-free).
//
//     kiosk::pass::Checker checker(registry, &journal, {.kiosk_id = config.kiosk_id});
//     Verdict v = checker.check(decoded_text, kiosk.wall_clock().now());           // on a worker: may go
//     online Words w = words(v, translator);                                             // title, text, next
//     step if (v.usable()) checker.redeem(v);        // when the pass is actually used (agent / place)
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/pass/journal.hpp"
#include "kiosk/core/pass/payload.hpp"
#include "kiosk/core/pass/registry.hpp"

namespace kiosk::pass {

enum class Reason {
    Unreadable,     // not a pass, damaged, a wrong check digit
    UnknownIssuer,  // well formed, but no issuer of the registry matches
    Forged,         // the signature does not verify, or the issuer says the number does not exist
    Expired,        // after the end of validity and of any tolerance
    NotYetValid,    // before the start of validity
    AlreadyUsed,    // in the journal, or the issuer says so
    ToConfirm,  // cannot be checked now (offline, issuer unreachable, journal unavailable): "à confirmer"
    Accepted,
    NotAPass,  // read well (a web address, a product code, any text), but not a pass numérique at all
    NoValue,   // genuine, but worth 0 € / 0 hours: it cannot pay for anything
    Revoked,   // genuine, but its issuer cancelled it (its key, or this pass) in its signed revocation list
};

std::string_view reason_code(Reason r);  // "unreadable", "unknown_issuer", … "accepted"

struct Verdict {
    Reason reason = Reason::Unreadable;
    std::string detail;              // for logs, never shown to the citizen
    const Issuer* issuer = nullptr;  // points into the registry; null for Unreadable / UnknownIssuer
    std::string pass_id;             // serial "<code>-<n>" or the cheque number
    std::optional<Value> value;
    std::optional<Date> valid_from;
    std::optional<Date> valid_until;      // end of validity
    std::optional<Date> tolerated_until;  // end of tolerance, when the issuer grants one
    bool in_tolerance = false;            // accepted after valid_until, within the tolerance
    bool confirmed_online = false;
    // Checked by the issuer's numbering rules only (a cheque number offline, a typed short code): plausible,
    // "à confirmer sur place", never "valable". Always with Reason::ToConfirm.
    bool plausible = false;
    std::string key_id;  // the issuer key whose signature verified (signed passes)
    // A sentence, a title, a next step more precise than the reason's own ("Il manque un chiffre",
    // "L'organisme indique qu'il n'est plus valable"), or null.
    const char* text_key = nullptr;
    const char* title_override = nullptr;
    const char* next_override = nullptr;
    bool usable() const { return reason == Reason::Accepted || reason == Reason::ToConfirm; }
    // Translation keys: the title, a sentence, the next step.
    const char* title_key() const;
    const char* next_key() const;
};

struct CheckerOptions {
    std::string kiosk_id;
    bool online = true;  // false: cheques with an endpoint are "à confirmer" without trying
    // The IANA time zone whose date is "today" for check(): the kiosk's (zone_for_commune); empty = the
    // machine's.
    std::string time_zone;
};

class Checker {
  public:
    Checker(const Registry& registry, Journal* journal, CheckerOptions options = {});

    // `now` is taken as local time (the kiosk's time zone) to find today's date.
    Verdict check(std::string_view decoded_text, std::chrono::system_clock::time_point now) const;
    Verdict check_on(std::string_view decoded_text, Date today) const;

    // Records a usable verdict in the journal (status "accepted" or "to_confirm"). AlreadyUsed when another
    // redemption came first; Failed (journal error, disk full) records nothing.
    RedeemResult redeem(const Verdict& verdict) const;

  private:
    Verdict check_signed(std::string_view text, Date today) const;
    Verdict check_cheque(const std::string& digits, Date today) const;
    Verdict check_short(const std::string& code, Date today) const;
    void apply_dates(Verdict& v, Date today) const;
    void apply_journal(Verdict& v) const;

    const Registry& registry_;
    Journal* journal_;
    CheckerOptions options_;
};

Date local_date(std::chrono::system_clock::time_point now);  // the machine's time zone

// Plain words for the citizen, in the translator's current language.
struct Words {
    std::string title;
    std::string text;  // what the pass is worth and until when, or why it cannot be used
    std::string next;  // what to do now
};
Words words(const Verdict& verdict, const Translator& t);
std::string value_words(const Value& value, const Translator& t);  // "10 €", "3 heures", "1 h 30"
std::string date_words(Date date, const Translator& t);            // "31 décembre 2025"

}  // namespace kiosk::pass
