#include "kiosk/core/booking/keyboards.hpp"

#include "kiosk/core/log.hpp"

namespace kiosk::booking {
namespace {

const KeyboardLayout& parsed(const char* toml, const char* name) {
    std::vector<ConfigError> errors;
    auto* layout = new KeyboardLayout(KeyboardLayout::parse(toml, name, errors));  // kept for the program
    for (const ConfigError& e : errors) log::error("keyboard ", name, ": ", e.to_string());
    return *layout;
}

}  // namespace

const KeyboardLayout& name_keyboard() {
    static const KeyboardLayout& k = parsed(R"(
[[row]]
keys = ["é", "è", "ê", "ë", "à", "â", "ç", "î", "ï", "ô"]
[[row]]
keys = ["a", "z", "e", "r", "t", "y", "u", "i", "o", "p"]
[[row]]
keys = ["q", "s", "d", "f", "g", "h", "j", "k", "l", "m"]
[[row]]
keys = ["w", "x", "c", "v", "b", "n", "ù", "û", "ü", "œ"]
[[row]]
keys = ["'", "-", "space", "erase"]
widths = [1, 1, 5, 3]
)",
                                            "names");
    return k;
}

const KeyboardLayout& phone_keypad() {
    static const KeyboardLayout& k = parsed(R"(
[[row]]
keys = ["1", "2", "3"]
[[row]]
keys = ["4", "5", "6"]
[[row]]
keys = ["7", "8", "9"]
[[row]]
keys = ["0", "erase"]
widths = [1, 2]
)",
                                            "phone");
    return k;
}

const KeyboardLayout& email_keyboard() {
    static const KeyboardLayout& k = parsed(R"(
[[row]]
keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
[[row]]
keys = ["a", "z", "e", "r", "t", "y", "u", "i", "o", "p"]
[[row]]
keys = ["q", "s", "d", "f", "g", "h", "j", "k", "l", "m"]
[[row]]
keys = ["w", "x", "c", "v", "b", "n", "@", ".", "-", "_"]
[[row]]
keys = ["erase"]
widths = [3]
)",
                                            "email");
    return k;
}

}  // namespace kiosk::booking
