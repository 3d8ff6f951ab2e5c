#pragma once
// The screens of "Ateliers près de chez vous" and of booking a seat.
#include "kiosk/core/journeys/booking_journey.hpp"
#include "ui.hpp"

namespace kiosk::ui {

void draw_workshops(Ui& ui, const journeys::BookingJourney& journey);
void draw_workshop(Ui& ui, const journeys::BookingJourney& journey);
void draw_booking_name(Ui& ui, const journeys::BookingJourney& journey);
void draw_booking_contact(Ui& ui, const journeys::BookingJourney& journey);
void draw_booking_consent(Ui& ui, const journeys::BookingJourney& journey);
void draw_booking_done(Ui& ui, const journeys::BookingJourney& journey);

}  // namespace kiosk::ui
