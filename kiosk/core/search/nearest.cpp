#include "kiosk/core/search/nearest.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <unordered_map>

namespace kiosk::search {
namespace {

// A place's filter bits, one 32-bit word.
constexpr std::uint32_t kServiceShift = 0;  // 9 bits
constexpr std::uint32_t kSupportShift = 9;  // 7 bits
constexpr std::uint32_t kFree = 1u << 16;
constexpr std::uint32_t kPass = 1u << 17;
constexpr std::uint32_t kDayShift = 18;  // 7 bits: open at some time that day
constexpr std::uint32_t kDayBits = 0x7Fu << kDayShift;
constexpr std::uint32_t kUnknown = 1u << 25;  // hours unknown

constexpr std::size_t kLeafSize = 8;
constexpr int kMaxDepth = 64;

std::uint32_t static_bits(const IndexItem& it) {
    std::uint32_t b = (std::uint32_t(it.services) & 0x1FFu) << kServiceShift;
    b |= (std::uint32_t(it.supports) & 0x7Fu) << kSupportShift;
    if (it.fees & static_cast<std::uint8_t>(places::Fee::Free)) b |= kFree;
    if (it.accepts_pass) b |= kPass;
    return b;
}

std::uint32_t day_bits(const WeekMask& m) {
    std::uint32_t b = 0;
    for (int d = 0; d < 7; ++d) {
        for (int s = d * kSlotsPerDay; s < (d + 1) * kSlotsPerDay; ++s)
            if (m.test(static_cast<std::size_t>(s))) {
                b |= 1u << (kDayShift + d);
                break;
            }
    }
    return b;
}

std::array<std::uint64_t, 3> hour_bits(const WeekMask& m) {
    std::array<std::uint64_t, 3> h{};
    for (int s = 0; s < kWeekSlots; ++s)
        if (m.test(static_cast<std::size_t>(s))) h[(s / 4) / 64] |= std::uint64_t(1) << ((s / 4) % 64);
    return h;
}

float round_down(double v) {
    float f = static_cast<float>(v);
    return double(f) > v ? std::nextafter(f, -std::numeric_limits<float>::infinity()) : f;
}
float round_up(double v) {
    float f = static_cast<float>(v);
    return double(f) < v ? std::nextafter(f, std::numeric_limits<float>::infinity()) : f;
}

struct ByDistance {
    bool operator()(const Hit& a, const Hit& b) const {
        return a.distance_m < b.distance_m || (a.distance_m == b.distance_m && a.id < b.id);
    }
};

// The k best so far, a max-heap in the caller's span, distances kept as squared chords until the end.
struct Best {
    std::span<Hit> out;
    std::size_t n = 0;
    double radius2;
    double bound() const { return n == out.size() ? out[0].distance_m : radius2; }
    void offer(std::uint32_t id, double d2) {
        if (n < out.size()) {
            out[n++] = {id, d2};
            std::push_heap(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), ByDistance{});
        } else if (ByDistance{}(Hit{id, d2}, out[0])) {
            std::pop_heap(out.begin(), out.end(), ByDistance{});
            out.back() = {id, d2};
            std::push_heap(out.begin(), out.end(), ByDistance{});
        }
    }
    std::size_t finish() {
        std::sort_heap(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), ByDistance{});
        for (std::size_t i = 0; i < n; ++i) out[i].distance_m = arc_from_chord2(out[i].distance_m);
        return n;
    }
};

}  // namespace

void set_open(WeekMask& mask, int weekday, int from_minute, int to_minute) {
    for (int m = std::max(from_minute, 0); m < std::min(to_minute, 24 * 60); m += 15)
        mask.set(static_cast<std::size_t>(weekday) * static_cast<std::size_t>(kSlotsPerDay) +
                 static_cast<std::size_t>(m / 15));
}

struct PlaceIndex::Compiled {
    Vec3 q;
    double radius2;
    std::uint32_t all = 0, any1 = 0, any2 = 0;
    int slot = -1;  // At: the slot to check on each point
    int hour = 0;   // its hour of the week, for the nodes
    bool unknown_ok = false;
    bool (*accept)(const void*, std::uint32_t) = nullptr;
    const void* context = nullptr;

