#pragma once
// The short code printed under a signed pass's QR code, for when the camera cannot read it: the same 8-byte
// body (issuer, serial, value, months) in 13 letters and digits, then one check character, printed in three
// groups "7K3QD-1X0A9-M2TB". Typed on the kiosk's code keypad, or read by a scanner.
//
// Alphabet (32 symbols, no I, L, O, U: nothing to confuse with 1, 0 or V): 0123456789ABCDEFGHJKMNPQRSTVWXYZ.
// When read, lower case is upper case, I and L are 1, O is 0; spaces and dashes are ignored.
// The 64 bits of the body, as one big-endian number, are 13 symbols of 5 bits (the first symbol's top bit is
// 0: version 1). The check symbol is Luhn mod 32 over the 13 symbols (every single wrong symbol and every
// swap of two neighbours is caught).
//
// The short code carries no signature: it is as good as a cheque number. Offline the kiosk can only say it is
// plausible, "à confirmer sur place"; it is never "valable" from the short code alone.
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/pass/payload.hpp"

namespace kiosk::pass {

inline constexpr std::string_view kShortAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kShortSymbols = 14;  // 13 + the check symbol

// "7K3QD-1X0A9-M2TB". Throws std::invalid_argument like encode_body.
std::string short_code(const SignedPass& pass);

enum class ShortProblem { None, NotShortCode, Missing, Extra, Check, Field };
struct ShortRead {
    ShortProblem problem = ShortProblem::NotShortCode;
    std::optional<SignedPass> pass;  // when problem == None
    std::string symbols;             // normalised: upper case, no separators
};
// Reads typed or scanned text. NotShortCode when it holds anything else than the alphabet (after the
// lenient mapping), separators, or has fewer than 10 or more than 18 symbols; Missing / Extra when one
// symbol is short or too many; Check when the check symbol does not match.
ShortRead read_short_code(std::string_view text);

// Luhn mod 32 check symbol of symbols of the alphabet.
char short_check_symbol(std::string_view symbols);

}  // namespace kiosk::pass
