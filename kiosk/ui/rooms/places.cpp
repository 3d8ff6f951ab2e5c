// The room of "find a place near me": needs, where from, results, one place, the map.
#include "../app.hpp"
#include "../places_screens.hpp"

namespace kiosk::ui {

void add_places_room(Kiosk& kiosk, App& app) {
    const Config& c = kiosk.config();
    auto& places = kiosk.emplace<journeys::PlacesJourney>(
        c.latitude, c.longitude, c.commune_name.empty() ? c.site_name : c.commune_name, kiosk.wall_clock());
    app.add_screen(Screen::PlacesNeed, [&places](Ui& ui) { draw_places_need(ui, places); });
    app.add_screen(Screen::PlacesWhere, [&places](Ui& ui) { draw_places_where(ui, places); });
    app.add_screen(Screen::PlacesCommune, [&places](Ui& ui) { draw_places_commune(ui, places); });
    app.add_screen(Screen::PlacesResults, [&places](Ui& ui) { draw_places_results(ui, places); });
    app.add_screen(Screen::PlacesDetail, [&places](Ui& ui) { draw_places_detail(ui, places); });
    app.add_screen(Screen::PlacesMap, [&places, &app](Ui& ui) { draw_places_map(ui, places, app.tiles()); });
}

}  // namespace kiosk::ui
