#include "sdl_input.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::platform {

namespace {
int to_imgui_key_index(SDL_Scancode s) {
    return static_cast<int>(s) < 512 ? static_cast<int>(s) : 0;
}
}  // namespace

bool InputTranslator::process(const SDL_Event& e) {
    ImGuiIO& io = ImGui::GetIO();
    switch (e.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            int w = 0, h = 0;
            SDL_GetWindowSize(window_, &w, &h);
            ImVec2 p(e.tfinger.x * static_cast<float>(w), e.tfinger.y * static_cast<float>(h));
            if (track_fingers(e, p)) return true;
            // One finger drives the pointer.
            if (e.type == SDL_FINGERDOWN && finger_ == -1) finger_ = e.tfinger.fingerId;
            if (e.tfinger.fingerId != finger_) return true;
            bool down = e.type != SDL_FINGERUP;
            if (e.type == SDL_FINGERUP) finger_ = -1;
            queue_.push_back({p, down});
            if (!down) queue_.push_back({ImVec2(-FLT_MAX, -FLT_MAX), false});
            return true;
        }
        case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID) return false;  // already seen as a finger
            queue_.push_back({ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y)),
                              queue_.empty() ? current_.down : queue_.back().down});
            return true;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return false;
            queue_.push_back({ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y)),
                              e.type == SDL_MOUSEBUTTONDOWN});
            return true;
        case SDL_MOUSEWHEEL:
            if (e.wheel.y > 0) io.MouseWheel += 1;
            if (e.wheel.y < 0) io.MouseWheel -= 1;
            return true;
        case SDL_TEXTINPUT:
            io.AddInputCharactersUTF8(e.text.text);
            return true;
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            int key = to_imgui_key_index(e.key.keysym.scancode);
            io.KeysDown[key] = e.type == SDL_KEYDOWN;
            SDL_Keymod mod = SDL_GetModState();
            io.KeyShift = (mod & KMOD_SHIFT) != 0;
            io.KeyCtrl = (mod & KMOD_CTRL) != 0;
            io.KeyAlt = (mod & KMOD_ALT) != 0;
            return true;
        }
        default:
            return false;
    }
}

bool InputTranslator::track_fingers(const SDL_Event& e, ImVec2 p) {
    const SDL_FingerID id = e.tfinger.fingerId;
    int slot = -1;
    for (int i = 0; i < std::min(down_, 2); ++i)
        if (fingers_[i].id == id) slot = i;
    auto centre = [this] {
        return ImVec2((fingers_[0].pos.x + fingers_[1].pos.x) * 0.5f,
                      (fingers_[0].pos.y + fingers_[1].pos.y) * 0.5f);
    };
    auto distance = [this] {
        return std::hypot(fingers_[0].pos.x - fingers_[1].pos.x, fingers_[0].pos.y - fingers_[1].pos.y);
    };
    if (e.type == SDL_FINGERDOWN) {
        if (down_ < 2) fingers_[down_] = {id, p};
        ++down_;
        if (down_ == 2 && !pinching_) {
            // A second finger: a pinch, not a tap. The pointer goes away from what the first finger pressed,
            // then lifts there.
            pinching_ = true;
            const ImVec2 away(-FLT_MAX, -FLT_MAX);
            if (finger_ != -1) {
                queue_.push_back({away, true});
                queue_.push_back({away, false});
                finger_ = -1;
            }
            last_centre_ = centre();
            last_distance_ = distance();
        }
        return pinching_;
    }
    if (e.type == SDL_FINGERMOTION) {
        if (slot >= 0) fingers_[slot].pos = p;
        if (pinching_ && down_ >= 2 && slot >= 0) {
            const ImVec2 c = centre();
            const float d = distance();
            if (last_distance_ > 1 && d > 1) pinch_.scale *= d / last_distance_;
            pinch_.pan.x += c.x - last_centre_.x;
            pinch_.pan.y += c.y - last_centre_.y;
            pinch_.centre = c;
            pinch_.active = true;
            last_centre_ = c;
            last_distance_ = d;
        }
        return pinching_;
    }
    // SDL_FINGERUP
    if (slot >= 0) {
        if (slot == 0 && down_ >= 2) fingers_[0] = fingers_[1];
    }
    down_ = std::max(0, down_ - 1);
    if (pinching_) {
        if (down_ == 0) pinching_ = false;
        return true;
    }
    return false;
}

InputTranslator::Pinch InputTranslator::take_pinch() {
    Pinch p = pinch_;
    pinch_ = Pinch{};
    return p;
}

void InputTranslator::new_frame(ImGuiIO& io) {
    // Key map for ImGui 1.86 (indices are SDL scancodes).
    io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
    io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
    io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
    io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
    io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = SDL_SCANCODE_SPACE;
    io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
    io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;

    // Moves are merged; a change of button state ends the step, so every press and release gets a frame.
    while (!queue_.empty()) {
        Pointer next = queue_.front();
        queue_.pop_front();
        bool changed = next.down != current_.down;
        current_ = next;
        if (changed) break;
    }
    io.MousePos = current_.pos;
    io.MouseDown[0] = current_.down;
}

}  // namespace kiosk::platform
