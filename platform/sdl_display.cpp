#include "sdl_display.hpp"

#include <SDL_image.h>

#include <stdexcept>

#include "../kiosk/core/log.hpp"

namespace kiosk::platform {

bool Display::video_available() {
    if (SDL_WasInit(SDL_INIT_VIDEO)) return true;
    const char* forced = SDL_getenv("SDL_VIDEODRIVER");
    if (forced && std::string(forced) == "dummy") return false;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return false;
    // SDL falls back to its "offscreen" driver when there is no display at all: that is not a screen.
    const char* driver = SDL_GetCurrentVideoDriver();
    const bool real = driver && std::string(driver) != "offscreen" && std::string(driver) != "dummy";
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return real;
}

Display::Display(DisplayOptions o) : headless_(o.headless) {
    // Touch is handled as touch; SDL must not also turn it into mouse events (nor the reverse).
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (headless_) SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        throw std::runtime_error(std::string("cannot start video: ") + SDL_GetError());

    int w = o.width, h = o.height;
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (headless_) {
        if (w <= 0 || h <= 0) w = 1920, h = 1080;
    } else if (o.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        if (w <= 0 || h <= 0) w = 1920, h = 1080;  // replaced by the desktop's size
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
        if (w <= 0 || h <= 0) w = 1280, h = 800;
    }
    window_ =
        SDL_CreateWindow("Kiosque numérique", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!window_) throw std::runtime_error(std::string("cannot open a window: ") + SDL_GetError());
    if (!headless_) {
        renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!renderer_) log::warn("display: no accelerated renderer (", SDL_GetError(), "); using software");
    }
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
    if (o.fullscreen && !headless_) SDL_ShowCursor(SDL_DISABLE);  // a touch kiosk shows no mouse pointer
    log::info("display: ", width(), "x", height(), " on ", SDL_GetCurrentVideoDriver(), ", renderer ",
              renderer_name());
}

Display::~Display() {
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

int Display::width() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return w;
}

int Display::height() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return h;
}

std::string Display::renderer_name() const {
    SDL_RendererInfo info{};
    if (renderer_ && SDL_GetRendererInfo(renderer_, &info) == 0) return info.name;
    return "none";
}

void Display::resize(int w, int h) {
    SDL_SetWindowSize(window_, w, h);
}

bool Display::save_png(const std::filesystem::path& file) const {
    const int w = width(), h = height();
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!surface) return false;
    bool ok = SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels,
                                   surface->pitch) == 0;
    if (ok) {
        std::error_code ec;
        if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
        ok = IMG_SavePNG(surface, file.c_str()) == 0;
    }
    if (!ok) log::error("screenshot: cannot write ", file.string(), ": ", SDL_GetError());
    SDL_FreeSurface(surface);
    return ok;
}

}  // namespace kiosk::platform
