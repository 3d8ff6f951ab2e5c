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

    // Two fingers on the screen pinch: how much closer or farther apart they moved (the distance now over
    // the distance before) around their centre, and how far that centre moved, since the last call.
    // While two fingers are down the pointer is lifted away from where the first one pressed (so that
    // nothing under it is tapped), and it stays up until every finger has lifted.
    struct Pinch {
        bool active = false;
        ImVec2 centre{0, 0}, pan{0, 0};
        float scale = 1;
    };
    Pinch take_pinch();

  private:
    // Keeps count of the fingers down and measures a pinch; true when the event is the pinch's own.
    bool track_fingers(const SDL_Event& event, ImVec2 pos);
    struct Pointer {
        ImVec2 pos;
        bool down;
    };
    SDL_Window* window_;
    std::deque<Pointer> queue_;
    Pointer current_{ImVec2(-FLT_MAX, -FLT_MAX), false};
    SDL_FingerID finger_ = -1;
    // Fingers down, for the pinch: the first two.
    struct Finger {
        SDL_FingerID id;
        ImVec2 pos;
    };
    Finger fingers_[2]{};
    int down_ = 0;              // fingers down (more than two count as two)
    bool pinching_ = false;     // two fingers went down: the pointer waits until all have lifted
    Pinch pinch_;               // what moved since take_pinch()
    ImVec2 last_centre_{0, 0};  // of the two fingers
    float last_distance_ = 0;
};

}  // namespace kiosk::platform
