// Guidance from what the pipeline measures: frames of a real pass made too small, tilted, blurred or under a
// reflection (synth::make_variation) go through decode_frame, and advise() must say the matching words.
#include <catch2/catch.hpp>

#include "kiosk/core/scan/guidance.hpp"
#include "kiosk/core/scan/tools/synth.hpp"
#include "test_support.hpp"

using namespace kiosk::scan;

namespace {
Feedback advice_for(const synth::Variation& v, std::uint32_t seed, DecodeOutcome* keep = nullptr) {
    static const synth::Signer signer =
        synth::signer_from((kiosk::test::source_dir() / "tests/pass/keys/demo-2025.sec").string());
    const synth::Sample s = synth::make_variation(v, seed, signer);
    DecodeOutcome out = decode_frame(s.frame, DecodeOptions{});
    if (keep) *keep = out;
    return advise(out);
}
}  // namespace

TEST_CASE("Guidance: each condition gives its words") {
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        DecodeOutcome out;
        CHECK(advice_for({.module_px = 4}, seed, &out) == Feedback::Read);
        CHECK(out.measures.module_px == Approx(4).epsilon(0.15));  // measured on the code's outline
        CHECK(advice_for({.module_px = 1.2}, seed, &out) == Feedback::TooSmall);  // 1.5 px is still read
        CHECK(advice_for({.module_px = 4, .motion_px = 14}, seed, &out) == Feedback::Unsteady);
        CHECK(advice_for({.module_px = 4, .defocus = 3.5}, seed, &out) == Feedback::Unsteady);
        CHECK(advice_for({.module_px = 4, .glare = 0.6}, seed, &out) == Feedback::Glare);
        CHECK(advice_for({.module_px = 4, .tilt = 0.6, .defocus = 1.6}, seed, &out) == Feedback::Tilted);
    }
}

TEST_CASE("Guidance: an empty guide region asks for the code, a bright one does not invent a code") {
    Frame f;
    f.width = 1280;
    f.height = 720;
    f.lum.assign(std::size_t(f.width) * f.height, 120);
    CHECK(advise(decode_frame(f, DecodeOptions{})) == Feedback::NoCode);
    std::fill(f.lum.begin(), f.lum.end(), 255);  // a lamp straight into the camera
    CHECK(advise(decode_frame(f, DecodeOptions{})) == Feedback::Glare);
    CHECK(std::string(feedback_key(Feedback::TooSmall)) == "scan.feedback.closer");
    CHECK(std::string(feedback_key(Feedback::Tilted)) == "scan.feedback.straight");
    CHECK(std::string(feedback_key(Feedback::Glare)) == "scan.feedback.glare");
}
