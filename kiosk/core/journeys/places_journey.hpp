#pragma once
// The "find a place near me" journey: what the citizen asked for, where from, and what was found.
// UI-free; the screens read it and send it intents ("places.filter.free", "places.select"…). Forgotten with
// the session.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/journey.hpp"
#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/journeys/places_data.hpp"
#include "kiosk/core/journeys/ticket_printing.hpp"

namespace kiosk::journeys {

// What the citizen needs, in plain words; each maps onto one v1 service category.
struct Need {
    std::uint16_t service;  // places::Service bit
    const char* key;        // translation key of the plain words
    const char* glyph;      // pictogram (UTF-8)
};
const std::vector<Need>& needs();

struct PlacesQuery {
    std::uint16_t services = 0;  // any of these (places::Service bits); 0 = any help
    bool open_now = false;
    int open_day = -1;          // open at some time that day (0 = Monday … 6 = Sunday), -1 = any day
    bool more_filters = false;  // the screen shows the day and support choices
    bool free_only = false;
    bool pass_only = false;
    std::uint8_t supports = 0;  // all of these (places::Support bits)
    // Where from: the kiosk, or a commune the citizen chose.
    bool from_kiosk = true;
    std::string commune_code, commune_label;
    double latitude = 0, longitude = 0;
    double radius_km = 25;
};

// One place found, with what the results screen says about it.
struct PlaceResult {
    std::uint32_t id = 0;  // position in PlacesData::places
    double distance_m = 0;
    hours::Status now;                           // open, closed or unknown right now
    std::optional<hours::LocalDateTime> change;  // when that changes (closes, or opens next)
};

class PlacesJourney final : public Journey {
  public:
    static constexpr std::size_t kMaxResults = 20;

    const char* name() const override { return "places"; }
    std::vector<Screen> screens() const override;
    std::vector<Route> routes() const override;
    void handle(const Intent& intent, TimePoint now) override;
    std::function<void()> swap(const ContentPlace& from) override;

    // `origin_*`: the kiosk's own position and the words that name it; `clock` says what is open now.
    PlacesJourney(double origin_latitude, double origin_longitude, std::string origin_label,
                  const WallClock& clock);

    void set_data(std::shared_ptr<const PlacesData> data);  // from the loader, on the UI thread
    bool ready() const { return data_ != nullptr; }
    const PlacesData* data() const { return data_.get(); }
    // The map's MBTiles file, shared with the tasks reading its tiles; none when the content has none.
    std::shared_ptr<const MapTiles> tiles() const {
        if (!data_ || !data_->tiles.is_open()) return {};
        return std::shared_ptr<const MapTiles>(data_, &data_->tiles);
    }

    PlacesQuery& query() { return query_; }
    const PlacesQuery& query() const { return query_; }
    void reset() override;  // forgets the citizen's choices and results (the session wipe)

    // Where from.
    void search_from_kiosk();
    void start_typing();
    std::string& typed() { return typed_; }
    const std::vector<search::Suggestion>& suggestions();  // for what is typed; recomputed when it changes
    void choose_commune(const places::Commune& commune);
    const std::string& origin_label() const;

    // Results for the current query: run() after any change of the query.
    void run();
    const std::vector<PlaceResult>& results() const { return results_; }
    const search::Widening& widening() const { return widening_; }
    void select(std::uint32_t id) { selected_ = id; }
    std::optional<std::uint32_t> selected() const { return selected_; }
    const places::Place* place(std::uint32_t id) const;
    const hours::OpeningHours* hours_of(std::uint32_t id) const;
    hours::LocalDateTime local_now() const;
    const PlaceResult* result_of(std::uint32_t id) const;  // the selected place's result, if it is listed

    // The `n` nearest places around the kiosk offering any of `services` (0: any), only those taking the pass
    // if asked; the citizen's own search is left as it is (for the diagnostic's and the pass's tickets).
    std::vector<PlaceResult> nearest(std::uint16_t services, bool pass_only, std::size_t n) const;

    // Printing ("places.print": the selected place; "places.print.retry"; "places.print.agent"), as a task.
    void set_printer(std::shared_ptr<printing::TicketSink> printer) {
        printing_.set_sink(std::move(printer));
    }
    const printing::PrintState& print_state() const { return printing_.state(); }
    bool can_print() const { return printing_.available(); }

    // The results on the map: its view, moved by "places.map.*" intents, and what it shows.
    map::MapState& map() { return map_; }

  private:
    search::Query make_query(const PlacesQuery& query, const hours::LocalDateTime& now) const;
    std::vector<PlaceResult> find(const PlacesQuery& query, std::size_t n, search::Widening* widening) const;
    void print_selected();
    void show_results_on_map();  // the results' markers and the origin to the map (its view refits)

    double kiosk_latitude_, kiosk_longitude_;
    std::string kiosk_label_;
    std::shared_ptr<const PlacesData> data_;
    const WallClock& wall_clock_;
    PlacesQuery query_;
    std::string typed_, suggested_for_;
    std::vector<search::Suggestion> suggestions_;
    std::vector<PlaceResult> results_;
    search::Widening widening_;
    std::optional<std::uint32_t> selected_;
    map::MapState map_;
    mutable std::vector<std::optional<search::WeekMask>> masks_;  // refreshed when the week changes
    TicketPrinting printing_;
};

}  // namespace kiosk::journeys
