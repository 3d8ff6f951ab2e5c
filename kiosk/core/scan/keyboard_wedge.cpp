#include "kiosk/core/scan/keyboard_wedge.hpp"

namespace kiosk::scan {

void KeyboardWedge::on_text(std::string_view utf8, Clock::time_point now) {
    if (utf8.empty()) return;
    if (!buffer_.empty() && now - last_ > options_.max_gap) reset();  // too slow: a person; start over here
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++count_;
    buffer_.append(utf8);
    last_ = now;
}

std::optional<std::string> KeyboardWedge::on_enter(Clock::time_point now) {
    std::optional<std::string> out;
    if (!buffer_.empty() && now - last_ <= options_.max_gap && count_ >= options_.min_length) out = buffer_;
    reset();
    return out;
}

bool KeyboardWedge::in_burst(Clock::time_point now) const {
    return !buffer_.empty() && count_ >= 2 && now - last_ <= options_.max_gap;
}

void KeyboardWedge::reset() {
    buffer_.clear();
    count_ = 0;
    last_ = {};
}

}  // namespace kiosk::scan
