#include "kiosk.hpp"

#include "log.hpp"

namespace kiosk {

Kiosk::Kiosk(Config config, Translator translator, TimePoint now, const WallClock& wall)
    : wall_(wall),
      config_(std::move(config)),
      translator_(std::move(translator)),
      machine_(SessionTimings{config_.inactivity, config_.still_there, config_.goodbye}, config_.default_language),
      state_(machine_.initial(now)),
      store_(std::make_unique<CitizenStore>(config_.data_dir / "citizen.sqlite", wall_)),
      agent_(config_.agent_pin_hash, config_.agent_max_attempts, config_.agent_lockout,
             config_.data_dir / "agent-lockout", now, [&wall] { return wall.now(); }),
      started_at_(now) {
    translator_.set_language(config_.default_language);
    // A session that was running when the power went off is forgotten at start.
    store_->wipe_left_over();
}

void Kiosk::dispatch(const Event& event, TimePoint now) {
    const Screen before = state_.screen;
    Step step = machine_.apply(state_, event, now);
    state_ = std::move(step.state);
    for (Effect e : step.effects) carry_out(e, now);
    if (state_.screen != before) {
        // Debug only: with the journal's time stamps, the screens a citizen went through are a trail of them.
        log::debug("screen: ", screen_name(before), " -> ", screen_name(state_.screen));
        if (is_citizen_screen(state_.screen) && state_.screen != Screen::Goodbye)
            store_->record("screen", screen_name(state_.screen));
    }
}

void Kiosk::carry_out(Effect effect, TimePoint) {
    switch (effect) {
        case Effect::CitizenSessionStarted:
            store_->begin_session(state_.language);
            store_->count(today(), "sessions_started");
            break;
        case Effect::WipeCitizenData:
            tasks_.cancel(TaskGroup::Citizen);  // their answers are dropped; nobody waits for them
            for (auto& forget : forgetters_) forget();
            store_->wipe();
            ++wipes_;
            log::info("session: citizen data wiped");
            break;
        case Effect::LanguageChanged:
            if (!translator_.set_language(state_.language))
                log::warn("language \"", state_.language, "\" has no catalog; keeping ", translator_.language());
            store_->record("language", state_.language);
            break;
        case Effect::TimedOut:
            store_->count(today(), "sessions_timed_out");
            break;
        case Effect::AgentAccessRequested:
            store_->count(today(), "agent_access_requested");
            break;
    }
}

}  // namespace kiosk
