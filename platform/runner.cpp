#include "runner.hpp"

#include "kiosk/core/fleet/fleet_journey.hpp"

#include "sdl_sound.hpp"

#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <chrono>

#include <SDL_image.h>

#include "../kiosk/core/log.hpp"
#include "service.hpp"

namespace kiosk::platform {

Runner::Runner(Kiosk& kiosk, ui::Application& app, Display& display, Clock& clock)
    : kiosk_(kiosk),
      app_(app),
      display_(display),
      clock_(clock),
      input_(display.window()),
      textures_(display.renderer()),
      devices_(make_devices(kiosk.config())) {
    app_.set_texture_source(&textures_);
    if (devices_.keyboard_scanner) wedge_.emplace();
    app_.set_devices(devices_.camera, devices_.scanner, devices_.printer);
    app_.set_sound(std::make_shared<SdlSound>());
    wake_event_ = SDL_RegisterEvents(1);
    const Uint32 wake = wake_event_;
    // Results from worker threads wake the loop through SDL's (thread-safe) event queue.
    kiosk_.run_queue().set_waker([wake] {
        SDL_Event e{};
        e.type = wake;
        SDL_PushEvent(&e);
    });
    ImGui_ImplSDLRenderer_Init(display_.renderer());
    app_.prepare_fonts(display_.width(), display_.height());
    upload_fonts();
    // The fleet's health check and remote screenshots draw the screen as it is.
    if (auto* fleet = kiosk_.find<fleet::FleetJourney>())
        fleet->set_capture([this](const std::filesystem::path& png) { return screenshot(png); });
}

Runner::~Runner() {
    if (auto* fleet = kiosk_.find<fleet::FleetJourney>()) fleet->set_capture(nullptr);
    app_.set_texture_source(nullptr);  // the tiles' textures go before the renderer does
    kiosk_.run_queue().set_waker(nullptr);
    ImGui_ImplSDLRenderer_Shutdown();
}

ImTextureID SdlTextures::create_rgba(const std::uint8_t* rgba, int width, int height) {
    if (!rgba || width <= 0 || height <= 0) return nullptr;
    // RGBA bytes in memory are SDL's ABGR8888 on a little-endian machine, RGBA8888 on a big-endian one.
    SDL_Texture* texture =
        SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
    if (!texture) {
        log::warn("picture cannot be made a texture: ", SDL_GetError());
        return nullptr;
    }
    if (SDL_UpdateTexture(texture, nullptr, rgba, width * 4) != 0) {
        log::warn("picture cannot be uploaded: ", SDL_GetError());
        SDL_DestroyTexture(texture);
        return nullptr;
    }
    return texture;
}

void SdlTextures::destroy(ImTextureID texture) {
    SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
}

ImTextureID SdlTextures::update_luminance(ImTextureID texture, const std::uint8_t* lum, int width,
                                          int height) {
    auto* t = static_cast<SDL_Texture*>(texture);
    int tw = 0, th = 0;
    if (t && (SDL_QueryTexture(t, nullptr, nullptr, &tw, &th) != 0 || tw != width || th != height)) {
        SDL_DestroyTexture(t);
        t = nullptr;
    }
    if (!t)
        t = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, width,
                              height);
    if (!t) return nullptr;
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(t, nullptr, &pixels, &pitch) == 0) {
        for (int y = 0; y < height; ++y) {
            auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(pixels) + y * pitch);
            for (int x = 0; x < width; ++x) {
                const Uint32 v = lum[static_cast<std::size_t>(y) * width + x];
                row[x] = 0xFF000000u | (v << 16) | (v << 8) | v;
            }
        }
        SDL_UnlockTexture(t);
    }
    return t;
}

void Runner::upload_fonts() {
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // the renderer has its copy; keep no second one in memory
}

bool Runner::handle(const SDL_Event& e) {
    if (e.type == SDL_QUIT) {
        quit_ = true;
        return false;
    }
    if (e.type == wake_event_) {
        kiosk_.run_queue().run_pending();  // each task asks for frames if what it changed is on screen
        return true;
    }
    if (e.type == SDL_WINDOWEVENT) {
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            if (app_.prepare_fonts(display_.width(), display_.height())) upload_fonts();
            app_.request_frames(2);
        } else if (e.window.event == SDL_WINDOWEVENT_EXPOSED) {
            app_.request_frames(1);
        }
        return true;
    }
    if (e.type == SDL_RENDER_TARGETS_RESET || e.type == SDL_RENDER_DEVICE_RESET) {
        upload_fonts();
        app_.request_frames(2);
        return true;
    }
    if (wedge_) {  // a scanner typing as a keyboard: its fast bursts ended by Enter are codes
        const auto now = std::chrono::steady_clock::now();
        if (e.type == SDL_TEXTINPUT) wedge_->on_text(e.text.text, now);
        if (e.type == SDL_KEYDOWN && (e.key.keysym.scancode == SDL_SCANCODE_RETURN ||
                                      e.key.keysym.scancode == SDL_SCANCODE_KP_ENTER)) {
            if (std::optional<std::string> code = wedge_->on_enter(now)) {
                app_.on_input(clock_.now());
                app_.on_scanned_text(*code);
                return true;
            }
        }
    }
    if (input_.process(e)) {
        app_.on_input(clock_.now());
        return true;
    }
    return false;
}

void Runner::check_timers() {
    // The wake time is kept from one pass to the next: computed afresh at the very instant it falls due,
    // it would already point at the following second.
    const TimePoint now = clock_.now();
    if (wake_at_ && now >= *wake_at_) {
        kiosk_.dispatch(ev::Tick{}, now);
        app_.after_tick();
    }
    wake_at_ = app_.next_wakeup(now);
}

