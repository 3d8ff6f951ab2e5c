#pragma once
// The kiosk's model: configuration, translations, the citizen session and what it stores, and its journeys.
// Screens read it and send it events (the session's) and intents (a journey's); it carries out the session
// machine's effects, tells each journey when its screens are entered and left, and wipes them all together.
#include <deque>
#include <functional>
#include <mutex>
#include <memory>
#include <vector>

#include "agent_gate.hpp"
#include "audit_journal.hpp"
#include "help.hpp"
#include "totp.hpp"
#include "journey.hpp"
#include "citizen_store.hpp"
#include "courier.hpp"
#include "outbox.hpp"
#include "wall_clock.hpp"
#include "config.hpp"
#include "i18n.hpp"
#include "run_queue.hpp"
#include "run_marker.hpp"
#include "session.hpp"
#include "tasks.hpp"

namespace kiosk {

class Kiosk {
  public:
    // `now` is the steady clock's time at start; `wall` gives dates (the kiosk's, or a pinned one in tests).
    Kiosk(Config config, Translator translator, TimePoint now, const WallClock& wall);
    ~Kiosk();
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    void dispatch(const Event& event, TimePoint now);
    // What a person did on a journey's screen: logged, then handled by the journey its name starts with.
    void act(const Intent& intent, TimePoint now);

    // Journeys: registered once each; a journey's routes join the session machine's.
    Journey& add(std::unique_ptr<Journey> journey);
    template <class T, class... Args>
    T& emplace(Args&&... args) {
        return static_cast<T&>(add(std::make_unique<T>(std::forward<Args>(args)...)));
    }
    Journey* journey(std::string_view name) const;
    template <class T>
    T* find() const {
        for (const auto& j : journeys_)
            if (auto* t = dynamic_cast<T*>(j.get())) return t;
        return nullptr;
    }
    Journey* owner(Screen screen) const;  // the journey a screen belongs to, none for the shell's
    std::vector<Screen> screens() const;  // the shell's and every journey's
    // Each journey reads its content as a task and swaps it in; `done` runs once all are in (UI thread).
    void swap_content(std::function<void()> done = {});
    bool swapping() const { return swaps_ > 0; }
    // The fleet, between citizen sessions: another content folder (an installed bundle's, or the embedded one
    // again) and its catalogs; the journeys read it at the next swap_content().
    void set_content(std::filesystem::path content_dir, Translator translator);
    // Remote settings (a configuration bundle), between citizen sessions: the site name and the timeouts
    // now; the devices and the help webhook are kept in the configuration for the next start.
    void apply_settings(const Config& settings);
    // Something on screen changed off the frame (a task's answer): the app draws `frames` more.
    void on_redraw(std::function<void(int)> redraw) { redraw_ = std::move(redraw); }
    void redraw(int frames) const {
        if (redraw_) redraw_(frames);
    }
    // The session's next timer, or the courier's next retry, whichever comes first.
    std::optional<TimePoint> next_wakeup(TimePoint now) const;

    const SessionState& state() const { return state_; }
    Screen screen() const { return state_.screen; }
    const SessionMachine& machine() const { return machine_; }
    TimePoint now() const { return now_; }  // the time of the last event, intent or frame
    void note_time(TimePoint now) { now_ = std::max(now_, now); }
    const Config& config() const { return config_; }
    const Translator& translator() const { return translator_; }
    const std::string& tr(std::string_view key) const { return translator_.tr(key); }
    std::string trn(std::string_view key, long n) const { return translator_.trn(key, n); }
    CitizenStore& store() { return *store_; }
    AgentGate& agent() { return agent_; }
    // The agent's second factor after the PIN, null when [agent] totp_secret is not set.
    totp::Verifier* second_factor() { return totp_.get(); }
    // The audit journal (<data>/audit.sqlite). Entries are written in the order they are given, by a task
    // (a durable write takes milliseconds), with the wall time of the call and the agent in.
    AuditJournal& journal() { return *journal_; }
    void audit(std::string action, std::string detail = {});
    void audit_flush();  // tests and the destructor: writes what is queued now
    // A citizen's call for help ("help.call" from any citizen screen): sent through the outbox to [help]'s
    // channels, shown as "Un agent arrive" until the citizen hides it ("help.hide"); pending until an agent
    // closes it ("help.close" on the agent page) or the session ends.
    const std::optional<HelpCall>& help_call() const { return help_call_; }
    bool help_shown() const { return help_call_ && help_shown_; }
    TimePoint help_since() const { return help_since_; }                      // for the animation
    void set_agent_name(std::string name) { agent_name_ = std::move(name); }  // "" when no agent is in
    const std::string& agent_name() const { return agent_name_; }
    RunQueue& run_queue() { return run_queue_; }
    TaskRunner& tasks() { return tasks_; }  // all background work; the wipe cancels the citizen's
    // The one durable outbox (<data>/outbox.sqlite) every journey sends through, and what delivers it.
    const std::shared_ptr<outbox::Outbox>& outbox() const { return outbox_; }
    const Courier& courier() const { return *courier_; }
    TimePoint started_at() const { return started_at_; }
    const WallClock& wall_clock() const { return wall_; }
    std::string today() const { return local_date_iso(wall_.now()); }  // the day's counters: "2026-11-24"