    bool bits_pass(std::uint32_t b) const {
        return (b & all) == all && (!any1 || (b & any1)) && (!any2 || (b & any2));
    }
};

PlaceIndex::Compiled PlaceIndex::compile(const Query& q) const {
    Compiled c;
    c.q = to_vec3(q.latitude, q.longitude);
    c.radius2 = q.max_distance_m < 0 ? -1 : chord2_from_arc(q.max_distance_m);
    const Filters& f = q.filters;
    c.any1 = (std::uint32_t(f.services_any) & 0x1FFu) << kServiceShift;
    c.all = (std::uint32_t(f.supports_all) & 0x7Fu) << kSupportShift;
    if (f.free_only) c.all |= kFree;
    if (f.pass_only) c.all |= kPass;
    c.unknown_ok = f.open.include_unknown;
    if (f.open.kind == OpenFilter::Kind::OnDay) {
        c.any2 = (1u << (kDayShift + std::clamp(f.open.day, 0, 6))) | (c.unknown_ok ? kUnknown : 0);
    } else if (f.open.kind == OpenFilter::Kind::At) {
        c.slot = std::clamp(f.open.slot, 0, kWeekSlots - 1);
        c.hour = c.slot / 4;
        c.any2 = (1u << (kDayShift + c.slot / kSlotsPerDay)) | (c.unknown_ok ? kUnknown : 0);
    }
    c.accept = f.accept;
    c.context = f.accept_context;
    return c;
}

PlaceIndex PlaceIndex::build(std::span<const places::Place> places,
                             std::span<const std::optional<WeekMask>> hours) {
    std::vector<IndexItem> items;
    items.reserve(places.size());
    std::vector<WeekMask> schedules;
    std::unordered_map<WeekMask, std::int32_t> known;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const places::Place& p = places[i];
        if (!p.located()) continue;
        IndexItem it{static_cast<std::uint32_t>(i),
                     *p.latitude,
                     *p.longitude,
                     p.services,
                     p.supports,
                     p.fees,
                     p.accepts_pass,
                     -1};
        if (i < hours.size() && hours[i]) {
            auto [pos, added] = known.try_emplace(*hours[i], static_cast<std::int32_t>(schedules.size()));
            if (added) schedules.push_back(*hours[i]);
            it.schedule = pos->second;
        }
        items.push_back(it);
    }
    return build(items, schedules);
}

PlaceIndex PlaceIndex::build(std::span<const IndexItem> items, std::span<const WeekMask> schedules) {
    PlaceIndex ix;
    ix.schedules_.assign(schedules.begin(), schedules.end());
    Tree& main = ix.trees_.emplace_back();
    main.points.reserve(items.size());
    for (const IndexItem& it : items) {
        if (!std::isfinite(it.latitude) || !std::isfinite(it.longitude)) continue;
        const Vec3 v = to_vec3(it.latitude, it.longitude);
        const bool has_schedule =
            it.schedule >= 0 && static_cast<std::size_t>(it.schedule) < schedules.size();
        main.points.push_back({v.x, v.y, v.z, static_bits(it), has_schedule ? it.schedule : -1, it.id});
    }
    build_tree(main);
    ix.add_subtrees();
    for (Tree& t : ix.trees_) ix.refresh_hours(t);
    return ix;
}

// A subtree for each filter bit held by at most a quarter of the places, rarest first, while the subtrees
// hold no more points than the main tree (memory at most doubled).
void PlaceIndex::add_subtrees() {
    trees_.reserve(1 + 18);  // `all` below must stay valid while subtrees are added
    const std::vector<Point>& all = trees_[0].points;
    if (all.size() < 2 * kLeafSize) return;
    std::array<std::size_t, 18> count{};
    for (const Point& p : all)
        for (std::size_t b = 0; b < count.size(); ++b) count[b] += (p.bits >> b) & 1u;
    std::array<std::uint32_t, 18> order{};
    for (std::uint32_t b = 0; b < order.size(); ++b) order[b] = b;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return count[a] < count[b]; });
    std::size_t budget = all.size();
    for (std::uint32_t b : order) {
        if (count[b] == 0) continue;
        if (count[b] * 4 > all.size() || count[b] > budget) break;
        budget -= count[b];
        Tree t;
        t.key_bit = 1u << b;
        t.points.reserve(count[b]);
        for (const Point& p : all)
            if (p.bits & t.key_bit) t.points.push_back(p);
        build_tree(t);
        trees_.push_back(std::move(t));
    }
}

