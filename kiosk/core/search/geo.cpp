#include "kiosk/core/search/geo.hpp"

#include <algorithm>
#include <numbers>

namespace kiosk::search {
namespace {
constexpr double kRad = std::numbers::pi / 180.0;
}

double distance_m(double lat1, double lon1, double lat2, double lon2) {
    const double p1 = lat1 * kRad, p2 = lat2 * kRad;
    const double dp = (lat2 - lat1) * kRad, dl = (lon2 - lon1) * kRad;
    const double s1 = std::sin(dp / 2), s2 = std::sin(dl / 2);
    const double h = s1 * s1 + std::cos(p1) * std::cos(p2) * s2 * s2;
    return 2 * kEarthRadiusM * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

Vec3 to_vec3(double latitude, double longitude) {
    const double p = latitude * kRad, l = longitude * kRad;
    const double c = std::cos(p);
    return {kEarthRadiusM * c * std::cos(l), kEarthRadiusM * c * std::sin(l), kEarthRadiusM * std::sin(p)};
}

double arc_from_chord2(double chord2) {
    const double half = std::sqrt(std::max(chord2, 0.0)) / (2 * kEarthRadiusM);
    return 2 * kEarthRadiusM * std::asin(std::min(half, 1.0));
}

double chord2_from_arc(double arc_m) {
    if (!(arc_m < std::numbers::pi * kEarthRadiusM)) return 4 * kEarthRadiusM * kEarthRadiusM * 1.0000001;
    const double c = 2 * kEarthRadiusM * std::sin(arc_m / (2 * kEarthRadiusM));
    return c * c;
}

}  // namespace kiosk::search
