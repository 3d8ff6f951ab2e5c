#include "place_ticket.hpp"

#include <charconv>

#include "kiosk/core/hours/wording.hpp"
#include "places_words.hpp"

namespace kiosk::journeys {
namespace {

// Material Icons code points, UTF-8, as on the screens.
constexpr const char* kPlace = "\xee\x83\x88";     // e0c8 location_on
constexpr const char* kWalk = "\xee\x94\xb6";      // e536 directions_walk
constexpr const char* kCar = "\xee\x94\xb1";       // e531 directions_car
constexpr const char* kSchedule = "\xee\xa2\xb5";  // e8b5 schedule
constexpr const char* kPhone = "\xee\x82\xb0";     // e0b0 call
constexpr const char* kBag = "\xef\x86\x9c";       // f19c backpack
constexpr const char* kTicket = "\xee\x98\xb8";    // e638 confirmation_number
constexpr const char* kHelp = "\xee\xa2\x87";      // e887 help
constexpr const char* kEvent = "\xee\xa1\xb8";     // e878 event

std::string fixed5(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 5);
    return std::string(buf, r.ptr);
}

std::string address_lines(const places::Place& p) {
    std::string a = p.address;
    if (!p.address_complement.empty()) a += (a.empty() ? "" : "\n") + p.address_complement;
    a += (a.empty() ? "" : "\n") + p.postal_code + " " + p.commune;
    return a;
}

// Today's line of the week ("Mardi : 9 h – 12 h et 14 h – 17 h"), empty when the hours are not understood.
std::string today_line(const Translator& t, const PlacesJourney& journey, std::uint32_t id) {
    const hours::OpeningHours* h = journey.hours_of(id);
    if (!h || h->text().empty()) return {};
    const hours::LocalDateTime now = journey.local_now();
    const std::vector<std::string> week = hours::say_week(t, *h, now.date());
    const int wd = hours::weekday_of(hours::day_number(now.date()));
    if (wd < 0 || wd >= static_cast<int>(week.size())) return {};
    // "Mardi : 9 h – 12 h" without its day, which the sentence around it already says.
    const std::string& line = week[static_cast<std::size_t>(wd)];
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) return line;
    std::size_t from = colon + 1;
    while (from < line.size() && line[from] == ' ') ++from;
    return line.substr(from);
}

std::string what_to_bring(const Translator& t, const places::Place& p) {
    std::string s = t.tr("print.place.bring.always");
    if (p.services & static_cast<std::uint16_t>(places::Service::AdminProcedures))
        s += "\n" + t.tr("print.place.bring.papers");
    if (p.accepts_pass) s += "\n" + t.tr("print.place.bring.pass");
    return s;
}

std::string how_to_go(const Translator& t, const places::Place& p) {
    std::string s;
    if (p.access & static_cast<std::uint8_t>(places::Access::WalkIn)) s += t.tr("print.place.walk_in") + "\n";
    if (p.access & static_cast<std::uint8_t>(places::Access::Phone))
        s += t.tr("print.place.call_first") + "\n";
    if (!p.booking_url.empty() || (p.access & static_cast<std::uint8_t>(places::Access::OnlineBooking)))
        s += t.tr("print.place.book_online") + "\n";
    if (!s.empty()) s.pop_back();
    return s;
}

}  // namespace

std::string date_words(const Translator& t, const hours::LocalDate& day) {
    const int wd = hours::weekday_of(hours::day_number(day));
    return format(t.tr("print.date"),
                  {{"weekday", hours::say_weekday(t, wd)}, {"date", hours::say_date(t, day)}});
}

std::string openstreetmap_link(double latitude, double longitude) {
    const std::string la = fixed5(latitude), lo = fixed5(longitude);
    return "https://www.openstreetmap.org/?mlat=" + la + "&mlon=" + lo + "#map=18/" + la + "/" + lo;
}

