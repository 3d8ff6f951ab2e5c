#pragma once
// The booking form's keyboards: letters with the accents of French names (é è ê ë à â ç î ï ô ö ù û ü œ) on
// the AZERTY rows, a numeric pad for telephone numbers, and the e-mail keys (@ . _ and digits).
#include "kiosk/core/keyboard_layout.hpp"

namespace kiosk::booking {

const KeyboardLayout& name_keyboard();
const KeyboardLayout& phone_keypad();
const KeyboardLayout& email_keyboard();

}  // namespace kiosk::booking
