#pragma once
// "Ateliers près de chez vous" and booking a seat: the sessions of every source (cached, refreshed by a
// task), one session, the citizen's first and last name, a telephone number (or an e-mail, or none), the
// consent in plain words, then the true answer and a ticket. From a session in a list to a confirmed seat:
// the session, "Réserver", two "Suivant", "Suivant", "Je confirme": 6 taps, typing aside.
//
// The request is sealed for the hub at once (booking.hpp) and queued in the bookings' own durable outbox
// (<data>/bookings-outbox.sqlite, the kiosk's Outbox and Courier), delivered with its idempotency key; the
// citizen sees "Votre place est réservée" only once the hub confirmed, else "Votre demande est enregistrée :
// la structure vous appellera". The form is forgotten with the session.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/booking/booking.hpp"
#include "kiosk/core/booking/cache.hpp"
#include "kiosk/core/courier.hpp"
#include "kiosk/core/journey.hpp"
#include "kiosk/core/journeys/ticket_printing.hpp"
#include "kiosk/core/wall_clock.hpp"

namespace kiosk::journeys {

inline constexpr Screen kWorkshops{"workshops"};             // "Ateliers près de chez vous"
inline constexpr Screen kWorkshop{"workshop"};               // one session, "Réserver une place"
inline constexpr Screen kBookingName{"booking-name"};        // first name, then last name
inline constexpr Screen kBookingContact{"booking-contact"};  // telephone (or e-mail, or none)
inline constexpr Screen kBookingConsent{"booking-consent"};  // what is sent to whom, kept how long; confirm
inline constexpr Screen kBookingDone{"booking-done"};        // the true state, the ticket

class BookingJourney final : public Journey {
  public:
    explicit BookingJourney(const WallClock& clock) : clock_(clock) {}
    ~BookingJourney() override;
    const char* name() const override { return "booking"; }
    std::vector<Screen> screens() const override;
    std::vector<Route> routes() const override;
    void reset() override;
    void enter(Screen screen, Screen from, TimePoint now) override;
    void handle(const Intent& intent, TimePoint now) override;
    std::function<void()> swap(const ContentPlace& from) override;

    // What the screens read.
    bool ready() const { return cache_ != nullptr; }
    bool can_book() const { return settings_.hub_key.has_value(); }
    const std::vector<booking::ShownWorkshop>& list() const { return list_; }  // filtered, soonest first
    std::vector<booking::ShownWorkshop> at_place(const std::string& place_id) const;  // for a place's page
    const std::string& place_filter() const { return place_filter_; }
    bool filtered_by_diagnostic() const { return diag_services_ != 0; }
    const booking::ShownWorkshop* selected() const { return selected_ ? &*selected_ : nullptr; }
    hours::LocalDateTime local_now() const;

    enum class Field { FirstName, LastName };
    enum class Contact { Phone, Email, None };
    Field field() const { return field_; }
    Contact contact() const { return contact_; }
    const booking::Citizen& citizen() const { return citizen_; }
    const std::string& text() const;                  // the field being typed
    const char* problem() const { return problem_; }  // translation key of what is wrong, "" when fine
    const booking::PhoneCheck& phone() const { return phone_; }

    bool submitting() const { return submitting_; }  // being sealed and written to disk
    const std::string& key() const { return key_; }
    std::optional<booking::BookingStatus> status() const { return status_; }

    void set_printer(std::shared_ptr<printing::TicketSink> printer) {
        printing_.set_sink(std::move(printer));
    }
    const printing::PrintState& print_state() const { return printing_.state(); }
    bool can_print() const { return printing_.available(); }

    // For the tests, the bench and the agent: where things are.
    const std::shared_ptr<outbox::Outbox>& outbox() const { return box_; }
    const std::shared_ptr<booking::BookingLedger>& ledger() const { return ledger_; }
    const std::shared_ptr<booking::WorkshopCache>& cache() const { return cache_; }
    const booking::BookingSettings& settings() const { return settings_; }
    void refresh(TimePoint now);  // fetches every source again (a task)
    bool refreshing() const { return refreshing_; }

    // Supervised mode: "booking.cancel" (an agent in) cancels this session's booking through the bookings'
    // outbox (a "booking.cancel" message, DELETE on the hub), journaled as booking.cancel.
    bool can_cancel() const;
    bool cancel_queued() const { return cancel_queued_; }
    // "Synchroniser maintenant": the bookings' outbox tried now whatever its backoff and the sessions fetched
    // again; `done` (UI thread) gets the line for the agent page.
    void sync_now(TimePoint now, std::function<void(std::string)> done);

  private:
    void filter();
    void install(booking::BookingSettings settings, std::filesystem::path data_dir, std::string kiosk_id,
                 std::vector<std::shared_ptr<booking::WorkshopSource>> sources,
                 std::shared_ptr<booking::WorkshopCache> cache, std::vector<booking::ShownWorkshop> shown);
    void submit(TimePoint now);
    void cancel(TimePoint now);
    bool cancel_queued_ = false;
    Task cancel_task_;  // not cancelled by the wipe: an agent's cancellation goes anyway
    std::vector<std::function<void()>> refreshed_;  // waiting for the refresh under way
    void print_ticket();
    std::int64_t wall_seconds() const;

    const WallClock& clock_;
    booking::BookingSettings settings_;
    std::filesystem::path data_dir_;
    std::string kiosk_id_;
    std::vector<std::shared_ptr<booking::WorkshopSource>> sources_;
    std::shared_ptr<booking::WorkshopCache> cache_;
    std::shared_ptr<booking::BookingLedger> ledger_;
    std::shared_ptr<outbox::Outbox> box_;
    std::unique_ptr<Courier> courier_;
    std::vector<booking::ShownWorkshop> shown_, list_;
    bool refreshing_ = false;
    Task refresh_task_;
    TimePoint refreshed_at_{};

    std::string place_filter_;
    std::uint16_t diag_services_ = 0;
    booking::Level diag_level_ = booking::Level::Any;
    std::optional<booking::ShownWorkshop> selected_;
    booking::Citizen citizen_;
    Field field_ = Field::FirstName;
    Contact contact_ = Contact::Phone;
    booking::PhoneCheck phone_;
    const char* problem_ = "";
    bool submitting_ = false;
    std::string key_;
    std::optional<booking::BookingStatus> status_;
    Task submit_task_;
    TicketPrinting printing_;
    std::shared_ptr<int> alive_ =
        std::make_shared<int>(0);  // the sender's answers find the journey only while it lives
};

// The booking's ticket: the session in words (date, time, place, address, phone), the true state, the
// reference, and a QR code to the place's booking page when it has one. No personal data.
printing::Ticket booking_ticket(const Translator& t, const booking::Workshop& w,
                                booking::BookingStatus status, const std::string& key,
                                const hours::LocalDateTime& now);
// "mardi 1 décembre à 14 h 00, 2 heures" — the session's date and time in words.
std::string session_when(const Translator& t, const booking::Workshop& w);
// "8 places restantes", "Complet", "Places restantes à confirmer".
std::string seats_words(const Translator& t, const booking::ShownWorkshop& s);
const char* level_key(booking::Level l);

}  // namespace kiosk::journeys
