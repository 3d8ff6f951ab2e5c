#include "map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::journeys::map {

namespace {
constexpr double kEarthCircumference = 40'075'016.686;  // metres at the equator (Web Mercator sphere)
constexpr double kMaxLatitude = 85.05112878;
constexpr double kPi = 3.14159265358979323846;

// The name written on the map: "Lyon 3e Arrondissement" says "Lyon 3e".
std::string_view map_name(const places::Commune& c) {
    std::string_view name = c.name;
    constexpr std::string_view suffix = " Arrondissement";
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
        name.remove_suffix(suffix.size());
    return name;
}

World centroid(const std::vector<std::uint32_t>& members, std::span<const World> markers) {
    World c;
    for (std::uint32_t m : members) c.x += markers[m].x, c.y += markers[m].y;
    const double n = static_cast<double>(members.size());
    return {c.x / n, c.y / n};
}
}  // namespace

World project(double latitude, double longitude) {
    const double lat = std::clamp(latitude, -kMaxLatitude, kMaxLatitude) * kPi / 180.0;
    return {(longitude + 180.0) / 360.0 * 256.0,
            (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / kPi) / 2.0 * 256.0};
}

LatLon unproject(World w) {
    const double n = kPi - 2.0 * kPi * w.y / 256.0;
    return {std::atan(std::sinh(n)) * 180.0 / kPi, w.x / 256.0 * 360.0 - 180.0};
}

double metres_per_pixel(double latitude, double zoom) {
    return kEarthCircumference * std::cos(latitude * kPi / 180.0) / (256.0 * std::exp2(zoom));
}

double View::scale() const {
    return std::exp2(zoom);
}

Point View::to_screen(World w) const {
    const double s = scale();
    return {(w.x - center.x) * s + width / 2, (w.y - center.y) * s + height / 2};
}

World View::to_world(Point p) const {
    const double s = scale();
    return {center.x + (p.x - width / 2) / s, center.y + (p.y - height / 2) / s};
}

void Extent::add(World w) {
    if (empty) {
        min = max = w;
        empty = false;
        return;
    }
    min.x = std::min(min.x, w.x), min.y = std::min(min.y, w.y);
    max.x = std::max(max.x, w.x), max.y = std::max(max.y, w.y);
}

View fit(const Extent& e, double width, double height, double margin, double min_zoom, double max_zoom) {
    View v;
    v.width = width;
    v.height = height;
    v.zoom = min_zoom;
    if (e.empty) return v;
    v.center = {(e.min.x + e.max.x) / 2, (e.min.y + e.max.y) / 2};
    const double room_x = std::max(width - 2 * margin, 1.0), room_y = std::max(height - 2 * margin, 1.0);
    const double span_x = e.max.x - e.min.x, span_y = e.max.y - e.min.y;
    double zoom = max_zoom;
    if (span_x > 0) zoom = std::min(zoom, std::log2(room_x / span_x));
    if (span_y > 0) zoom = std::min(zoom, std::log2(room_y / span_y));
    v.zoom = std::clamp(zoom, min_zoom, std::max(min_zoom, max_zoom));
    return v;
}

std::vector<Group> cluster(std::span<const World> markers, const View& view, double min_distance) {
    std::vector<Group> groups;
    std::vector<Point> at;  // each group's disc on screen
    auto close = [&](Point a, Point b) {
        return std::abs(a.x - b.x) < min_distance && std::abs(a.y - b.y) < min_distance;
    };
    auto place = [&](Group& g) {
        g.at = g.single() ? markers[g.members.front()] : centroid(g.members, markers);
        return view.to_screen(g.at);
    };
    for (std::uint32_t i = 0; i < markers.size(); ++i) {
        const Point p = view.to_screen(markers[i]);
        std::size_t k = 0;
        while (k < groups.size() && !close(at[k], p)) ++k;
        if (k == groups.size()) {
            groups.emplace_back();
            at.emplace_back();
        }
        groups[k].members.push_back(i);
        groups[k].extent.add(markers[i]);
        at[k] = place(groups[k]);
    }
    // A group's centre moved as it grew: it may now be too close to another.
    for (bool merged = true; merged;) {
        merged = false;
        for (std::size_t a = 0; a < groups.size() && !merged; ++a)
            for (std::size_t b = a + 1; b < groups.size() && !merged; ++b) {
                if (!close(at[a], at[b])) continue;
                Group& g = groups[a];
                g.members.insert(g.members.end(), groups[b].members.begin(), groups[b].members.end());
                std::sort(g.members.begin(), g.members.end());
                g.extent.add(groups[b].extent.min);
                g.extent.add(groups[b].extent.max);
                at[a] = place(g);
                groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(b));
                at.erase(at.begin() + static_cast<std::ptrdiff_t>(b));
                merged = true;
            }
    }
    // In the order of their first member: the group holding the nearest place first.
    std::sort(groups.begin(), groups.end(),
              [](const Group& x, const Group& y) { return x.members.front() < y.members.front(); });
    return groups;
}

