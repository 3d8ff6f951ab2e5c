#include "kiosk/core/journeys/booking_journey.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "kiosk/core/files.hpp"
#include "kiosk/core/hours/wording.hpp"
#include "kiosk/core/journeys/diagnostic_journey.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/journeys/place_ticket.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "kiosk/core/journeys/places_words.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/log.hpp"

namespace kiosk::journeys {

namespace {
constexpr auto kRefreshEvery = std::chrono::minutes(5);

// "jean-pierre" → "Jean-Pierre": names are sent as people write them.
std::string capitalised(const std::string& s) {
    std::string out = s;
    bool start = true;
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (start && u < 0x80 && std::isalpha(u)) c = static_cast<char>(std::toupper(u));
        start = c == ' ' || c == '-' || c == '\'';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}
}  // namespace

BookingJourney::~BookingJourney() {
    refresh_task_.cancel();
    submit_task_.cancel();
    cancel_task_.cancel();
}

std::vector<Screen> BookingJourney::screens() const {
    return {kWorkshops, kWorkshop, kBookingName, kBookingContact, kBookingConsent, kBookingDone};
}

std::vector<Route> BookingJourney::routes() const {
    return {{Screen::PlacesDetail, kWorkshops},  {Screen::DiagnosticResult, kWorkshops},
            {Screen::PlacesResults, kWorkshops}, {kWorkshops, kWorkshop},
            {Screen::PlacesDetail, kWorkshop},   {kWorkshop, kBookingName},
            {kBookingName, kBookingContact},     {kBookingContact, kBookingConsent},
            {kBookingConsent, kBookingDone}};
}

hours::LocalDateTime BookingJourney::local_now() const {
    return hours::paris_local_time(std::chrono::system_clock::to_time_t(clock_.now()));
}

std::int64_t BookingJourney::wall_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
}

void BookingJourney::reset() {
    place_filter_.clear();
    diag_services_ = 0;
    diag_level_ = booking::Level::Any;
    selected_.reset();
    // The details typed are overwritten before they are forgotten.
    for (std::string* s : {&citizen_.first_name, &citizen_.last_name, &citizen_.phone, &citizen_.email})
        std::fill(s->begin(), s->end(), '\0');
    citizen_ = {};
    phone_ = {};
    field_ = Field::FirstName;
    contact_ = Contact::Phone;
    problem_ = "";
    submitting_ = false;
    cancel_queued_ = false;
    submit_task_.cancel();  // not the delivery: the request is on disk, sealed, and goes anyway
    key_.clear();
    status_.reset();
    printing_.reset();
    filter();
}

std::vector<booking::ShownWorkshop> BookingJourney::at_place(const std::string& place_id) const {
    std::vector<booking::ShownWorkshop> out;
    const hours::LocalMinutes now = hours::to_local_minutes(local_now());
    for (const auto& s : shown_)
        if (!place_id.empty() && s.workshop.place_id == place_id && s.workshop.starts > now) out.push_back(s);
    return out;
}

void BookingJourney::filter() {
    list_.clear();
    const hours::LocalMinutes now = hours::to_local_minutes(local_now());
    std::vector<booking::Workshop> all;
    for (const auto& s : shown_) all.push_back(s.workshop);
    const auto kept = booking::upcoming(all, now, diag_services_, diag_level_);
    for (const booking::Workshop& w : kept) {
        if (!place_filter_.empty() && w.place_id != place_filter_) continue;
        auto it =
            std::find_if(shown_.begin(), shown_.end(), [&](const auto& s) { return s.workshop.id == w.id; });
        list_.push_back(*it);
    }
}

void BookingJourney::enter(Screen screen, Screen from, TimePoint now) {
    if (screen == kWorkshops && from != kWorkshop) {
        place_filter_.clear();
        diag_services_ = 0;
        diag_level_ = booking::Level::Any;
        if (from == Screen::PlacesDetail) {
            if (auto* places = kiosk().find<PlacesJourney>(); places && places->selected())
                if (const places::Place* p = places->place(*places->selected())) place_filter_ = p->id;
        } else if (auto* diag = kiosk().find<DiagnosticJourney>(); diag && diag->result()) {
            // Filtered on what the diagnostic found: its needs, and the level of someone starting.
            diag_services_ = diag->result()->services;
            if (diag_services_) diag_level_ = booking::Level::Beginner;
        }
        filter();
        if (now - refreshed_at_ > kRefreshEvery) refresh(now);
    }
    if (screen == kBookingDone && status_ && printing_.available() &&
        print_state().kind == printing::PrintState::Kind::None)
        print_ticket();
}