void Runner::draw_frame(const std::filesystem::path* capture) {
    const auto t0 = std::chrono::steady_clock::now();
    // "Texte plus grand" was tapped: the fonts at the new size before this frame.
    if (app_.prepare_fonts(display_.width(), display_.height())) upload_fonts();
    ImGuiIO& io = ImGui::GetIO();
    const TimePoint now = clock_.now();
    io.DisplaySize = ImVec2(static_cast<float>(display_.width()), static_cast<float>(display_.height()));
    float dt = std::chrono::duration<float>(now - last_frame_).count();
    io.DeltaTime = (dt > 0 && dt < 1.0f) ? dt : 1.0f / 60.0f;
    last_frame_ = now;
    input_.new_frame(io);
    const InputTranslator::Pinch pinch = input_.take_pinch();
    app_.set_pinch(ui::Pinch{pinch.active, pinch.centre, pinch.pan, pinch.scale});
    ImGui_ImplSDLRenderer_NewFrame();
    const std::string screen = screen_name(kiosk_.screen());
    app_.frame(now);

    SDL_Renderer* r = display_.renderer();
    const ImU32 clear = app_.clear_color();
    SDL_SetRenderDrawColor(r, clear & 0xFF, (clear >> 8) & 0xFF, (clear >> 16) & 0xFF, 255);
    SDL_RenderClear(r);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (capture) display_.save_png(*capture);
    SDL_RenderPresent(r);
    if (stats_.frames == 0) {
        app_.first_frame_shown();
        if (!capture && !display_.headless()) service::notify_ready();
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!capture) stats_.ms_by_screen[screen].push_back(ms);
    ++stats_.frames;
}

void Runner::pump(int max_frames) {
    SDL_Event e;
    for (int i = 0; i < max_frames; ++i) {
        while (SDL_PollEvent(&e)) handle(e);
        check_timers();
        if (app_.frames_wanted() == 0 && !input_.pending()) return;
        draw_frame(nullptr);
    }
}

void Runner::run() {
    SDL_Event e;
    const int beat = service::watchdog_wait_ms();
    while (!quit_) {
        service::notify_watchdog();
        const TimePoint now = clock_.now();
        bool got = false;
        if (app_.frames_wanted() > 0 || input_.pending()) {
            got = SDL_PollEvent(&e);
        } else if (wake_at_) {
            auto ms = std::chrono::ceil<std::chrono::milliseconds>(*wake_at_ - now).count();
            const long long most = beat > 0 ? std::min(beat, 60'000) : 60'000;
            got = SDL_WaitEventTimeout(&e, static_cast<int>(std::clamp<long long>(ms, 0, most)));
        } else if (beat > 0) {
            got = SDL_WaitEventTimeout(&e, beat);  // the watchdog wants to hear from the loop
        } else {
            got = SDL_WaitEvent(&e);  // nothing will change until someone touches the screen
        }
        if (got) {
            handle(e);
            while (SDL_PollEvent(&e)) handle(e);
        }
        check_timers();
        if (app_.frames_wanted() > 0 || input_.pending()) draw_frame(nullptr);
    }
}

bool Runner::screenshot(const std::filesystem::path& file) {
    pump();
    draw_frame(&file);
    return std::filesystem::exists(file);
}

void Runner::resize(int width, int height) {
    display_.resize(width, height);
    if (app_.prepare_fonts(display_.width(), display_.height())) upload_fonts();
    app_.request_frames(3);
    pump();
}

void Runner::push_finger(Uint32 type, float x, float y, SDL_FingerID finger) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.timestamp = SDL_GetTicks();
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = finger;
    e.tfinger.x = x / static_cast<float>(display_.width());
    e.tfinger.y = y / static_cast<float>(display_.height());
    e.tfinger.pressure = 1.0f;
    SDL_PushEvent(&e);
}

void Runner::tap(float x, float y) {
    push_finger(SDL_FINGERDOWN, x, y);
    push_finger(SDL_FINGERUP, x, y);
    pump();
}

void Runner::drag(float x0, float y0, float x1, float y1, int steps) {
    push_finger(SDL_FINGERDOWN, x0, y0);
    pump();
    for (int i = 1; i <= steps; ++i) {
        float t = static_cast<float>(i) / static_cast<float>(steps);
        push_finger(SDL_FINGERMOTION, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        pump();
    }
    push_finger(SDL_FINGERUP, x1, y1);
    pump();
}

void Runner::pinch(float cx, float cy, float d0, float d1, int steps) {
    push_finger(SDL_FINGERDOWN, cx - d0 / 2, cy, 1);
    pump();
    push_finger(SDL_FINGERDOWN, cx + d0 / 2, cy, 2);
    pump();
    for (int i = 1; i <= steps; ++i) {
        const float d = d0 + (d1 - d0) * static_cast<float>(i) / static_cast<float>(steps);
        push_finger(SDL_FINGERMOTION, cx - d / 2, cy, 1);
        push_finger(SDL_FINGERMOTION, cx + d / 2, cy, 2);
        pump();
    }
    push_finger(SDL_FINGERUP, cx - d1 / 2, cy, 1);
    pump();
    push_finger(SDL_FINGERUP, cx + d1 / 2, cy, 2);
    pump();
}

void Runner::key(SDL_Scancode code) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.scancode = code;
    e.key.keysym.sym = SDL_GetKeyFromScancode(code);
    e.key.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    pump();  // the key is down for at least one frame
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    pump();
}

void Runner::text(const char* utf8) {
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    SDL_strlcpy(e.text.text, utf8, sizeof e.text.text);
    SDL_PushEvent(&e);
    pump();
}

}  // namespace kiosk::platform
