// The room of workshops and booking a seat: the list, one session, the form, the consent, the answer.
#include "../app.hpp"
#include "../booking_screens.hpp"

namespace kiosk::ui {

void add_booking_room(Kiosk& kiosk, App& app) {
    auto& booking = kiosk.emplace<journeys::BookingJourney>(kiosk.wall_clock());
    app.add_screen(journeys::kWorkshops, [&booking](Ui& ui) { draw_workshops(ui, booking); });
    app.add_screen(journeys::kWorkshop, [&booking](Ui& ui) { draw_workshop(ui, booking); });
    app.add_screen(journeys::kBookingName, [&booking](Ui& ui) { draw_booking_name(ui, booking); });
    app.add_screen(journeys::kBookingContact, [&booking](Ui& ui) { draw_booking_contact(ui, booking); });
    app.add_screen(journeys::kBookingConsent, [&booking](Ui& ui) { draw_booking_consent(ui, booking); });
    app.add_screen(journeys::kBookingDone, [&booking](Ui& ui) { draw_booking_done(ui, booking); });
}

}  // namespace kiosk::ui
