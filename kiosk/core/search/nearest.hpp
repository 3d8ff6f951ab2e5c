#pragma once
// The k places nearest to a point, with the kiosk's filters: the need (services, any of), open now or on a
// given day, free of charge, specific support (all of), accepts the pass numérique. Distances are
// great-circle metres; travel times are the estimates of geo.hpp. Places without coordinates are never
// returned.
//
// Structure: a k-d tree over the places' Earth-centred 3-D positions (chord distance orders places exactly
// like great-circle distance, with no projection, overseas as well as in mainland France), nodes in one flat
// array, each node holding a bounding box and the OR of its places' filter bits so that whole subtrees that
// cannot match are skipped. Beside the tree of every place, a smaller tree per rare filter bit (held by at
// most a quarter of the places: a support, the pass, a rare need; at most as many points again in all) serves
// the queries requiring that bit, so that selective filters do not wander over half of France. Queries
// allocate nothing: the caller gives the output span. Every const member may be called from several threads
// at once.
//
// Opening hours: this module does not read opening_hours. The caller gives, per place, a WeekMask: one bit
// per 15-minute slot of the current week (slot 0 = Monday 00:00–00:15, local time; 672 slots), computed by
// whatever evaluates the hours (holidays included), or nothing when the hours are unknown. Distinct masks are
// stored once. Refresh them with set_hours() (e.g. every Monday at 00:00 or when the data change) without
// rebuilding the tree. For checks that cannot be precomputed, Filters::accept is a callback run only on
// candidates that pass the rest.
#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "kiosk/core/places/place.hpp"
#include "kiosk/core/search/geo.hpp"

namespace kiosk::search {

inline constexpr int kSlotsPerDay = 24 * 4;
inline constexpr int kWeekSlots = 7 * kSlotsPerDay;
using WeekMask = std::bitset<kWeekSlots>;

// weekday: 0 = Monday … 6 = Sunday.
constexpr int week_slot(int weekday, int hour, int minute) {
    return weekday * kSlotsPerDay + hour * 4 + minute / 15;
}
// Sets the slots of [from, to) on a weekday, times as hour*60+minute (to may be 24*60).
void set_open(WeekMask& mask, int weekday, int from_minute, int to_minute);

struct OpenFilter {
    enum class Kind : std::uint8_t { Any, At, OnDay };
    Kind kind = Kind::Any;
    int slot = 0;                  // At: the week slot (week_slot(...)), "open now" = the current slot
    int day = 0;                   // OnDay: 0 = Monday … 6 = Sunday: open at some time that day
    bool include_unknown = false;  // places with unknown hours pass as well

    static OpenFilter any() { return {}; }
    static OpenFilter at(int slot, bool include_unknown = false) {
        return {Kind::At, slot, 0, include_unknown};
    }
    static OpenFilter on_day(int day, bool include_unknown = false) {
        return {Kind::OnDay, 0, day, include_unknown};
    }
};

struct Filters {
    std::uint16_t services_any = 0;  // places::Service bits: the place offers at least one of them; 0 = any
    std::uint8_t supports_all = 0;   // places::Support bits: the place offers all of them
    bool free_only = false;          // fees include places::Fee::Free
    bool pass_only = false;          // accepts the pass numérique
    OpenFilter open;
    // Optional last check, on candidates only (those passing everything else within the current bound).
    bool (*accept)(const void* context, std::uint32_t id) = nullptr;
    const void* accept_context = nullptr;

