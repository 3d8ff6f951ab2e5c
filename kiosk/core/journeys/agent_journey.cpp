#include "agent_journey.hpp"

#include "kiosk/core/kiosk.hpp"

namespace kiosk::journeys {

void AgentJourney::enter(Screen screen, Screen, TimePoint) {
    if (screen != Screen::AgentHome) return;
    // FIXME: read on the UI thread, once; a task when the citizen store can be shared with a worker.
    const CitizenStore& store = kiosk().store();
    const std::string day = kiosk().today();
    figures_.sessions_today = store.counter(day, "sessions_started");
    figures_.timeouts_today = store.counter(day, "sessions_timed_out");
    figures_.diagnostics = diagnostic::read_stats(store);
}

void AgentJourney::leave(Screen screen, Screen, TimePoint) {
    if (screen == Screen::AgentPin) pad_.clear();
}

void AgentJourney::handle(const Intent& in, TimePoint now) {
    if (kiosk().screen() != Screen::AgentPin) return;
    AgentGate& gate = kiosk().agent();
    const bool usable = gate.configured() && gate.lockout_seconds_left(now) == 0;
    if (in.name == "agent.pin.digit") {
        const auto* digit = in.as<std::string>();
        if (usable && digit && digit->size() == 1 && pad_.digits.size() < 16) pad_.digits += *digit;
    } else if (in.name == "agent.pin.erase") {
        if (!pad_.digits.empty()) pad_.digits.pop_back();
    } else if (in.name == "agent.pin.ok") {
        if (!usable || pad_.digits.empty()) return;
        const AgentGate::Result r = gate.check(
            pad_.digits,
            now);  // FIXME: argon2id takes ~0.4 s on the UI thread; a task once the gate is safe to share
        pad_.digits.clear();
        pad_.message_key.clear();
        if (r == AgentGate::Result::Unlocked) {
            kiosk().dispatch(ev::AgentUnlocked{}, now);
        } else if (r == AgentGate::Result::Wrong) {
            pad_.message_key = "agent.pin.wrong";
            pad_.attempts_left = gate.attempts_left();
        } else if (r == AgentGate::Result::LockedOut) {
            pad_.message_key = "agent.pin.locked";
        }
    } else if (in.name == "agent.pin.cancel") {
        pad_.clear();
        kiosk().dispatch(ev::AgentLeave{}, now);
    }
}

}  // namespace kiosk::journeys
