#include "agent_journey.hpp"

#include "kiosk/core/badge.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/journeys/booking_journey.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/log.hpp"

namespace kiosk::journeys {

namespace {

std::vector<std::string> figure_metrics() {
    std::vector<std::string> metrics = diagnostic::stat_metrics();
    metrics.push_back("sessions_started");
    metrics.push_back("sessions_timed_out");
    return metrics;
}

}  // namespace

printing::Ticket test_ticket(const Translator& t, const Config& config, WallTime now) {
    printing::Ticket ticket;
    ticket.title = t.tr("agent.test_ticket.title");
    std::string when = local_iso(now);
    if (when.size() >= 16) when = when.substr(0, 10) + " " + when.substr(11, 5);
    ticket.bold(config.site_name);
    ticket.body(format(t.tr("agent.test_ticket.kiosk"), {{"kiosk", config.kiosk_id}, {"when", when}}));
    ticket.separator();
    ticket.body(t.tr("agent.test_ticket.accents"));
    ticket.qr("KIOSK-TEST " + config.kiosk_id, t.tr("agent.test_ticket.qr"));
    ticket.footer = t.tr("agent.test_ticket.footer");
    return ticket;
}

void AgentJourney::reset() {
    check_.cancel();
    stop_badge_camera();
    pad_.clear();
    last_ticket_.reset();  // the citizen's ticket goes with their session
    last_what_.clear();
    reprint_.reset();
}

bool AgentJourney::citizen_screen_on() const {
    const auto& history = kiosk().state().history;
    if (history.empty()) return false;
    const Screen s = history.back();
    return is_citizen_screen(s) && s != Screen::Goodbye;
}

void AgentJourney::remember_ticket(const printing::Ticket& ticket, const char* what) {
    last_ticket_ = ticket;
    last_what_ = what;
}

void AgentJourney::start_badge_camera() {
    stop_badge_camera();
    if (!camera_maker_ || kiosk().config().agent_badge_public_key.empty()) return;
    std::string error;
    std::unique_ptr<scan::CodeSource> source = camera_maker_(error);
    if (!source) {
        if (!error.empty()) log::warn("camera: ", error);
        return;
    }
    badge_decoder_ = std::make_unique<scan::Decoder>(
        kiosk().tasks(), scan::DecoderOptions{}, [this](const scan::ScanResult& r) {
            // The camera sees a badge as the scanner reads it: the same way in, once the pad waits for one.
            if (r.text.rfind("KBADGE1.", 0) != 0 || kiosk().screen() != Screen::AgentPin || pad_.checking ||
                !badge_needed())
                return;
            check_badge(r.text);
        });
    badge_camera_ =
        std::make_unique<scan::SourceRunner>(std::move(source), *badge_decoder_, kiosk().run_queue());
    badge_camera_->start();
}

void AgentJourney::stop_badge_camera() {
    badge_camera_.reset();  // joins the camera's thread, closes it
    badge_decoder_.reset();
}

void AgentJourney::check_health() {
    // The device's health, all by one task: free disk (statvfs may wait on a slow card), the content's age
    // (file dates), the camera opened for a second and one frame decoded, the serial scanner opened; judged
    // with the courier's status when it comes.
    figures_.health_loaded = false;
    health_task_.cancel();
    struct Seen {
        DiskSpace disk;
        ContentFacts content;
        CameraProbe camera;
        ScannerFacts scanner;
    };
    const Config& c = kiosk().config();
    health_task_ = kiosk().tasks().run(
        TaskGroup::Kiosk, "agent.health",
        [dir = c.data_dir, content = c.content_dir, camera = camera_maker_, scanner = scanner_maker_,
         keyboard = keyboard_scanner_](const Task& task) {
            Seen s;
            s.disk = disk_space(dir);
            s.content = content_facts(content, dir);
            s.camera = probe_camera(camera, task);
            s.scanner = probe_scanner(scanner, keyboard);
            return s;
        },
        [this](const Seen& s) {
            HealthFacts facts;
            facts.disk = s.disk;
            facts.content = s.content;
            facts.camera = s.camera;
            facts.scanner = s.scanner;
            facts.courier = kiosk().courier().status();
            facts.now = kiosk().wall_clock().now();
            facts.uptime =
                std::chrono::duration_cast<std::chrono::seconds>(kiosk().now() - kiosk().started_at());
            if (const auto* pass = kiosk().find<PassJourney>()) facts.last_code_at = pass->last_read_at();
            facts.last_scan_at = last_scan_at_;
            facts.last_crash = kiosk().run_marker().last_crash();
            facts.crashed_last_time = kiosk().run_marker().crashed_last_time();
            figures_.health = assess_health(facts);
            figures_.health_loaded = true;
            kiosk().redraw(2);
        });
}

void AgentJourney::sync_line(std::string line) {
    if (!line.empty()) sync_.lines.push_back(std::move(line));
    if (--sync_.waiting <= 0) {
        sync_.running = false;
        sync_.done = true;
        log::info("sync: ", sync_.lines.size(), " line(s)");
        if (kiosk().screen() == Screen::AgentHome) check_health();  // the network line as it is now
    }
    kiosk().redraw(2);
}

void AgentJourney::start_sync(TimePoint now) {
    if (sync_.running) return;
    sync_ = SyncReport{};
    sync_.running = true;
    auto* booking = kiosk().find<BookingJourney>();
    const auto& steps = kiosk().sync_steps();
    sync_.waiting = 1 + (booking ? 1 : 0) + static_cast<int>(steps.size());
    kiosk().audit("sync");
    kiosk().send_stats();  // queued before the drain below
    kiosk().sync_outbox(now, [this](const CourierStatus& st) {
        std::string line =
            st.has_server ? format(kiosk().tr("agent.sync.outbox"), {{"pending", std::to_string(st.pending)},
                                                                     {"dead", std::to_string(st.dead)}})
                          : kiosk().tr("agent.sync.outbox_none");
        if (st.has_server && !st.last_error.empty()) line += " (" + st.last_error + ")";
        sync_line(std::move(line));
    });
    if (booking) booking->sync_now(now, [this](std::string line) { sync_line(std::move(line)); });
    if (kiosk().journey(
            "fleet")) {  // the fleet's poll runs on its own task; its outcome shows in its health line
        kiosk().act(Intent{"fleet.poll_now", {}}, now);
        sync_.lines.push_back(kiosk().tr("agent.sync.fleet"));
    }
    for (const auto& [name, step] : steps)
        kiosk().tasks().post(TaskGroup::Kiosk, "sync." + name, [this, step = step](const Task& task) {
            std::string line;
            try {
                line = step(task);
            } catch (const std::exception& e) {
                line = e.what();
            }
            kiosk().run_queue().post([this, line] { sync_line(line); });
        });
    kiosk().redraw(2);
}

void AgentJourney::enter(Screen screen, Screen, TimePoint) {
    if (screen == Screen::AgentPin) start_badge_camera();
    if (screen != Screen::AgentHome) return;
    printer_check_.reset();
    if (has_printer()) {
        printer_task_.cancel();
        printer_task_ = kiosk().tasks().run(
            TaskGroup::Kiosk, "agent.printer", [printer = printer_](const Task&) { return printer->check(); },
            [this](const printing::PrinterCheck& c) {
                printer_check_ = c;
                kiosk().redraw(2);
            });
    }
    CitizenStore& store = kiosk().store();
    figures_.loaded = false;
    figures_.sessions_waiting = store.waiting("sessions_started");
    figures_.timeouts_waiting = store.waiting("sessions_timed_out");
    auto apply = [this](const std::map<std::string, CitizenStore::Grouped>& grouped) {
        auto get = [&](const char* metric) {
            auto it = grouped.find(metric);
            return it == grouped.end() ? CitizenStore::Grouped{} : it->second;
        };
        figures_.sessions = get("sessions_started");
        figures_.timeouts = get("sessions_timed_out");
        figures_.diagnostics = diagnostic::read_stats(grouped);
        figures_.loaded = true;
        kiosk().redraw(2);
    };
    check_health();
    figures_.bars_loaded = false;
    figures_.bars.clear();
    if (store.status() != StoreStatus::Memory) {
        bars_task_.cancel();
        bars_task_ = kiosk().tasks().run(
            TaskGroup::Kiosk, "agent.bars",
            [file = store.file(), today = kiosk().today()](const Task&) {
                std::string problem;
                const auto rows = read_stat_rows(file, problem);
                std::vector<std::pair<std::string, std::vector<WeekBar>>> bars;
                for (const char* metric : kChartMetrics)
                    bars.emplace_back(metric,
                                      weekly_bars(rows ? *rows : std::vector<StatRow>{}, metric, today));
                return bars;
            },
            [this](const std::vector<std::pair<std::string, std::vector<WeekBar>>>& bars) {
                figures_.bars = bars;
                figures_.bars_loaded = true;
                kiosk().redraw(2);
            });
    }
    if (store.status() == StoreStatus::Memory) {  // no file: the figures are in memory, nothing to wait for
        apply(store.grouped(figure_metrics()));
        return;
    }
    // The file is read by a worker with a connection of its own; the page says "…" until then.
    figures_task_.cancel();
    figures_task_ = kiosk().tasks().run(
        TaskGroup::Kiosk, "agent.figures",
        [file = store.file()](const Task&) { return CitizenStore::read_grouped(file, figure_metrics()); },
        [apply](const std::optional<std::map<std::string, CitizenStore::Grouped>>& grouped) {
            apply(grouped ? *grouped : std::map<std::string, CitizenStore::Grouped>{});
        });
}

void AgentJourney::leave(Screen screen, Screen to, TimePoint) {
    if (screen == Screen::AgentPin) {
        stop_badge_camera();
        check_.cancel();  // an answer coming after the pad was left unlocks nothing
        if (pad_.second_factor && to != Screen::AgentHome) kiosk().audit("unlock.abandoned", "second factor");
        pad_.clear();
    }
    if (screen == Screen::AgentHome) {
        figures_task_.cancel();
        health_task_.cancel();
        bars_task_.cancel();
        printer_task_.cancel();
    }
}

void AgentJourney::handle(const Intent& in, TimePoint now) {
    if (in.name == "agent.reprint") {
        if (kiosk().screen() != Screen::AgentHome || !kiosk().state().agent_in || !can_reprint()) return;
        if (reprint_.print(kiosk(), *last_ticket_, "ticket printed again by an agent"))
            kiosk().audit("print.again", last_what_);
        return;
    }
    if (in.name == "agent.print_test") {
        if (kiosk().screen() != Screen::AgentHome || !kiosk().state().agent_in || !has_printer()) return;
        if (test_print_.print(kiosk(),
                              test_ticket(kiosk().translator(), kiosk().config(), kiosk().wall_clock().now()),
                              "test ticket"))
            kiosk().audit("print.test");
        return;
    }
    if (in.name == "agent.sync") {
        if (kiosk().screen() == Screen::AgentHome && kiosk().state().agent_in) start_sync(now);
        return;
    }
    if (kiosk().screen() != Screen::AgentPin || pad_.checking) return;
    if (in.name == "agent.badge") {
        if (const auto* text = in.as<std::string>()) check_badge(*text);
        return;
    }
    AgentGate& gate = kiosk().agent();
    const bool usable = gate.configured() && gate.lockout_seconds_left(now) == 0 && !badge_needed();
    if (in.name == "agent.pin.digit") {
        const auto* digit = in.as<std::string>();
        const std::size_t max = pad_.second_factor ? 6 : 16;
        if (usable && digit && digit->size() == 1 && pad_.digits.size() < max) pad_.digits += *digit;
    } else if (in.name == "agent.pin.erase") {
        if (!pad_.digits.empty()) pad_.digits.pop_back();
    } else if (in.name == "agent.pin.ok") {
        if (!usable || pad_.digits.empty()) return;
        if (pad_.second_factor) return check_code(now);
        // argon2id takes about 0.4 s: on a worker (the gate is thread-safe), the pad shows it is checking.
        pad_.checking = true;
        pad_.message_key.clear();
        check_ = kiosk().tasks().run(
            TaskGroup::Citizen, "agent.pin.check",
            [&gate, pin = std::move(pad_.digits), now](const Task&) { return gate.check(pin, now); },
            [this](AgentGate::Result r) { answered(r); });
        pad_.digits.clear();
        kiosk().redraw(2);
    } else if (in.name == "agent.pin.cancel") {
        check_.cancel();
        if (pad_.second_factor) kiosk().audit("unlock.abandoned", "second factor");  // before it is forgotten
        pad_.clear();
        kiosk().dispatch(ev::AgentLeave{}, now);
    }
}

void AgentJourney::answered(AgentGate::Result r) {
    pad_.checking = false;
    const TimePoint now = kiosk().now();
    if (r == AgentGate::Result::Unlocked) {
        if (kiosk().second_factor()) {
            kiosk().audit("unlock.pin.ok", "second factor asked");
            pad_.second_factor = true;
            pad_.code_failures = 0;
            pad_.message_key.clear();
        } else {
            kiosk().audit("unlock.pin.ok");
            unlocked(now);
        }
    } else if (r == AgentGate::Result::Wrong) {
        pad_.message_key = "agent.pin.wrong";
        pad_.attempts_left = kiosk().agent().attempts_left();
        kiosk().audit("unlock.pin.wrong", std::to_string(pad_.attempts_left) + " attempts left");
    } else if (r == AgentGate::Result::LockedOut) {
        pad_.message_key = "agent.pin.locked";
        kiosk().audit("unlock.locked_out", std::to_string(kiosk().agent().lockout_seconds_left(now)) + " s");
    }
    kiosk().redraw(2);
}

void AgentJourney::check_code(TimePoint now) {
    // HMAC-SHA-1 over three steps: microseconds, checked here.
    const auto at =
        std::chrono::duration_cast<std::chrono::seconds>(kiosk().wall_clock().now().time_since_epoch())
            .count();
    const totp::Verifier::Result r = kiosk().second_factor()->check(pad_.digits, at);
    pad_.digits.clear();
    if (r == totp::Verifier::Result::Accepted) {
        kiosk().audit("unlock.code.ok");
        unlocked(now);
        return;
    }
    ++pad_.code_failures;
    kiosk().audit(r == totp::Verifier::Result::Replayed ? "unlock.code.replayed" : "unlock.code.wrong",
                  std::to_string(pad_.code_failures) + " of 3");
    pad_.message_key = r == totp::Verifier::Result::Replayed ? "agent.code.replayed" : "agent.code.wrong";
    if (pad_.code_failures >= 3) {  // back to the PIN: a guessed code alone never gets in
        pad_.second_factor = false;
        pad_.code_failures = 0;
        pad_.message_key = "agent.code.again";
    }
    kiosk().redraw(2);
}

bool AgentJourney::badge_needed() const {
    return !kiosk().config().agent_badge_public_key.empty() && pad_.badge_id.empty();
}

void AgentJourney::unlocked(TimePoint now) {
    // The agent's name from their badge (none without badges): in the band and in the journal from now on.
    std::string name = pad_.badge_name;
    kiosk().set_agent_name(std::move(name));
    kiosk().audit("unlock", pad_.badge_id);
    pad_.clear();
    kiosk().dispatch(ev::AgentUnlocked{}, now);
}

void AgentJourney::check_badge(const std::string& text) {
    const auto at =
        std::chrono::duration_cast<std::chrono::seconds>(kiosk().wall_clock().now().time_since_epoch())
            .count();
    const Config& c = kiosk().config();
    const badge::Verdict v = badge::verify(text, c.agent_badge_public_key, c.agent_revoked_badges, at);
    const std::string id = v.badge ? v.badge->id : std::string();
    pad_.digits.clear();
    pad_.badge_message_name.clear();
    switch (v.check) {
        case badge::Check::Valid:
            pad_.badge_id = v.badge->id;
            pad_.badge_name = v.badge->name;
            pad_.badge_message_name = v.badge->name;
            pad_.message_key = "agent.badge.ok";
            kiosk().audit("unlock.badge.ok", id);
            break;
        case badge::Check::Expired:
            pad_.message_key = "agent.badge.expired";
            break;
        case badge::Check::NotYet:
            pad_.message_key = "agent.badge.not_yet";
            break;
        case badge::Check::Revoked:
            pad_.message_key = "agent.badge.revoked";
            break;
        case badge::Check::Forged:
        case badge::Check::Malformed:
            pad_.message_key = "agent.badge.unknown";
            break;
        case badge::Check::NotConfigured:
            pad_.message_key = "agent.badge.not_used";
            break;
    }
    if (v.check != badge::Check::Valid && v.check != badge::Check::NotConfigured)
        kiosk().audit("unlock.badge.refused",
                      std::string(badge::check_name(v.check)) + (id.empty() ? "" : " " + id));
    kiosk().redraw(2);
}

}  // namespace kiosk::journeys
