#include "keyboard.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

float key_unit(const Ui& ui, float width, const KeyboardLayout& layout) {
    // The widest row and its gaps fill the width, but a key is never wider than 3 em.
    const int keys = std::max(1, layout.widest_row());
    // At a larger text size, never narrower than a finger and its letter (the screen gives it the room,
    // see keyboard_min_width).
    return std::max(ui.em() * 1.7f, std::min(ui.em() * 3.0f, (width - (keys - 1) * ui.em() * 0.25f) / keys));
}

void erase_last_utf8(std::string& s) {
    if (s.empty()) return;
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    s.erase(i);
}

}  // namespace

float keyboard_min_width(const Ui& ui, const KeyboardLayout* layout) {
    const KeyboardLayout& keys = layout ? *layout : ui.keyboard_layout();
    const int n = std::max(1, keys.widest_row());
    return n * ui.em() * 1.7f + (n - 1) * ui.em() * 0.25f;
}

float keyboard_height(const Ui& ui, float width, const KeyboardLayout* layout) {
    const KeyboardLayout& keys = layout ? *layout : ui.keyboard_layout();
    const float unit = key_unit(ui, width, keys);
    const float gap = ui.em() * 0.25f;
    const float rows = static_cast<float>(keys.rows.size());
    return rows * std::max(unit * 0.8f, ui.em() * 1.5f) + (rows - 1) * gap;
}

bool on_screen_keyboard(Ui& ui, std::string& text, Rect area, std::size_t max_length,
                        const KeyboardLayout* layout) {
    const KeyboardLayout& keys = layout ? *layout : ui.keyboard_layout();
    const float gap = ui.em() * 0.25f;
    const float unit = key_unit(ui, area.width(), keys);
    const float key_h = std::max(unit * 0.8f, ui.em() * 1.5f);
    bool changed = false;
    float y = area.min.y;
    for (const auto& row : keys.rows) {
        float row_w = -gap;
        for (const KeyboardKey& k : row) row_w += k.width * unit + (k.width - 1) * gap + gap;
        float x = area.min.x + (area.width() - row_w) * 0.5f;
        for (const KeyboardKey& k : row) {
            const float w = k.width * unit + (k.width - 1) * gap;
            const bool erase = k.kind == KeyboardKey::Kind::Erase;
            const std::string& label = erase                                ? ui.tr("keyboard.erase")
                                       : k.kind == KeyboardKey::Kind::Space ? ui.tr("keyboard.space")
                                                                            : k.label;
            if (ui.button(k.id.c_str(), nullptr, label, erase ? ButtonKind::Tertiary : ButtonKind::Secondary,
                          ImVec2(x, y), ImVec2(w, key_h))) {
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
    ScreenItem& field = ui.add_item(Role::Input, "input." + std::to_string(ui.items().items.size() + 1),
                                    area.min, area.max, text.empty() ? hint : text);
    const std::string& shown = text.empty() ? hint : text;
    // What was typed must show in full: the audit is told when it runs out of the field.
    field.cut = ui.fonts().bold->CalcTextSizeA(e, FLT_MAX, 0, shown.c_str()).x > area.width() - e * 0.9f;
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
