#include "kiosk/core/pass/checker.hpp"

#include <algorithm>
#include <ctime>

#include "kiosk/core/log.hpp"
#include "kiosk/core/pass/online.hpp"
#include "kiosk/core/pass/short_code.hpp"
#include "kiosk/core/pass/zone.hpp"

namespace kiosk::pass {
namespace {

using std::chrono::sys_days;

// Keeps the digits of a cheque number typed or printed with spaces, dots or dashes; nullopt if anything else.
std::optional<std::string> cheque_digits(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c != ' ' && c != '-' && c != '.' && c != '\t' && c != '\r' && c != '\n')
            return std::nullopt;
    }
    if (digits.empty() || digits.size() > 40) return std::nullopt;
    return digits;
}

Verdict make(Reason r, std::string detail, const Issuer* issuer = nullptr) {
    Verdict v;
    v.reason = r;
    v.detail = std::move(detail);
    v.issuer = issuer;
    return v;
}

}  // namespace

std::string_view reason_code(Reason r) {
    switch (r) {
        case Reason::Unreadable:
            return "unreadable";
        case Reason::UnknownIssuer:
            return "unknown_issuer";
        case Reason::Forged:
            return "forged";
        case Reason::Expired:
            return "expired";
        case Reason::NotYetValid:
            return "not_yet_valid";
        case Reason::AlreadyUsed:
            return "already_used";
        case Reason::ToConfirm:
            return "to_confirm";
        case Reason::Accepted:
            return "accepted";
        case Reason::NotAPass:
            return "not_a_pass";
        case Reason::NoValue:
            return "no_value";
        case Reason::Revoked:
            return "revoked";
    }
    return "unreadable";
}

const char* Verdict::title_key() const {
    if (title_override) return title_override;
    if (reason == Reason::ToConfirm && plausible) return TR_KEY("pass.plausible.title");
    switch (reason) {
        case Reason::Unreadable:
            return TR_KEY("pass.refused.unreadable.title");
        case Reason::UnknownIssuer:
            return TR_KEY("pass.refused.unknown_issuer.title");
        case Reason::Forged:
            return TR_KEY("pass.refused.forged.title");
        case Reason::Expired:
            return TR_KEY("pass.refused.expired.title");
        case Reason::NotYetValid:
            return TR_KEY("pass.refused.not_yet_valid.title");
        case Reason::AlreadyUsed:
            return TR_KEY("pass.refused.already_used.title");
        case Reason::ToConfirm:
            return TR_KEY("pass.to_confirm.title");
        case Reason::Accepted:
            return TR_KEY("pass.accepted.title");
        case Reason::NotAPass:
            return TR_KEY("pass.refused.not_a_pass.title");
        case Reason::NoValue:
            return TR_KEY("pass.refused.no_value.title");
        case Reason::Revoked:
            return TR_KEY("pass.refused.revoked.title");
    }
    return "";
}

const char* Verdict::next_key() const {
    if (next_override) return next_override;
    if (reason == Reason::ToConfirm && plausible) return TR_KEY("pass.plausible.next");
    switch (reason) {
        case Reason::Unreadable:
            return TR_KEY("pass.refused.unreadable.next");
        case Reason::UnknownIssuer:
            return TR_KEY("pass.refused.unknown_issuer.next");
        case Reason::Forged:
            return TR_KEY("pass.refused.forged.next");
        case Reason::Expired:
            return TR_KEY("pass.refused.expired.next");
        case Reason::NotYetValid:
            return TR_KEY("pass.refused.not_yet_valid.next");
        case Reason::AlreadyUsed:
            return TR_KEY("pass.refused.already_used.next");
        case Reason::ToConfirm:
            return TR_KEY("pass.to_confirm.next");
        case Reason::Accepted:
            return TR_KEY("pass.accepted.next");
        case Reason::NotAPass:
            return TR_KEY("pass.refused.not_a_pass.next");
        case Reason::NoValue:
            return TR_KEY("pass.refused.no_value.next");
        case Reason::Revoked:
            return TR_KEY("pass.refused.revoked.next");
    }
    return "";
}

Date local_date(std::chrono::system_clock::time_point now) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date{std::chrono::year{tm.tm_year + 1900},
                std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)},
                std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
}

