#pragma once
// The kiosk's loop: waits for input, timers or worker results; draws only when something changed.
// The same runner serves the real kiosk, the headless tour, the UI tests and the benchmark.
#include <SDL.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../kiosk/ui/app.hpp"
#include "clock.hpp"
#include "sdl_display.hpp"
#include "../kiosk/core/scan/keyboard_wedge.hpp"
#include "sdl_input.hpp"
#include "devices.hpp"

namespace kiosk::platform {

// Map tiles and camera frames, uploaded to the renderer (decoded beforehand by tasks).
class SdlTextures final : public ui::TextureSource {
  public:
    explicit SdlTextures(SDL_Renderer* renderer) : renderer_(renderer) {}
    ImTextureID create_rgba(const std::uint8_t* rgba, int width, int height) override;
    void destroy(ImTextureID texture) override;
    ImTextureID update_luminance(ImTextureID texture, const std::uint8_t* lum, int width,
                                 int height) override;

  private:
    SDL_Renderer* renderer_;
};

struct FrameStats {
    std::map<std::string, std::vector<double>> ms_by_screen;  // CPU time of each drawn frame, per screen
    unsigned long frames = 0;
};

class Runner {
  public:
    Runner(Kiosk& kiosk, ui::Application& app, Display& display, Clock& clock);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    void run();  // until the window is closed or quit() is called
    void quit() { quit_ = true; }
    // Handles every queued event and timer, and draws until the screen is settled. Never waits.
    void pump(int max_frames = 60);
    // Draws one frame now and writes it as PNG.
    bool screenshot(const std::filesystem::path& file);
    void resize(int width, int height);

    // Input as a person gives it, through SDL's event queue (for the harness and the tour).
    void tap(float x, float y);
    void drag(float x0, float y0, float x1, float y1, int steps = 8);
    // Two fingers on a horizontal line around (cx, cy), from d0 to d1 pixels apart.
    void pinch(float cx, float cy, float d0, float d1, int steps = 8);
    void key(SDL_Scancode code);
    void text(const char* utf8);

    const FrameStats& stats() const { return stats_; }
    void reset_stats() { stats_ = {}; }
    Display& display() { return display_; }

  private:
    bool handle(const SDL_Event& e);
    void draw_frame(const std::filesystem::path* capture);
    void upload_fonts();
    void check_timers();
    void push_finger(Uint32 type, float x, float y, SDL_FingerID finger = 1);

    Kiosk& kiosk_;
    ui::Application& app_;
    Display& display_;
    Clock& clock_;
    InputTranslator input_;
    SdlTextures textures_;
    Devices devices_;  // built once from [devices]
    std::optional<scan::KeyboardWedge>
        wedge_;  // [devices] scanner = "keyboard": a scanner typing as a keyboard
    FrameStats stats_;
    Uint32 wake_event_ = 0;
    bool quit_ = false;
    TimePoint last_frame_{};
    std::optional<TimePoint> wake_at_;  // when the model next changes by itself, as last computed
};

}  // namespace kiosk::platform