View zoom_to(const Group& g, const View& current, double margin, double max_zoom) {
    const double closer = std::min(current.zoom + 1, max_zoom);
    return fit(g.extent, current.width, current.height, margin, closer, max_zoom);
}

ScaleBar scale_bar(double latitude, double zoom, double max_pixels) {
    static const double steps[] = {20,    50,    100,   200,    500,    1000,   2000,    5000,
                                   10000, 20000, 50000, 100000, 200000, 500000, 1000000, 2000000};
    const double mpp = metres_per_pixel(latitude, zoom);
    ScaleBar bar;
    bar.metres = steps[0];
    for (double s : steps)
        if (s / mpp <= max_pixels) bar.metres = s;
    bar.pixels = bar.metres / mpp;
    char words[32];
    if (bar.metres >= 1000)
        std::snprintf(words, sizeof words, "%.0f km", bar.metres / 1000);
    else
        std::snprintf(words, sizeof words, "%.0f m", bar.metres);
    bar.words = words;
    return bar;
}

std::vector<Label> place_labels(std::span<const LabelCandidate> candidates, const View& view,
                                const LabelStyle& st, std::span<const Box> obstacles,
                                std::size_t max_labels) {
    std::vector<Label> kept;
    const Box inside{st.margin, st.margin, view.width - st.margin, view.height - st.margin};
    auto free = [&](const Box& b) {
        if (!b.inside(inside)) return false;
        for (const Box& o : obstacles)
            if (b.overlaps(o)) return false;
        const Box spaced{b.x0 - st.spacing, b.y0 - st.spacing, b.x1 + st.spacing, b.y1 + st.spacing};
        for (const Label& l : kept)
            if (spaced.overlaps(l.box)) return false;
        return true;
    };
    const double r = st.dot_radius, h = st.line_height;
    for (std::size_t i = 0; i < candidates.size() && kept.size() < max_labels; ++i) {
        const LabelCandidate& c = candidates[i];
        const Point p = view.to_screen(c.at);
        const double w = c.width;
        // Right, left, above, below the point.
        const Point tries[] = {{p.x + r + st.gap, p.y - h / 2},
                               {p.x - r - st.gap - w, p.y - h / 2},
                               {p.x - w / 2, p.y - r - st.gap - h},
                               {p.x - w / 2, p.y + r + st.gap}};
        for (const Point& t : tries) {
            Box b{std::min(t.x, p.x - r) - st.halo, std::min(t.y, p.y - r) - st.halo,
                  std::max(t.x + w, p.x + r) + st.halo, std::max(t.y + h, p.y + r) + st.halo};
            if (!free(b)) continue;
            kept.push_back(Label{i, p, t, b});
            break;
        }
    }
    return kept;
}

std::vector<std::uint32_t> towns_by_population(std::span<const places::Commune> communes) {
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < communes.size(); ++i) {
        const places::Commune& c = communes[i];
        // A commune; an arrondissement; a former commune where it has its own position (not its parent's).
        if (c.kind == places::Commune::Kind::Commune ? c.population > 0 : c.coordinates_source != "parent")
            order.push_back(i);
    }
    // Stable: equal populations stay in the gazetteer's order (by INSEE code). Integers only: this runs while
    // the content loads.
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return communes[a].population > communes[b].population;
    });
    return order;
}

void MapState::set_markers(std::vector<World> markers, World here) {
    markers_ = std::move(markers);
    here_ = here;
    fitted_ = false;
    dirty_ = true;
}

void MapState::set_zoom_range(double lo, double hi) {
    min_zoom_ = std::max(kMinZoom, lo);
    max_zoom_ = std::max(min_zoom_, std::min(kMaxZoom, hi));
    fitted_ = false;
    dirty_ = true;
}

void MapState::clamp() {
    view_.zoom = std::clamp(view_.zoom, min_zoom_, max_zoom_);
    // The markers and the origin never leave the map altogether: their extent reaches at least its centre.
    Extent e;
    for (const World& w : markers_) e.add(w);
    e.add(here_);
    const double s = view_.scale();
    const double hx = view_.width / 2 / s, hy = view_.height / 2 / s;
    view_.center.x = std::clamp(view_.center.x, e.min.x - hx, e.max.x + hx);
    view_.center.y = std::clamp(view_.center.y, e.min.y - hy, e.max.y + hy);
}

void MapState::pan(double dx, double dy) {
    const double s = view_.scale();
    view_.center.x -= dx / s;
    view_.center.y -= dy / s;
    clamp();
    dirty_ = true;
}

