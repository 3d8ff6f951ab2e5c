#include "help_chime.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

std::vector<std::int16_t> help_chime(int rate) {
    std::vector<std::int16_t> out;
    if (rate <= 0) return out;
    const double pi = 3.14159265358979323846;
    const int per_tone = static_cast<int>(kChimeToneSeconds * rate);
    out.reserve(static_cast<std::size_t>(per_tone) * 2);
    for (double f : kChimeTones) {
        for (int i = 0; i < per_tone; ++i) {
            const double t = static_cast<double>(i) / rate;
            const double attack = std::min(1.0, t / 0.01);  // 10 ms: no click
            const double decay = std::exp(-t * 5.0);
            const double release = std::min(1.0, static_cast<double>(per_tone - i) / (0.02 * rate));
            const double v = (std::sin(2 * pi * f * t) + 0.3 * std::sin(4 * pi * f * t)) / 1.3;
            out.push_back(static_cast<std::int16_t>(std::lround(v * attack * decay * release * 11000.0)));
        }
    }
    return out;
}

}  // namespace kiosk
