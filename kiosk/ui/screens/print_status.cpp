// The print buttons and their words, shared by the screens that print a ticket.
#include "../ui.hpp"
#include "kiosk/core/journeys/ticket_printing.hpp"

namespace kiosk::ui {

using Kind = printing::PrintState::Kind;

std::string print_status_words(const Ui& ui, const printing::PrintState& state) {
    const char* key = journeys::print_state_key(state);
    return *key ? ui.tr(key) : std::string();
}

ImU32 print_status_color(const printing::PrintState& state) {
    return state.kind == Kind::Printed ? color::kSuccess : color::kText;
}

int print_button_count(const printing::PrintState& state) {
    if (state.kind == Kind::NoPrinter) return 0;
    if (state.kind == Kind::Failed) return state.agent_called ? 1 : 2;
    return 1;
}

int print_buttons(Ui& ui, const printing::PrintState& state, const std::string& intent,
                  const std::string& label, ImVec2 pos, ImVec2 size, float gap, ButtonKind kind) {
    if (state.kind == Kind::NoPrinter) return 0;
    if (state.kind == Kind::Failed) {
        const std::string retry = intent + ".retry";
        if (ui.button(retry.c_str(), icon::kPrint, ui.tr("print.retry"), kind, pos, size)) ui.act(retry);
        if (state.agent_called) return 1;
        const std::string agent = intent + ".agent";
        if (ui.button(agent.c_str(), icon::kHelp, ui.tr("print.call_agent"), ButtonKind::Secondary,
                      ImVec2(pos.x + size.x + gap, pos.y), size))
            ui.act(agent);
        return 2;
    }
    // Once printed the same button prints another copy; while printing it does nothing (the words say why).
    const std::string& words = state.kind == Kind::Printed ? ui.tr("print.again") : label;
    if (ui.button(intent.c_str(), icon::kPrint, words, kind, pos, size) && state.kind != Kind::Printing)
        ui.act(state.kind == Kind::Printed ? intent + ".retry" : intent);
    return 1;
}

}  // namespace kiosk::ui
