#include "kiosk/core/pass/checker.hpp"

#include <algorithm>
#include <ctime>

#include "kiosk/core/log.hpp"
#include "kiosk/core/pass/online.hpp"

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
    }
    return "unreadable";
}

const char* Verdict::title_key() const {
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
    }
    return "";
}

const char* Verdict::next_key() const {
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
    return check_on(text, local_date(now));
}

Verdict Checker::check_on(std::string_view text, Date today) const {
    Verdict v;
    if (looks_like_signed_pass(text)) {
        v = check_signed(text, today);
    } else if (auto digits = cheque_digits(text)) {
        v = check_cheque(*digits, today);
    } else if (std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) * 2 >=
               static_cast<long>(text.size())) {
        v = make(Reason::Unreadable,
                 "a number with other characters in it, or nothing");  // misread, mistyped
    } else {
        // Read well (a camera's QR code, a scanner's text), but neither a signed pass nor a number: a web
        // address, a product code. Not "damaged": not a pass at all.
        v = make(Reason::UnknownIssuer, "neither a signed pass nor a cheque number");
        v.text_key = TR_KEY("pass.refused.not_a_pass.text");
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
    bool genuine = false;
    for (const PublicKey& k : issuer->public_keys) genuine = genuine || verify_payload(*payload, k);
    if (!genuine)
        return make(Reason::Forged, "signature does not verify with the keys of " + issuer->id, issuer);
    Verdict v = make(Reason::Accepted, "signature verified", issuer);
    v.pass_id = payload->pass.pass_id();
    v.value = payload->pass.value;
    v.valid_from = payload->pass.valid_from();
    v.valid_until = payload->pass.valid_until();
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
        // One digit short or too many for an issuer with this prefix: most likely a typing slip.
        for (const Issuer& i : registry_.issuers) {
            if (i.kind != IssuerKind::Cheque || digits.compare(0, i.prefix.size(), i.prefix) != 0) continue;
            if (static_cast<int>(digits.size()) + 1 == i.length)
                v.text_key = TR_KEY("pass.refused.digit_missing.text");
            if (static_cast<int>(digits.size()) == i.length + 1)
                v.text_key = TR_KEY("pass.refused.digit_extra.text");
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
    if (v.reason != Reason::Accepted || issuer->endpoint.empty()) return v;
    if (!options_.online) {
        v.reason = Reason::ToConfirm;
        v.detail = "offline: to be confirmed with the issuer";
        return v;
    }
    const OnlineResult online = confirm_online(*issuer, digits, options_.kiosk_id);
    v.detail = "online: " + online.detail;
    switch (online.answer) {
        case OnlineAnswer::Valid:
            v.confirmed_online = true;
            if (online.value) v.value = online.value;
            break;
        case OnlineAnswer::Used:
            v.reason = Reason::AlreadyUsed;
            break;
        case OnlineAnswer::Unknown:
            v.reason = Reason::Forged;
            break;
        case OnlineAnswer::Expired:
            v.reason = Reason::Expired;
            break;
        case OnlineAnswer::Unreachable:
            v.reason = Reason::ToConfirm;
            break;
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
        case Reason::Accepted:
        case Reason::ToConfirm:
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
            w.text = t.tr("pass.refused.unreadable.text");
            break;
    }
    return w;
}

}  // namespace kiosk::pass
