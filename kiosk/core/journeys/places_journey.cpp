#include "places_journey.hpp"

#include <cmath>

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/places/place.hpp"
#include "place_ticket.hpp"

namespace kiosk::journeys {

const std::vector<Need>& needs() {
    using places::Service;
    auto bit = [](Service s) { return static_cast<std::uint16_t>(s); };
    // Material Icons code points, UTF-8.
    static const std::vector<Need> list = {
        {bit(Service::AdminProcedures), TR_KEY("need.admin"), "\xee\xa1\x8f"},    // e84f account_balance
        {bit(Service::EverydayTools), TR_KEY("need.everyday"), "\xee\x8c\xac"},   // e32c smartphone
        {bit(Service::SafeUse), TR_KEY("need.safety"), "\xee\x8c\xaa"},           // e32a security
        {bit(Service::JobInsertion), TR_KEY("need.job"), "\xee\xa3\xb9"},         // e8f9 work
        {bit(Service::InternetAccess), TR_KEY("need.internet"), "\xee\x98\xbe"},  // e63e wifi
        {bit(Service::Parenting), TR_KEY("need.parenting"), "\xef\x86\xa2"},      // f1a2 family_restroom
        {bit(Service::Leisure), TR_KEY("need.leisure"), "\xee\x90\x8a"},          // e40a palette
        {bit(Service::UnderstandingDigital), TR_KEY("need.understanding"), "\xee\x83\xb0"},  // e0f0 lightbulb
        {bit(Service::AffordableEquipment), TR_KEY("need.equipment"), "\xee\xa3\x8c"},  // e8cc shopping_cart
    };
    return list;
}

}  // namespace kiosk::journeys

