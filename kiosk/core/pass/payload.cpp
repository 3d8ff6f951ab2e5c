#include "kiosk/core/pass/payload.hpp"

#include <sodium.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kiosk::pass {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::chrono::year_month month_at(int index) {
    using namespace std::chrono;
    return year_month{year{kEpochYear + index / 12}, month{static_cast<unsigned>(index % 12 + 1)}};
}

int month_index(std::chrono::year_month ym) {
    return (static_cast<int>(ym.year()) - kEpochYear) * 12 +
           static_cast<int>(static_cast<unsigned>(ym.month())) - 1;
}

std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

bool init_sodium() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

std::string signed_message(const std::array<std::uint8_t, kBodySize>& body) {
    std::string m = "PN1";
    m.append(reinterpret_cast<const char*>(body.data()), body.size());
    return m;
}

std::optional<std::string> read_key_line(const std::filesystem::path& file, std::string* why) {
    std::ifstream in(file);
    if (!in) {
        if (why) *why = file.string() + ": cannot be opened";
        return std::nullopt;
    }
    std::string line;
    while (std::getline(in, line)) {
        std::string_view t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        return std::string(t);
    }
    if (why) *why = file.string() + ": holds no key";
    return std::nullopt;
}

std::string write_key(const std::filesystem::path& file, const std::string& hex, std::string_view comment,
                      bool secret) {
    const std::filesystem::path tmp = file.string() + ".tmp";
    const int fd = create_new_file(tmp, secret ? 0600 : 0644);
    if (fd < 0) return tmp.string() + ": cannot be created (does it exist already?)";
    const std::string text = "# " + std::string(comment) + "\n" + hex + "\n";
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        ::unlink(tmp.c_str());
        return file.string() + ": cannot be written";
    }
    // link() fails when the file exists: an existing key is never replaced, with no window between check and
    // move.
    const bool linked = ::link(tmp.c_str(), file.c_str()) == 0;
    const int err = errno;
    ::unlink(tmp.c_str());
    if (!linked)
        return file.string() +
               (err == EEXIST ? ": exists already, not replaced" : ": " + std::string(std::strerror(err)));
    return "";
}

}  // namespace

Date SignedPass::valid_from() const {
    return Date{first_month.year(), first_month.month(), std::chrono::day{1}};
}

Date SignedPass::valid_until() const {
    return Date{
        std::chrono::year_month_day_last{last_month.year(), std::chrono::month_day_last{last_month.month()}}};
}

std::string SignedPass::pass_id() const {
    return std::to_string(issuer_code) + "-" + std::to_string(serial);
}

std::string base64url_encode(const std::uint8_t* data, std::size_t size) {
    std::string out;
    out.reserve((size * 4 + 2) / 3);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        acc = (acc << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kB64[(acc >> bits) & 63];
        }
    }
    if (bits > 0) out += kB64[(acc << (6 - bits)) & 63];
    return out;
}

std::optional<std::vector<std::uint8_t>> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        int v = b64_value(c);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
        }
    }
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-canonical trailing bits
    return out;
}

bool looks_like_signed_pass(std::string_view text) {
    text = trim(text);
    if (text.size() < 4 || text.substr(0, 2) != "PN") return false;
    std::size_t i = 2;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > 2 && i < text.size() && text[i] == '.';
}

std::optional<ParsedPayload> parse_payload(std::string_view text, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<ParsedPayload> {
        if (why) *why = reason;
        return std::nullopt;
    };
    text = trim(text);
    if (text.substr(0, kPayloadPrefix.size()) != kPayloadPrefix)
        return fail(looks_like_signed_pass(text) ? "unsupported payload version"
                                                 : "not a pass numérique payload");
    if (text.size() != kPayloadChars) return fail("wrong length");
    auto bytes = base64url_decode(text.substr(kPayloadPrefix.size()));
    if (!bytes) return fail("characters outside base64url");
    if (bytes->size() != kBodySize + kSignatureSize) return fail("wrong length");
    ParsedPayload p;
    std::copy_n(bytes->begin(), kBodySize, p.body.begin());
    std::copy_n(bytes->begin() + kBodySize, kSignatureSize, p.signature.begin());
    std::optional<SignedPass> pass = decode_body(p.body, why);
    if (!pass) return std::nullopt;
    p.pass = *pass;
    return p;
}

