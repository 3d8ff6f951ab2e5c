// Replayed frames: a name that gives an impossible size is an error for that frame only (it was an uncaught
// std::out_of_range from std::stoi), and the other frames still play.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/core/scan/frame.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "test_support.hpp"

using namespace kiosk::scan;

TEST_CASE("Replay: a frame whose name gives an impossible size is skipped, the others play") {
    kiosk::test::TempDir dir;
    std::ofstream(dir.path / "x-99999999999x2.y8") << std::string(16, 'x');
    std::ofstream(dir.path / "y-0x0.y8") << std::string(16, 'x');
    std::ofstream(dir.path / "z-9000x9000.y8") << std::string(16, 'x');
    for (const char* name : {"x-99999999999x2.y8", "y-0x0.y8", "z-9000x9000.y8"}) {
        INFO(name);
        const LoadedFrame f = load_frame(dir.path / name);
        CHECK_FALSE(f.ok());
        CHECK_THAT(f.error, Catch::Contains("raw frame without a size"));
    }
    ReplaySource only_bad({dir.path});
    CHECK_THAT(only_bad.open(), Catch::Contains("x-99999999999x2.y8"));
    std::ofstream(dir.path / "a-4x4.y8") << std::string(16, '\x80');
    ReplaySource some_good({dir.path});
    CHECK(some_good.open().empty());
    const SourceItem item = some_good.next(std::chrono::milliseconds(0));
    REQUIRE(item.frame);
    CHECK(item.frame->width == 4);
}
