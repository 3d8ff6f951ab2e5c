#include "speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace kiosk::access {

namespace {
std::mutex& engine_mutex() {
    static std::mutex m;
    return m;
}
// The sink of the call in progress (calls are serialised by engine_mutex).
const Speech::Sink* current_sink = nullptr;
std::string current_voice;  // loading a voice (its dictionary) is most of the time to the first sound
bool stopped = false;

int on_synth(short* wav, int count, espeak_EVENT*) {
    if (stopped) return 1;
    if (wav && count > 0 && current_sink && !(*current_sink)(wav, static_cast<std::size_t>(count))) {
        stopped = true;
        return 1;  // abort the synthesis
    }
    return 0;
}
}  // namespace

std::string voice_for(const std::string& language) {
    if (language == "en") return "en";  // British English
    if (language == "pt") return "pt";
    return language;  // fr, es, ro, tr, uk, ar: espeak-ng's own names
}

Speech& Speech::engine() {
    static Speech s;
    return s;
}

Speech::Speech() {
    std::lock_guard<std::mutex> lock(engine_mutex());
    // Chunks of 60 ms: the first sound comes as soon as the first 60 ms are made.
    const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 60, nullptr, 0);
    if (rate <= 0) {
        problem_ = "espeak-ng cannot start (is espeak-ng-data installed?)";
        return;
    }
    espeak_SetSynthCallback(on_synth);
    sample_rate_ = rate;
}

bool Speech::say(const std::string& text, const std::string& language, int rate, const Sink& on_audio,
                 std::string* why) {
    auto fail = [&](const std::string& reason) {
        if (why) *why = reason;
        return false;
    };
    if (!ready()) return fail(problem_);
    std::lock_guard<std::mutex> lock(engine_mutex());
    const std::string voice = voice_for(language);
    if (voice != current_voice) {
        current_voice.clear();
        if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
            return fail("espeak-ng has no voice \"" + voice + "\" for the language \"" + language + "\"");
        current_voice = voice;
    }
    espeak_SetParameter(espeakRATE, std::clamp(rate, kMinRate, kMaxRate), 0);
    current_sink = &on_audio;
    stopped = false;
    const espeak_ERROR e =
        espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    current_sink = nullptr;
    if (e != EE_OK) return fail("espeak-ng could not say the text (error " + std::to_string(e) + ")");
    return true;
}

std::vector<std::int16_t> Speech::render(const std::string& text, const std::string& language, int rate,
                                         std::string* why) {
    std::vector<std::int16_t> all;
    say(
        text, language, rate,
        [&all](const std::int16_t* s, std::size_t n) {
            all.insert(all.end(), s, s + n);
            return true;
        },
        why);
    return all;
}

bool write_wav(const std::filesystem::path& file, const std::vector<std::int16_t>& samples, int rate,
               std::string* why) {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) {
        if (why) *why = "cannot write " + file.string();
        return false;
    }
    auto u32 = [f](std::uint32_t v) {
        const unsigned char b[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                    static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
        std::fwrite(b, 1, 4, f);
    };
    auto u16 = [f](std::uint16_t v) {
        const unsigned char b[2] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
        std::fwrite(b, 1, 2, f);
    };
    const auto bytes = static_cast<std::uint32_t>(samples.size() * 2);
    std::fwrite("RIFF", 1, 4, f);
    u32(36 + bytes);
    std::fwrite("WAVEfmt ", 1, 8, f);
    u32(16);
    u16(1);  // PCM
    u16(1);  // mono
    u32(static_cast<std::uint32_t>(rate));
    u32(static_cast<std::uint32_t>(rate) * 2);
    u16(2);
    u16(16);
    std::fwrite("data", 1, 4, f);
    u32(bytes);
    for (std::int16_t s : samples) u16(static_cast<std::uint16_t>(s));
    const bool ok = std::fclose(f) == 0;
    if (!ok && why) *why = "cannot write " + file.string();
    return ok;
}

double longest_inner_silence(const std::vector<std::int16_t>& samples, int rate, int threshold) {
    std::size_t first = 0, last = samples.size();
    while (first < last && std::abs(samples[first]) <= threshold) ++first;
    while (last > first && std::abs(samples[last - 1]) <= threshold) --last;
    std::size_t longest = 0, run = 0;
    for (std::size_t i = first; i < last; ++i) {
        run = std::abs(samples[i]) <= threshold ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return rate > 0 ? static_cast<double>(longest) / rate : 0;
}

}  // namespace kiosk::access