const std::string& BookingJourney::text() const {
    if (contact_ == Contact::Email && kiosk().screen() == kBookingContact) return citizen_.email;
    if (kiosk().screen() == kBookingContact) return citizen_.phone;
    return field_ == Field::FirstName ? citizen_.first_name : citizen_.last_name;
}

void BookingJourney::handle(const Intent& in, TimePoint now) {
    const std::string& n = in.name;
    if (n == "booking.choose") {  // a session, by id
        const auto* id = in.as<std::string>();
        if (!id) return;
        for (const auto& s : shown_)
            if (s.workshop.id == *id) selected_ = s;
        if (selected_) kiosk().dispatch(ev::Open{kWorkshop}, now);
    } else if (n == "booking.start") {
        if (!selected_ || selected_->workshop.full() || !can_book()) return;
        const booking::ShownWorkshop chosen = *selected_;
        reset();
        selected_ = chosen;
        kiosk().dispatch(ev::Open{kBookingName}, now);
    } else if (n == "booking.typed") {
        const auto* t = in.as<std::string>();
        if (!t) return;
        std::string& target = kiosk().screen() == kBookingContact
                                  ? (contact_ == Contact::Email ? citizen_.email : citizen_.phone)
                                  : (field_ == Field::FirstName ? citizen_.first_name : citizen_.last_name);
        target = *t;
        problem_ = "";
    } else if (n == "booking.field") {  // the citizen taps the other name field
        if (const auto* f = in.as<Field>()) field_ = *f;
        problem_ = "";
    } else if (n == "booking.name.next") {
        std::string& name = field_ == Field::FirstName ? citizen_.first_name : citizen_.last_name;
        problem_ = booking::check_name(name);
        if (*problem_) return;
        name = capitalised(name);
        if (field_ == Field::FirstName) {
            field_ = Field::LastName;
            if (*booking::check_name(citizen_.last_name)) return;  // the last name is still to type
        }
        if (*(problem_ = booking::check_name(citizen_.first_name))) {
            field_ = Field::FirstName;
            return;
        }
        kiosk().dispatch(ev::Open{kBookingContact}, now);
    } else if (n == "booking.contact") {  // Phone, Email or None
        if (const auto* c = in.as<Contact>()) contact_ = *c;
        problem_ = "";
        if (contact_ == Contact::None) {
            citizen_.no_phone = true;
            kiosk().dispatch(ev::Open{kBookingConsent}, now);
        } else {
            citizen_.no_phone = false;
        }
    } else if (n == "booking.contact.next") {
        if (contact_ == Contact::Phone) {
            phone_ = booking::check_phone(citizen_.phone);
            problem_ = phone_.problem;
        } else if (contact_ == Contact::Email) {
            problem_ = booking::check_email(citizen_.email);
        }
        if (*problem_) return;
        kiosk().dispatch(ev::Open{kBookingConsent}, now);
    } else if (n == "booking.confirm") {
        submit(now);
    } else if (n == "booking.print") {
        print_ticket();
    } else if (n == "booking.print.retry") {
        printing_.retry(kiosk());
    } else if (n == "booking.print.agent") {
        printing_.call_agent(kiosk());
    } else if (n == "booking.list.all") {  // from one place's workshops to all those near the kiosk
        place_filter_.clear();
        if (auto* diag = kiosk().find<DiagnosticJourney>();
            diag && diag->result() && diag->result()->services) {
            diag_services_ = diag->result()->services;
            diag_level_ = booking::Level::Beginner;
        }
        filter();
    } else if (n == "booking.refresh") {
        refresh(now);
    } else if (n == "booking.cancel") {
        cancel(now);
    }
}

bool BookingJourney::can_cancel() const {
    using S = booking::BookingStatus;
    return kiosk().state().agent_in && !key_.empty() && box_ && !cancel_queued_ && status_ &&
           *status_ != S::Cancelled && *status_ != S::Refused && *status_ != S::Full;
}