std::size_t PlaceIndex::node_count() const {
    std::size_t n = 0;
    for (const Tree& t : trees_) n += t.nodes.size();
    return n;
}

void PlaceIndex::build_tree(Tree& t) {
    t.nodes.clear();
    if (t.points.empty()) return;
    t.nodes.reserve(2 * (t.points.size() / (kLeafSize / 2) + 1));
    t.nodes.push_back({});
    build_node(t, 0, 0, static_cast<std::uint32_t>(t.points.size()));
}

void PlaceIndex::build_node(Tree& t, std::uint32_t node, std::uint32_t begin, std::uint32_t end) {
    std::vector<Point>& pts = t.points;
    double lo[3] = {pts[begin].x, pts[begin].y, pts[begin].z};
    double hi[3] = {lo[0], lo[1], lo[2]};
    for (std::uint32_t i = begin + 1; i < end; ++i) {
        const double v[3] = {pts[i].x, pts[i].y, pts[i].z};
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], v[a]);
            hi[a] = std::max(hi[a], v[a]);
        }
    }
    Node n{};
    for (int a = 0; a < 3; ++a) {
        n.lo[a] = round_down(lo[a]);
        n.hi[a] = round_up(hi[a]);
    }
    n.begin = begin;
    n.end = end;
    n.left = 0;
    if (end - begin > kLeafSize) {
        int axis = 0;
        for (int a = 1; a < 3; ++a)
            if (hi[a] - lo[a] > hi[axis] - lo[axis]) axis = a;
        const std::uint32_t mid = begin + (end - begin) / 2;
        auto coord = [axis](const Point& p) { return axis == 0 ? p.x : axis == 1 ? p.y : p.z; };
        std::nth_element(pts.begin() + begin, pts.begin() + mid, pts.begin() + end,
                         [&](const Point& a, const Point& b) { return coord(a) < coord(b); });
        n.left = static_cast<std::uint32_t>(t.nodes.size());
        t.nodes.push_back({});
        t.nodes.push_back({});
        t.nodes[node] = n;
        build_node(t, n.left, begin, mid);
        build_node(t, n.left + 1, mid, end);
        return;
    }
    t.nodes[node] = n;
}

void PlaceIndex::refresh_hours(Tree& t) const {
    // Points: day bits and the unknown flag.
    std::vector<std::uint32_t> sched_days(schedules_.size());
    std::vector<Hours> sched_hours(schedules_.size());
    for (std::size_t s = 0; s < schedules_.size(); ++s) {
        sched_days[s] = day_bits(schedules_[s]);
        sched_hours[s] = hour_bits(schedules_[s]);
    }
    for (Point& p : t.points) {
        p.bits &= ~(kDayBits | kUnknown);
        p.bits |= p.schedule >= 0 ? sched_days[static_cast<std::size_t>(p.schedule)] : kUnknown;
    }
    // Nodes, children after their parent in the array: bottom-up in reverse order.
    t.node_hours.assign(t.nodes.size(), Hours{});
    for (std::size_t i = t.nodes.size(); i-- > 0;) {
        Node& n = t.nodes[i];
        Hours& h = t.node_hours[i];
        if (n.left == 0) {
            n.bits = 0;
            for (std::uint32_t j = n.begin; j < n.end; ++j) {
                const Point& p = t.points[j];
                n.bits |= p.bits;
                if (p.schedule >= 0)
                    for (int w = 0; w < 3; ++w) h[w] |= sched_hours[static_cast<std::size_t>(p.schedule)][w];
            }
        } else {
            n.bits = t.nodes[n.left].bits | t.nodes[n.left + 1].bits;
            for (int w = 0; w < 3; ++w) h[w] = t.node_hours[n.left][w] | t.node_hours[n.left + 1][w];
        }
    }
}

