#include "keyboard_layout.hpp"

#include <toml++/toml.h>

#include <cctype>
#include <cstdio>
#include <set>

#include "files.hpp"

namespace kiosk {

namespace {

constexpr int kMaxRowUnits = 12;

long line_of(const toml::node* n) {
    return n ? static_cast<long>(n->source().begin.line) : 0;
}

// One UTF-8 character, nothing more.
bool single_character(const std::string& s) {
    if (s.empty()) return false;
    const auto c = static_cast<unsigned char>(s[0]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || s.size() != n) return false;
    for (std::size_t i = 1; i < n; ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return false;
    return c >= 0x20 && c != 0x7F;
}

KeyboardKey character_key(const std::string& text) {
    KeyboardKey k;
    k.text = text;
    if (text == "'") {
        k.label = "\u2019";  // the typographic apostrophe, as French is printed
        k.id = "kbd.apostrophe";
    } else if (text == "-") {
        k.label = "-";
        k.id = "kbd.hyphen";
    } else if (text.size() == 1 && std::isalnum(static_cast<unsigned char>(text[0]))) {
        k.label = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(text[0]))));
        k.id = "kbd." + text;
    } else {
        k.label = text;
        char hex[16];
        std::string id = "kbd.x";
        for (unsigned char c : text) {
            std::snprintf(hex, sizeof hex, "%02x", c);
            id += hex;
        }
        k.id = id;
    }
    return k;
}

}  // namespace

int KeyboardLayout::widest_row() const {
    int widest = 0;
    for (const auto& row : rows) {
        int w = 0;
        for (const KeyboardKey& k : row) w += k.width;
        widest = std::max(widest, w);
    }
    return widest;
}

KeyboardLayout KeyboardLayout::parse(std::string_view text, const std::string& source,
                                     std::vector<ConfigError>& errors) {
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        errors.push_back(
            {source, static_cast<long>(e.source().begin.line), "", std::string(e.description())});
        return {};
    }
    const std::size_t before = errors.size();
    for (const auto& [key, node] : root)
        if (key.str() != "row")
            errors.push_back({source, line_of(&node), std::string(key.str()), "unknown key"});
    KeyboardLayout layout;
    const toml::array* rows = root["row"].as_array();
    if (!rows || rows->empty()) {
        errors.push_back({source, 0, "row", "at least one [[row]] of keys is needed"});
        return {};
    }
    std::set<std::string> seen;
    bool erase = false;
    for (std::size_t r = 0; r < rows->size(); ++r) {
        const std::string where = "row[" + std::to_string(r + 1) + "]";
        const toml::table* row = rows->get(r)->as_table();
        if (!row) {
            errors.push_back({source, line_of(rows->get(r)), where, "must be a table with keys = [...]"});
            continue;
        }
        for (const auto& [key, node] : *row)
            if (key.str() != "keys" && key.str() != "widths")
                errors.push_back(
                    {source, line_of(&node), where + "." + std::string(key.str()), "unknown key"});
        const toml::array* keys = (*row)["keys"].as_array();
        if (!keys || keys->empty()) {
            errors.push_back({source, line_of(row), where + ".keys", "must be a list of one or more keys"});
            continue;
        }
        const toml::array* widths = (*row)["widths"].as_array();
        if (widths && widths->size() != keys->size()) {
            errors.push_back({source, line_of(widths), where + ".widths", "must give one width per key"});
            widths = nullptr;
        }
        std::vector<KeyboardKey> out;
        int units = 0;
        for (std::size_t i = 0; i < keys->size(); ++i) {
            const std::string at = where + ".keys[" + std::to_string(i + 1) + "]";
            const auto value = keys->get(i)->value<std::string>();
            if (!value) {
                errors.push_back({source, line_of(keys->get(i)), at, "must be a string"});
                continue;
            }
            KeyboardKey k;
            if (*value == "erase") {
                k = KeyboardKey{KeyboardKey::Kind::Erase, "", "", "kbd.erase", 1};
                erase = true;
            } else if (*value == "space") {
                k = KeyboardKey{KeyboardKey::Kind::Space, " ", "", "kbd.space", 1};
            } else if (single_character(*value) && *value != " ") {
                k = character_key(*value);
            } else {
                errors.push_back({source, line_of(keys->get(i)), at,
                                  "\"" + *value + "\" is neither one character nor \"erase\" or \"space\""});
                continue;
            }
            if (widths) {
                const auto w = widths->get(i)->value<std::int64_t>();
                if (!w || *w < 1 || *w > kMaxRowUnits) {
                    errors.push_back(
                        {source, line_of(widths->get(i)), where + ".widths[" + std::to_string(i + 1) + "]",
                         "must be a whole number between 1 and " + std::to_string(kMaxRowUnits)});
                    continue;
                }
                k.width = static_cast<int>(*w);
            }
            if (!seen.insert(k.id).second) {
                errors.push_back(
                    {source, line_of(keys->get(i)), at, "\"" + *value + "\" is already on the keyboard"});
                continue;
            }
            units += k.width;
            out.push_back(std::move(k));
        }
        if (units > kMaxRowUnits)
            errors.push_back(
                {source, line_of(row), where,
                 "is " + std::to_string(units) + " keys wide, at most " + std::to_string(kMaxRowUnits)});
        layout.rows.push_back(std::move(out));
    }
    if (!erase) errors.push_back({source, 0, "row", "the keyboard needs an \"erase\" key"});
    if (errors.size() != before) return {};
    return layout;
}

KeyboardLayout KeyboardLayout::load(const std::filesystem::path& content_dir,
                                    std::vector<ConfigError>& errors) {
    const std::filesystem::path file = content_dir / "keyboard" / "layout.toml";
    std::string why;
    const std::optional<std::string> text = read_file(file, &why);
    if (!text) {
        errors.push_back({file.string(), 0, "", why.empty() ? "cannot be read" : why});
        return built_in();
    }
    const std::size_t before = errors.size();
    KeyboardLayout layout = parse(*text, file.string(), errors);
    return errors.size() == before ? layout : built_in();
}

const KeyboardLayout& KeyboardLayout::built_in() {
    // The shipped layout, for when the content's file is broken: the citizen can still type.
    static const KeyboardLayout layout = [] {
        std::vector<ConfigError> ignored;
        return parse(R"(
[[row]]
keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
[[row]]
keys = ["a", "z", "e", "r", "t", "y", "u", "i", "o", "p"]
[[row]]
keys = ["q", "s", "d", "f", "g", "h", "j", "k", "l", "m"]
[[row]]
keys = ["w", "x", "c", "v", "b", "n", "'", "-", "erase"]
widths = [1, 1, 1, 1, 1, 1, 1, 1, 2]
[[row]]
keys = ["space"]
widths = [6]
)",
                     "built-in", ignored);
    }();
    return layout;
}

}  // namespace kiosk
