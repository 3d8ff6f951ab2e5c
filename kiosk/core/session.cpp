#include "session.hpp"

#include <algorithm>

namespace kiosk {

bool is_citizen_screen(Screen screen) {
    return screen != Screen::Attract && screen != Screen::AgentPin && screen != Screen::AgentHome;
}

SessionMachine::SessionMachine(SessionTimings timings, std::string default_language)
    : timings_(timings), default_language_(std::move(default_language)) {}

SessionState SessionMachine::initial(TimePoint now) const {
    SessionState s;
    s.language = default_language_;
    s.last_input = now;
    s.screen_since = now;
    return s;
}

bool SessionMachine::can_open(Screen from, Screen to) const {
    if (to == Screen::Language)  // from any screen of a journey
        return is_citizen_screen(from) && from != Screen::Language && from != Screen::Goodbye;
    // Attract, home, goodbye and the agent's screens have their own events; everything else is a route.
    for (const Route& r : routes_)
        if (r.from == from && r.to == to) return is_citizen_screen(to);
    return false;
}

void SessionMachine::add_routes(const std::vector<Route>& routes) {
    routes_.insert(routes_.end(), routes.begin(), routes.end());
}

namespace {

void go(SessionState& s, Screen to, TimePoint now) {
    s.screen = to;
    s.screen_since = now;
}

// Ends the citizen session: everything about it is forgotten.
// The agent's rights end: locked by hand or by itself, or with the session they came for.
void lock(SessionState& s, Step& step) {
    if (!s.agent_in) return;
    s.agent_in = false;
    step.effects.push_back(Effect::AgentLocked);
}

// Back to the screen the agent space was opened from (the attract screen when there is none).
void back_to_citizen(SessionState& s, TimePoint now) {
    Screen to = s.history.empty() ? Screen::Attract : s.history.back();
    if (!s.history.empty()) s.history.pop_back();
    go(s, to, now);
}

void wipe(SessionState& s, Step& step, const std::string& default_language, Screen to, TimePoint now) {
    lock(s, step);  // never an agent's rights without the session they came for
    step.effects.push_back(Effect::WipeCitizenData);
    s.history.clear();
    s.still_there_until.reset();
    s.corner_taps.clear();
    if (s.language != default_language) {
        s.language = default_language;
        step.effects.push_back(Effect::LanguageChanged);
    }
    go(s, to, now);
}

}  // namespace

Step SessionMachine::apply(const SessionState& state, const Event& event, TimePoint now) const {
    Step step{state, {}};
    SessionState& s = step.state;
    const bool on_attract = s.screen == Screen::Attract;

    if (std::holds_alternative<ev::Tick>(event)) {
        if (s.agent_in && now >= s.last_input + timings_.agent_auto_lock) {
            step.effects.push_back(Effect::AgentAutoLocked);
            lock(s, step);
            if (s.screen == Screen::AgentHome) back_to_citizen(s, now);
            return step;
        }
        if (s.screen == Screen::Goodbye) {
            if (now >= s.screen_since + timings_.goodbye) go(s, Screen::Attract, now);
        } else if (!on_attract) {
            if (s.still_there_until) {
                if (now >= *s.still_there_until) {
                    step.effects.push_back(Effect::TimedOut);
                    wipe(s, step, default_language_, Screen::Attract, now);
                }
            } else if (now >= s.last_input + timings_.inactivity) {
                s.still_there_until = now + timings_.still_there;
            }
        }
        return step;
    }

    // Every other event comes from a person in front of the screen.
    s.last_input = now;
    if (std::holds_alternative<ev::Input>(event)) return step;

    if (auto* tap = std::get_if<ev::CornerTap>(&event)) {
        (void)tap;
        if (s.screen == Screen::AgentPin || s.screen == Screen::AgentHome) return step;
        if (s.supervised()) {  // the agent is already in: straight back to the agent space
            s.corner_taps.clear();
            s.still_there_until.reset();
            s.history.push_back(s.screen);
            go(s, Screen::AgentHome, now);
            return step;
        }
        std::erase_if(s.corner_taps, [&](TimePoint t) { return now - t > timings_.corner_window; });
        s.corner_taps.push_back(now);
        if (static_cast<int>(s.corner_taps.size()) >= timings_.corner_taps) {
            s.corner_taps.clear();
            s.still_there_until.reset();
            s.history.push_back(s.screen);
            go(s, Screen::AgentPin, now);
            step.effects.push_back(Effect::AgentAccessRequested);
        }
        return step;
    }
    s.corner_taps.clear();

    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, ev::Start>) {
                if (s.screen == Screen::Attract) {
                    s.history.clear();
                    ++s.session_count;
                    go(s, Screen::Home, now);
                    step.effects.push_back(Effect::CitizenSessionStarted);
                } else if (s.screen == Screen::Goodbye) {
                    go(s, Screen::Attract, now);
                }
            } else if constexpr (std::is_same_v<E, ev::Open>) {
                if (s.still_there_until || !can_open(s.screen, e.screen)) return;
                s.history.push_back(s.screen);
                go(s, e.screen, now);
            } else if constexpr (std::is_same_v<E, ev::Back>) {
                if (s.still_there_until || !is_citizen_screen(s.screen) || s.screen == Screen::Goodbye)
                    return;
                if (s.history.empty()) return;  // home has nothing behind it
                Screen to = s.history.back();
                s.history.pop_back();
                go(s, to, now);
            } else if constexpr (std::is_same_v<E, ev::Home>) {
                if (s.still_there_until || !is_citizen_screen(s.screen) || s.screen == Screen::Goodbye)
                    return;
                s.history.clear();
                go(s, Screen::Home, now);
            } else if constexpr (std::is_same_v<E, ev::ChooseLanguage>) {
                if (s.screen != Screen::Language || e.code.empty()) return;
                if (e.code != s.language) {
                    s.language = e.code;
                    step.effects.push_back(Effect::LanguageChanged);
                }
                Screen to = s.history.empty() ? Screen::Home : s.history.back();
                if (!s.history.empty()) s.history.pop_back();
                go(s, to, now);
            } else if constexpr (std::is_same_v<E, ev::StillHere>) {
                s.still_there_until.reset();
            } else if constexpr (std::is_same_v<E, ev::Finish>) {
                if (s.screen == Screen::Attract || s.screen == Screen::Goodbye) return;
                if (!is_citizen_screen(s.screen)) return;
                wipe(s, step, default_language_, Screen::Goodbye, now);
            } else if constexpr (std::is_same_v<E, ev::AgentUnlocked>) {
                if (s.screen != Screen::AgentPin) return;
                s.agent_in = true;
                go(s, Screen::AgentHome, now);
            } else if constexpr (std::is_same_v<E, ev::AgentLeave>) {
                if (s.screen != Screen::AgentPin && s.screen != Screen::AgentHome) return;
                lock(s, step);
                back_to_citizen(s, now);
            } else if constexpr (std::is_same_v<E, ev::AgentTakeOver>) {
                if (s.screen != Screen::AgentHome || !s.agent_in) return;
                const Screen to = s.history.empty() ? Screen::Attract : s.history.back();
                if (to == Screen::Attract || to == Screen::Goodbye) {  // nobody's journey: a new one, at home
                    s.history.clear();
                    ++s.session_count;
                    go(s, Screen::Home, now);
                    step.effects.push_back(Effect::CitizenSessionStarted);
                } else {
                    s.history.pop_back();
                    go(s, to, now);
                }
                step.effects.push_back(Effect::AgentTookOver);
            } else if constexpr (std::is_same_v<E, ev::AgentEndVisit>) {
                if (s.screen != Screen::AgentHome || !s.agent_in) return;
                wipe(s, step, default_language_, Screen::Attract, now);
            } else if constexpr (std::is_same_v<E, ev::AgentSpace>) {
                if (!s.supervised() || s.still_there_until) return;
                s.history.push_back(s.screen);
                go(s, Screen::AgentHome, now);
            }
        },
        event);
    return step;
}