void PlaceIndex::set_hours(std::span<const std::optional<WeekMask>> hours_by_id) {
    schedules_.clear();
    std::unordered_map<WeekMask, std::int32_t> known;
    std::vector<std::int32_t> schedule_of(hours_by_id.size(), -1);
    for (std::size_t id = 0; id < hours_by_id.size(); ++id) {
        if (!hours_by_id[id]) continue;
        auto [pos, added] = known.try_emplace(*hours_by_id[id], static_cast<std::int32_t>(schedules_.size()));
        if (added) schedules_.push_back(*hours_by_id[id]);
        schedule_of[id] = pos->second;
    }
    for (Tree& t : trees_) {
        for (Point& p : t.points) p.schedule = p.id < schedule_of.size() ? schedule_of[p.id] : -1;
        refresh_hours(t);
    }
}

namespace {

inline double box_d2(const float lo[3], const float hi[3], const Vec3& q) {
    const double tx = std::max({double(lo[0]) - q.x, 0.0, q.x - double(hi[0])});
    const double ty = std::max({double(lo[1]) - q.y, 0.0, q.y - double(hi[1])});
    const double tz = std::max({double(lo[2]) - q.z, 0.0, q.z - double(hi[2])});
    return tx * tx + ty * ty + tz * tz;
}

struct Counter {
    double radius2;
    std::size_t cap;
    std::size_t n = 0;
    double bound() const { return radius2; }
    void offer(std::uint32_t, double) { ++n; }
    bool done() const { return n >= cap; }
};

struct BestSink : Best {
    bool done() const { return false; }
};

bool usable(const Query& q) {
    return std::isfinite(q.latitude) && std::isfinite(q.longitude) && !std::isnan(q.max_distance_m);
}

double round_radius(double need_m) {
    static constexpr double kSteps[] = {1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7};
    for (double s : kSteps)
        if (need_m <= s) return s;
    return std::ceil(need_m / 1e3) * 1e3;
}

}  // namespace

// The smallest tree whose places all have a bit the query requires.
const PlaceIndex::Tree& PlaceIndex::pick(const Compiled& c) const {
    const Tree* best = &trees_[0];
    const bool single_service = c.any1 && !(c.any1 & (c.any1 - 1));
    for (std::size_t i = 1; i < trees_.size(); ++i) {
        const Tree& t = trees_[i];
        if (((c.all & t.key_bit) || (single_service && c.any1 == t.key_bit)) &&
            t.points.size() < best->points.size())
            best = &t;
    }
    return *best;
}

bool PlaceIndex::node_pass(const Tree& t, const Compiled& c, std::uint32_t node) {
    const std::uint32_t b = t.nodes[node].bits;
    if (!c.bits_pass(b)) return false;
    if (c.slot >= 0 && !(c.unknown_ok && (b & kUnknown)) &&
        !((t.node_hours[node][static_cast<std::size_t>(c.hour / 64)] >> (c.hour % 64)) & 1u))
        return false;
    return true;
}

template <class Sink>
bool PlaceIndex::point_pass(const Compiled& c, const Point& p, const Sink& sink, double& d2) const {
    if (!c.bits_pass(p.bits)) return false;
    const double dx = p.x - c.q.x, dy = p.y - c.q.y, dz = p.z - c.q.z;
    d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > sink.bound()) return false;
    if (c.slot >= 0 && !(p.bits & kUnknown) &&
        !schedules_[static_cast<std::size_t>(p.schedule)].test(static_cast<std::size_t>(c.slot)))
        return false;
    if (c.accept && !c.accept(c.context, p.id)) return false;
    return true;
}

