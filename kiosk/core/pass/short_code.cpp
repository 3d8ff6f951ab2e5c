#include "kiosk/core/pass/short_code.hpp"

namespace kiosk::pass {
namespace {

int symbol_value(char c) {
    const std::size_t at = kShortAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Lenient reading of one typed character: the symbol, 0 for a separator, -1 for anything else.
int normalise(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'I' || c == 'L') return '1';
    if (c == 'O') return '0';
    if (c == ' ' || c == '-' || c == '.' || c == '\t' || c == '\r' || c == '\n') return 0;
    return symbol_value(c) >= 0 ? c : -1;
}

}  // namespace

char short_check_symbol(std::string_view symbols) {
    // Luhn mod N (N = 32): from the right, every other value doubled, the "digits" of the double in base N
    // added.
    constexpr int n = 32;
    int sum = 0;
    bool twice = true;
    for (auto it = symbols.rbegin(); it != symbols.rend(); ++it) {
        int v = symbol_value(*it);
        if (v < 0) v = 0;
        if (twice) {
            v *= 2;
            v = v / n + v % n;
        }
        sum += v;
        twice = !twice;
    }
    return kShortAlphabet[static_cast<std::size_t>((n - sum % n) % n)];
}

std::string short_code(const SignedPass& pass) {
    const std::array<std::uint8_t, kBodySize> body = encode_body(pass);
    std::uint64_t bits = 0;
    for (std::uint8_t b : body) bits = (bits << 8) | b;
    std::string symbols(kShortSymbols - 1, '0');
    for (std::size_t i = symbols.size(); i-- > 0;) {
        symbols[i] = kShortAlphabet[bits & 31u];
        bits >>= 5;
    }
    symbols += short_check_symbol(symbols);
    return symbols.substr(0, 5) + "-" + symbols.substr(5, 5) + "-" + symbols.substr(10);
}

ShortRead read_short_code(std::string_view text) {
    ShortRead r;
    for (char c : text) {
        const int s = normalise(c);
        if (s < 0 || r.symbols.size() > 18) return r;  // NotShortCode
        if (s > 0) r.symbols += static_cast<char>(s);
    }
    if (r.symbols.size() < 10 || r.symbols.size() > 18) return r;
    if (r.symbols.size() + 1 == kShortSymbols) {
        r.problem = ShortProblem::Missing;
        return r;
    }
    if (r.symbols.size() == kShortSymbols + 1) {
        r.problem = ShortProblem::Extra;
        return r;
    }
    if (r.symbols.size() != kShortSymbols) return r;
    const std::string_view data = std::string_view(r.symbols).substr(0, kShortSymbols - 1);
    if (short_check_symbol(data) != r.symbols.back() || symbol_value(data.front()) >= 16) {
        r.problem = ShortProblem::Check;
        return r;
    }
    std::uint64_t bits = 0;
    for (char c : data) bits = (bits << 5) | static_cast<std::uint64_t>(symbol_value(c));
    std::array<std::uint8_t, kBodySize> body{};
    for (std::size_t i = kBodySize; i-- > 0;) {
        body[i] = static_cast<std::uint8_t>(bits & 0xFFu);
        bits >>= 8;
    }
    r.pass = decode_body(body);
    r.problem = r.pass ? ShortProblem::None : ShortProblem::Field;
    return r;
}

}  // namespace kiosk::pass