Checker::Checker(const Registry& registry, Journal* journal, CheckerOptions options)
    : registry_(registry), journal_(journal), options_(std::move(options)) {}

Verdict Checker::check(std::string_view text, std::chrono::system_clock::time_point now) const {
    if (!options_.time_zone.empty()) {
        if (std::optional<Date> d = date_in_zone(options_.time_zone, now)) return check_on(text, *d);
        log::warn("pass: time zone ", options_.time_zone, " is not in the tz database; ", kMetropolitanZone,
                  " decides today");
        if (std::optional<Date> d = date_in_zone(kMetropolitanZone, now)) return check_on(text, *d);
    }
    return check_on(text, local_date(now));
}

Verdict Checker::check_on(std::string_view text, Date today) const {
    Verdict v;
    if (looks_like_signed_pass(text)) {
        v = check_signed(text, today);
    } else if (auto digits = cheque_digits(text)) {
        v = check_cheque(*digits, today);
    } else if (const ShortRead sr = read_short_code(text); sr.problem != ShortProblem::NotShortCode) {
        v = check_short(std::string(text), today);
    } else {
        // A number with a stray character or two is a misreading or a slip of the finger; anything else read
        // well (a camera's QR code, a scanner's text) is not a pass at all: a web address, a product code.
        std::size_t digits = 0, others = 0;
        for (char c : text) {
            if (c >= '0' && c <= '9')
                ++digits;
            else if (c != ' ' && c != '-' && c != '.')
                ++others;
        }
        if (digits >= 4 && others <= 2) {
            v = make(Reason::Unreadable, "a number with other characters in it");
        } else if (digits + others == 0) {
            v = make(Reason::Unreadable, "nothing");
        } else {
            v = make(Reason::NotAPass, "neither a signed pass, a short code nor a cheque number");
            v.text_key = TR_KEY("pass.refused.not_a_pass.text");
        }
    }
    log::debug("pass: ", reason_code(v.reason), v.issuer ? " (" + v.issuer->id + ")" : std::string(), ": ",
               v.detail);
    return v;
}

void Checker::apply_dates(Verdict& v, Date today) const {
    const sys_days d{today};
    if (v.valid_until && v.issuer && v.issuer->tolerance_days > 0)
        v.tolerated_until = Date{sys_days{*v.valid_until} + std::chrono::days{v.issuer->tolerance_days}};
    if (v.valid_from && d < sys_days{*v.valid_from}) {
        v.reason = Reason::NotYetValid;
        v.detail = "before its first day";
        return;
    }
    if (v.valid_until && d > sys_days{*v.valid_until}) {
        if (v.tolerated_until && d <= sys_days{*v.tolerated_until}) {
            v.in_tolerance = true;
        } else {
            v.reason = Reason::Expired;
            v.detail = "after its last day";
        }
    }
}

void Checker::apply_journal(Verdict& v) const {
    if (!journal_ || !journal_->ok()) {
        v.reason = Reason::ToConfirm;
        v.detail = "the journal of used passes cannot be read";
        return;
    }
    if (auto earlier = journal_->find(v.issuer->id, v.pass_id)) {
        v.reason = Reason::AlreadyUsed;
        v.detail = "used on " + earlier->redeemed_at + " at " + earlier->kiosk;
    }
}

Verdict Checker::check_signed(std::string_view text, Date today) const {
    std::string why;
    auto payload = parse_payload(text, &why);
    if (!payload) return make(Reason::Unreadable, "signed pass: " + why);
    const Issuer* issuer = registry_.by_code(payload->pass.issuer_code);
    if (!issuer)
        return make(Reason::UnknownIssuer,
                    "no signed issuer with code " + std::to_string(payload->pass.issuer_code));
    const IssuerKey* key = nullptr;
    bool outside_window = false;
    for (const IssuerKey& k : issuer->keys) {
        if (!verify_payload(*payload, k.key)) continue;
        if (!k.covers(payload->pass.first_month, payload->pass.last_month)) {
            outside_window = true;  // a key signs only for its months: a retired key mints nothing new
            continue;
        }
        key = &k;
        break;
    }
    if (!key)
        return make(Reason::Forged,
                    outside_window ? "signed by a key of " + issuer->id + " for months outside its window"
                                   : "signature does not verify with the keys of " + issuer->id,
                    issuer);
    Verdict v = make(Reason::Accepted, "signature verified with key " + key->id, issuer);
    v.key_id = key->id;
    v.pass_id = payload->pass.pass_id();
    v.value = payload->pass.value;
    v.valid_from = payload->pass.valid_from();
    v.valid_until = payload->pass.valid_until();
    if (issuer->revoked.key_ids.count(key->id) || issuer->revoked.serials.count(payload->pass.serial)) {
        v.reason = Reason::Revoked;
        v.detail = "in the revocation list of " + issuer->id + " issued " + issuer->revoked.issued;
        return v;
    }
    if (v.value->amount <= 0) {
        v.reason = Reason::NoValue;
        v.detail = "worth 0";
        return v;
    }
    apply_dates(v, today);
    if (v.reason == Reason::Accepted) apply_journal(v);
    return v;
}

