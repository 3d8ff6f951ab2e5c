#include "totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cctype>

namespace kiosk::totp {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string url_escape(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
}  // namespace

std::string base32_encode(const Secret& bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::uint8_t b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;  // unpadded, as otpauth:// URIs want it
}

std::optional<Secret> base32_decode(std::string_view text) {
    Secret out;
    std::uint32_t buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char ch : text) {
        if (ch == ' ' || ch == '-') continue;
        if (ch == '=') {
            padding = true;
            continue;
        }
        if (padding) return std::nullopt;  // data after padding
        const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        if (c >= '2' && c <= '7') v = 26 + (c - '2');
        if (v < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::string hotp(const Secret& secret, std::uint64_t counter, int digits) {
    std::array<unsigned char, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
        counter >>= 8;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int length = 0;
    if (!HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message.data(), message.size(),
              mac.data(), &length) ||
        length < 20)
        return {};
    const unsigned offset = mac[length - 1] & 0x0F;  // RFC 4226 §5.3, dynamic truncation
    const std::uint32_t binary = (std::uint32_t(mac[offset] & 0x7F) << 24) |
                                 (std::uint32_t(mac[offset + 1]) << 16) |
                                 (std::uint32_t(mac[offset + 2]) << 8) | std::uint32_t(mac[offset + 3]);
    std::uint32_t modulo = 1;
    for (int i = 0; i < digits; ++i) modulo *= 10;
    std::string code = std::to_string(binary % modulo);
    if (static_cast<int>(code.size()) < digits)
        code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
    return code;
}

std::string code_at(const Secret& secret, std::int64_t unix_seconds, int digits, int period) {
    if (unix_seconds < 0 || period <= 0) return {};
    return hotp(secret, static_cast<std::uint64_t>(unix_seconds / period), digits);
}

Secret new_secret() {
    Secret s(20);
    randombytes_buf(s.data(), s.size());
    return s;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, const Secret& secret) {
    const std::string iss = url_escape(issuer);
    return "otpauth://totp/" + iss + ":" + url_escape(account) + "?secret=" + base32_encode(secret) +
           "&issuer=" + iss + "&algorithm=SHA1&digits=6&period=30";
}

Verifier::Result Verifier::check(std::string_view code, std::int64_t unix_seconds) {
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string_view::npos ||
        unix_seconds < 0)
        return Result::Wrong;
    const std::int64_t step = unix_seconds / 30;
    std::lock_guard lock(mutex_);
    for (int d = -skew_; d <= skew_; ++d) {
        const std::int64_t s = step + d;
        if (s < 0) continue;
        const std::string expected = hotp(secret_, static_cast<std::uint64_t>(s), 6);
        if (expected.size() == code.size() && sodium_memcmp(expected.data(), code.data(), code.size()) == 0) {
            if (s <= last_step_) return Result::Replayed;
            last_step_ = s;
            return Result::Accepted;
        }
    }
    return Result::Wrong;
}

}  // namespace kiosk::totp
