#include "keyboard.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

struct Key {
    const char* label;  // what the key shows
    const char* text;   // what it types; nullptr for erase
    const char* id;
    float width;        // in key units
};

const std::vector<std::vector<Key>>& layout() {
    static const std::vector<std::vector<Key>> rows = {
        {{"1", "1", "kbd.1", 1}, {"2", "2", "kbd.2", 1}, {"3", "3", "kbd.3", 1}, {"4", "4", "kbd.4", 1},
         {"5", "5", "kbd.5", 1}, {"6", "6", "kbd.6", 1}, {"7", "7", "kbd.7", 1}, {"8", "8", "kbd.8", 1},
         {"9", "9", "kbd.9", 1}, {"0", "0", "kbd.0", 1}},
        {{"A", "a", "kbd.a", 1}, {"Z", "z", "kbd.z", 1}, {"E", "e", "kbd.e", 1}, {"R", "r", "kbd.r", 1},
         {"T", "t", "kbd.t", 1}, {"Y", "y", "kbd.y", 1}, {"U", "u", "kbd.u", 1}, {"I", "i", "kbd.i", 1},
         {"O", "o", "kbd.o", 1}, {"P", "p", "kbd.p", 1}},
        {{"Q", "q", "kbd.q", 1}, {"S", "s", "kbd.s", 1}, {"D", "d", "kbd.d", 1}, {"F", "f", "kbd.f", 1},
         {"G", "g", "kbd.g", 1}, {"H", "h", "kbd.h", 1}, {"J", "j", "kbd.j", 1}, {"K", "k", "kbd.k", 1},
         {"L", "l", "kbd.l", 1}, {"M", "m", "kbd.m", 1}},
        {{"W", "w", "kbd.w", 1}, {"X", "x", "kbd.x", 1}, {"C", "c", "kbd.c", 1}, {"V", "v", "kbd.v", 1},
         {"B", "b", "kbd.b", 1}, {"N", "n", "kbd.n", 1}, {"’", "'", "kbd.apostrophe", 1}, {"-", "-", "kbd.hyphen", 1},
         {nullptr, nullptr, "kbd.erase", 2}},
        {{nullptr, " ", "kbd.space", 6}},
    };
    return rows;
}

float key_unit(const Ui& ui, float width) {
    // Ten keys and their gaps fill the width, but a key is never wider than 3 em.
    return std::min(ui.em() * 3.0f, (width - 9 * ui.em() * 0.25f) / 10.0f);
}

void erase_last_utf8(std::string& s) {
    if (s.empty()) return;
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    s.erase(i);
}

}  // namespace

float keyboard_height(const Ui& ui, float width) {
    const float unit = key_unit(ui, width);
    const float gap = ui.em() * 0.25f;
    return 5 * unit * 0.8f + 4 * gap;
}

bool on_screen_keyboard(Ui& ui, std::string& text, Rect area, std::size_t max_length) {
    const float gap = ui.em() * 0.25f;
    const float unit = key_unit(ui, area.width());
    const float key_h = unit * 0.8f;
    bool changed = false;
    float y = area.min.y;
    for (const auto& row : layout()) {
        float row_w = -gap;
        for (const Key& k : row) row_w += k.width * unit + (k.width - 1) * gap + gap;
        float x = area.min.x + (area.width() - row_w) * 0.5f;
        for (const Key& k : row) {
            const float w = k.width * unit + (k.width - 1) * gap;
            const bool erase = k.text == nullptr;
            const bool space = k.text && k.text[0] == ' ';
            std::string label = erase ? ui.tr("keyboard.erase") : space ? ui.tr("keyboard.space") : k.label;
            if (ui.button(k.id, nullptr, label,
                          erase ? ButtonKind::Tertiary : ButtonKind::Secondary, ImVec2(x, y), ImVec2(w, key_h))) {
                if (erase) {
                    erase_last_utf8(text);
                    changed = true;
                } else if (text.size() < max_length) {
                    text += k.text;
                    changed = true;
                }
            }
            x += w + gap;
        }
        y += key_h + gap;
    }
    return changed;
}

void text_field(Ui& ui, const std::string& text, const std::string& hint, Rect area) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Metrics& m = ui.m();
    ui.shapes().fill_round_rect(dl, area.min, area.max, m.corner_button, color::kBackgroundAlt);
    ui.shapes().stroke_round_rect(dl, area.min, area.max, m.corner_button, m.border, color::kText);
    const float e = ui.em();
    const float y = std::floor(area.min.y + (area.height() - e) * 0.5f);
    const ImVec2 at(area.min.x + e * 0.6f, y);
    if (text.empty()) {
        dl->AddText(ui.fonts().body, e, at, color::kTextMention, hint.c_str());
        return;
    }
    dl->AddText(ui.fonts().bold, e, at, color::kText, text.c_str());
    // A caret after the text shows where the next letter goes (drawn, not blinking: nothing moves).
    const float w = ui.fonts().bold->CalcTextSizeA(e, FLT_MAX, 0, text.c_str()).x;
    dl->AddRectFilled(ImVec2(std::floor(at.x + w + 2), y), ImVec2(std::floor(at.x + w + 5), y + e * 1.1f),
                      color::kBlueFrance);
}

}  // namespace kiosk::ui
