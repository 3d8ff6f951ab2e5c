#pragma once
// The kiosk's screens over its model: one Dear ImGui frame at a time, drawn only when something changed.
// Knows nothing of SDL: the platform layer feeds input into ImGuiIO and renders the draw data.
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "diagnostic_screens.hpp"
#include "kiosk/core/journeys/diagnostic_journey.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "ticket_sink.hpp"

#include "../core/kiosk.hpp"
#include "textures.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace kiosk::ui {

class App {
public:
    App(Kiosk& kiosk, FontFiles fonts);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Builds the font atlas for this display size; true when it changed (the renderer must upload it again).
    bool prepare_fonts(int width, int height);
    void frame(TimePoint now);           // ImGui::NewFrame() … ImGui::Render(), then dispatches what was tapped
    void on_input(TimePoint now);        // any touch, drag or key keeps the session alive
    void after_tick();                   // the model may have changed by itself
    std::optional<TimePoint> next_wakeup(TimePoint now) const;
    int frames_wanted() const { return frames_wanted_; }
    void request_frames(int n) { frames_wanted_ = std::max(frames_wanted_, n); }

    const std::map<std::string, Rect, std::less<>>& hits() const { return ui_.hits(); }
    float scroll_of(std::string_view id) const { return ui_.scroll_of(id); }
    Kiosk& kiosk() { return kiosk_; }
    const Fonts& fonts() const { return fonts_; }
    Rect agent_corner() const;
    journeys::PlacesJourney& places() { return places_; }
    // Starts loading the places on a worker; the runner calls it once the first frame is on screen, so that
    // neither the first frame's time nor its memory peak (the font atlas upload) adds to the loading's.
    void start_loading();
    bool background_busy() const { return !loading_started_ || loading_; }  // data not loaded yet
    void set_texture_source(TextureSource* source) { tiles_.set_source(source); }
    void set_ticket_sink(TicketSink* sink);
    journeys::DiagnosticJourney& diagnostic() { return diagnostic_; }
    const PrintState& print_state() const { return print_; }
    void print_diagnostic_ticket();
    ImU32 clear_color() const;  // what the renderer clears to before the frame is drawn

private:
    Kiosk& kiosk_;
    FontFiles font_files_;
    Fonts fonts_;
    Ui ui_;
    AgentPinPad pin_pad_;
    journeys::PlacesJourney places_;
    TileCache tiles_;
    journeys::DiagnosticJourney diagnostic_;
    TicketSink* sink_ = nullptr;
    PrintState print_;
    std::thread printer_;
    std::thread loader_;
    bool loading_ = false;
    bool loading_started_ = false;
    int frames_wanted_ = 2;
    Screen drawn_screen_ = Screen::Attract;
};

}  // namespace kiosk::ui
