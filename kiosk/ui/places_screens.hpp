#pragma once
// The screens of the "find a place near me" journey, and the words they share.
#include <string>

#include "kiosk/core/journeys/places_journey.hpp"
#include "kiosk/core/journeys/places_words.hpp"
#include "textures.hpp"
#include "ui.hpp"

namespace kiosk::ui {

void draw_places_need(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_where(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_commune(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_results(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_detail(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_map(Ui& ui, journeys::PlacesJourney& journey, TileCache& tiles);

// The words live in the core (journeys/places_words), in the citizen's language; these read them for a
// screen.
// Said from the commune the citizen chose when the search is not around the kiosk.
inline std::string distance_words(const Ui& ui, double metres, const journeys::PlacesJourney& journey) {
    const journeys::PlacesQuery& q = journey.query();
    return journeys::distance_words(ui.kiosk().translator(), metres,
                                    q.from_kiosk ? std::string{} : q.commune_label);
}
inline std::string open_words(const Ui& ui, const journeys::PlacesJourney& journey,
                              const journeys::PlaceResult& r) {
    return journeys::open_words(ui.kiosk().translator(), journey, r);
}
inline std::string week_words(const Ui& ui, const journeys::PlacesJourney& journey, std::uint32_t place) {
    return journeys::week_words(ui.kiosk().translator(), journey, place);
}
using journeys::is_open;
using journeys::phone_words;
using journeys::support_words;
using journeys::SupportWords;

}  // namespace kiosk::ui
