#pragma once
// The on-screen keyboard's layout is content (content/keyboard/layout.toml): rows of keys, what each types,
// how wide it is. Read and validated here, drawn by the UI; a broken file is reported and the built-in
// AZERTY is used, so that the citizen can always type.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config.hpp"

namespace kiosk {

struct KeyboardKey {
    enum class Kind { Character, Erase, Space } kind = Kind::Character;
    std::string text;   // what it types (UTF-8), empty for erase
    std::string label;  // what it shows when it is a character ("A", "’"); words are translated by the UI
    std::string id;     // "kbd.a", "kbd.apostrophe", "kbd.erase"
    int width = 1;      // in key units
};

struct KeyboardLayout {
    std::vector<std::vector<KeyboardKey>> rows;
    int widest_row() const;  // in key units

    static KeyboardLayout parse(std::string_view toml_text, const std::string& source,
                                std::vector<ConfigError>& errors);
    // <content>/keyboard/layout.toml; on any problem the built-in layout, with the problems in `errors`.
    static KeyboardLayout load(const std::filesystem::path& content_dir, std::vector<ConfigError>& errors);
    static const KeyboardLayout& built_in();  // French AZERTY, as shipped
};

}  // namespace kiosk