void BookingJourney::cancel(TimePoint) {
    if (!can_cancel()) return;
    cancel_queued_ = true;
    const std::string key = key_;
    const nlohmann::json body = {{"booking", key}};
    const std::int64_t at = wall_seconds();
    // The agent's act is journaled at once; the message is made durable on a worker, the hub told by it.
    kiosk().audit("booking.cancel", key);
    cancel_task_ = kiosk().tasks().run(
        TaskGroup::Kiosk, "booking.cancel",
        [box = box_, key, payload = body.dump(), at](const Task&) {
            return box->enqueue(booking::kCancelKind, "cancel-" + key, payload,
                                outbox::TimePoint(std::chrono::seconds(at)))
                       .status != outbox::Enqueued::Failed;
        },
        [this, key](bool stored) {
            if (key != key_) return;
            if (!stored) {
                cancel_queued_ = false;
                problem_ = TR_KEY("booking.error.not_stored");
            }
            kiosk().redraw(3);
        });
}

void BookingJourney::sync_now(TimePoint now, std::function<void(std::string)> done) {
    if (!cache_ || !courier_) {
        if (done) done(kiosk().tr("agent.sync.booking_none"));
        return;
    }
    auto left = std::make_shared<int>(2);
    auto finish = [this, left, done] {
        if (--*left > 0 || !done) return;
        const CourierStatus& st = courier_->status();
        done(format(kiosk().tr("agent.sync.booking"), {{"sessions", std::to_string(shown_.size())},
                                                       {"pending", std::to_string(st.pending)},
                                                       {"dead", std::to_string(st.dead)}}));
    };
    refreshed_.push_back(finish);
    if (!refreshing_) refresh(now);
    courier_->sync_now(now, [finish](const CourierStatus&) { finish(); });
}

void BookingJourney::submit(TimePoint now) {
    if (!selected_ || submitting_ || !key_.empty() || !box_ || !settings_.hub_key) return;
    submitting_ = true;
    key_ = booking::new_booking_key(kiosk_id_);
    status_.reset();
    const booking::Workshop w = selected_->workshop;
    std::string details = booking::citizen_json(citizen_, phone_);
    const booking::PublicKey key = *settings_.hub_key;
    const std::string kiosk_id = kiosk_id_, booking_key = key_;
    const std::int64_t created = wall_seconds();
    const auto max_age = settings_.max_age;
    auto box = box_;
    auto ledger = ledger_;
    // Sealed and made durable on a worker (fsyncs take milliseconds); the clear details die with the task.
    submit_task_ = kiosk().tasks().run(
        TaskGroup::Kiosk, "booking.submit",
        [=](const Task&) mutable {
            std::string sealed = booking::seal(details, key);
            std::fill(details.begin(), details.end(), '\0');
            if (sealed.empty()) return false;
            ledger->record(booking_key, w.id, booking::BookingStatus::Queued, created);
            const auto r = box->enqueue(booking::kBookingKind, booking_key,
                                        booking::booking_payload(w, kiosk_id, sealed, created, max_age),
                                        outbox::TimePoint(std::chrono::seconds(created)));
            return r.status != outbox::Enqueued::Failed;
        },
        [this, booking_key, pays = w.pass_accepted](bool stored) {
            if (booking_key != key_) return;  // the session was wiped meanwhile
            submitting_ = false;
            if (!stored) {
                problem_ = TR_KEY("booking.error.not_stored");
                key_.clear();
                return;
            }
            // A seat booked where the pass is accepted spends the pass read in this session (if any).
            if (PassJourney* pass = pays ? kiosk().find<PassJourney>() : nullptr)
                pass->spend("booking " + booking_key);
            if (!status_) status_ = booking::BookingStatus::Queued;
            if (courier_) courier_->poke(kiosk().now());
            kiosk().dispatch(ev::Open{kBookingDone}, kiosk().now());
            kiosk().redraw(3);
        });
    (void)now;
}

void BookingJourney::print_ticket() {
    if (!selected_ || !status_) return;
    printing_.print(kiosk(),
                    booking_ticket(kiosk().translator(), selected_->workshop, *status_, key_, local_now()),
                    "booking ticket");
}

