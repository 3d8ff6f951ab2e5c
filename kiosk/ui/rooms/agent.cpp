// The agent's room: the PIN pad and the agent space.
#include "../app.hpp"

namespace kiosk::ui {

void add_agent_room(Kiosk& kiosk, App& app) {
    auto& agent = kiosk.emplace<journeys::AgentJourney>();
    app.add_screen(Screen::AgentPin, [&agent](Ui& ui) { draw_agent_pin(ui, agent.pad()); });
    app.add_screen(Screen::AgentHome, [&app](Ui& ui) { draw_agent_home(ui, app.places()); });
}

}  // namespace kiosk::ui
