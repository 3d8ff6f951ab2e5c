#pragma once
// The screen: an SDL window with an SDL_Renderer, full screen on a kiosk, or SDL's dummy driver with a
// software renderer when there is no display (tests, the headless tour, benchmarks).
#include <SDL.h>

#include <filesystem>
#include <string>

namespace kiosk::platform {

struct DisplayOptions {
    int width = 0, height = 0;  // 0: the screen's own size (full screen) or 1920×1080 (headless)
    bool fullscreen = true;
    bool headless = false;
};

class Display {
  public:
    explicit Display(DisplayOptions options);  // throws std::runtime_error with SDL's reason
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    SDL_Window* window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }
    int width() const;
    int height() const;
    bool headless() const { return headless_; }
    std::string renderer_name() const;
    // Reads back what was just rendered (before it is presented) and writes it as PNG.
    bool save_png(const std::filesystem::path& file) const;
    void resize(int width, int height);

    // True when a real video driver can open a window here (a display, or KMS on the kiosk).
    static bool video_available();

  private:
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    bool headless_ = false;
};

}  // namespace kiosk::platform