std::optional<SignedPass> decode_body(const std::array<std::uint8_t, kBodySize>& b, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<SignedPass> {
        if (why) *why = reason;
        return std::nullopt;
    };
    SignedPass pass;
    pass.issuer_code = b[0];
    pass.serial = (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
    const unsigned v = (unsigned{b[4]} << 8) | b[5];
    pass.value.unit = (v & 0x8000u) ? Unit::Euros : Unit::Hours;
    pass.value.amount = v & 0x7FFFu;
    if (pass.issuer_code == 0) return fail("issuer code 0");
    if (b[6] > b[7]) return fail("validity ends before it starts");
    pass.first_month = month_at(b[6]);
    pass.last_month = month_at(b[7]);
    if (why) why->clear();
    return pass;
}

std::array<std::uint8_t, kBodySize> encode_body(const SignedPass& pass) {
    if (pass.issuer_code < 1 || pass.issuer_code > 255)
        throw std::invalid_argument("issuer code must be 1–255");
    if (pass.serial > 0xFFFFFFu) throw std::invalid_argument("serial must be below 16777216");
    if (pass.value.amount < 0 || pass.value.amount > 0x7FFF)
        throw std::invalid_argument("amount must be 0–32767");
    const int from = month_index(pass.first_month), until = month_index(pass.last_month);
    if (!pass.first_month.ok() || !pass.last_month.ok() || from < 0 || until > 255 || from > until)
        throw std::invalid_argument("validity months must run from 2024-01 to 2045-04, first ≤ last");
    std::array<std::uint8_t, kBodySize> body{};
    body[0] = static_cast<std::uint8_t>(pass.issuer_code);
    body[1] = static_cast<std::uint8_t>(pass.serial >> 16);
    body[2] = static_cast<std::uint8_t>(pass.serial >> 8);
    body[3] = static_cast<std::uint8_t>(pass.serial);
    const unsigned v =
        (pass.value.unit == Unit::Euros ? 0x8000u : 0u) | static_cast<unsigned>(pass.value.amount);
    body[4] = static_cast<std::uint8_t>(v >> 8);
    body[5] = static_cast<std::uint8_t>(v);
    body[6] = static_cast<std::uint8_t>(from);
    body[7] = static_cast<std::uint8_t>(until);
    return body;
}

std::array<std::uint8_t, kSignatureSize> sign_detached(std::string_view message, const SecretKey& key) {
    if (!init_sodium()) throw std::runtime_error("libsodium cannot start");
    std::array<std::uint8_t, kSignatureSize> sig{};
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key.data());
    return sig;
}

bool verify_detached(std::string_view message, const std::uint8_t* signature, const PublicKey& key) {
    if (!init_sodium()) return false;
    return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.data()) == 0;
}

bool verify_payload(const ParsedPayload& payload, const PublicKey& key) {
    if (!init_sodium()) return false;
    const std::string m = signed_message(payload.body);
    return crypto_sign_verify_detached(payload.signature.data(),
                                       reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                                       key.data()) == 0;
}

std::string sign_payload(const SignedPass& pass, const SecretKey& key) {
    if (!init_sodium()) throw std::runtime_error("libsodium cannot start");
    std::array<std::uint8_t, kBodySize + kSignatureSize> bytes{};
    const std::array<std::uint8_t, kBodySize> body = encode_body(pass);
    const std::string m = signed_message(body);
    std::copy(body.begin(), body.end(), bytes.begin());
    crypto_sign_detached(bytes.data() + kBodySize, nullptr, reinterpret_cast<const unsigned char*>(m.data()),
                         m.size(), key.data());
    return std::string(kPayloadPrefix) + base64url_encode(bytes.data(), bytes.size());
}

KeyPair generate_keypair() {
    if (!init_sodium()) throw std::runtime_error("libsodium cannot start");
    KeyPair k;
    crypto_sign_keypair(k.public_key.data(), k.secret_key.data());
    return k;
}

KeyPair keypair_from_seed(const std::array<std::uint8_t, 32>& seed) {
    if (!init_sodium()) throw std::runtime_error("libsodium cannot start");
    KeyPair k;
    crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
    return k;
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return out;
}

std::optional<PublicKey> read_public_key(const std::filesystem::path& file, std::string* why) {
    auto line = read_key_line(file, why);
    if (!line) return std::nullopt;
    auto bytes = from_hex(*line);
    if (!bytes || bytes->size() != 32) {
        if (why) *why = file.string() + ": not a public key (64 hexadecimal digits expected)";
        return std::nullopt;
    }
    PublicKey k;
    std::copy(bytes->begin(), bytes->end(), k.begin());
    return k;
}

std::optional<SecretKey> read_secret_key(const std::filesystem::path& file, std::string* why) {
    auto line = read_key_line(file, why);
    if (!line) return std::nullopt;
    auto bytes = from_hex(*line);
    if (!bytes || bytes->size() != 64) {
        if (why) *why = file.string() + ": not a secret key (128 hexadecimal digits expected)";
        return std::nullopt;
    }
    SecretKey k;
    std::copy(bytes->begin(), bytes->end(), k.begin());
    return k;
}

std::string write_public_key(const std::filesystem::path& file, const PublicKey& key,
                             std::string_view comment) {
    return write_key(file, to_hex(key.data(), key.size()), comment, false);
}

std::string write_secret_key(const std::filesystem::path& file, const SecretKey& key,
                             std::string_view comment) {
    return write_key(file, to_hex(key.data(), key.size()), comment, true);
}

int create_new_file(const std::filesystem::path& file, unsigned mode) {
    return ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  static_cast<mode_t>(mode));
}

}  // namespace kiosk::pass