std::optional<TimePoint> SessionMachine::next_wakeup(const SessionState& s, TimePoint now) const {
    if (s.screen == Screen::Attract) return std::nullopt;
    if (s.agent_in && s.still_there_until)
        return std::min(*s.still_there_until, s.last_input + timings_.agent_auto_lock);
    if (s.screen == Screen::Goodbye) {
        TimePoint end = s.screen_since + timings_.goodbye;
        // wake each second to redraw the countdown, and at the end
        auto elapsed =
            std::chrono::duration_cast<std::chrono::seconds>(now - s.screen_since) + std::chrono::seconds(1);
        return std::min(end, s.screen_since + elapsed);
    }
    if (s.still_there_until) {
        TimePoint end = *s.still_there_until;
        if (now >= end) return end;
        auto left = std::chrono::ceil<std::chrono::seconds>(end - now);
        return std::min(end, end - left + std::chrono::seconds(1));
    }
    const TimePoint inactive = s.last_input + timings_.inactivity;
    return s.agent_in ? std::min(inactive, s.last_input + timings_.agent_auto_lock) : inactive;
}

int SessionMachine::still_there_seconds_left(const SessionState& s, TimePoint now) const {
    if (!s.still_there_until || now >= *s.still_there_until) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(*s.still_there_until - now).count());
}

int SessionMachine::goodbye_seconds_left(const SessionState& s, TimePoint now) const {
    if (s.screen != Screen::Goodbye) return 0;
    TimePoint end = s.screen_since + timings_.goodbye;
    if (now >= end) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(end - now).count());
}

}  // namespace kiosk
