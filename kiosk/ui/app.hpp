#pragma once
// The kiosk's screens over its model: one Dear ImGui frame at a time, drawn only when something changed.
// Knows nothing of SDL: the platform layer feeds input into ImGuiIO and renders the draw data.
#include <map>
#include <optional>
#include <string>
#include <memory>

#include "diagnostic_screens.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/scan/code_source.hpp"
#include "kiosk/core/scan/decoder.hpp"
#include "kiosk/core/scan/source_runner.hpp"
#include "pass_screens.hpp"
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
    // Starts loading the places as a task; the runner calls it once the first frame is on screen, so that
    // neither the first frame's time nor its memory peak (the font atlas upload) adds to the loading's.
    void start_loading();
    bool background_busy() const { return !loading_started_ || loading_; }  // data not loaded yet
    void set_texture_source(TextureSource* source);
    void set_ticket_sink(std::shared_ptr<TicketSink> sink);
    journeys::DiagnosticJourney& diagnostic() { return diagnostic_; }
    const PrintState& print_state() const { return print_; }
    void print_diagnostic_ticket();
    journeys::PassJourney& pass() { return pass_; }
    // Cameras and scanners the platform knows ("v4l2:…", "serial:…"); "replay:<folder>" is built in.
    using SourceFactory = std::function<std::unique_ptr<scan::CodeSource>(const std::string& spec, std::string& error)>;
    void set_source_factory(SourceFactory factory) { source_factory_ = std::move(factory); }
    const ScanView& scan_view() const { return scan_view_; }
    // A code typed by a USB scanner set up as a keyboard (assembled by the platform from its key burst).
    void on_scanned_text(const std::string& code);
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
    std::shared_ptr<TicketSink> sink_;
    journeys::PassJourney pass_;
    SourceFactory source_factory_;
    std::unique_ptr<scan::Decoder> decoder_;
    std::unique_ptr<scan::SourceRunner> camera_;
    std::unique_ptr<scan::SourceRunner> scanner_;  // a USB scanner on a serial port, beside the camera
    ScanView scan_view_;
    std::uint64_t preview_sequence_ = 0;
    std::vector<std::uint8_t> preview_pixels_;
    TextureSource* textures_ = nullptr;
    TimePoint last_now_{};
    void start_scanning();
    void stop_scanning();
    void refresh_preview();
    void check_pass(const std::string& code);
    PrintState print_;
    Task printing_;  // the ticket being printed
    Task loader_;    // the content being loaded
    bool loading_ = false;
    bool loading_started_ = false;
    int frames_wanted_ = 2;
    Screen drawn_screen_ = Screen::Attract;
};

}  // namespace kiosk::ui