namespace kiosk::journeys {

PlacesJourney::PlacesJourney(double lat, double lon, std::string label, const WallClock& clock)
    : kiosk_latitude_(lat), kiosk_longitude_(lon), kiosk_label_(std::move(label)), wall_clock_(clock) {
    reset();
}

void PlacesJourney::set_data(std::shared_ptr<const PlacesData> data) {
    data_ = std::move(data);
    map_ = map::MapState{};
    // Tiles name the places themselves; without them, the map names the communes around.
    if (data_ && data_->tiles.is_open())
        map_.set_zoom_range(data_->tiles.min_zoom(), data_->tiles.max_zoom());
    else if (data_)
        map_.set_towns(data_->communes.communes(), data_->towns);
    show_results_on_map();
}

void PlacesJourney::show_results_on_map() {
    std::vector<map::World> markers;
    for (const PlaceResult& r : results_) {
        const places::Place& p = data_->places[r.id];
        if (p.latitude && p.longitude) markers.push_back(map::project(*p.latitude, *p.longitude));
    }
    map_.set_markers(std::move(markers), map::project(query_.latitude, query_.longitude));
}

std::vector<Screen> PlacesJourney::screens() const {
    return {Screen::PlacesNeed,    Screen::PlacesWhere,  Screen::PlacesCommune,
            Screen::PlacesResults, Screen::PlacesDetail, Screen::PlacesMap};
}

std::vector<Route> PlacesJourney::routes() const {
    // Home opens the needs, which say where to search from: near here is one tap to the results.
    return {{Screen::Home, Screen::PlacesNeed},
            {Screen::PlacesNeed, Screen::PlacesResults},
            {Screen::PlacesNeed, Screen::PlacesCommune},
            {Screen::PlacesWhere, Screen::PlacesCommune},
            {Screen::PlacesResults, Screen::PlacesCommune},
            {Screen::PlacesWhere, Screen::PlacesResults},
            {Screen::PlacesCommune, Screen::PlacesResults},
            {Screen::PlacesResults, Screen::PlacesDetail},
            {Screen::PlacesMap, Screen::PlacesDetail},
            {Screen::PlacesResults, Screen::PlacesMap},
            {Screen::PlacesDetail, Screen::PlacesMap}};
}

std::function<void()> PlacesJourney::swap(const ContentPlace& from) {
    std::shared_ptr<const PlacesData> loaded = PlacesData::load(
        from.content_dir, from.data_dir,
        std::chrono::system_clock::to_time_t(wall_clock_.now()));  // the week "open now" indexes
    return [this, loaded] {
        set_data(loaded);
        // Only the places screens show what was loaded: the others are not redrawn for it.
        const Screen s = kiosk().screen();
        if (s == Screen::PlacesResults) run();
        if (owns(s)) kiosk().redraw(2);
    };
}

void PlacesJourney::handle(const Intent& in, TimePoint now) {
    const std::string& n = in.name;
    PlacesQuery& q = query_;
    bool rerun = true;              // most choices change what is found
    if (n == "places.for_needs") {  // handed over by the diagnostic: the search opens filtered on these needs
        reset();
        if (const auto* services = in.as<std::uint16_t>()) q.services = *services;
        rerun = false;
    } else if (n == "places.for_pass") {  // handed over by the pass: the places that accept it
        reset();
        q.pass_only = true;
        rerun = false;
    } else if (n == "places.need") {
        if (const auto* bit = in.as<std::uint16_t>()) q.services ^= *bit;
        rerun = false;
    } else if (n == "places.from_kiosk") {
        search_from_kiosk();
        kiosk().dispatch(ev::Open{Screen::PlacesResults}, now);
        return;
    } else if (n == "places.type_commune") {
        start_typing();
        kiosk().dispatch(ev::Open{Screen::PlacesCommune}, now);
        return;
    } else if (n == "places.typed") {
        if (const auto* text = in.as<std::string>()) typed_ = *text;
        return;
    } else if (n == "places.commune") {
        const auto* c = in.as<const places::Commune*>();
        if (!c || !*c) return;
        choose_commune(**c);
        kiosk().dispatch(ev::Open{Screen::PlacesResults}, now);
        return;
    } else if (n == "places.print") {
        print_selected();
        return;
    } else if (n == "places.print.retry") {
        printing_.retry(kiosk());
        return;
    } else if (n == "places.print.agent") {
        printing_.call_agent(kiosk());
        return;
    } else if (n == "places.select") {
        const auto* id = in.as<std::uint32_t>();
        if (!id || !place(*id)) return;
        // Another place: what was said about the last ticket is not about this one.
        if (selected_ != *id && printing_.state().kind != printing::PrintState::Kind::Printing)
            printing_.reset();
        select(*id);
        kiosk().dispatch(ev::Open{Screen::PlacesDetail}, now);
        return;
    } else if (n.rfind("places.map.", 0) == 0) {
        if (n == "places.map.zoom_in")
            map_.zoom_in();
        else if (n == "places.map.zoom_out")
            map_.zoom_out();
        else if (n == "places.map.reset")
            map_.reset();
        else if (const auto* g = in.as<std::size_t>(); g && n == "places.map.group")
            map_.open_group(*g);
        else if (const auto* m = in.as<map::Gesture>(); m && n == "places.map.move")
            map_.move(*m);
        return;
    } else if (n == "places.filter.open_now") {
        q.open_now = !q.open_now;
        q.open_day = -1;
    } else if (n == "places.filter.free") {
        q.free_only = !q.free_only;
    } else if (n == "places.filter.pass") {
        q.pass_only = !q.pass_only;
    } else if (n == "places.filter.more") {
        q.more_filters = !q.more_filters;
        rerun = false;
    } else if (n == "places.filter.show") {
        q.more_filters = false;
        rerun = false;
    } else if (n == "places.filter.day") {
        const auto* d = in.as<int>();
        if (!d || *d < 0 || *d > 6) return;
        q.open_day = q.open_day == *d ? -1 : *d;
        q.open_now = false;
    } else if (n == "places.filter.support") {
        if (const auto* bit = in.as<std::uint8_t>()) q.supports ^= *bit;
    } else if (n == "places.widen.radius") {
        q.radius_km = std::max(q.radius_km, std::ceil(widening_.radius_m / 1000.0));
    } else if (n == "places.widen.open") {
        q.open_now = false;
    } else if (n == "places.widen.needs") {
        q.services = 0;
    } else if (n == "places.widen.filters") {
        q.free_only = false;
        q.pass_only = false;
        q.supports = 0;
    } else {
        return;
    }
    if (rerun) run();
}

void PlacesJourney::reset() {
    query_ = PlacesQuery{};
    query_.latitude = kiosk_latitude_;
    query_.longitude = kiosk_longitude_;
    typed_.clear();
    suggested_for_.clear();
    suggestions_.clear();
    results_.clear();
    widening_ = {};
    selected_.reset();
    printing_.reset();
    show_results_on_map();
}

void PlacesJourney::print_selected() {
    if (!selected_) return;
    const PlaceResult* r = result_of(*selected_);
    if (!r) return;
    printing_.print(kiosk(), place_ticket(kiosk().translator(), *this, *r), "place ticket");
}

const PlaceResult* PlacesJourney::result_of(std::uint32_t id) const {
    for (const PlaceResult& r : results_)
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<PlaceResult> PlacesJourney::nearest(std::uint16_t services, bool pass_only, std::size_t n) const {
    PlacesQuery q;
    q.latitude = kiosk_latitude_;
    q.longitude = kiosk_longitude_;
    q.services = services;
    q.pass_only = pass_only;
    return find(q, n, nullptr);
}

void PlacesJourney::search_from_kiosk() {
    query_.from_kiosk = true;
    query_.commune_code.clear();
    query_.commune_label.clear();
    query_.latitude = kiosk_latitude_;
    query_.longitude = kiosk_longitude_;
    run();
}

void PlacesJourney::start_typing() {
    typed_.clear();
    suggested_for_.clear();
    suggestions_.clear();
}

void PlacesJourney::choose_commune(const places::Commune& c) {
    query_.from_kiosk = false;
    query_.commune_code = c.insee;
    query_.commune_label = c.name;
    query_.latitude = c.latitude;
    query_.longitude = c.longitude;
    // Chosen for a typed postal code of an arrondissement (75015, 69003, 13011): the search starts from that
    // arrondissement, not from the city's centre.
    for (const search::Suggestion& s : suggestions_) {
        if (!data_ || suggested_for_ != typed_ || s.commune != &c ||
            s.match != search::Suggestion::Match::PostalCode)
            continue;
        const places::PostalPosition* p =
            places::find_postal_position(data_->postal_positions, s.postal_code);
        if (!p || p->parent != c.insee) continue;
        query_.commune_code = p->insee;
        query_.commune_label = p->name;
        query_.latitude = p->latitude;
        query_.longitude = p->longitude;
        break;
    }
    run();
}

const std::vector<search::Suggestion>& PlacesJourney::suggestions() {
    if (data_ && typed_ != suggested_for_) {
        suggestions_ = data_->communes.suggest(typed_, 6);
        suggested_for_ = typed_;
    }
    return suggestions_;
}

const std::string& PlacesJourney::origin_label() const {
    return query_.from_kiosk ? kiosk_label_ : query_.commune_label;
}

const places::Place* PlacesJourney::place(std::uint32_t id) const {
    return data_ && id < data_->places.size() ? &data_->places[id] : nullptr;
}

const hours::OpeningHours* PlacesJourney::hours_of(std::uint32_t id) const {
    return data_ && id < data_->hours.size() ? &data_->hours[id] : nullptr;
}

hours::LocalDateTime PlacesJourney::local_now() const {
    return hours::paris_local_time(std::chrono::system_clock::to_time_t(wall_clock_.now()));
}

namespace {
struct OpenCheck {
    const PlacesData* data;
    hours::LocalDateTime at;
};
// The index's 15-minute slots narrow the candidates; this says the exact answer at this minute.
bool open_at_exactly(const void* context, std::uint32_t id) {
    const auto* c = static_cast<const OpenCheck*>(context);
    return c->data->open_at(id, c->at);
}
}  // namespace

search::Query PlacesJourney::make_query(const PlacesQuery& pq, const hours::LocalDateTime& now) const {
    search::Query q;
    q.latitude = pq.latitude;
    q.longitude = pq.longitude;
    q.max_distance_m = pq.radius_km * 1000.0;
    q.filters.services_any = pq.services;
    q.filters.supports_all = pq.supports;
    q.filters.free_only = pq.free_only;
    q.filters.pass_only = pq.pass_only;
    if (pq.open_now)
        q.filters.open = search::OpenFilter::at(search::week_slot(now.weekday, now.hour, now.minute));
    else if (pq.open_day >= 0 && pq.open_day < 7)
        q.filters.open = search::OpenFilter::on_day(pq.open_day);
    return q;
}

void PlacesJourney::run() {
    results_.clear();
    widening_ = {};
    selected_.reset();
    if (!data_) return;
    results_ = find(query_, kMaxResults, &widening_);
    show_results_on_map();
}

std::vector<PlaceResult> PlacesJourney::find(const PlacesQuery& query, std::size_t n,
                                             search::Widening* widening) const {
    std::vector<PlaceResult> results;
    if (!data_) return results;
    const hours::LocalDateTime now = local_now();
    search::Query q = make_query(query, now);
    OpenCheck check{data_.get(), now};
    if (query.open_now) {
        q.filters.accept = &open_at_exactly;
        q.filters.accept_context = &check;
    }
    // The index's masks describe one week; outside it, the exact check alone decides.
    auto monday = [](const hours::LocalDate& d) {
        const hours::DayNumber dn = hours::day_number(d);
        return dn - hours::weekday_of(dn);
    };
    const bool other_week = query.open_now && monday(now.date()) != monday(data_->week_of);
    if (other_week) q.filters.open = search::OpenFilter::any();
    std::vector<search::Hit> hits = data_->index.nearest(q, n);
    for (const search::Hit& h : hits) {
        PlaceResult r{h.id, h.distance_m, {}, {}};
        const hours::OpeningHours& oh = data_->hours[h.id];
        if (oh.understood()) {
            r.now = hours::citizen_status(oh, now);
            r.change = oh.next_change(now, 14);
        } else {
            r.now.state = hours::State::Unknown;
        }
        results.push_back(r);
    }
    if (widening && results.size() < 3) {
        if (other_week) {
            // No slot filter for this week: the exact check stays in the counts, and "open now" is still
            // one filter the citizen can drop.
            *widening = data_->index.widen(q, 3);
            search::Query any_time = q;
            any_time.filters.accept = nullptr;
            widening->without_open = data_->index.count(any_time, 100);
        } else {
            q.filters.accept =
                nullptr;  // counts are for the offers to widen; the slot filter is close enough
            *widening = data_->index.widen(q, 3);
        }
    }
    return results;
}

}  // namespace kiosk::journeys
