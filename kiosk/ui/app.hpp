#pragma once
// The kiosk's screens over its model: one Dear ImGui frame at a time, drawn only when something changed.
// A registry of draw functions, one per screen (each journey adds its own, see rooms.cpp); what the screens
// send goes to the Kiosk, which hands intents to their journeys. Knows nothing of SDL: the platform layer
// feeds input into ImGuiIO and renders the draw data, through the small interface below.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "diagnostic_screens.hpp"
#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/journeys/diagnostic_journey.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "kiosk/core/scan/code_source.hpp"
#include "pass_screens.hpp"
#include "kiosk/core/printing/ticket_sink.hpp"

#include "../core/kiosk.hpp"
#include "textures.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace kiosk::ui {

// Where read-aloud's sound goes: the platform's SDL audio. Any thread may queue and ask.
class SoundOut {
  public:
    virtual ~SoundOut() = default;
    virtual bool start(int sample_rate) = 0;  // 16-bit mono at this rate; false when there is no sound
    virtual void queue(const std::int16_t* samples, std::size_t count) = 0;
    virtual void stop() = 0;                 // what is queued is dropped: silence at once
    virtual bool playing() const = 0;        // sound is still queued
    virtual std::size_t played() const = 0;  // samples queued since start (tests, the benchmark)
};

// What the platform's runner needs of an application (as hello_imgui's callbacks): fonts for a display size,
// a frame, input and timers, and when to draw.
class Application {
  public:
    virtual ~Application() = default;
    virtual bool prepare_fonts(int width, int height) = 0;  // true when the atlas changed (upload it again)
    virtual void frame(TimePoint now) = 0;
    virtual void on_input(TimePoint now) = 0;
    virtual void after_tick() = 0;
    virtual std::optional<TimePoint> next_wakeup(TimePoint now) const = 0;
    virtual int frames_wanted() const = 0;
    virtual void request_frames(int n) = 0;
    virtual ImU32 clear_color() const = 0;
    virtual void first_frame_shown() = 0;  // the runner has put the first frame on screen
    // What the platform gives: pictures, and the devices its factory built from the configuration.
    virtual void set_texture_source(TextureSource* source) = 0;
    using SourceMaker = journeys::PassJourney::SourceMaker;
    virtual void set_devices(SourceMaker camera, SourceMaker scanner,
                             std::shared_ptr<printing::TicketSink> printer) = 0;
    virtual void on_scanned_text(const std::string& code) = 0;  // a USB scanner typing as a keyboard
    virtual void set_pinch(const Pinch&) {}                     // two fingers, for the next frame
    virtual void set_sound(std::shared_ptr<SoundOut>) {}        // read-aloud's output
};

class App final : public Application {
  public:
    App(Kiosk& kiosk, FontFiles fonts);
    ~App() override;
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Builds the font atlas for this display size; true when it changed (the renderer must upload it again).
    bool prepare_fonts(int width, int height) override;
    void frame(
        TimePoint now) override;  // ImGui::NewFrame() … ImGui::Render(), then dispatches what was tapped
    void on_input(TimePoint now) override;  // any touch, drag or key keeps the session alive
    void after_tick() override;             // the model may have changed by itself
    std::optional<TimePoint> next_wakeup(TimePoint now) const override;
    int frames_wanted() const override { return frames_wanted_; }
    void request_frames(int n) override { frames_wanted_ = std::max(frames_wanted_, n); }
    ImU32 clear_color() const override;  // what the renderer clears to before the frame is drawn
    void first_frame_shown() override { start_loading(); }

    // The registry: one draw function per screen. A journey's room adds its screens (rooms.cpp).
    using Draw = std::function<void(Ui&)>;
    void add_screen(Screen screen, Draw draw);
    bool has_screen(Screen screen) const { return draws_.count(screen) > 0; }

