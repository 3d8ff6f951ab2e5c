#pragma once
// The printed tickets of the places journey, in large type and plain words of the citizen's language: one
// place (name, address, how far and how long, today's and the week's hours, phone, what to bring, the pass,
// a QR code to the place on OpenStreetMap and one to book where it books online), and a short list of the
// nearest places for a need or a pass. Dates are said in words ("mardi 24 novembre"), never as ISO dates.
#include <string>
#include <vector>

#include "kiosk/core/hours/calendar.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/printing/ticket.hpp"
#include "places_journey.hpp"

namespace kiosk::journeys {

// "mardi 24 novembre" / "Tuesday, November 24".
std::string date_words(const Translator& t, const hours::LocalDate& day);
// https://www.openstreetmap.org/?mlat=45.60750&mlon=4.06530#map=18/45.60750/4.06530 (a '.' decimal point,
// whatever the locale).
std::string openstreetmap_link(double latitude, double longitude);

// One place, found as `result` (its distance and state now), on the journey's data, at the journey's time.
printing::Ticket place_ticket(const Translator& t, const PlacesJourney& journey, const PlaceResult& result);

// The nearest places in a few lines each (name, address, distance, today's hours, phone), after a heading.
void add_places_list(printing::Ticket& ticket, const Translator& t, const PlacesJourney& journey,
                     const std::vector<PlaceResult>& places);

// The places that accept the pass numérique, nearest first, as one ticket.
printing::Ticket pass_places_ticket(const Translator& t, const PlacesJourney& journey,
                                    const std::vector<PlaceResult>& places);

}  // namespace kiosk::journeys