void MapState::zoom_by(double levels, Point anchor) {
    const World w = view_.to_world(anchor);
    view_.zoom = std::clamp(view_.zoom + levels, min_zoom_, max_zoom_);
    const double s = view_.scale();
    view_.center = {w.x - (anchor.x - view_.width / 2) / s, w.y - (anchor.y - view_.height / 2) / s};
    clamp();
    dirty_ = true;
}

void MapState::move(const Gesture& g) {
    if (g.pan.x != 0 || g.pan.y != 0) pan(g.pan.x, g.pan.y);
    if (g.scale > 0 && g.scale != 1) zoom_by(std::log2(g.scale), g.centre);
}

bool MapState::open_group(std::size_t group) {
    if (group >= layout_.groups.size() || layout_.groups[group].single()) return false;
    view_ = zoom_to(layout_.groups[group], view_, frame_.margin, max_zoom_);
    clamp();
    dirty_ = true;
    return true;
}

void MapState::reset() {
    view_ = initial_;
    dirty_ = true;
}

const Layout& MapState::layout(const Frame& frame, const std::function<double(std::string_view)>& width_of) {
    if (!(frame == frame_)) {
        const bool resized = frame.width != frame_.width || frame.height != frame_.height;
        const bool moved = fitted_ && layout_.moved;
        frame_ = frame;
        if (resized && moved) {  // what the citizen chose to look at stays in the middle
            view_.width = frame.width;
            view_.height = frame.height;
            clamp();
        } else if (resized) {
            fitted_ = false;
        }
        dirty_ = true;
    }
    if (!fitted_) {
        Extent e;
        for (const World& w : markers_) e.add(w);
        e.add(here_);
        initial_ = view_ = fit(e, frame.width, frame.height, frame.margin, min_zoom_, max_zoom_);
        fitted_ = true;
        dirty_ = true;
    }
    if (!dirty_) return layout_;
    dirty_ = false;

    Layout& out = layout_;
    out.view = view_;
    out.groups = cluster(markers_, view_, 2 * frame.marker_radius);
    // At the closest view, places still grouped are at one address: each gets its own disc, round their
    // spot, so that a tap still opens each of them.
    if (view_.zoom >= max_zoom_ - 1e-9) {
        std::vector<Group> spread;
        const double s = view_.scale();
        for (Group& g : out.groups) {
            if (g.single()) {
                spread.push_back(std::move(g));
                continue;
            }
            const double n = static_cast<double>(g.members.size());
            // Neighbours on the circle stand 2 radii apart across or down (a chord of 2√2 radii).
            const double r = frame.marker_radius * std::sqrt(2.0) / std::sin(kPi / std::max(n, 2.0));
            for (std::size_t k = 0; k < g.members.size(); ++k) {
                const double a = -kPi / 2 + 2 * kPi * static_cast<double>(k) / n;
                Group one;
                one.members = {g.members[k]};
                one.extent.add(markers_[g.members[k]]);
                one.at = {g.at.x + r * std::cos(a) / s, g.at.y + r * std::sin(a) / s};
                spread.push_back(std::move(one));
            }
        }
        out.groups = std::move(spread);
    }
    out.here = view_.to_screen(here_);
    std::vector<Box> obstacles;
    for (const Group& g : out.groups) {
        const Point p = view_.to_screen(g.at);
        const double t = frame.marker_radius;
        obstacles.push_back({p.x - t, p.y - t, p.x + t, p.y + t});
    }
    const double hr = frame.here_radius;
    // The origin's words beside it, where they hide no marker (the legend names it anyway).
    // Markers may lie over its disc: only the words must stay clear of them.
    out.here_label.reset();
    if (frame.here_width > 0) {
        const LabelStyle& st = frame.label;
        const double w = frame.here_width, h = st.line_height, p = hr + st.gap;
        const Point c = out.here;
        const Point tries[] = {{c.x + p, c.y - h / 2},
                               {c.x - p - w, c.y - h / 2},
                               {c.x - w / 2, c.y - p - h},
                               {c.x - w / 2, c.y + p}};
        const Box inside{st.margin, st.margin, view_.width - st.margin, view_.height - st.margin};
        for (const Point& t : tries) {
            const Box b{t.x - st.halo, t.y - st.halo, t.x + w + st.halo, t.y + h + st.halo};
            if (!b.inside(inside) ||
                std::any_of(obstacles.begin(), obstacles.end(), [&](const Box& o) { return b.overlaps(o); }))
                continue;
            out.here_label = Label{0, c, t, b};
            break;
        }
    }
    obstacles.push_back({out.here.x - hr, out.here.y - hr, out.here.x + hr, out.here.y + hr});
    if (out.here_label) obstacles.push_back(out.here_label->box);

    // The most populated communes in view, then their names where they fit.
    out.towns.clear();
    out.town_names.clear();
    if (!by_population_.empty()) {
        const LatLon nw = unproject(view_.to_world({0, 0}));
        const LatLon se = unproject(view_.to_world({view_.width, view_.height}));
        std::vector<LabelCandidate> candidates;
        std::vector<std::uint32_t> rows;
        for (std::uint32_t i : by_population_) {
            const places::Commune& c = communes_[i];
            if (c.latitude > nw.latitude || c.latitude < se.latitude || c.longitude < nw.longitude ||
                c.longitude > se.longitude)
                continue;
            candidates.push_back({project(c.latitude, c.longitude), width_of(map_name(c))});
            rows.push_back(i);
            if (candidates.size() >= kMaxTownCandidates) break;
        }
        const double lines = frame.label.line_height * frame.label.line_height;
        const auto room = static_cast<std::size_t>(view_.width * view_.height / (kAreaPerTown * lines));
        out.towns = place_labels(candidates, view_, frame.label, obstacles, std::min(kMaxTowns, room));
        out.town_communes.clear();
        for (Label& l : out.towns) {
            out.town_communes.push_back(rows[l.candidate]);
            out.town_names.push_back(map_name(communes_[rows[l.candidate]]));
            l.candidate = out.town_names.size() - 1;
        }
    }
    // Too close to see more than a couple of communes: the largest around, at the edge on their side.
    out.beyond.clear();
    if (out.towns.size() < kFewTowns && !by_population_.empty()) {
        const LabelStyle& st = frame.label;
        const double cx = view_.width / 2, cy = view_.height / 2;
        const double reach = 3 * std::hypot(cx, cy);  // pixels: within three half-diagonals of the centre
        std::vector<Box> taken = obstacles;
        for (const Label& l : out.towns) taken.push_back(l.box);
        const Box inside{st.margin, st.margin, view_.width - st.margin, view_.height - st.margin};
        // The reach as latitudes and longitudes: most communes are left out on a comparison.
        const LatLon nw = unproject(view_.to_world({cx - reach, cy - reach}));
        const LatLon se = unproject(view_.to_world({cx + reach, cy + reach}));
        for (std::uint32_t i : by_population_) {
            if (out.beyond.size() >= kMaxBeyond) break;
            const places::Commune& c = communes_[i];
            if (c.latitude > nw.latitude || c.latitude < se.latitude || c.longitude < nw.longitude ||
                c.longitude > se.longitude)
                continue;
            const Point p = view_.to_screen(project(c.latitude, c.longitude));
            if (p.x >= 0 && p.y >= 0 && p.x <= view_.width && p.y <= view_.height) continue;  // in view
            const double dx = p.x - cx, dy = p.y - cy, d = std::hypot(dx, dy);
            if (d > reach || d <= 0) continue;
            const std::string_view name = map_name(c);
            const double w = width_of(name) + st.line_height, h = st.line_height;  // the arrow: a square
            // Where the ray from the centre towards it leaves the map, less the label's half size.
            const double ux = dx / d, uy = dy / d;
            const double hx = cx - st.margin - st.halo - w / 2, hy = cy - st.margin - st.halo - h / 2;
            if (hx <= 0 || hy <= 0) continue;
            const double t = std::min(ux != 0 ? hx / std::abs(ux) : 1e18, uy != 0 ? hy / std::abs(uy) : 1e18);
            const Point mid{cx + ux * t, cy + uy * t};
            const Box b{mid.x - w / 2 - st.halo, mid.y - h / 2 - st.halo, mid.x + w / 2 + st.halo,
                        mid.y + h / 2 + st.halo};
            const Box spaced{b.x0 - st.spacing, b.y0 - st.spacing, b.x1 + st.spacing, b.y1 + st.spacing};
            if (!b.inside(inside) ||
                std::any_of(taken.begin(), taken.end(), [&](const Box& o) { return spaced.overlaps(o); }))
                continue;
            // The arrow on the side it points to: the words after it when it points left.
            const double text_x = ux < 0 ? mid.x - w / 2 + h : mid.x - w / 2;
            out.beyond.push_back({name, b, {text_x, mid.y - h / 2}, {ux, uy}});
            taken.push_back(b);
        }
    }

    const LatLon centre = unproject(view_.center);
    out.scale = scale_bar(centre.latitude, view_.zoom, frame.scale_max);
    out.can_zoom_in = view_.zoom < max_zoom_ - 1e-9;
    out.can_zoom_out = view_.zoom > min_zoom_ + 1e-9;
    out.moved = std::abs(view_.zoom - initial_.zoom) > 1e-9 ||
                std::abs(view_.center.x - initial_.center.x) * view_.scale() > 0.5 ||
                std::abs(view_.center.y - initial_.center.y) * view_.scale() > 0.5;
    return out;
}

}  // namespace kiosk::journeys::map
