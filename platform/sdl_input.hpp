#pragma once
// SDL input → Dear ImGui 1.86 IO, driven by events only (never by polling SDL's mouse state), so that
// touches, drags and keys injected as SDL events by the test harness behave exactly like real ones.
#include <SDL.h>
#include <imgui.h>

#include <deque>

namespace kiosk::platform {

class InputTranslator {
  public:
    explicit InputTranslator(SDL_Window* window) : window_(window) {}
    // Returns true when the event is input from a person (touch, mouse, key, text).
    bool process(const SDL_Event& event);
    void new_frame(ImGuiIO& io);  // applies at most one press or release per frame, so no tap is lost
    bool pending() const { return !queue_.empty(); }

  private:
    struct Pointer {
        ImVec2 pos;
        bool down;
    };
    SDL_Window* window_;
    std::deque<Pointer> queue_;
    Pointer current_{ImVec2(-FLT_MAX, -FLT_MAX), false};
    SDL_FingerID finger_ = -1;
};

}  // namespace kiosk::platform
