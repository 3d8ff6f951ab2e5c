#pragma once
// The screens of the "find a place near me" journey, and the words they share.
#include <string>

#include "kiosk/core/journeys/places_journey.hpp"
#include "textures.hpp"
#include "ui.hpp"

namespace kiosk::ui {

void draw_places_need(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_where(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_commune(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_results(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_detail(Ui& ui, journeys::PlacesJourney& journey);
void draw_places_map(Ui& ui, journeys::PlacesJourney& journey, TileCache& tiles);

// "à 1,2 km · 15 min à pied" (or by car when it is far).
std::string distance_words(const Ui& ui, double metres);
// "Ouvert maintenant, jusqu’à 12 h" / "Fermé — ouvre mardi à 9 h" / the hours as written when not understood.
std::string open_words(const Ui& ui, const journeys::PlacesJourney& journey, const journeys::PlaceResult& r);
bool is_open(const journeys::PlaceResult& r);
// "Lundi : 9 h – 12 h et 14 h – 17 h", one line a day of this week.
std::string week_words(const Ui& ui, const journeys::PlacesJourney& journey, std::uint32_t place);
// "04 77 96 18 18" from "+33477961818".
std::string phone_words(const std::string& phone);

// Specific support (v1 prise_en_charge_specifique) in plain words.
struct SupportWords {
    std::uint8_t bit;  // places::Support
    const char* key;
};
const std::vector<SupportWords>& support_words();

}  // namespace kiosk::ui
