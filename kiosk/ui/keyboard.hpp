#pragma once
// The on-screen keyboard, laid out as the content says (content/keyboard/layout.toml: French AZERTY with the
// digits on top), keys of at least 1.6 em, no shift (searches ignore case and accents). Typed text is UTF-8.
#include <string>

#include "ui.hpp"

namespace kiosk::ui {

// Draws the keyboard in `area`; returns true when `text` changed. Keys are named "kbd.a", "kbd.1",
// "kbd.space", "kbd.hyphen", "kbd.apostrophe", "kbd.erase" for the test harness.
bool on_screen_keyboard(Ui& ui, std::string& text, Rect area, std::size_t max_length = 40,
                        const KeyboardLayout* layout = nullptr);  // null: the content's layout
// The height the keyboard needs for a width, so that screens can lay out around it.
// The narrowest the keyboard can be (its keys at their smallest): a screen gives it at least that.
float keyboard_min_width(const Ui& ui, const KeyboardLayout* layout = nullptr);
float keyboard_height(const Ui& ui, float width, const KeyboardLayout* layout = nullptr);
// A one-line field showing what was typed, or a grey hint when empty.
void text_field(Ui& ui, const std::string& text, const std::string& hint, Rect area);

}  // namespace kiosk::ui
