#include "places_words.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "kiosk/core/hours/wording.hpp"
#include "kiosk/core/search/geo.hpp"

namespace kiosk::journeys {

std::string distance_words(const Translator& t, double metres) {
    return distance_words(t, metres, std::string{});
}

std::string distance_words(const Translator& t, double metres, const std::string& from_commune) {
    char km[32];
    if (metres < 1000)
        std::snprintf(km, sizeof km, "%d m", static_cast<int>(std::round(metres / 10.0) * 10));
    else if (metres < 10000)
        std::snprintf(km, sizeof km, "%.1f km", metres / 1000.0);
    else
        std::snprintf(km, sizeof km, "%d km", static_cast<int>(std::round(metres / 1000.0)));
    std::string distance;
    for (const char* c = km; *c; ++c)
        distance += *c == '.' ? t.tr("number.decimal_mark") : std::string(1, *c);
    const int walk = search::walking_minutes(metres);
    const bool from = !from_commune.empty();
    const bool on_foot = walk <= 45;
    const int minutes = on_foot ? walk : search::driving_minutes(metres);
    const std::string* text = nullptr;
    if (on_foot)
        text = from ? &t.tr("places.distance.walk_from") : &t.tr("places.distance.walk");
    else
        text = from ? &t.tr("places.distance.car_from") : &t.tr("places.distance.car");
    return format(*text, {{"distance", distance}, {"n", std::to_string(minutes)}, {"commune", from_commune}});
}

std::string phone_words(const std::string& phone) {
    // +33 4 77 96 18 18 → 04 77 96 18 18: how French people read and dial numbers.
    std::string digits;
    for (char c : phone)
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (phone.rfind("+33", 0) == 0 && digits.size() == 11) digits = "0" + digits.substr(2);
    if (digits.size() != 10) return phone;
    std::string out;
    for (std::size_t i = 0; i < digits.size(); i += 2) out += (i ? "\u00a0" : "") + digits.substr(i, 2);
    return out;
}

const std::vector<SupportWords>& support_words() {
    using places::Support;
    auto bit = [](Support s) { return static_cast<std::uint8_t>(s); };
    static const std::vector<SupportWords> list = {
        {bit(Support::Deafness), TR_KEY("support.deafness")},
        {bit(Support::VisualImpairment), TR_KEY("support.visual")},
        {bit(Support::MotorDisability), TR_KEY("support.motor")},
        {bit(Support::MentalDisability), TR_KEY("support.mental")},
        {bit(Support::Illiteracy), TR_KEY("support.reading")},
        {bit(Support::EnglishLanguage), TR_KEY("support.english")},
        {bit(Support::OtherLanguages), TR_KEY("support.languages")},
    };
    return list;
}

bool is_open(const PlaceResult& r) {
    return r.now.open();
}

std::string open_words(const Translator& t, const PlacesJourney& journey, const PlaceResult& r) {
    const hours::OpeningHours* h = journey.hours_of(r.id);
    if (!h || h->text().empty()) return t.tr("places.hours.none");
    return hours::say_status(t, *h, journey.local_now());
}

std::string week_words(const Translator& t, const PlacesJourney& journey, std::uint32_t place) {
    const hours::OpeningHours* h = journey.hours_of(place);
    if (!h || h->text().empty()) return {};
    std::string out;
    for (const std::string& line : hours::say_week(t, *h, journey.local_now().date())) out += line + "\n";
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace kiosk::journeys
