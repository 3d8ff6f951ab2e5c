// The pass numérique's room: show the code or type the number, then what it is worth.
#include "../app.hpp"

namespace kiosk::ui {

void add_pass_room(Kiosk& kiosk, App& app) {
    auto& pass = kiosk.emplace<journeys::PassJourney>(kiosk.wall_clock());
    app.add_screen(Screen::PassStart,
                   [](Ui& ui) { draw_journey_start(ui, Screen::PassStart, Screen::PassScan); });
    app.add_screen(Screen::PassScan, [&pass, &app](Ui& ui) {
        app.refresh_preview();
        draw_pass_scan(ui, pass, app.scan_view());
    });
    app.add_screen(Screen::PassResult, [&pass](Ui& ui) { draw_pass_result(ui, pass); });
    app.add_screen(journeys::kPassCode, [&pass](Ui& ui) { draw_pass_code(ui, pass); });
}

}  // namespace kiosk::ui
