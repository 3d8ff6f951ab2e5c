// The ticket's QR payload: encoder and decoder (format in payload.hpp and content/diagnostic/README.md).
#include "payload.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace kiosk::diagnostic {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::chrono::year_month_day kEpoch{std::chrono::year{2024}, std::chrono::month{1},
                                             std::chrono::day{1}};

std::optional<long> days_since_epoch(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (iso[i] < '0' || iso[i] > '9') return -1;
            v = v * 10 + (iso[i] - '0');
        }
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return (std::chrono::sys_days{ymd} - std::chrono::sys_days{kEpoch}).count();
}

std::string iso_of(long days) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{kEpoch} + std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

int check_of(const int* values) {
    int sum = 0;
    for (int i = 0; i < 11; ++i) sum += (i + 1) * values[i];
    return sum % 31;
}

}  // namespace

TicketPayload ticket_payload(const DiagnosticResult& result, std::string_view date_iso) {
    TicketPayload p;
    p.content_version = result.content_version;
    for (std::size_t i = 0; i < kDomainCount; ++i) p.levels[i] = result.domains[i].level;
    p.overall = result.overall;
    p.services = result.services & 0x1FF;
    p.date = std::string(date_iso);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(result.duration).count();
    p.minutes = static_cast<int>(std::clamp<long long>(minutes, 0, 31));
    return p;
}

std::string encode_payload(const TicketPayload& p) {
    auto days = days_since_epoch(p.date);
    if (!days || *days < 0 || *days > 0x7FFF) return "";
    if (p.content_version < 0 || p.content_version > 255) return "";
    std::uint64_t bits = static_cast<std::uint64_t>(p.content_version);
    for (Level l : p.levels) bits = (bits << 2) | (static_cast<std::uint64_t>(l) & 3);
    bits = (bits << 2) | (static_cast<std::uint64_t>(p.overall) & 3);
    bits = (bits << 9) | (p.services & 0x1FFu);
    bits = (bits << 15) | static_cast<std::uint64_t>(*days);
    bits = (bits << 5) | static_cast<std::uint64_t>(std::clamp(p.minutes, 0, 31));
    // 55 bits so far: 11 characters, then the check character.
    int values[12];
    for (int i = 0; i < 11; ++i) values[i] = static_cast<int>((bits >> (5 * (10 - i))) & 31);
    values[11] = check_of(values);
    std::string out(kPayloadPrefix);
    for (int v : values) out += kAlphabet[v];
    return out;
}

std::optional<TicketPayload> decode_payload(std::string_view text, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<TicketPayload> {
        if (why) *why = reason;
        return std::nullopt;
    };
    if (text.size() < kPayloadPrefix.size() || text.substr(0, kPayloadPrefix.size()) != kPayloadPrefix)
        return fail("not a kiosk diagnostic (expected \"KD1:\")");
    if (text.size() != kPayloadLength) return fail("wrong length (expected 16 characters)");
    int values[12];
    for (int i = 0; i < 12; ++i) {
        char c = text[kPayloadPrefix.size() + static_cast<std::size_t>(i)];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z')
            values[i] = c - 'A';
        else if (c >= '2' && c <= '7')
            values[i] = 26 + (c - '2');
        else
            return fail("a character is not base32 (A-Z, 2-7)");
    }
    if (values[11] != check_of(values)) return fail("check character does not match: misread or mistyped");
    std::uint64_t bits = 0;
    for (int i = 0; i < 11; ++i) bits = (bits << 5) | static_cast<std::uint64_t>(values[i]);
    TicketPayload p;
    p.minutes = static_cast<int>(bits & 31);
    bits >>= 5;
    p.date = iso_of(static_cast<long>(bits & 0x7FFF));
    bits >>= 15;
    p.services = static_cast<std::uint16_t>(bits & 0x1FF);
    bits >>= 9;
    p.overall = static_cast<Level>(bits & 3);
    bits >>= 2;
    for (std::size_t i = kDomainCount; i-- > 0;) {
        p.levels[i] = static_cast<Level>(bits & 3);
        bits >>= 2;
    }
    p.content_version = static_cast<int>(bits & 0xFF);
    return p;
}

}  // namespace kiosk::diagnostic
