#include "kiosk/core/scan/accumulator.hpp"

#include <cmath>

namespace kiosk::scan {

namespace {
bool error_corrected(Symbology s) {
    return s == Symbology::QrCode || s == Symbology::DataMatrix || s == Symbology::Keyboard ||
           s == Symbology::Serial;
}
double area(const Decoded& d) {
    double a = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const Point p = d.corners[i], q = d.corners[(i + 1) % 4];
        a += double(p.x) * q.y - double(q.x) * p.y;
    }
    return std::fabs(a) / 2;
}
}  // namespace

void Accumulator::reset() {
    candidates_.clear();
    last_text_.clear();
    last_text_time_ = {};
}

std::optional<Decoded> Accumulator::add(const DecodeOutcome& outcome, Clock::time_point t) {
    for (auto it = candidates_.begin(); it != candidates_.end();)  // reads too old to confirm anything
        it = t - it->second.last > options_.window ? candidates_.erase(it) : std::next(it);
    if (!outcome.code) return std::nullopt;
    const Decoded& d = *outcome.code;
    // Already delivered and still in view: nothing new (and it stays "in view").
    if (d.text == last_text_ && t - last_text_time_ < options_.repeat_after) {
        last_text_time_ = t;
        return std::nullopt;
    }
    Candidate& c = candidates_[d.text];
    if (c.reads == 0 || area(d) > area(c.best)) c.best = d;
    if (c.reads == 0) c.first = t;
    ++c.reads;
    c.last = t;
    const int needed = error_corrected(d.symbology) ? 1 : options_.linear_reads;
    if (c.reads < needed) return std::nullopt;
    Decoded out = c.best;
    last_text_ = d.text;
    last_text_time_ = t;
    candidates_.clear();
    return out;
}

}  // namespace kiosk::scan
