// "Montrez le code de votre pass": the camera's picture with a guide frame and plain feedback; or the number
// typed on a keypad, for cheques and when there is no camera.
#include "../keyboard.hpp"
#include "../pass_screens.hpp"

namespace kiosk::ui {

namespace {

// Digits only: cheque numbers. Keys "pass.key.0" … "pass.key.9", "pass.key.erase".
// Keys as tall as the room allows, between 1.6 and 2.2 em.
float key_height(const Ui& ui, float width, float room) {
    const float e = ui.em();
    const float key_w = (width - 2 * e * 0.4f) / 3;
    return std::max(e * 1.6f, std::min({key_w * 0.6f, e * 2.2f, (room - 3 * e * 0.4f) / 4}));
}

void keypad(Ui& ui, std::string& text, ImVec2 pos, float width, float key_h) {
    const float e = ui.em();
    const float gap = e * 0.4f;
    const float key_w = (width - 2 * gap) / 3;
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
    for (int i = 0; i < 12; ++i) {
        if (i == 9) continue;
        const int r = i / 3, c = i % 3;  // the key's row and column
        const float column = static_cast<float>(c), row = static_cast<float>(r);
        const ImVec2 p(pos.x + column * (key_w + gap), pos.y + row * (key_h + gap));
        if (i == 11) {
            if (ui.button("pass.key.erase", icon::kBackspace, "", ButtonKind::Tertiary, p,
                          ImVec2(key_w, key_h)) &&
                !text.empty())
                text.pop_back();
            continue;
        }
        const std::string id = std::string("pass.key.") + labels[i];
        if (ui.button(id.c_str(), nullptr, labels[i], ButtonKind::Secondary, p, ImVec2(key_w, key_h)) &&
            text.size() < 20)
            text += labels[i];
    }
}

float keypad_height(const Ui& ui, float key_h) {
    return 4 * key_h + 3 * ui.em() * 0.4f;
}

}  // namespace

void draw_pass_scan(Ui& ui, const journeys::PassJourney& journey, const ScanView& scan) {
    const float e = ui.em();
    ui.header(true, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const float m = e * 1.0f;
    const bool portrait = ui.portrait();
    const float side_w = portrait ? area.width() - 2 * m : std::min(e * 14, area.width() * 0.36f);
    const Rect cam{ImVec2(m, area.min.y + e * 0.6f),
                   portrait ? ImVec2(area.width() - m, area.min.y + e * 0.6f + (area.width() - 2 * m) * 0.75f)
                            : ImVec2(area.width() - 2 * m - side_w, area.max.y - e * 0.6f)};

    // The camera side: the picture, the guide frame, and what to do in words.
    const std::string& say = journey.checking() ? ui.tr("pass.scan.checking")
                             : scan.has_camera  ? ui.tr(scan.feedback_key)
                                                : ui.tr("pass.scan.no_camera");
    const float say_h = ui.text_height(f.title, say, cam.width());
    // Below the words, the way to the short code printed under the QR code, for when the camera cannot read
    // it.
    const float code_h = e * 2.4f;
    const Rect pic{cam.min, ImVec2(cam.max.x, cam.max.y - say_h - e * 0.8f - code_h)};
    dl->AddRectFilled(pic.min, pic.max, color::kText);
    ui.add_item(Role::Image, "pass.scan.camera", pic.min, pic.max);
    if (scan.has_camera && scan.preview && scan.preview_w > 0) {
        const float k = std::min(pic.width() / scan.preview_w, pic.height() / scan.preview_h);
        const ImVec2 size(scan.preview_w * k, scan.preview_h * k);
        const ImVec2 p0(pic.center().x - size.x * 0.5f, pic.center().y - size.y * 0.5f);
        dl->AddImage(scan.preview, p0, ImVec2(p0.x + size.x, p0.y + size.y));
        // The guide frame: where to hold the code (the decoder looks there first).
        const ImVec2 g0(p0.x + size.x * scan.roi_x, p0.y + size.y * scan.roi_y);
        const ImVec2 g1(g0.x + size.x * scan.roi_w, g0.y + size.y * scan.roi_h);
        const ImU32 guide = scan.feedback_key == "scan.feedback.read" ? color::kSuccess : color::kBackground;
        ui.shapes().stroke_round_rect(dl, g0, g1, ui.m().corner_card, std::max(4, ui.m().border * 2), guide);
    } else {
        ui.pictogram(icon::kQrScan, pic.center(), color::kBackground);
    }
    ui.text(f.title, color::kText, say, ImVec2(cam.min.x, pic.max.y + e * 0.3f), cam.width(), Align::Center);
    const float code_w = std::min(cam.width(), e * 22);
    if (ui.button("pass.scan.code", icon::kKeyboard, ui.tr("pass.scan.code"), ButtonKind::Secondary,
                  ImVec2(cam.min.x + (cam.width() - code_w) * 0.5f, cam.max.y - code_h),
                  ImVec2(code_w, code_h)))
        ui.act("pass.code");

    // The number side: for cheques, or without a camera.
    const float sx = portrait ? m : area.width() - m - side_w;
    float y = portrait ? cam.max.y + e * 0.6f : area.min.y + e * 0.6f;
    y += ui.text(f.bold, color::kText, ui.tr("pass.scan.or_type"), ImVec2(sx, y), side_w) + e * 0.2f;
    std::string typed = journey.typed();  // the widgets edit a copy; the journey is told what it became
    text_field(ui, typed, ui.tr("pass.scan.number_hint"),
               Rect{ImVec2(sx, y), ImVec2(sx + side_w, y + e * 2.2f)});
    y += e * 2.6f;
    const float pad_w = side_w;
    // Room is kept for "Vérifier" below the keys, so that it never runs under the footer.
    const float key_h = key_height(ui, pad_w, area.max.y - e * 0.4f - e * 2.4f - e * 0.5f - y);
    keypad(ui, typed, ImVec2(sx, y), pad_w, key_h);
    if (typed != journey.typed()) ui.act("pass.typed", typed);
    y += keypad_height(ui, key_h) + e * 0.5f;
    if (!typed.empty() && !journey.checking() &&
        ui.button("pass.scan.check", icon::kDone, ui.tr("pass.scan.check"), ButtonKind::Primary,
                  ImVec2(sx, y), ImVec2(side_w, e * 2.4f)))
        ui.act("pass.check", typed);
}

}  // namespace kiosk::ui
