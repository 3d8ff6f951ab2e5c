#include "kiosk.hpp"

#include <algorithm>

#include "log.hpp"
#include "outbox_http.hpp"
#include "stats_export.hpp"

namespace kiosk {

Kiosk::Kiosk(Config config, Translator translator, TimePoint now, const WallClock& wall)
    : wall_(wall),
      config_(std::move(config)),
      translator_(std::move(translator)),
      machine_(SessionTimings{.inactivity = config_.inactivity,
                              .still_there = config_.still_there,
                              .goodbye = config_.goodbye,
                              .agent_auto_lock = config_.agent_auto_lock},
               config_.default_language),
      state_(machine_.initial(now)),
      store_(std::make_unique<CitizenStore>(config_.data_dir / "citizen.sqlite", wall_)),
      agent_(config_.agent_pin_hash, config_.agent_max_attempts, config_.agent_lockout,
             config_.data_dir / "agent-lockout", now, [&wall] { return wall.now(); }),
      journal_(std::make_unique<AuditJournal>(config_.data_dir.empty() ? std::filesystem::path{}
                                                                       : config_.data_dir / "audit.sqlite")),
      started_at_(now),
      run_marker_(std::make_unique<RunMarker>(
          config_.data_dir,
          std::chrono::duration_cast<std::chrono::seconds>(wall_.now().time_since_epoch()).count())) {
    if (auto secret = totp::base32_decode(config_.agent_totp_secret);
        secret && !config_.agent_totp_secret.empty())
        totp_ = std::make_unique<totp::Verifier>(std::move(*secret));
    translator_.set_language(config_.default_language);
    outbox_ = std::make_shared<outbox::Outbox>(config_.data_dir / "outbox.sqlite");
    if (!outbox_->ok()) log::error("outbox: ", outbox_->problem());
    std::unique_ptr<outbox::Sender> fleet;
    if (!config_.outbox_url.empty()) fleet = std::make_unique<outbox::HttpSender>(config_.outbox_url);
    auto routed = std::make_unique<outbox::RoutedSender>(std::move(fleet));
    if (!config_.help_webhook.empty())
        routed->route("help.webhook", std::make_unique<outbox::HttpSender>(config_.help_webhook));
    if (!config_.help_matrix_room.empty())
        routed->route("help.matrix", std::make_unique<outbox::MatrixSender>(config_.help_matrix_homeserver,
                                                                            config_.help_matrix_room,
                                                                            config_.help_matrix_token));
    if (!config_.stats_collector.empty())
        routed->route(kStatsKind, std::make_unique<outbox::HttpSender>(config_.stats_collector));
    std::unique_ptr<outbox::Sender> sender;
    if (!routed->empty()) sender = std::move(routed);
    courier_ = std::make_unique<Courier>(outbox_, std::move(sender), tasks_, wall_);
    // A message added on any thread tells the courier, on the UI thread.
    outbox_->on_added([this] { run_queue_.post([this] { courier_->poke(now_); }); });
    courier_->start(now);
    // A session that was running when the power went off is forgotten at start.
    store_->wipe_left_over();
    send_stats();
}

void Kiosk::sync_outbox(TimePoint now, std::function<void(const CourierStatus&)> done) {
    courier_->sync_now(now, std::move(done));
}

void Kiosk::send_stats() {
    // Only with somewhere to go: without a collector nor a fleet server, the statistics stay in the database
    // (`kiosk-admin stats` reads them there).
    if (config_.stats_collector.empty() && config_.outbox_url.empty()) return;
    if (store_->status() == StoreStatus::Memory || !outbox_->ok()) return;
    stats_day_ = today();
    tasks_.post(TaskGroup::Kiosk, "stats.queue",
                [this, box = outbox_, file = store_->file(), today = stats_day_, id = config_.kiosk_id,
                 at = wall_.now()](const Task&) {
                    std::string problem;
                    const auto rows = read_stat_rows(file, problem);
                    if (!rows) {
                        log::warn("stats: cannot read ", file.string(), ": ", problem);
                        return;
                    }
                    audit_flush();  // the head sent is the journal's as it stands
                    const auto messages = stats_messages(*rows, id, today, journal_->head());
                    if (messages.empty()) return;
                    if (!box->enqueue_all(messages, at))
                        log::error("stats: cannot queue the days' statistics");
                });
}

Kiosk::~Kiosk() {
    audit_flush();                       // what an agent did just before the kiosk stopped is kept
    if (outbox_) outbox_->on_added({});  // the outbox may outlive the kiosk (a journey's content holds it)
}

std::optional<TimePoint> Kiosk::next_wakeup(TimePoint now) const {
    std::optional<TimePoint> wake = machine_.next_wakeup(state_, now);
    if (std::optional<TimePoint> retry = courier_->next_wakeup(); retry && (!wake || *retry < *wake))
        wake = retry;
    for (const Timer& t : timers_)
        if (std::optional<TimePoint> at = t.next(); at && (!wake || *at < *wake)) wake = at;
    return wake;
}

void Kiosk::audit(std::string action, std::string detail) {
    const std::int64_t at =
        std::chrono::duration_cast<std::chrono::seconds>(wall_.now().time_since_epoch()).count();
    {
        std::lock_guard lock(audit_mutex_);
        audit_queue_.push_back({at, agent_name_.empty() ? std::string("agent") : agent_name_,
                                std::move(action), std::move(detail)});
    }
    tasks_.post(TaskGroup::Kiosk, "audit", [this](const Task&) { audit_flush(); });
}

void Kiosk::audit_flush() {
    // One writer at a time takes the queue in order: entries are chained in the order they were given.
    std::lock_guard writer(audit_writer_);
    for (;;) {
        PendingAudit p;
        {
            std::lock_guard lock(audit_mutex_);
            if (audit_queue_.empty()) return;
            p = std::move(audit_queue_.front());
            audit_queue_.pop_front();
        }
        if (!journal_->append(p.at, p.agent, p.action, config_.kiosk_id, p.detail))
            log::error("audit journal: ", p.action, " could not be written");
    }
}

bool Journey::owns(Screen s) const {
    for (Screen mine : screens())
        if (mine == s) return true;
    return false;
}

Journey& Kiosk::add(std::unique_ptr<Journey> journey) {
    journey->kiosk_ = this;
    machine_.add_routes(journey->routes());
    journeys_.push_back(std::move(journey));
    return *journeys_.back();
}

Journey* Kiosk::journey(std::string_view name) const {
    for (const auto& j : journeys_)
        if (name == j->name()) return j.get();
    return nullptr;
}

Journey* Kiosk::owner(Screen screen) const {
    for (const auto& j : journeys_)
        if (j->owns(screen)) return j.get();
    return nullptr;
}

std::vector<Screen> Kiosk::screens() const {
    std::vector<Screen> all(std::begin(kShellScreens), std::end(kShellScreens));
    for (const auto& j : journeys_)
        for (Screen s : j->screens())
            if (std::find(all.begin(), all.end(), s) == all.end()) all.push_back(s);
    return all;
}

void Kiosk::set_content(std::filesystem::path content_dir, Translator translator) {
    config_.content_dir = std::move(content_dir);
    translator_ = std::move(translator);
    translator_.set_language(state_.language.empty() ? config_.default_language : state_.language);
}

void Kiosk::apply_settings(const Config& settings) {
    config_.site_name = settings.site_name;
    config_.inactivity = settings.inactivity;
    config_.still_there = settings.still_there;
    config_.goodbye = settings.goodbye;
    config_.devices = settings.devices;
    config_.help_webhook = settings.help_webhook;
    // The machine holds the timings: a new one, with every journey's routes again.
    machine_ = SessionMachine(SessionTimings{.inactivity = config_.inactivity,
                                             .still_there = config_.still_there,
                                             .goodbye = config_.goodbye,
                                             .agent_auto_lock = config_.agent_auto_lock},
                              config_.default_language);
    for (const auto& j : journeys_) machine_.add_routes(j->routes());
}

void Kiosk::swap_content(std::function<void()> done) {
    ContentPlace from{config_.content_dir, config_.data_dir, config_.kiosk_id, &translator_, outbox_};
    auto left = std::make_shared<int>(0);
    auto finished = std::make_shared<std::function<void()>>(std::move(done));
    for (const auto& j : journeys_) {
        ++*left;
        ++swaps_;
        // The journeys live as long as the kiosk, which joins its tasks first: `journey` outlives the task.
        Journey* journey = j.get();
        tasks_.run(
            TaskGroup::Kiosk, std::string("content of ") + journey->name(),
            [journey, from](const Task&) { return journey->swap(from); },
            [this, left, finished](const std::function<void()>& put_in_place) {
                if (put_in_place) put_in_place();
                --swaps_;
                if (--*left == 0 && *finished) (*finished)();
            });
    }
    if (*left == 0 && *finished) (*finished)();
}

void Kiosk::dispatch(const Event& event, TimePoint now) {
    now_ = now;
    if (std::holds_alternative<ev::Tick>(event)) {
        courier_->tick(now);
        for (const Timer& t : timers_) t.tick(now);
    }
    const Screen before = state_.screen;
    Step step = machine_.apply(state_, event, now);
    state_ = std::move(step.state);
    for (Effect e : step.effects) carry_out(e, now);
    if (state_.screen != before) {
        const Screen after = state_.screen;
        // Debug only: with the journal's time stamps, the screens a citizen went through are a trail of them.
        log::debug("screen: ", screen_name(before), " -> ", screen_name(after));
        if (is_citizen_screen(after) && after != Screen::Goodbye)
            store_->record("screen", screen_name(after));
        if (Journey* left = owner(before)) left->leave(before, after, now);
        if (Journey* entered = owner(after)) entered->enter(after, before, now);
        redraw(3);  // a new layout settles within two frames, one more for pressed states
    }
}

void Kiosk::act(const Intent& intent, TimePoint now) {
    now_ = now;
    const std::string_view name = intent.name;
    Journey* j = journey(name.substr(0, name.find('.')));
    // The audit journal will read this same line; no value is logged (it may be a PIN digit or a name).
    log::debug("intent: ", intent.name, j ? "" : " (no journey)");
    if (name == "help.call") return call_help(now);
    if (name == "help.hide") {
        help_shown_ = false;
        return;
    }
    if (name == "help.close") {
        if (!help_call_) return;
        const auto waited = std::chrono::duration_cast<std::chrono::seconds>(wall_.now() - help_call_->at);
        audit("help.closed", help_call_->id + ", answered after " + std::to_string(waited.count()) + " s");
        store_->count(today(), "help_answered");
        help_call_.reset();
        return;
    }
    if (j) j->handle(intent, now);
}

void Kiosk::call_help(TimePoint now) {
    help_shown_ = true;
    help_since_ = now;
    if (help_call_) return;  // touched again: the call is already on its way
    const WallTime at = wall_.now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
    help_call_ =
        HelpCall{"help:" + config_.kiosk_id + ":" + std::to_string(ms), screen_name(state_.screen), at};
    store_->count(today(), "help_requests");
    // A durable write (milliseconds): on a worker; the courier is told when it is on disk.
    tasks_.post(TaskGroup::Kiosk, "help.queue",
                [box = outbox_, messages = help_messages(config_, *help_call_), at](const Task&) {
                    for (const outbox::NewMessage& m : messages) {
                        const outbox::EnqueueResult r = box->enqueue(m.kind, m.key, m.payload, at);
                        if (r.status == outbox::Enqueued::Failed)
                            log::error("help: cannot queue ", m.kind, ": ", r.error);
                    }
                });
    log::info("help: ", help_call_->id, " from ", help_call_->screen);
    if (chime_) chime_();  // the agents nearby hear it
}

void Kiosk::carry_out(Effect effect, TimePoint) {
    switch (effect) {
        case Effect::CitizenSessionStarted:
            store_->begin_session(state_.language);
            // A visit says someone came: stored only once kMinPeople visits share a period.
            store_->count_person("sessions_started", today());
            break;
        case Effect::WipeCitizenData:
            tasks_.cancel(TaskGroup::Citizen);  // their answers are dropped; nobody waits for them
            for (auto& j : journeys_) j->reset();
            for (auto& forget : forgetters_) forget();
            help_call_.reset();  // the citizen has gone: nobody is waiting any more
            store_->wipe();
            ++wipes_;
            log::info("session: citizen data wiped");
            if (!stats_day_.empty() && stats_day_ != today()) send_stats();  // a new day: yesterday's go
            break;
        case Effect::LanguageChanged:
            if (!translator_.set_language(state_.language))
                log::warn("language \"", state_.language, "\" has no catalog; keeping ",
                          translator_.language());
            store_->record("language", state_.language);
            break;
        case Effect::TimedOut:
            store_->count_person("sessions_timed_out", today());
            break;
        case Effect::AgentAccessRequested:
            store_->count(today(), "agent_access_requested");
            break;
        case Effect::AgentAutoLocked:
            audit("lock.auto", std::to_string(config_.agent_auto_lock.count()) + " s untouched");
            break;
        case Effect::AgentLocked:
            audit("lock", std::string("to ") + screen_name(state_.screen));
            agent_name_.clear();  // the banner's name goes with the rights
            break;
        case Effect::AgentTookOver:
            audit("takeover", screen_name(state_.screen));
            break;
    }
}

}  // namespace kiosk
