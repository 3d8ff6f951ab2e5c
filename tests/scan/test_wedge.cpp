#include <catch2/catch.hpp>

#include "kiosk/core/scan/keyboard_wedge.hpp"

using namespace kiosk::scan;
using namespace std::chrono_literals;

namespace {
// Types `text` one character at a time, `gap` apart, from `t`; returns the time of the last one.
Clock::time_point type(KeyboardWedge& w, const std::string& text, Clock::time_point t,
                       std::chrono::milliseconds gap) {
    for (char c : text) {
        t += gap;
        w.on_text(std::string(1, c), t);
    }
    return t;
}
}  // namespace

TEST_CASE("A scanner's fast burst ended by Enter is a scan") {
    KeyboardWedge w;
    auto t = type(w, "PN123456", Clock::now(), 5ms);
    CHECK(w.in_burst(t + 1ms));
    auto code = w.on_enter(t + 5ms);
    REQUIRE(code);
    CHECK(*code == "PN123456");
    CHECK_FALSE(w.on_enter(t + 10ms));  // the buffer is empty again
}

TEST_CASE("A person typing is not a scan") {
    KeyboardWedge w;
    auto t = type(w, "bonjour", Clock::now(), 150ms);
    CHECK_FALSE(w.in_burst(t));
    CHECK_FALSE(w.on_enter(t + 100ms));
}

TEST_CASE("Slow typing then a scan: only the scan counts") {
    KeyboardWedge w;
    auto t = type(w, "abc", Clock::now(), 200ms);
    t = type(w, "SCAN9876", t + 300ms, 4ms);
    auto code = w.on_enter(t + 4ms);
    REQUIRE(code);
    CHECK(*code == "SCAN9876");
}

TEST_CASE("Too short or Enter too late is not a scan") {
    KeyboardWedge w;
    auto t = type(w, "ab", Clock::now(), 3ms);
    CHECK_FALSE(w.on_enter(t + 3ms));
    t = type(w, "ABCDEFG", t, 3ms);
    CHECK_FALSE(w.on_enter(t + 500ms));
    t = type(w, "é€ABC", t + 1s, 3ms);  // counts characters, keeps UTF-8
    w.reset();
    w.on_text("é€AB", t);
    auto code = w.on_enter(t + 2ms);
    REQUIRE(code);
    CHECK(*code == "é€AB");
}