Verdict Checker::check_cheque(const std::string& digits, Date today) const {
    const Issuer* issuer = nullptr;
    bool check_failed = false;
    for (const Issuer& i : registry_.issuers) {
        if (i.kind != IssuerKind::Cheque || static_cast<int>(digits.size()) != i.length) continue;
        if (digits.compare(0, i.prefix.size(), i.prefix) != 0) continue;
        if (!check_digit_valid(i.check, digits)) {
            check_failed = true;
            continue;
        }
        issuer = &i;
        break;
    }
    if (!issuer) {
        if (check_failed)
            return make(Reason::Unreadable, "the check digit does not match: misread or mistyped");
        Verdict v = make(Reason::UnknownIssuer, "no cheque issuer takes " + std::to_string(digits.size()) +
                                                    " digits with this prefix");
        auto slip = [&v](const char* text) {
            v.reason = Reason::Unreadable;
            v.text_key = text;
            v.title_override = TR_KEY("pass.refused.check_number.title");
            v.next_override = TR_KEY("pass.refused.check_number.next");
        };
        // One digit short or too many for an issuer with this prefix: most likely a typing slip.
        for (const Issuer& i : registry_.issuers) {
            if (i.kind != IssuerKind::Cheque || digits.compare(0, i.prefix.size(), i.prefix) != 0) continue;
            if (static_cast<int>(digits.size()) + 1 == i.length)
                slip(TR_KEY("pass.refused.digit_missing.text"));
            if (static_cast<int>(digits.size()) == i.length + 1)
                slip(TR_KEY("pass.refused.digit_extra.text"));
        }
        return v;
    }
    int year = issuer->year;
    if (issuer->year_offset >= 0) {
        // The registry keeps the offset inside length; an issuer built otherwise must still not read past the
        // number.
        const auto at = static_cast<std::size_t>(issuer->year_offset);
        if (at + 2 > digits.size())
            return make(Reason::UnknownIssuer, "the issuer's year_offset lies outside its numbers", issuer);
        year = 2000 + (digits[at] - '0') * 10 + (digits[at + 1] - '0');
    }
    Verdict v = make(Reason::Accepted, "number checked offline", issuer);
    v.pass_id = digits;
    v.value = issuer->value;
    using namespace std::chrono;
    // Valid for the calendar year N (the #APTIC rule), plus the issuer's tolerance (31 days: to 31 January
    // N+1).
    v.valid_from = Date{std::chrono::year{year}, January, std::chrono::day{1}};
    v.valid_until = Date{std::chrono::year{year}, December, std::chrono::day{31}};
    apply_dates(v, today);
    if (v.reason != Reason::Accepted) return v;
    apply_journal(v);
    if (v.reason != Reason::Accepted) return v;
    // Until the issuer itself confirms it, a number that follows the numbering rules is only plausible:
    // about one arbitrary number in ten with the right prefix passes a check digit.
    auto plausible = [&v](const char* why) {
        v.reason = Reason::ToConfirm;
        v.plausible = true;
        v.detail = why;
    };
    if (issuer->endpoint.empty()) {
        plausible("checked by the numbering rules only: to be confirmed on the spot");
        return v;
    }
    if (!options_.online) {
        plausible("offline: to be confirmed with the issuer");
        return v;
    }
    const OnlineResult online = confirm_online(*issuer, digits, options_.kiosk_id);
    switch (online.answer) {
        case OnlineAnswer::Valid:
            v.confirmed_online = true;
            if (online.value) v.value = online.value;
            if (v.value && v.value->amount <= 0) v.reason = Reason::NoValue;
            break;
        case OnlineAnswer::Used:
            v.reason = Reason::AlreadyUsed;
            break;
        case OnlineAnswer::Unknown:
            v.reason = Reason::Forged;
            break;
        case OnlineAnswer::Expired:
            // The issuer knows better than the numbering rules, which would give a date still to come: say
            // what is true, with no date.
            v.reason = Reason::Expired;
            v.valid_until.reset();
            v.tolerated_until.reset();
            v.in_tolerance = false;
            v.text_key = TR_KEY("pass.refused.expired_online.text");
            break;
        case OnlineAnswer::Unreachable:
            plausible("");
            break;
    }
    v.detail = "online: " + online.detail;
    return v;
}

