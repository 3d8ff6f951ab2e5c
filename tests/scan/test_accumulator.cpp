// Reading over time: QR codes at their first read, 1-D codes when read twice identically, the text read most
// often when frames disagree, each code once while it stays in view; and the clips of a shaking hand.
#include <catch2/catch.hpp>

#include "kiosk/core/scan/accumulator.hpp"
#include "kiosk/core/scan/tools/synth.hpp"
#include "test_support.hpp"

using namespace kiosk::scan;
using namespace std::chrono_literals;

namespace {
DecodeOutcome read_of(const std::string& text, Symbology s, int size = 100) {
    DecodeOutcome o;
    o.code = Decoded{text, s, {{{0, 0}, {size, 0}, {size, size}, {0, size}}}};
    return o;
}
}  // namespace

TEST_CASE("Accumulator: a QR code at once, a 1-D code when read twice the same") {
    Accumulator acc;
    const Clock::time_point t0 = Clock::time_point{} + 10s;
    REQUIRE(acc.add(read_of("PN1.ABC", Symbology::QrCode), t0));
    CHECK_FALSE(acc.add(read_of("PN1.ABC", Symbology::QrCode), t0 + 100ms));  // still in view: once
    CHECK_FALSE(acc.add(DecodeOutcome{}, t0 + 200ms));
    CHECK_FALSE(acc.add(read_of("726123456789", Symbology::Code128), t0 + 300ms));  // once is not enough
    CHECK_FALSE(acc.add(read_of("726123456780", Symbology::Code128), t0 + 350ms));  // another number
    const auto c = acc.add(read_of("726123456789", Symbology::Code128, 140), t0 + 400ms);
    REQUIRE(c);
    CHECK(c->text == "726123456789");
    CHECK(c->corners[2].x == 140);  // the best (largest) view of it
    // Held up again after a pause longer than repeat_after: given again.
    CHECK(acc.add(read_of("PN1.ABC", Symbology::QrCode), t0 + 10s));
    acc.reset();
    CHECK(acc.add(read_of("PN1.ABC", Symbology::QrCode), t0 + 10s + 100ms));
}

TEST_CASE("Accumulator: 1-D reads too far apart do not confirm, of two rival numbers, the first read twice") {
    Accumulator acc;
    const Clock::time_point t0 = Clock::time_point{} + 10s;
    CHECK_FALSE(acc.add(read_of("726000000001", Symbology::Itf), t0));
    CHECK_FALSE(acc.add(read_of("726000000001", Symbology::Itf), t0 + 5s));  // the first one expired
    CHECK(acc.add(read_of("726000000001", Symbology::Itf), t0 + 5s + 100ms));
    // Two numbers alternating (a misread bar): the first read twice wins, the other is forgotten.
    Accumulator b;
    CHECK_FALSE(b.add(read_of("726000000002", Symbology::Itf), t0));
    CHECK_FALSE(b.add(read_of("726000000003", Symbology::Itf), t0 + 10ms));
    const auto won = b.add(read_of("726000000002", Symbology::Itf), t0 + 20ms);
    REQUIRE(won);
    CHECK(won->text == "726000000002");
    CHECK_FALSE(b.add(read_of("726000000003", Symbology::Itf), t0 + 30ms));
}

TEST_CASE("Clips of a shaking hand: the pass is read, confirmed, within the first 3 s of most clips") {
    const synth::Signer signer =
        synth::signer_from((kiosk::test::source_dir() / "tests/pass/keys/demo-2025.sec").string());
    int read = 0, within = 0;
    const int clips = 3;  // kiosk-bench-scan measures 40 (held-out seeds)
    for (int c = 0; c < clips; ++c) {
        const synth::Clip clip = synth::make_clip(synth::kDevSeed, c, signer);
        REQUIRE(clip.frames.size() >= 30);
        Accumulator acc;
        for (const Frame& f :
             clip.frames) {  // every 2nd frame: a worker that keeps up with 15 frames a second
            if (f.sequence % 2 == 0) continue;
            const auto confirmed = acc.add(decode_frame(f, DecodeOptions{}), f.timestamp);
            if (!confirmed) continue;
            INFO(clip.name << " frame " << f.sequence);
            CHECK(confirmed->text == clip.expected);
            ++read;
            within += f.timestamp - clip.frames.front().timestamp <= 3s;
            break;
        }
    }
    CHECK(read >= clips - 1);
    CHECK(within == read);
}
