// Frames where nothing may be read (tests/scan/falsepositives, written by kiosk-make-golden tests/scan). The
// golden set of passes is made from seeds: test_synth_golden.cpp.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "kiosk/core/scan/decode.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "test_support.hpp"

using namespace kiosk::scan;

TEST_CASE("False positives: nothing is read in frames without a code") {
    const auto files = image_files(kiosk::test::source_dir() / "tests/scan/falsepositives");
    REQUIRE(files.size() >= 10);
    DecodeOptions options;
    options.slow_pass_always = true;  // the most tolerant setting must not invent codes either
    for (const auto& path : files) {
        LoadedFrame f = load_frame(path);
        REQUIRE(f.ok());
        DecodeOutcome out = decode_frame(f.frame, options);
        INFO(path.filename().string() << " read as " << (out.code ? out.code->text : std::string("nothing")));
        CHECK_FALSE(out.code);
    }
}
