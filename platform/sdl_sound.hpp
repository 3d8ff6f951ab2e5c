#pragma once
// Read-aloud's sound through SDL audio: 16-bit mono queued with SDL_QueueAudio (thread-safe), the device
// opened on first use. With no sound card (or SDL_AUDIODRIVER=dummy/disk), SDL's driver of that name.
#include <SDL.h>

#include <atomic>
#include <mutex>

#include "../kiosk/ui/app.hpp"

namespace kiosk::platform {

class SdlSound final : public ui::SoundOut {
  public:
    SdlSound() = default;
    ~SdlSound() override;
    SdlSound(const SdlSound&) = delete;
    SdlSound& operator=(const SdlSound&) = delete;

    bool start(int sample_rate) override;
    void queue(const std::int16_t* samples, std::size_t count) override;
    void stop() override;
    bool playing() const override;
    std::size_t played() const override { return queued_.load(); }

  private:
    mutable std::mutex mutex_;
    SDL_AudioDeviceID device_ = 0;
    int rate_ = 0;
    bool failed_ = false;
    std::atomic<std::size_t> queued_{0};
};

}  // namespace kiosk::platform
