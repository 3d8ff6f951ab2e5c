#pragma once
// The chime of a call for help, made in code (no sound file to ship): two soft bell tones, E5 then C5
// (659.25 Hz, 523.25 Hz), each with its octave for the bell's colour, 0.45 s each with a quick attack and an
// exponential decay, at about a third of full scale (heard in a quiet hall, never startling). 16-bit mono.
#include <cstdint>
#include <vector>

namespace kiosk {

inline constexpr int kChimeRate = 22050;  // espeak-ng's rate: the read-aloud's device needs no reopening
inline constexpr double kChimeTones[2] = {659.25, 523.25};
inline constexpr double kChimeToneSeconds = 0.45;

std::vector<std::int16_t> help_chime(int sample_rate = kChimeRate);

}  // namespace kiosk
