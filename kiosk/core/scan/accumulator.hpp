#pragma once
// Reading over time: a citizen holds the pass for seconds, the camera gives 15–30 frames a second. Each
// frame's result goes in; a code comes out once it is confirmed:
//   - a QR code or DataMatrix (Reed–Solomon error correction: a read is already checked) at its first read;
//   - a 1-D code (cheque numbers: a misread bar gives another valid-looking number) when read twice
//     identically within `window` (of rival numbers, the first read twice; the others are forgotten);
//   the best frame of it (the largest view of the code) gives the corners.
// Each confirmed text comes out once until reset() or until it has been unseen for `repeat_after`.
// Not thread-safe: the Decoder calls it under its lock.
#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "kiosk/core/scan/decode.hpp"

namespace kiosk::scan {

struct AccumulatorOptions {
    int linear_reads = 2;                          // identical 1-D reads needed
    std::chrono::milliseconds window{2500};        // ... within this long
    std::chrono::milliseconds repeat_after{3000};  // the same text again only after this long unseen
};

class Accumulator {
  public:
    explicit Accumulator(AccumulatorOptions options = {}) : options_(options) {}
    // The outcome of the frame taken at `t`; the code when it becomes confirmed by this frame.
    std::optional<Decoded> add(const DecodeOutcome& outcome, Clock::time_point t);
    void reset();

  private:
    struct Candidate {
        Decoded best;  // the frame with the largest code (the best view of it)
        int reads = 0;
        Clock::time_point first{}, last{};
    };
    AccumulatorOptions options_;
    std::map<std::string, Candidate> candidates_;
    std::string last_text_;
    Clock::time_point last_text_time_{};
};

}  // namespace kiosk::scan