Verdict Checker::check_short(const std::string& code, Date today) const {
    const ShortRead sr = read_short_code(code);
    auto slip = [](const char* text, const char* detail) {
        Verdict v = make(Reason::Unreadable, detail);
        v.text_key = text;
        v.title_override = TR_KEY("pass.refused.check_code.title");
        v.next_override = TR_KEY("pass.refused.check_number.next");
        return v;
    };
    switch (sr.problem) {
        case ShortProblem::Missing:
            return slip(TR_KEY("pass.refused.symbol_missing.text"), "short code: one symbol short");
        case ShortProblem::Extra:
            return slip(TR_KEY("pass.refused.symbol_extra.text"), "short code: one symbol too many");
        case ShortProblem::Check:
        case ShortProblem::Field:
            return slip(TR_KEY("pass.refused.symbol_wrong.text"),
                        "short code: the check symbol does not match");
        case ShortProblem::NotShortCode:
        case ShortProblem::None:
            break;
    }
    if (!sr.pass) return make(Reason::Unreadable, "short code: unreadable");
    const Issuer* issuer = registry_.by_code(sr.pass->issuer_code);
    if (!issuer)
        return make(Reason::UnknownIssuer,
                    "short code of no signed issuer (code " + std::to_string(sr.pass->issuer_code) + ")");
    Verdict v = make(Reason::Accepted, "short code: no signature, plausible only", issuer);
    v.pass_id = sr.pass->pass_id();  // the same pass as its QR code: used by one, used by the other
    v.value = sr.pass->value;
    v.valid_from = sr.pass->valid_from();
    v.valid_until = sr.pass->valid_until();
    if (issuer->revoked.serials.count(sr.pass->serial)) {
        v.reason = Reason::Revoked;
        v.detail = "short code: in the revocation list of " + issuer->id;
        return v;
    }
    if (v.value->amount <= 0) {
        v.reason = Reason::NoValue;
        return v;
    }
    apply_dates(v, today);
    if (v.reason != Reason::Accepted) return v;
    apply_journal(v);
    if (v.reason == Reason::Accepted) {
        v.reason = Reason::ToConfirm;
        v.plausible = true;
    }
    return v;
}

RedeemResult Checker::redeem(const Verdict& verdict) const {
    RedeemResult r;
    if (!verdict.usable() || !verdict.issuer) {
        r.error = "only an accepted pass, or one to be confirmed, can be used";
        return r;
    }
    if (!journal_) {
        r.error = "no journal";
        return r;
    }
    Redemption row;
    row.issuer = verdict.issuer->id;
    row.pass_id = verdict.pass_id;
    row.value = verdict.value;
    row.status = verdict.reason == Reason::Accepted ? "accepted" : "to_confirm";
    row.kiosk = options_.kiosk_id;
    return journal_->redeem(row);
}

std::string value_words(const Value& value, const Translator& t) {
    if (value.unit == Unit::Euros) {
        const std::int64_t euros = value.amount / 100, cents = value.amount % 100;
        if (cents == 0) return format(t.tr("pass.value.euros"), {{"euros", std::to_string(euros)}});
        return format(
            t.tr("pass.value.euros_cents"),
            {{"euros", std::to_string(euros)}, {"cents", (cents < 10 ? "0" : "") + std::to_string(cents)}});
    }
    const std::int64_t hours = value.amount / 60, minutes = value.amount % 60;
    if (minutes == 0) return t.trn("pass.value.hours", static_cast<long>(hours));
    return format(t.tr("pass.value.hours_minutes"),
                  {{"h", std::to_string(hours)}, {"m", (minutes < 10 ? "0" : "") + std::to_string(minutes)}});
}