    // A journey's own timer (its courier's next retry): asked by next_wakeup(), `tick` run at each tick.
    void add_timer(std::function<std::optional<TimePoint>()> next, std::function<void(TimePoint)> tick) {
        timers_.push_back({std::move(next), std::move(tick)});
    }

    // How the previous run ended (<data>/running left behind: a crash, a kill, a power cut), read at start.
    const RunMarker& run_marker() const { return *run_marker_; }
    // A citizen's call for help plays a chime: the app gives how (a task queues the sound, never a frame).
    void on_help_chime(std::function<void()> play) { chime_ = std::move(play); }
    // "Synchroniser maintenant" (the agent page, "agent.sync"): the outbox is drained now, every message
    // tried at once whatever its backoff, the day statistics queued, the workshops fetched again, then each
    // step added here runs on a worker and returns its line for the agent page ("" when it has nothing to
    // say). THE PLACE FOR THE FLEET: the app adds `kiosk.add_sync_step("fleet", …)` polling hawkBit now.
    using SyncStep = std::function<std::string(const Task&)>;
    void add_sync_step(std::string name, SyncStep step) {
        sync_steps_.emplace_back(std::move(name), std::move(step));
    }
    const std::vector<std::pair<std::string, SyncStep>>& sync_steps() const { return sync_steps_; }
    // The kiosk's outbox drained now, every pending message tried whatever its backoff; `done` (UI thread)
    // gets the courier's status after it.
    void sync_outbox(TimePoint now, std::function<void(const CourierStatus&)> done);
    // The finished days' statistics (stats_messages) queued for [stats] collector (or [outbox] url), by a
    // task; each day is queued once (its key). At start, at the first wipe of a new day, and by the sync.
    void send_stats();

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
    std::unique_ptr<totp::Verifier> totp_;
    std::unique_ptr<AuditJournal> journal_;  // before the tasks: their audit writes use it
    struct PendingAudit {
        std::int64_t at;
        std::string agent, action, detail;
    };
    std::mutex audit_mutex_, audit_writer_;
    std::deque<PendingAudit> audit_queue_;
    std::string agent_name_;
    std::optional<HelpCall> help_call_;
    bool help_shown_ = false;
    TimePoint help_since_{};
    void call_help(TimePoint now);
    RunQueue run_queue_;
    std::vector<std::unique_ptr<Journey>> journeys_;
    std::shared_ptr<outbox::Outbox> outbox_;
    TaskRunner tasks_{run_queue_};      // after the queue and the journeys: its workers go first
    std::unique_ptr<Courier> courier_;  // after the tasks: its drain is cancelled before they are joined
    std::function<void(int)> redraw_;
    int swaps_ = 0;
    TimePoint now_{};
    std::vector<std::function<void()>> forgetters_;
    struct Timer {
        std::function<std::optional<TimePoint>()> next;
        std::function<void(TimePoint)> tick;
    };
    std::vector<Timer> timers_;
    unsigned long wipes_ = 0;
    TimePoint started_at_;
    std::unique_ptr<RunMarker> run_marker_;
    std::function<void()> chime_;
    std::vector<std::pair<std::string, SyncStep>> sync_steps_;
    std::string stats_day_;  // the day the statistics were last queued
};

}  // namespace kiosk
