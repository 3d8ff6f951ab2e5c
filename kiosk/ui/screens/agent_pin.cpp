// The agent's PIN pad, reached by three taps in the top-left corner.
#include "../ui.hpp"
#include "kiosk/core/journeys/agent_journey.hpp"

namespace kiosk::ui {

void draw_agent_pin(Ui& ui, const journeys::AgentPinPad& pad) {
    const float e = ui.em();
    const ImVec2 d = ui.display();
    const Fonts& f = ui.fonts();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    AgentGate& gate = ui.kiosk().agent();

    const float key = std::min(e * 3.2f, (d.y - e * 14) / 4);
    const float gap = e * 0.5f;
    const float pad_w = key * 3 + gap * 2;
    const float width = std::max(pad_w, std::min(d.x - 2 * e, 24 * e));
    const float x = (d.x - width) * 0.5f;
    float y = e * 1.2f;
    const std::string& title = pad.second_factor ? ui.tr("agent.code.title") : ui.tr("agent.pin.title");
    y += ui.text(f.title, color::kText, title, ImVec2(x, y), width, Align::Center) + e * 0.3f;

    std::string message;
    const int lock = gate.lockout_seconds_left(ui.now());
    if (!gate.configured())
        message = ui.tr("agent.pin.not_configured");
    else if (pad.checking)
        message = ui.tr("agent.pin.checking");
    else if (lock > 0)
        message = ui.trn("agent.pin.locked", lock);
    else if (pad.message_key == "agent.pin.wrong")
        message = ui.trn("agent.pin.wrong", pad.attempts_left);
    else if (pad.message_key == "agent.code.wrong")
        message = ui.tr("agent.code.wrong");
    else if (pad.message_key == "agent.code.replayed")
        message = ui.tr("agent.code.replayed");
    else if (pad.message_key == "agent.code.again")
        message = ui.tr("agent.code.again");
    else if (pad.message_key == "agent.badge.ok")
        message = format(ui.tr("agent.badge.ok"), {{"name", pad.badge_message_name}});
    else if (pad.message_key == "agent.badge.expired")
        message = ui.tr("agent.badge.expired");
    else if (pad.message_key == "agent.badge.not_yet")
        message = ui.tr("agent.badge.not_yet");
    else if (pad.message_key == "agent.badge.revoked")
        message = ui.tr("agent.badge.revoked");
    else if (pad.message_key == "agent.badge.unknown")
        message = ui.tr("agent.badge.unknown");
    else if (pad.message_key == "agent.badge.not_used")
        message = ui.tr("agent.badge.not_used");
    else if (pad.second_factor)
        message = ui.tr("agent.code.prompt");
    else if (!ui.kiosk().config().agent_badge_public_key.empty() && pad.badge_id.empty())
        message = ui.tr("agent.badge.prompt");  // badges are configured: the badge first, then the PIN
    else
        message = ui.tr("agent.pin.prompt");
    const bool good_news = pad.message_key.empty() || pad.message_key == "agent.badge.ok";
    y += ui.text(f.body, good_news ? color::kTextMention : color::kRedMarianne, message, ImVec2(x, y), width,
                 Align::Center) +
         e * 0.4f;

    // One dot per digit typed, never the digits themselves.
    const float dot = static_cast<float>(ui.m().dot);
    const int shown = pad.second_factor ? 6 : std::max<int>(4, static_cast<int>(pad.digits.size()));
    float dx = d.x * 0.5f - (shown - 1) * dot * 1.6f;
    for (int i = 0; i < shown; ++i) {
        ImVec2 c(dx + i * dot * 3.2f, y + dot);
        if (i < static_cast<int>(pad.digits.size()))
            ui.shapes().disc(dl, c, ui.m().dot, color::kBlueFrance);
        else
            ui.shapes().ring(dl, c, ui.m().dot, 2, color::kBorder);
    }
    y += dot * 2 + e * 0.8f;

    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
    const float px = (d.x - pad_w) * 0.5f;
    for (int i = 0; i < 12; ++i) {
        const int r = i / 3, c = i % 3;  // the key's row and column
        const float column = static_cast<float>(c), row = static_cast<float>(r);
        ImVec2 pos(px + column * (key + gap), y + row * (key * 0.7f + gap));
        ImVec2 size(key, key * 0.7f);
        std::string id = std::string("agent.pin.") + (i == 9 ? "erase" : i == 11 ? "ok" : labels[i]);
        if (i == 9) {
            if (ui.button(id.c_str(), icon::kBackspace, "", ButtonKind::Secondary, pos, size))
                ui.act("agent.pin.erase");
        } else if (i == 11) {
            if (ui.button(id.c_str(), icon::kDone, "", ButtonKind::Primary, pos, size))
                ui.act("agent.pin.ok");
        } else if (ui.button(id.c_str(), nullptr, labels[i], ButtonKind::Secondary, pos, size)) {
            ui.act("agent.pin.digit", std::string(labels[i]));
        }
    }
    y += 4 * (key * 0.7f + gap) + e * 0.4f;
    const ImVec2 bsize(pad_w, e * 2.2f);
    if (ui.button("agent.pin.cancel", icon::kClose, ui.tr("agent.pin.cancel"), ButtonKind::Tertiary,
                  ImVec2(px, y), bsize))
        ui.act("agent.pin.cancel");
}

}  // namespace kiosk::ui