void BookingJourney::refresh(TimePoint now) {
    if (!cache_ || refreshing_) return;
    refreshing_ = true;
    refreshed_at_ = now;
    auto sources = sources_;
    auto cache = cache_;
    const hours::LocalDate today = local_now().date();
    const std::int64_t at = wall_seconds();
    const auto stale = std::chrono::duration_cast<std::chrono::seconds>(settings_.stale);
    refresh_task_ = kiosk().tasks().run(
        TaskGroup::Kiosk, "workshops.refresh",
        [=](const Task&) {
            booking::refresh(sources, *cache, today, at);
            return cache->shown(at, stale);
        },
        [this](std::vector<booking::ShownWorkshop> shown) {
            refreshing_ = false;
            shown_ = std::move(shown);
            if (selected_)
                for (const auto& s : shown_)
                    if (s.workshop.id == selected_->workshop.id && key_.empty()) selected_ = s;
            filter();
            kiosk().redraw(2);
            auto waiting = std::move(refreshed_);
            refreshed_.clear();
            for (const auto& done : waiting) done();
        });
}

std::function<void()> BookingJourney::swap(const ContentPlace& from) {
    // On a worker: the settings, the sources, the cache (the sessions a previous run fetched).
    std::vector<ConfigError> errors;
    booking::BookingSettings settings;
    const std::filesystem::path file = from.content_dir / "booking" / "booking.toml";
    if (auto text = read_file(file))
        settings = booking::parse_booking_settings(*text, "booking.toml", errors);
    for (const ConfigError& e : errors) log::error("booking: ", e.to_string());
    std::vector<std::shared_ptr<booking::WorkshopSource>> sources;
    if (!settings.sessions_file.empty())
        sources.push_back(
            std::make_shared<booking::ContentWorkshops>(from.content_dir / settings.sessions_file));
    if (!settings.hub_url.empty())
        sources.push_back(
            std::make_shared<booking::HubWorkshops>(settings.hub_url, settings.hub_token, from.kiosk_id));
    if (!settings.rdvsp_url.empty() && !settings.rdvsp_organisations.empty())
        sources.push_back(std::make_shared<booking::RdvServicePublicWorkshops>(
            settings.rdvsp_url, settings.rdvsp_token, settings.rdvsp_organisations));
    auto cache = std::make_shared<booking::WorkshopCache>(from.data_dir / "workshops.sqlite");
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    // Content is local: read now, so that the first list is never empty for a lack of network.
    for (const auto& s : sources)
        if (s->name() == "content") booking::refresh({s}, *cache, local_now().date(), now);
    auto shown = cache->shown(now, std::chrono::duration_cast<std::chrono::seconds>(settings.stale));
    return [this, settings = std::move(settings), data = from.data_dir, id = from.kiosk_id,
            sources = std::move(sources), cache = std::move(cache), shown = std::move(shown)]() mutable {
        install(std::move(settings), std::move(data), std::move(id), std::move(sources), std::move(cache),
                std::move(shown));
    };
}

