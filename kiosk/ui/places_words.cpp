// Words shared by the places screens.
#include <cctype>

#include "kiosk/core/hours/wording.hpp"
#include "places_screens.hpp"

namespace kiosk::ui {

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

bool is_open(const journeys::PlaceResult& r) { return r.now.open(); }

}  // namespace kiosk::ui

namespace kiosk::ui {

std::string open_words(const Ui& ui, const journeys::PlacesJourney& journey, const journeys::PlaceResult& r) {
    const hours::OpeningHours* h = journey.hours_of(r.id);
    if (!h || h->text().empty()) return ui.tr("places.hours.none");
    return hours::say_status(ui.kiosk().translator(), *h, journey.local_now());
}

std::string week_words(const Ui& ui, const journeys::PlacesJourney& journey, std::uint32_t place) {
    const hours::OpeningHours* h = journey.hours_of(place);
    if (!h || h->text().empty()) return {};
    std::string out;
    for (const std::string& line : hours::say_week(ui.kiosk().translator(), *h, journey.local_now().date()))
        out += line + "\n";
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace kiosk::ui
