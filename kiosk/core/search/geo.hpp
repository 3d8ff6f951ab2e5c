#pragma once
// Great-circle distance and honest travel-time estimates.
//
// Distances are great-circle distances on a sphere of the mean Earth radius (6 371 008.8 m); the error
// against the ellipsoid is below 0.5 %, far less than what a road or a street adds.
//
// Travel times are estimates from the straight-line distance, said as such in the UI ("about 12 min on
// foot"):
//   walking: 4.5 km/h, and the path is taken as 1.3 × the straight line (street network detour);
//   driving: 40 km/h average door to door (towns, lights, parking), and the road as 1.3 × the straight line.
// No road network is consulted: overseas (Réunion, Guadeloupe…) the same factors apply, and a place across
// the sea is merely far, not "reachable by car"; the caller bounds the search radius.
#include <cmath>

namespace kiosk::search {

inline constexpr double kEarthRadiusM = 6'371'008.8;
inline constexpr double kDetourFactor = 1.3;
inline constexpr double kWalkingSpeedMps = 4.5 / 3.6;   // 4.5 km/h
inline constexpr double kDrivingSpeedMps = 40.0 / 3.6;  // 40 km/h

// Haversine formula; latitudes and longitudes in degrees, result in metres.
double distance_m(double lat1, double lon1, double lat2, double lon2);

// Estimated durations in seconds for a straight-line distance in metres.
inline double walking_seconds(double distance_m) {
    return distance_m * kDetourFactor / kWalkingSpeedMps;
}
inline double driving_seconds(double distance_m) {
    return distance_m * kDetourFactor / kDrivingSpeedMps;
}
// The same, in whole minutes rounded up (at least 1): what the UI shows.
inline int walking_minutes(double distance_m) {
    return static_cast<int>(std::fmax(1.0, std::ceil(walking_seconds(distance_m) / 60.0)));
}
inline int driving_minutes(double distance_m) {
    return static_cast<int>(std::fmax(1.0, std::ceil(driving_seconds(distance_m) / 60.0)));
}

// A point of the sphere as a 3-D vector in metres (Earth-centred). The straight-line (chord) distance between
// two such points grows with the great-circle distance, so nearest-neighbour search can work in 3-D, without
// a map projection, the same in mainland France and overseas.
struct Vec3 {
    double x, y, z;
};
Vec3 to_vec3(double latitude, double longitude);
// Great-circle metres from a squared chord length (metres²), and back.
double arc_from_chord2(double chord2);
double chord2_from_arc(double arc_m);

}  // namespace kiosk::search