void BookingJourney::install(booking::BookingSettings settings, std::filesystem::path data_dir,
                             std::string kiosk_id,
                             std::vector<std::shared_ptr<booking::WorkshopSource>> sources,
                             std::shared_ptr<booking::WorkshopCache> cache,
                             std::vector<booking::ShownWorkshop> shown) {
    const bool first = !cache_;
    settings_ = std::move(settings);
    data_dir_ = std::move(data_dir);
    kiosk_id_ = std::move(kiosk_id);
    sources_ = std::move(sources);
    cache_ = std::move(cache);
    shown_ = std::move(shown);
    filter();
    if (!first) return;
    ledger_ = std::make_shared<booking::BookingLedger>(data_dir_ / "bookings.sqlite");
    box_ = std::make_shared<outbox::Outbox>(data_dir_ / "bookings-outbox.sqlite");
    std::unique_ptr<outbox::Sender> sender;
    if (!settings_.hub_url.empty()) {
        std::weak_ptr<int> alive = alive_;
        RunQueue* ui = &kiosk().run_queue();
        const WallClock* wall = &clock_;
        sender = std::make_unique<booking::BookingSender>(
            settings_.hub_url, settings_.hub_token, ledger_,
            [wall] {
                return std::chrono::duration_cast<std::chrono::seconds>(wall->now().time_since_epoch())
                    .count();
            },
            [this, alive, ui](const std::string& key, booking::BookingStatus status) {
                ui->post([this, alive, key, status] {
                    if (alive.expired() || key != key_) return;
                    status_ = status;
                    kiosk().redraw(3);
                });
            });
    }
    courier_ = std::make_unique<Courier>(box_, std::move(sender), kiosk().tasks(), clock_);
    box_->on_added([this, alive = std::weak_ptr<int>(alive_), ui = &kiosk().run_queue()] {
        ui->post([this, alive] {
            if (!alive.expired() && courier_) courier_->poke(kiosk().now());
        });
    });
    kiosk().add_timer(
        [this, alive = std::weak_ptr<int>(alive_)]() -> std::optional<TimePoint> {
            if (alive.expired() || !courier_) return std::nullopt;
            return courier_->next_wakeup();
        },
        [this, alive = std::weak_ptr<int>(alive_)](TimePoint now) {
            if (!alive.expired() && courier_) courier_->tick(now);
        });
    courier_->start(kiosk().now());
    // What the hub acknowledged, and what is older than the maximum age, goes (a task: it writes).
    const auto file = data_dir_ / "bookings-outbox.sqlite";
    const auto max_age = settings_.max_age;
    const std::int64_t at = wall_seconds();
    kiosk().tasks().post(TaskGroup::Kiosk, "bookings.scrub",
                         [file, max_age, at](const Task&) { booking::scrub(file, max_age, at); });
}

const char* level_key(booking::Level l) {
    switch (l) {
        case booking::Level::Beginner:
            return TR_KEY("booking.level.beginner");
        case booking::Level::Intermediate:
            return TR_KEY("booking.level.intermediate");
        case booking::Level::Advanced:
            return TR_KEY("booking.level.advanced");
        case booking::Level::Any:
            break;
    }
    return TR_KEY("booking.level.any");
}

std::string session_when(const Translator& t, const booking::Workshop& w) {
    const hours::LocalDateTime at = hours::from_local_minutes(w.starts);
    return format(
        t.tr("booking.when"),
        {{"date", date_words(t, at.date())},
         {"time", hours::say_time(t, at.minute_of_day())},
         {"duration", w.duration_min % 60 == 0 ? t.trn("booking.duration_hours", w.duration_min / 60)
                                               : t.trn("booking.duration", w.duration_min)}});
}

std::string seats_words(const Translator& t, const booking::ShownWorkshop& s) {
    if (s.workshop.full()) return t.tr("booking.seats.full");
    if (!s.seats_confirmed || s.workshop.seats_left < 0) return t.tr("booking.seats.to_confirm");
    return t.trn("booking.seats.left", s.workshop.seats_left);
}

printing::Ticket booking_ticket(const Translator& t, const booking::Workshop& w,
                                booking::BookingStatus status, const std::string& key,
                                const hours::LocalDateTime& now) {
    printing::Ticket ticket;
    ticket.title = t.tr("booking.ticket.title");
    ticket.add(format(t.tr("print.printed_on"), {{"date", date_words(t, now.date())}}),
               printing::Style::small, printing::Align::centre);
    ticket.separator();
    ticket.add(w.title, printing::Style::heading);
    ticket.body(session_when(t, w));
    ticket.space(0.4);
    ticket.bold(w.place_name);
    if (!w.address.empty()) ticket.body(w.address);
    if (!w.phone.empty()) ticket.body(format(t.tr("print.places.phone"), {{"phone", phone_words(w.phone)}}));
    ticket.space(0.4);
    ticket.bold(status == booking::BookingStatus::Confirmed ? t.tr("booking.done.confirmed")
                                                            : t.tr("booking.done.pending"));
    if (w.pass_accepted) ticket.body(t.tr("booking.ticket.pass"));
    ticket.small(
        format(t.tr("booking.ticket.reference"), {{"ref", key.substr(key.size() > 8 ? key.size() - 8 : 0)}}));
    if (!w.booking_url.empty()) {
        ticket.separator();
        ticket.qr(w.booking_url, t.tr("print.place.qr_booking"));
    }
    ticket.footer = t.tr("booking.ticket.footer");
    return ticket;
}

}  // namespace kiosk::journeys