printing::Ticket place_ticket(const Translator& t, const PlacesJourney& journey, const PlaceResult& r) {
    printing::Ticket ticket;
    const places::Place* p = journey.place(r.id);
    if (!p) return ticket;
    const hours::LocalDateTime now = journey.local_now();
    ticket.title = p->name;
    ticket.add(format(t.tr("print.printed_on"), {{"date", date_words(t, now.date())}}),
               printing::Style::small, printing::Align::centre);
    ticket.separator();

    ticket.with_pictogram(kPlace, t.tr("places.detail.address"), printing::Style::bold);
    ticket.body(address_lines(*p));
    if (p->approximate) ticket.small(t.tr("places.detail.approximate"));
    const PlacesQuery& q = journey.query();
    const std::string distance =
        distance_words(t, r.distance_m, q.from_kiosk ? std::string{} : q.commune_label);
    ticket.with_pictogram(search::walking_minutes(r.distance_m) <= 45 ? kWalk : kCar, distance);

    ticket.space(0.4);
    ticket.with_pictogram(kSchedule, t.tr("places.detail.hours"), printing::Style::bold);
    const std::string today = today_line(t, journey, r.id);
    ticket.body(open_words(t, journey, r));
    if (!today.empty())
        ticket.body(
            format(t.tr("print.place.today"), {{"date", date_words(t, now.date())}, {"hours", today}}));
    const std::string week = week_words(t, journey, r.id);
    if (!week.empty()) {
        ticket.small(t.tr("print.place.week"));
        ticket.body(week);
    }

    if (!p->phone.empty()) {
        ticket.space(0.4);
        ticket.with_pictogram(kPhone, t.tr("places.detail.phone"), printing::Style::bold);
        ticket.add(phone_words(p->phone), printing::Style::heading);
    }
    const std::string go = how_to_go(t, *p);
    if (!go.empty()) {
        ticket.space(0.4);
        ticket.with_pictogram(kEvent, t.tr("print.place.how"), printing::Style::bold);
        ticket.body(go);
    }

    ticket.space(0.4);
    ticket.with_pictogram(kBag, t.tr("print.place.bring"), printing::Style::bold);
    ticket.body(what_to_bring(t, *p));

    ticket.space(0.4);
    ticket.with_pictogram(kTicket, t.tr("print.place.pass"), printing::Style::bold);
    ticket.body(
        t.tr(p->accepts_pass ? TR_KEY("places.detail.pass_yes") : TR_KEY("places.detail.pass_unknown")));

    std::string helps;
    for (const Need& n : needs())
        if (p->services & n.service) helps += "• " + t.tr(n.key) + "\n";
    if (!helps.empty()) {
        helps.pop_back();
        ticket.space(0.4);
        ticket.with_pictogram(kHelp, t.tr("places.detail.helps"), printing::Style::bold);
        ticket.body(helps);
    }

    if (p->latitude && p->longitude) {
        ticket.separator();
        ticket.qr(openstreetmap_link(*p->latitude, *p->longitude), t.tr("print.place.qr_map"));
    }
    if (!p->booking_url.empty()) {
        ticket.separator();
        ticket.qr(p->booking_url, t.tr("print.place.qr_booking"));
    }
    ticket.footer = t.tr("print.place.footer");
    return ticket;
}

void add_places_list(printing::Ticket& ticket, const Translator& t, const PlacesJourney& journey,
                     const std::vector<PlaceResult>& list) {
    if (list.empty()) {
        ticket.body(t.tr("print.places.none"));
        return;
    }
    bool first = true;
    for (const PlaceResult& r : list) {
        const places::Place* p = journey.place(r.id);
        if (!p) continue;
        if (!first) ticket.space(0.5);
        first = false;
        ticket.with_pictogram(kPlace, p->name, printing::Style::bold);
        ticket.body(address_lines(*p));
        ticket.body(distance_words(t, r.distance_m));
        const std::string today = today_line(t, journey, r.id);
        ticket.body(today.empty() ? open_words(t, journey, r)
                                  : format(t.tr("print.places.today"), {{"hours", today}}));
        if (!p->phone.empty())
            ticket.body(format(t.tr("print.places.phone"), {{"phone", phone_words(p->phone)}}));
    }
}

printing::Ticket pass_places_ticket(const Translator& t, const PlacesJourney& journey,
                                    const std::vector<PlaceResult>& list) {
    printing::Ticket ticket;
    ticket.title = t.tr("print.pass.title");
    ticket.add(format(t.tr("print.printed_on"), {{"date", date_words(t, journey.local_now().date())}}),
               printing::Style::small, printing::Align::centre);
    ticket.separator();
    ticket.body(t.tr("print.pass.intro"));
    ticket.space(0.4);
    add_places_list(ticket, t, journey, list);
    ticket.footer = t.tr("print.place.footer");
    return ticket;
}

}  // namespace kiosk::journeys
