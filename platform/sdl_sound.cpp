#include "sdl_sound.hpp"

#include "kiosk/core/log.hpp"

namespace kiosk::platform {

SdlSound::~SdlSound() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (device_) SDL_CloseAudioDevice(device_);
    if (rate_ > 0) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool SdlSound::start(int sample_rate) {
    std::lock_guard<std::mutex> lock(mutex_);
    queued_ = 0;
    if (device_ && rate_ == sample_rate) {
        SDL_ClearQueuedAudio(device_);
        SDL_PauseAudioDevice(device_, 0);
        return true;
    }
    if (failed_) return false;
    if (device_) SDL_CloseAudioDevice(device_), device_ = 0;
    if (rate_ == 0 && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        log::error("sound: SDL audio cannot start: ", SDL_GetError());
        failed_ = true;
        return false;
    }
    rate_ = sample_rate;
    SDL_AudioSpec want{};
    want.freq = sample_rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;  // about 46 ms at 22 050 Hz: the first sound soon after the first chunk
    SDL_AudioSpec got{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
    if (!device_) {
        log::error("sound: no audio device: ", SDL_GetError());
        failed_ = true;
        return false;
    }
    log::info("sound: ", SDL_GetCurrentAudioDriver(), " at ", got.freq, " Hz");
    SDL_PauseAudioDevice(device_, 0);
    return true;
}

void SdlSound::queue(const std::int16_t* samples, std::size_t count) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!device_) return;
    SDL_QueueAudio(device_, samples, static_cast<Uint32>(count * sizeof(std::int16_t)));
    queued_ += count;
}

void SdlSound::stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (device_) SDL_ClearQueuedAudio(device_);
}

bool SdlSound::playing() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return device_ && SDL_GetQueuedAudioSize(device_) > 0;
}

}  // namespace kiosk::platform
