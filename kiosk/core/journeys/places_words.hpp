#pragma once
// The places journey in plain words, in the translator's current language: distances, "open now" sentences,
// the week's hours, phone numbers, specific support. The screens and read-aloud say the same words.
#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/i18n.hpp"
#include "places_journey.hpp"

namespace kiosk::journeys {

// "à 1,2 km · 15 min à pied" (or by car when it is far); the decimal mark is the language's.
std::string distance_words(const Translator& t, double metres);
// The same measured from another commune's centre: "à 330 m du centre de Saint-Étienne · 4 min à pied".
std::string distance_words(const Translator& t, double metres, const std::string& from_commune);
// "Ouvert maintenant, jusqu’à 12 h" / "Fermé — ouvre mardi à 9 h" / the hours as written when not understood.
std::string open_words(const Translator& t, const PlacesJourney& journey, const PlaceResult& r);
bool is_open(const PlaceResult& r);
// "Lundi : 9 h – 12 h et 14 h – 17 h", one line a day of this week.
std::string week_words(const Translator& t, const PlacesJourney& journey, std::uint32_t place);
// "04 77 96 18 18" from "+33477961818".
std::string phone_words(const std::string& phone);

// Specific support (v1 prise_en_charge_specifique) in plain words.
struct SupportWords {
    std::uint8_t bit;  // places::Support
    const char* key;
};
const std::vector<SupportWords>& support_words();

}  // namespace kiosk::journeys
