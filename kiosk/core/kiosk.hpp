#pragma once
// The kiosk's model: configuration, translations, the citizen session and what it stores.
// Screens read it and send it events; it carries out the session machine's effects.
#include <functional>
#include <memory>
#include <vector>

#include "agent_gate.hpp"
#include "citizen_store.hpp"
#include "wall_clock.hpp"
#include "config.hpp"
#include "i18n.hpp"
#include "run_queue.hpp"
#include "session.hpp"
#include "tasks.hpp"

namespace kiosk {

class Kiosk {
public:
    // `now` is the steady clock's time at start; `wall` gives dates (the kiosk's, or a pinned one in tests).
    Kiosk(Config config, Translator translator, TimePoint now, const WallClock& wall);

    void dispatch(const Event& event, TimePoint now);
    std::optional<TimePoint> next_wakeup(TimePoint now) const { return machine_.next_wakeup(state_, now); }

    const SessionState& state() const { return state_; }
    Screen screen() const { return state_.screen; }
    const SessionMachine& machine() const { return machine_; }
    const Config& config() const { return config_; }
    const Translator& translator() const { return translator_; }
    const std::string& tr(std::string_view key) const { return translator_.tr(key); }
    std::string trn(std::string_view key, long n) const { return translator_.trn(key, n); }
    CitizenStore& store() { return *store_; }
    AgentGate& agent() { return agent_; }
    RunQueue& run_queue() { return run_queue_; }
    TaskRunner& tasks() { return tasks_; }  // all background work; the wipe cancels the citizen's
    TimePoint started_at() const { return started_at_; }
    const WallClock& wall_clock() const { return wall_; }
    std::string today() const { return local_date_iso(wall_.now()); }  // the day's counters: "2026-11-24"

    // Whatever holds citizen data in memory (screens, journeys) registers here to be wiped with the session.
    void on_wipe(std::function<void()> forget) { forgetters_.push_back(std::move(forget)); }
    unsigned long wipe_count() const { return wipes_; }

private:
    void carry_out(Effect effect, TimePoint now);

    const WallClock& wall_;
    Config config_;
    Translator translator_;
    SessionMachine machine_;
    SessionState state_;
    std::unique_ptr<CitizenStore> store_;
    AgentGate agent_;
    RunQueue run_queue_;
    TaskRunner tasks_{run_queue_};  // after the queue: its workers go first
    std::vector<std::function<void()>> forgetters_;
    unsigned long wipes_ = 0;
    TimePoint started_at_;
};

}  // namespace kiosk
