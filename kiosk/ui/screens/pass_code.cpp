// "Tapez le code écrit sous le carré": the pass's short code (14 letters and digits) on large keys, for when
// the camera cannot read the QR code. Only the 32 symbols of the code's alphabet have a key: no I, L, O or U
// to confuse with 1, 0 or V.
#include "kiosk/core/pass/short_code.hpp"

#include "../keyboard.hpp"
#include "../pass_screens.hpp"

namespace kiosk::ui {

namespace {

// "02000-5A1YG-30Q2" as it is printed, while it is typed.
std::string grouped(const std::string& symbols) {
    std::string out;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        if (i == 5 || i == 10) out += '-';
        out += symbols[i];
    }
    return out;
}

}  // namespace

void draw_pass_code(Ui& ui, const journeys::PassJourney& journey) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();

    const float m = e * 1.0f;
    const float width = std::min(area.width() - 2 * m, e * 44);
    const float x = area.min.x + (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.6f;
    y += ui.text(f.title, color::kText, ui.tr("pass.code.title"), ImVec2(x, y), width) + e * 0.2f;
    y += ui.text(f.body, color::kText, ui.tr("pass.code.help"), ImVec2(x, y), width) + e * 0.4f;

    std::string typed = journey.typed_code();  // the keys edit a copy; the journey is told what it became
    const float field_w = std::min(width * 0.55f, e * 20);
    text_field(ui, grouped(typed), ui.tr("pass.code.hint"),
               Rect{ImVec2(x, y), ImVec2(x + field_w, y + e * 2.2f)});
    const bool can_check = typed.size() >= 10 && !journey.checking();
    if (can_check && ui.button("pass.code.check", icon::kDone, ui.tr("pass.scan.check"), ButtonKind::Primary,
                               ImVec2(x + field_w + e * 0.6f, y - e * 0.1f),
                               ImVec2(std::min(width - field_w - e * 0.6f, e * 14), e * 2.4f)))
        ui.act("pass.code.check", typed);
    y += e * 2.9f;

    // 4 rows of 10 keys: the digits, then the 22 letters, then erase.
    const int columns = 10, rows = 4;
    const float gap = e * 0.35f;
    const float key_w = (width - (columns - 1) * gap) / columns;
    const float room = area.max.y - e * 0.4f - y;
    const float key_h = std::max(e * 1.8f, std::min({key_w * (ui.portrait() ? 1.3f : 0.8f), e * 2.6f,
                                                     (room - (rows - 1) * gap) / rows}));
    for (std::size_t i = 0; i <= pass::kShortAlphabet.size(); ++i) {
        const float column = static_cast<float>(i % columns), row = static_cast<float>(i / columns);
        const ImVec2 p(x + column * (key_w + gap), y + row * (key_h + gap));
        if (i == pass::kShortAlphabet.size()) {
            // The rest of the last row: wide enough for its word on a narrow screen too.
            const float rest = static_cast<float>(columns - static_cast<int>(i % columns));
            const ImVec2 size(rest * key_w + (rest - 1) * gap, key_h);
            if (ui.button("pass.code.erase", icon::kBackspace, ui.tr("pass.code.erase"), ButtonKind::Tertiary,
                          p, size) &&
                !typed.empty())
                typed.pop_back();
            break;
        }
        const std::string label(1, pass::kShortAlphabet[i]);
        const std::string id = "pass.code.key." + label;
        if (ui.button(id.c_str(), nullptr, label, ButtonKind::Secondary, p, ImVec2(key_w, key_h)) &&
            typed.size() < 18)
            typed += label;
    }
    if (typed != journey.typed_code()) ui.act("pass.code.typed", typed);
}

}  // namespace kiosk::ui
