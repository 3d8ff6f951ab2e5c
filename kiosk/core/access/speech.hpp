#pragma once
// Speech synthesis with espeak-ng (GPL-3.0-or-later, linked directly: the kiosk is GPL-3.0-or-later too).
// espeak-ng keeps one state per process: every call is serialised here. Call from a task (kiosk/core/tasks),
// never on the frame. Pure of SDL: the samples go to whoever plays them.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kiosk::access {

// Words per minute: espeak-ng's normal is 175; slower by default for this public.
inline constexpr int kSlowRate = 130;
inline constexpr int kMinRate = 80, kMaxRate = 260;

// The espeak-ng voice for a kiosk language code ("fr" → "fr", "en" → "en-gb").
std::string voice_for(const std::string& language);

class Speech {
  public:
    static Speech& engine();  // started on first use; `ready()` says whether it could be
    bool ready() const { return sample_rate_ > 0; }
    const std::string& problem() const { return problem_; }  // why not ready, in words
    int sample_rate() const { return sample_rate_; }         // 22050 with Debian's data

    // Says `text` in `language` at `rate` words per minute; `on_audio` gets the sound (16-bit mono) as it is
    // made, in chunks of about 60 ms, and returns false to stop there. False when the voice is missing or
    // synthesis fails (`why` says it).
    using Sink = std::function<bool(const std::int16_t* samples, std::size_t count)>;
    bool say(const std::string& text, const std::string& language, int rate, const Sink& on_audio,
             std::string* why = nullptr);
    // Loads the voice of `language` ahead (its dictionary: most of the time to the first sound).
    bool prepare(const std::string& language) {
        return say(" ", language, kSlowRate, [](const std::int16_t*, std::size_t) { return true; });
    }
    // The whole sound of `text`, for tests and files.
    std::vector<std::int16_t> render(const std::string& text, const std::string& language, int rate,
                                     std::string* why = nullptr);

  private:
    Speech();
    int sample_rate_ = 0;
    std::string problem_;
};

// A 16-bit mono PCM WAV file; false (with `why`) when it cannot be written.
bool write_wav(const std::filesystem::path& file, const std::vector<std::int16_t>& samples, int rate,
               std::string* why = nullptr);

// The longest run of silence (every sample within ±`threshold`) in seconds, leading and trailing silence left
// out.
double longest_inner_silence(const std::vector<std::int16_t>& samples, int rate, int threshold = 300);

}  // namespace kiosk::access
