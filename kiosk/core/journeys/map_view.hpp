#pragma once
// The places map, computed here so that its screen only draws: the Web Mercator projection, the view (its
// centre and zoom) moved by a finger, a pinch or the zoom buttons within zoom limits, close markers grouped
// into one disc with a count (a tap on a group shows its extent), the names of the nearby communes placed so
// that none covers another, a marker or "vous êtes ici", and a round scale bar. Pure: no imgui, no SDL; the
// widths of words come from the caller, who measures them in its font.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/places/commune.hpp"

namespace kiosk::journeys::map {

// A Web Mercator pixel at zoom 0: the whole world is 256 × 256 (y grows southwards).
struct World {
    double x = 0, y = 0;
};
struct LatLon {
    double latitude = 0, longitude = 0;
};
World project(double latitude, double longitude);  // latitudes clamped to ±85.05°
LatLon unproject(World w);
// Ground metres one screen pixel covers at this latitude and zoom (256-pixel tiles).
double metres_per_pixel(double latitude, double zoom);

// Pixels on the map, from its top-left corner.
struct Point {
    double x = 0, y = 0;
};
struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    bool inside(const Box& o) const { return x0 >= o.x0 && y0 >= o.y0 && x1 <= o.x1 && y1 <= o.y1; }
};

// What is shown: `width` × `height` pixels around `center` at `zoom` (fractional: 2^zoom × 256 pixels
// round the world).
struct View {
    World center;
    double zoom = 10;
    double width = 0, height = 0;
    double scale() const;  // screen pixels per World unit
    Point to_screen(World w) const;
    World to_world(Point p) const;
};

// The rectangle holding some positions.
struct Extent {
    World min, max;
    bool empty = true;
    void add(World w);
};

// The view showing `e` within a width × height map, `margin` pixels kept free on every side, the zoom
// within [min_zoom, max_zoom] (one position alone: max_zoom).
View fit(const Extent& e, double width, double height, double margin, double min_zoom, double max_zoom);

// One disc on the map: one marker, or several close ones with their count.
struct Group {
    std::vector<std::uint32_t>
        members;    // positions in the markers given, in their order (the first = nearest)
    World at;       // where its disc is: the marker's own place, or its members' centre
    Extent extent;  // of its members' places
    bool single() const { return members.size() == 1; }
};
// Every marker in exactly one group, and no two discs whose square touch areas (`min_distance` wide) overlap:
// two groups' centres are at least `min_distance` screen pixels apart across or down. Markers are taken in
// their order, each joining the first group that close or starting one, then groups too close merged until
// none is. Deterministic; groups split as the view zooms in.
std::vector<Group> cluster(std::span<const World> markers, const View& view, double min_distance);

// The view a tap on a group opens: its members' extent fit with `margin`, at least one zoom level closer
// than `current`, at most `max_zoom`.
View zoom_to(const Group& g, const View& current, double margin, double max_zoom);

// A bar of a round length (20 m, 50 m, 100 m … 1 km, 2 km, 5 km …) at most `max_pixels` long.
struct ScaleBar {
    double metres = 0;
    double pixels = 0;
    std::string words;  // "500 m", "1 km", "20 km"
};
ScaleBar scale_bar(double latitude, double zoom, double max_pixels);

// A name to write on the map beside a point, with a dot on the point.
struct LabelCandidate {
    World at;
    double width = 0;  // of its words, in pixels
};
struct Label {
    std::size_t candidate = 0;  // position in the candidates given
    Point dot;                  // the point
    Point text;                 // top-left of the words
    Box box;                    // words and dot, with a small halo
};
struct LabelStyle {
    double line_height = 20;  // of the words
    double dot_radius = 4;
    double gap = 6;      // between the dot and the words
    double halo = 3;     // kept free around the words (their backdrop)
    double margin = 4;   // kept free inside the map's edges
    double spacing = 0;  // kept free between two labels, beyond their halos
};
// Greedy in the candidates' order (the most important first): each tried to the right of its point, then to
// its left, above and below; kept when it lies inside the map and overlaps neither an obstacle nor a label
// kept before. At most `max_labels`.
std::vector<Label> place_labels(std::span<const LabelCandidate> candidates, const View& view,
                                const LabelStyle& style, std::span<const Box> obstacles,
                                std::size_t max_labels);

// The communes whose names may be written on a map (communes, arrondissements, former communes that have
// their own position), the most populated first, then in their order: positions in `communes`.
std::vector<std::uint32_t> towns_by_population(std::span<const places::Commune> communes);

