#include "badge.hpp"

#include <sodium.h>

#include <algorithm>

namespace kiosk::badge {

namespace {

constexpr std::string_view kPrefix = "KBADGE1.";
constexpr std::string_view kContext = "kiosk-badge-v1\n";
constexpr std::size_t kMaxText = 1024;  // a badge is a small QR code; anything longer is not one

bool ready() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

std::optional<std::string> decode(std::string_view text, int variant) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          nullptr, &len, nullptr, variant) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string encode(const unsigned char* bytes, std::size_t n, int variant) {
    std::string out(sodium_base64_encoded_len(n, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, variant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::string encode(std::string_view s, int variant) {
    return encode(reinterpret_cast<const unsigned char*>(s.data()), s.size(), variant);
}

std::optional<std::int64_t> number(std::string_view s) {
    if (s.empty() || s.size() > 12) return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<Badge> parse_fields(std::string_view fields) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t at = fields.find('\n'); at != std::string_view::npos; at = fields.find('\n', start)) {
        parts.push_back(fields.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(fields.substr(start));
    if (parts.size() != 4 || parts[0].empty() || parts[1].empty()) return std::nullopt;
    auto from = number(parts[2]), until = number(parts[3]);
    if (!from || !until || *until < *from) return std::nullopt;
    return Badge{std::string(parts[0]), std::string(parts[1]), *from, *until};
}

std::string signed_text(std::string_view fields) {
    std::string m(kContext);
    m += fields;
    return m;
}

}  // namespace

const char* check_name(Check c) {
    switch (c) {
        case Check::Valid:
            return "valid";
        case Check::Malformed:
            return "malformed";
        case Check::Forged:
            return "forged";
        case Check::NotYet:
            return "not valid yet";
        case Check::Expired:
            return "expired";
        case Check::Revoked:
            return "revoked";
        case Check::NotConfigured:
            break;
    }
    return "not configured";
}

Keys new_keys() {
    ready();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    Keys k{encode(pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL),
           encode(sk, sizeof sk, sodium_base64_VARIANT_ORIGINAL)};
    sodium_memzero(sk, sizeof sk);
    return k;
}

bool valid_public_key(const std::string& base64) {
    const auto pk = decode(base64, sodium_base64_VARIANT_ORIGINAL);
    return pk && pk->size() == crypto_sign_PUBLICKEYBYTES;
}

std::string sign(const Badge& b, const std::string& secret_key) {
    if (!ready()) return {};
    auto sk = decode(secret_key, sodium_base64_VARIANT_ORIGINAL);
    if (!sk || sk->size() != crypto_sign_SECRETKEYBYTES) return {};
    for (const std::string* f : {&b.id, &b.name})
        if (f->empty() || f->find('\n') != std::string::npos) return {};
    const std::string fields =
        b.id + "\n" + b.name + "\n" + std::to_string(b.valid_from) + "\n" + std::to_string(b.valid_until);
    const std::string m = signed_text(fields);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                         reinterpret_cast<const unsigned char*>(sk->data()));
    sodium_memzero(sk->data(), sk->size());
    return std::string(kPrefix) + encode(fields, sodium_base64_VARIANT_URLSAFE_NO_PADDING) + "." +
           encode(sig, sizeof sig, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Verdict verify(std::string_view text, const std::string& public_key, const std::vector<std::string>& revoked,
               std::int64_t now) {
    Verdict v;
    if (public_key.empty()) return {Check::NotConfigured, std::nullopt};
    const auto pk = decode(public_key, sodium_base64_VARIANT_ORIGINAL);
    if (!ready() || !pk || pk->size() != crypto_sign_PUBLICKEYBYTES) return {Check::NotConfigured, {}};
    // A scanner may add a line ending; nothing else is forgiven.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    if (text.size() > kMaxText || text.substr(0, kPrefix.size()) != kPrefix) return v;
    text.remove_prefix(kPrefix.size());
    const std::size_t dot = text.find('.');
    if (dot == std::string_view::npos) return v;
    const auto fields = decode(text.substr(0, dot), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    const auto sig = decode(text.substr(dot + 1), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    if (!fields || !sig || sig->size() != crypto_sign_BYTES) return v;
    const std::string m = signed_text(*fields);
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                    reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                                    reinterpret_cast<const unsigned char*>(pk->data())) != 0)
        return {Check::Forged, std::nullopt};
    v.badge = parse_fields(*fields);
    if (!v.badge) return {Check::Malformed, std::nullopt};  // signed, but not by this kiosk's format
    if (std::find(revoked.begin(), revoked.end(), v.badge->id) != revoked.end())
        v.check = Check::Revoked;
    else if (now < v.badge->valid_from)
        v.check = Check::NotYet;
    else if (now > v.badge->valid_until)
        v.check = Check::Expired;
    else
        v.check = Check::Valid;
    return v;
}

}  // namespace kiosk::badge