    bool any_active() const {
        return services_any || supports_all || free_only || pass_only || open.kind != OpenFilter::Kind::Any ||
               accept;
    }
};

struct Query {
    double latitude = 0, longitude = 0;  // the kiosk, or the chosen commune
    Filters filters;
    double max_distance_m = std::numeric_limits<double>::infinity();
};

struct Hit {
    std::uint32_t id = 0;   // the place's id given at build (its position in the span of places)
    double distance_m = 0;  // great-circle
    int walking_minutes() const { return search::walking_minutes(distance_m); }
    int driving_minutes() const { return search::driving_minutes(distance_m); }
};

// What the index needs of one place.
struct IndexItem {
    std::uint32_t id = 0;
    double latitude = 0, longitude = 0;
    std::uint16_t services = 0;
    std::uint8_t supports = 0, fees = 0;
    bool accepts_pass = false;
    std::int32_t schedule = -1;  // index into the schedules given to build(), -1 = hours unknown
};

// What widen() proposes when a search finds too little.
struct Widening {
    std::size_t matches = 0;    // with the query as it is (counts stop at `cap`)
    double radius_m = 0;        // a round radius (1, 2, 5, 10, 20, 50 km…) reaching `wanted` matches with
                                // the same filters; 0 when no place matches anywhere
    std::size_t at_radius = 0;  // matches within radius_m
    // Matches within the query's radius with one filter dropped; empty when that filter was not set.
    std::optional<std::size_t> without_open, without_free, without_pass, without_supports, without_services;
};

class PlaceIndex {
  public:
    PlaceIndex() = default;
    // Ids are positions in `places`; unlocated places are left out. `hours`, if not empty, is parallel to
    // `places`.
    static PlaceIndex build(std::span<const places::Place> places,
                            std::span<const std::optional<WeekMask>> hours = {});
    // Items with a NaN coordinate are left out.
    static PlaceIndex build(std::span<const IndexItem> items, std::span<const WeekMask> schedules = {});

    // New open masks, indexed by id (ids beyond the span: unknown).
    void set_hours(std::span<const std::optional<WeekMask>> hours_by_id);

    // The out.size() nearest matching places, nearest first (ties by id); returns how many were found.
    std::size_t nearest(const Query& q, std::span<Hit> out) const;
    std::vector<Hit> nearest(const Query& q, std::size_t k) const;
    // The same answer by scanning every place: the reference, and the benchmark's baseline.
    std::size_t scan_nearest(const Query& q, std::span<Hit> out) const;
    // How many places match within q.max_distance_m, counting stops at `cap`.
    std::size_t count(const Query& q, std::size_t cap = std::numeric_limits<std::size_t>::max()) const;
    // For "nothing (or too little) here": what a larger radius or one filter fewer would give.
    Widening widen(const Query& q, std::size_t wanted = 1, std::size_t cap = 100) const;

    std::size_t size() const { return trees_.empty() ? 0 : trees_[0].points.size(); }
    std::size_t node_count() const;  // over every tree
    std::size_t tree_count() const { return trees_.size(); }
    std::size_t schedule_count() const { return schedules_.size(); }

  private:
    struct Node {
        float lo[3], hi[3];
        std::uint32_t bits;  // OR of the points' bits
        std::uint32_t begin, end;
        std::uint32_t left;  // children left, left + 1; 0 = leaf
    };
    struct Point {
        double x, y, z;
        std::uint32_t bits;
        std::int32_t schedule;
        std::uint32_t id;
    };
    using Hours = std::array<std::uint64_t, 3>;  // 168 hours of the week, OR over a node
    // trees_[0] holds every place; the others, the places having one rare filter bit (a support, the pass, a
    // rare service…), so that a selective filter searches only the places that can match.
    struct Tree {
        std::uint32_t key_bit = 0;  // 0 for the main tree
        std::vector<Node> nodes;
        std::vector<Hours> node_hours;
        std::vector<Point> points;
    };
    struct Compiled;

    static void build_tree(Tree& t);
    static void build_node(Tree& t, std::uint32_t node, std::uint32_t begin, std::uint32_t end);
    void refresh_hours(Tree& t) const;
    void add_subtrees();
    Compiled compile(const Query& q) const;
    const Tree& pick(const Compiled& c) const;
    static bool node_pass(const Tree& t, const Compiled& c, std::uint32_t node);
    template <class Sink>
    void search(const Tree& t, const Compiled& c, Sink& sink) const;
    template <class Sink>
    bool point_pass(const Compiled& c, const Point& p, const Sink& sink, double& d2) const;

    std::vector<Tree> trees_;
    std::vector<WeekMask> schedules_;
};

}  // namespace kiosk::search