template <class Sink>
void PlaceIndex::search(const Tree& t, const Compiled& c, Sink& sink) const {
    if (t.nodes.empty() || !node_pass(t, c, 0)) return;
    const Node* nodes = t.nodes.data();
    std::uint32_t stack_node[kMaxDepth];
    double stack_d[kMaxDepth];
    int sp = 0;
    stack_node[sp] = 0;
    stack_d[sp++] = box_d2(nodes[0].lo, nodes[0].hi, c.q);
    while (sp > 0) {
        --sp;
        if (stack_d[sp] > sink.bound()) continue;
        std::uint32_t ni = stack_node[sp];
        for (;;) {
            const Node& n = nodes[ni];
            if (n.left == 0) {
                for (std::uint32_t j = n.begin; j < n.end; ++j) {
                    const Point& p = t.points[j];
                    double d2;
                    if (!point_pass(c, p, sink, d2)) continue;
                    sink.offer(p.id, d2);
                    if (sink.done()) return;
                }
                break;
            }
            std::uint32_t a = n.left, b = n.left + 1;
            bool pa = node_pass(t, c, a), pb = node_pass(t, c, b);
            double da = pa ? box_d2(nodes[a].lo, nodes[a].hi, c.q) : 0;
            double db = pb ? box_d2(nodes[b].lo, nodes[b].hi, c.q) : 0;
            const double bound = sink.bound();
            pa = pa && da <= bound;
            pb = pb && db <= bound;
            if (pa && pb) {
                if (db < da) {
                    std::swap(a, b);
                    std::swap(da, db);
                }
                assert(sp < kMaxDepth);
                stack_node[sp] = b;
                stack_d[sp++] = db;
                ni = a;
            } else if (pa) {
                ni = a;
            } else if (pb) {
                ni = b;
            } else {
                break;
            }
        }
    }
}

std::size_t PlaceIndex::nearest(const Query& q, std::span<Hit> out) const {
    if (out.empty() || trees_.empty() || !usable(q)) return 0;
    const Compiled c = compile(q);
    BestSink best{{out, 0, c.radius2}};
    search(pick(c), c, best);
    return best.finish();
}

std::vector<Hit> PlaceIndex::nearest(const Query& q, std::size_t k) const {
    std::vector<Hit> hits(k);
    hits.resize(nearest(q, std::span<Hit>(hits)));
    return hits;
}

std::size_t PlaceIndex::scan_nearest(const Query& q, std::span<Hit> out) const {
    if (out.empty() || trees_.empty() || !usable(q)) return 0;
    const Compiled c = compile(q);
    BestSink best{{out, 0, c.radius2}};
    for (const Point& p : trees_[0].points) {
        double d2;
        if (point_pass(c, p, best, d2)) best.offer(p.id, d2);
    }
    return best.finish();
}

std::size_t PlaceIndex::count(const Query& q, std::size_t cap) const {
    if (cap == 0 || trees_.empty() || !usable(q)) return 0;
    const Compiled c = compile(q);
    Counter counter{c.radius2, cap};
    search(pick(c), c, counter);
    return counter.n;
}

Widening PlaceIndex::widen(const Query& q, std::size_t wanted, std::size_t cap) const {
    Widening w;
    w.matches = count(q, cap);
    wanted = std::max<std::size_t>(wanted, 1);
    Query anywhere = q;
    anywhere.max_distance_m = std::numeric_limits<double>::infinity();
    std::vector<Hit> hits(wanted);
    const std::size_t n = nearest(anywhere, std::span<Hit>(hits));
    if (n > 0) {
        w.radius_m = round_radius(hits[n - 1].distance_m);
        Query wider = q;
        wider.max_distance_m = w.radius_m;
        w.at_radius = count(wider, cap);
    }
    const Filters& f = q.filters;
    auto without = [&](auto change) {
        Query r = q;
        change(r.filters);
        return count(r, cap);
    };
    if (f.open.kind != OpenFilter::Kind::Any) w.without_open = without([](Filters& g) { g.open = {}; });
    if (f.free_only) w.without_free = without([](Filters& g) { g.free_only = false; });
    if (f.pass_only) w.without_pass = without([](Filters& g) { g.pass_only = false; });
    if (f.supports_all) w.without_supports = without([](Filters& g) { g.supports_all = 0; });
    if (f.services_any) w.without_services = without([](Filters& g) { g.services_any = 0; });
    return w;
}

}  // namespace kiosk::search
