// The self-diagnostic's room: its start screen, one step at a time, the result.
#include "../app.hpp"

namespace kiosk::ui {

void add_diagnostic_room(Kiosk& kiosk, App& app) {
    auto& diagnostic = kiosk.emplace<journeys::DiagnosticJourney>();
    app.add_screen(Screen::DiagnosticStart,
                   [](Ui& ui) { draw_journey_start(ui, Screen::DiagnosticStart, Screen::DiagnosticStep); });
    app.add_screen(Screen::DiagnosticStep, [&diagnostic](Ui& ui) { draw_diagnostic_step(ui, diagnostic); });
    app.add_screen(Screen::DiagnosticResult,
                   [&diagnostic](Ui& ui) { draw_diagnostic_result(ui, diagnostic); });
}

}  // namespace kiosk::ui