    const std::map<std::string, Rect, std::less<>>& hits() const { return ui_.hits(); }
    const ScreenItems& items() const { return ui_.items(); }  // what the last frame showed
    ImVec2 display() const { return ui_.display(); }
    float scroll_of(std::string_view id) const { return ui_.scroll_of(id); }
    Kiosk& kiosk() { return kiosk_; }
    const Fonts& fonts() const { return fonts_; }
    Rect agent_corner() const;
    journeys::PlacesJourney& places() { return *kiosk_.find<journeys::PlacesJourney>(); }
    journeys::DiagnosticJourney& diagnostic() { return *kiosk_.find<journeys::DiagnosticJourney>(); }
    journeys::PassJourney& pass() { return *kiosk_.find<journeys::PassJourney>(); }
    // Starts loading every journey's content as tasks; the runner calls it once the first frame is on screen,
    // so that neither the first frame's time nor its memory peak (the font atlas upload) adds to the
    // loading's.
    void start_loading();
    bool background_busy() const { return !loading_started_ || kiosk_.swapping(); }  // content not loaded yet
    void set_texture_source(TextureSource* source) override;
    void set_devices(SourceMaker camera, SourceMaker scanner,
                     std::shared_ptr<printing::TicketSink> printer) override;
    const PrintState& print_state() { return diagnostic().print_state(); }
    bool printing() {  // a ticket of any journey is being printed
        using K = PrintState::Kind;
        return diagnostic().print_state().kind == K::Printing || places().print_state().kind == K::Printing ||
               pass().print_state().kind == K::Printing ||
               kiosk_.find<journeys::AgentJourney>()->reprint().state().kind == K::Printing;
    }
    const ScanView& scan_view() const { return scan_view_; }
    void
    refresh_preview();  // the camera's latest frame into the preview texture (the scan screen, each frame)
    TileCache& tiles() { return tiles_; }
    // A code typed by a USB scanner set up as a keyboard (assembled by the platform from its key burst).
    void on_scanned_text(const std::string& code) override;
    void set_pinch(const Pinch& p) override { ui_.set_pinch(p); }
    void set_sound(
        std::shared_ptr<SoundOut> sound) override;  // read-aloud's, and the chime of a call for help
    // The chime of a call for help (the kiosk's help.call asks for it): made once by a task, then queued.
    void play_chime();

    // Reading and seeing, chosen by the citizen for this session (back to normal on the attract screen).
    int text_step() const { return text_step_; }  // 0 normal, 1 ×1.4, 2 ×1.8
    static float text_scale(int step) { return step == 1 ? 1.4f : step == 2 ? 1.8f : 1.0f; }
    bool strong_contrast() const { return strong_; }
    void set_text_step(int step) { text_step_ = std::clamp(step, 0, 2); }  // as the button does
    void set_strong_contrast(bool on) { strong_ = on; }
    bool speaking() const { return synthesizing_ || (sound_ && sound_->playing()); }
    int speech_rate() const { return speech_rate_; }
    void set_speech_rate(int words_a_minute);         // kept within espeak-ng's range
    void set_auto_read(bool on) { auto_read_ = on; }  // each new screen read by itself
    // From the tap on "Écouter" to the first sound queued, for the last reading (ms; < 0 before any).
    double last_speech_latency_ms() const { return latency_ ? latency_->load() : -1; }
    const std::string& last_speech_text() const { return speech_text_; }

  private:
    Kiosk& kiosk_;
    FontFiles font_files_;
    Fonts fonts_;
    Ui ui_;
    std::map<Screen, Draw> draws_;
    TileCache tiles_;
    ScanView scan_view_;
    std::uint64_t preview_sequence_ = 0;
    std::vector<std::uint8_t> preview_pixels_;
    TextureSource* textures_ = nullptr;
    bool loading_started_ = false;
    int frames_wanted_ = 2;
    void on_access(const std::string& intent);
    void speak_screen();
    void stop_speech();
    std::shared_ptr<SoundOut> sound_;
    int text_step_ = 0;
    bool strong_ = false;
    int speech_rate_;
    bool auto_read_ = false;
    bool synthesizing_ = false;
    bool sound_failed_ = false;
    Task speech_task_;
    std::shared_ptr<std::atomic<double>> latency_;
    std::string speech_text_;
    Screen read_screen_ = Screen::Attract;
    Screen last_drawn_ = Screen::Attract;  // the screen being read (auto-read: the last one read)
};

// Every journey of the kiosk, once each: its model into the Kiosk, its screens into the App (rooms.cpp).
void add_rooms(Kiosk& kiosk, App& app);

}  // namespace kiosk::ui
