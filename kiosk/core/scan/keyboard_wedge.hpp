#pragma once
// A USB barcode scanner set up as a keyboard types the code very fast then Enter. The UI gives every text
// key and Enter to this assembler: a burst typed with less than `max_gap` between characters and ended by
// Enter is a scan; anything slower is a person typing (and stays the UI's).
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/scan/frame.hpp"

namespace kiosk::scan {

struct WedgeOptions {
    std::chrono::milliseconds max_gap{50};  // scanners type a character every 2–20 ms; people ≥ 80 ms
    std::size_t min_length = 4;             // characters (UTF-8 code points) before Enter
};

class KeyboardWedge {
  public:
    explicit KeyboardWedge(WedgeOptions options = {}) : options_(options) {}

    // Text typed (UTF-8, one or more characters, e.g. SDL_TEXTINPUT).
    void on_text(std::string_view utf8, Clock::time_point now);
    // Enter: the scanned code when what came before was a scanner's burst, else nothing.
    std::optional<std::string> on_enter(Clock::time_point now);
    // True while a fast burst is being typed (the UI may hold those characters back from a text field).
    bool in_burst(Clock::time_point now) const;
    void reset();

  private:
    WedgeOptions options_;
    std::string buffer_;
    std::size_t count_ = 0;
    Clock::time_point last_{};
};

}  // namespace kiosk::scan