std::string date_words(Date date, const Translator& t) {
    static const char* const months[] = {
        TR_KEY("hours.month.january"), TR_KEY("hours.month.february"), TR_KEY("hours.month.march"),
        TR_KEY("hours.month.april"),   TR_KEY("hours.month.may"),      TR_KEY("hours.month.june"),
        TR_KEY("hours.month.july"),    TR_KEY("hours.month.august"),   TR_KEY("hours.month.september"),
        TR_KEY("hours.month.october"), TR_KEY("hours.month.november"), TR_KEY("hours.month.december")};
    const unsigned m = static_cast<unsigned>(date.month());
    const unsigned d = static_cast<unsigned>(date.day());
    std::string day = std::to_string(d);
    if (d == 1) day = t.tr("pass.date.first_day");
    return format(t.tr("pass.date"), {{"day", day},
                                      {"month", t.tr(months[(m >= 1 && m <= 12 ? m : 1) - 1])},
                                      {"year", std::to_string(static_cast<int>(date.year()))}});
}

Words words(const Verdict& v, const Translator& t) {
    Words w;
    w.title = t.tr(v.title_key());
    w.next = t.tr(v.next_key());
    const std::string until = v.valid_until ? date_words(*v.valid_until, t) : std::string();
    const std::string value = v.value ? value_words(*v.value, t) : std::string();
    switch (v.reason) {
        case Reason::ToConfirm:
            if (v.plausible) {
                if (v.value && v.valid_until)
                    w.text = format(t.tr("pass.plausible.value_until"), {{"value", value}, {"date", until}});
                else if (v.valid_until)
                    w.text = format(t.tr("pass.plausible.until"), {{"date", until}});
                const std::string& later = t.tr("pass.plausible.text");
                w.text = w.text.empty() ? later : w.text + " " + later;
                break;
            }
            [[fallthrough]];
        case Reason::Accepted:
            if (v.in_tolerance && v.tolerated_until)
                w.text = format(t.tr("pass.accepted.tolerance"),
                                {{"date", until}, {"tolerated", date_words(*v.tolerated_until, t)}});
            else if (v.value && v.valid_until)
                w.text = format(t.tr("pass.accepted.value_until"), {{"value", value}, {"date", until}});
            else if (v.valid_until)
                w.text = format(t.tr("pass.accepted.until"), {{"date", until}});
            if (v.reason == Reason::ToConfirm) {
                const std::string& later = t.tr("pass.to_confirm.text");
                w.text = w.text.empty() ? later : w.text + " " + later;
            }
            break;
        case Reason::Expired:
            if (v.text_key) {
                w.text = t.tr(v.text_key);
                break;
            }
            w.text = v.valid_until
                         ? format(t.tr("pass.refused.expired.text"),
                                  {{"date", v.tolerated_until ? date_words(*v.tolerated_until, t) : until}})
                         : std::string();
            break;
        case Reason::NotYetValid:
            w.text = v.valid_from ? format(t.tr("pass.refused.not_yet_valid.text"),
                                           {{"date", date_words(*v.valid_from, t)}})
                                  : std::string();
            break;
        case Reason::AlreadyUsed:
            w.text = t.tr("pass.refused.already_used.text");
            break;
        case Reason::Forged:
            w.text = t.tr("pass.refused.forged.text");
            break;
        case Reason::UnknownIssuer:
            w.text = v.text_key ? t.tr(v.text_key) : t.tr("pass.refused.unknown_issuer.text");
            break;
        case Reason::Unreadable:
            w.text = v.text_key ? t.tr(v.text_key) : t.tr("pass.refused.unreadable.text");
            break;
        case Reason::NotAPass:
            w.text = t.tr("pass.refused.not_a_pass.text");
            break;
        case Reason::NoValue:
            w.text = t.tr("pass.refused.no_value.text");
            break;
        case Reason::Revoked:
            w.text = format(t.tr("pass.refused.revoked.text"), {{"issuer", v.issuer ? v.issuer->name : ""}});
            break;
    }
    return w;
}

}  // namespace kiosk::pass