// What the map's screen gives, in pixels: the map's size and the sizes of what it draws.
struct Frame {
    double width = 0, height = 0;
    double marker_radius = 20;  // a marker's touch area, centre to edge
    double margin = 40;         // kept free at the edges when the view fits the markers
    LabelStyle label;
    double here_radius = 14;  // the "vous êtes ici" disc
    double here_width = 0;    // of its words ("Vous êtes ici", or the commune's name)
    double scale_max = 200;   // the longest the scale bar may be
    bool operator==(const Frame& o) const {
        return width == o.width && height == o.height && marker_radius == o.marker_radius &&
               margin == o.margin && label.line_height == o.label.line_height &&
               label.dot_radius == o.label.dot_radius && label.gap == o.label.gap &&
               label.halo == o.label.halo && label.margin == o.label.margin &&
               label.spacing == o.label.spacing && here_radius == o.here_radius &&
               here_width == o.here_width && scale_max == o.scale_max;
    }
};

// What the screen draws, for the current view.
struct Layout {
    View view;
    std::vector<Group> groups;        // markers: `members` are positions in the results
    Point here;                       // the search's origin ("vous êtes ici"), drawn under the markers
    std::optional<Label> here_label;  // its words beside it, when they cover no marker
    std::vector<Label> towns;         // `candidate` is a position in `town_names`
    std::vector<std::string_view> town_names;  // of the communes named, in their order
    std::vector<std::uint32_t> town_communes;  // their positions in the communes given
    // When the view is too close to hold more than a couple of names: the largest communes just beyond it,
    // named at the map's edge on their side, with which way they lie (a unit vector, screen axes).
    struct Beyond {
        std::string_view name;
        Box box;     // the words and the arrow, with a small halo
        Point text;  // top-left of the words
        Point toward;
    };
    std::vector<Beyond> beyond;
    ScaleBar scale;
    bool can_zoom_in = false, can_zoom_out = false;
    bool moved = false;  // not the view the map opened with
};

// A move of the map by the citizen's fingers: one finger drags it by `pan` pixels; two pinch it by `scale`
// (the distance between them now over before) around `centre`, and drag it by their centre's motion.
struct Gesture {
    Point pan;
    double scale = 1;
    Point centre;
};

// The map's state in the places journey: the view the citizen moves, its limits and its initial view.
// The layout is recomputed only when the view, the frame or the markers change.
class MapState {
  public:
    static constexpr double kMaxZoom = 17;  // a street
    static constexpr double kMinZoom = 5;   // France whole
    // At most this many names, and one for every kAreaPerTown square lines of the map: enough to find one's
    // way, few enough to read.
    static constexpr std::size_t kMaxTowns = 14;
    static constexpr double kAreaPerTown = 40;
    static constexpr std::size_t kFewTowns = 3;   // fewer names in view: the communes beyond are named
    static constexpr std::size_t kMaxBeyond = 4;  // at most so many, the largest first
    static constexpr std::size_t kMaxTownCandidates = 400;  // the most populated in view, tried in order

    // New markers (the results) and origin: the next layout fits them.
    void set_markers(std::vector<World> markers, World here);
    // The tiles' zoom levels, when tiles are shown: the view stays within them.
    void set_zoom_range(double min_zoom, double max_zoom);
    // The communes that may be named and their order of importance (positions in `communes`, the most
    // populated first); both kept as spans: alive as long as the data is.
    void set_towns(std::span<const places::Commune> communes, std::span<const std::uint32_t> by_population) {
        communes_ = communes;
        by_population_ = by_population;
        dirty_ = true;
    }

    const Layout& layout(const Frame& frame, const std::function<double(std::string_view)>& width_of);
    const Layout& current() const { return layout_; }  // as last laid out

    // What the citizen does. Pixels are the map's own (from its top-left corner).
    void pan(double dx, double dy);             // the map follows the finger
    void zoom_by(double levels, Point anchor);  // the point under `anchor` stays under it
    void move(const Gesture& g);
    void zoom_in() { zoom_by(1, centre()); }
    void zoom_out() { zoom_by(-1, centre()); }
    bool open_group(std::size_t group);  // its extent; false when there is no such group or it is single
    void reset();                        // back to the initial view
    const View& view() const { return view_; }
    double min_zoom() const { return min_zoom_; }
    double max_zoom() const { return max_zoom_; }

  private:
    Point centre() const { return {view_.width / 2, view_.height / 2}; }
    void clamp();

    std::vector<World> markers_;
    World here_;
    std::span<const places::Commune> communes_;
    std::span<const std::uint32_t> by_population_;
    double min_zoom_ = kMinZoom, max_zoom_ = kMaxZoom;
    View view_, initial_;
    bool fitted_ = false;  // the view was fit to this frame and these markers
    bool dirty_ = true;
    Frame frame_;
    Layout layout_;
};

}  // namespace kiosk::journeys::map
