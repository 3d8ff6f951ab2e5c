#include "app.hpp"

#include "kiosk/core/journeys/booking_journey.hpp"

#include <cmath>
#include <ctime>

#include "kiosk/core/access/speech.hpp"
#include "kiosk/core/access/spoken_words.hpp"
#include "kiosk/core/help_chime.hpp"
#include "kiosk/core/log.hpp"
#include "places_screens.hpp"

namespace kiosk::ui {

namespace {
// Frames to draw after a change: ImGui settles a new layout within two, one more for pressed states.
constexpr int kFramesAfterChange = 3;
}  // namespace

App::App(Kiosk& kiosk, FontFiles fonts)
    : kiosk_(kiosk), font_files_(std::move(fonts)), ui_(kiosk_, fonts_), speech_rate_(access::kSlowRate) {
    tiles_.set_tasks(&kiosk_.tasks(), [this] { kiosk_.redraw(2); });
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing is written to disk by the UI
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen | ImGuiConfigFlags_NoMouseCursorChange;
    kiosk_.on_redraw([this](int frames) { request_frames(frames); });
    // The shell's screens; the journeys add theirs.
    add_screen(Screen::Attract, draw_attract);
    add_screen(Screen::Home, draw_home);
    add_screen(Screen::Language, draw_language);
    add_screen(Screen::Goodbye, draw_goodbye);
    add_rooms(kiosk_, *this);
    kiosk_.on_wipe([this] {
        // What the camera saw goes too: the next citizen's pass screen starts with no picture.
        if (textures_ && scan_view_.preview) textures_->destroy(scan_view_.preview);
        scan_view_.preview = nullptr;
        scan_view_.preview_w = scan_view_.preview_h = 0;
        preview_sequence_ = 0;
        std::fill(preview_pixels_.begin(), preview_pixels_.end(), std::uint8_t{0});
        preview_pixels_.clear();
    });
}

void App::add_screen(Screen screen, Draw draw) {
    draws_[screen] = std::move(draw);
}

void App::start_loading() {
    if (loading_started_) return;
    loading_started_ = true;
    kiosk_.swap_content();  // each journey reads its content as a task: no frame waits for it
    // The voice of the default language, loaded ahead so that "Écouter" speaks at once.
    if (sound_)
        kiosk_.tasks().post(TaskGroup::Kiosk, "read-aloud voice",
                            [language = kiosk_.config().default_language](const Task&) {
                                access::Speech::engine().prepare(language);
                            });
}

App::~App() {
    stop_speech();
    kiosk_.on_redraw(nullptr);
    kiosk_.run_queue().run_pending();  // what was posted already finds its task cancelled
    ImGui::DestroyContext();
}

bool App::prepare_fonts(int width, int height) {
    const float em = std::round(em_for_screen(width, height) * text_scale(text_step_));
    if (fonts_.body && std::fabs(em - fonts_.em) < 0.5f) return false;
    ImGuiIO& io = ImGui::GetIO();
    fonts_ = load_fonts(io, font_files_, em);
    apply_style(em);
    frames_wanted_ = kFramesAfterChange;
    return true;
}

void App::set_texture_source(TextureSource* source) {
    if (!source && textures_ && scan_view_.preview) textures_->destroy(scan_view_.preview);
    scan_view_.preview = nullptr;
    textures_ = source;
    tiles_.set_source(source);
}

void App::set_devices(SourceMaker camera, SourceMaker scanner,
                      std::shared_ptr<printing::TicketSink> printer) {
    kiosk_.find<journeys::AgentJourney>()->set_devices(camera, scanner,
                                                       kiosk_.config().devices.scanner == "keyboard");
    pass().set_sources(std::move(camera), std::move(scanner));
    diagnostic().set_printer(printer);
    places().set_printer(printer);
    kiosk_.find<journeys::AgentJourney>()->set_printer(printer);
    if (auto* booking = kiosk_.find<journeys::BookingJourney>()) booking->set_printer(printer);
    pass().set_printer(std::move(printer));
}

void App::refresh_preview() {
    const journeys::ScanState& state = pass().scan();
    scan_view_.has_camera = state.has_camera;
    scan_view_.camera_problem = state.camera_problem;
    scan_view_.feedback_key = state.feedback_key;
    scan_view_.roi_x = state.roi_x, scan_view_.roi_y = state.roi_y, scan_view_.roi_w = state.roi_w,
    scan_view_.roi_h = state.roi_h;
    if (!state.has_camera || !textures_) return;
    scan::FramePtr f = pass().preview();
    if (!f || f->empty() || f->sequence == preview_sequence_) return;
    preview_sequence_ = f->sequence;
    // Half resolution is plenty for a preview, and a quarter of the work for the software renderer.
    const int w = f->width / 2, h = f->height / 2;
    preview_pixels_.resize(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            preview_pixels_[static_cast<std::size_t>(y) * w + x] = f->at(2 * x, 2 * y);
    scan_view_.preview = textures_->update_luminance(scan_view_.preview, preview_pixels_.data(), w, h);
    scan_view_.preview_w = w;
    scan_view_.preview_h = h;
}

namespace {
const std::vector<std::int16_t>& chime_samples() {
    static const std::vector<std::int16_t> samples = help_chime(kChimeRate);  // thread-safe, made once
    return samples;
}
}  // namespace

void App::set_sound(std::shared_ptr<SoundOut> sound) {
    sound_ = std::move(sound);
    kiosk_.tasks().post(TaskGroup::Kiosk, "help.chime", [](const Task&) { (void)chime_samples(); });
    kiosk_.on_help_chime([this] { play_chime(); });
}

void App::play_chime() {
    if (!sound_ || sound_failed_) return;
    if (speaking()) stop_speech();  // the chime is for the agents: a reading under way gives way to it
    if (!sound_->start(kChimeRate)) {
        log::error("chime: no sound output");
        return;
    }
    // Made once by a task when the sound is given (chime_samples); queuing it is a copy into SDL's queue, so
    // the chime does not wait for a free worker behind a long task.
    const std::vector<std::int16_t>& samples = chime_samples();
    sound_->queue(samples.data(), samples.size());
    read_screen_ = kiosk_.screen();  // sound on this screen: a reading of another one would stop it
}

void App::on_scanned_text(const std::string& code) {
    if (auto* agent = kiosk_.find<journeys::AgentJourney>()) agent->note_scanned(kiosk_.wall_clock().now());
    // On the PIN screen the scanner reads an agent's badge; everywhere else, a pass.
    if (kiosk_.screen() == Screen::AgentPin) return kiosk_.act(Intent{"agent.badge", code}, kiosk_.now());
    kiosk_.act(Intent{"pass.scanned", code}, kiosk_.now());
}

ImU32 App::clear_color() const {
    if (kiosk_.state().still_there_until) return color::kBackdrop;
    // The map fills most of its screen: clearing to its colour spares a large blend (the rest is drawn
    // white).
    if (kiosk_.screen() == Screen::PlacesMap) return color::kBlueFranceLight;
    return color::kBackground;
}

Rect App::agent_corner() const {
    const float s = fonts_.em * 2.4f;
    return Rect{ImVec2(0, 0), ImVec2(s, s)};
}

bool Ui::pressed_in_agent_corner() const {
    const ImVec2 p = ImGui::GetIO().MouseClickedPos[0];
    const float s = fonts_.em * 2.4f;
    return p.x >= 0 && p.y >= 0 && p.x < s && p.y < s;
}

void App::on_input(TimePoint now) {
    kiosk_.dispatch(ev::Input{}, now);
    frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
}

void App::after_tick() {
    frames_wanted_ = std::max(frames_wanted_, 2);
}

std::optional<TimePoint> App::next_wakeup(TimePoint now) const {
    std::optional<TimePoint> wake = kiosk_.next_wakeup(now);
    // "Un agent arrive" breathes gently for its first 20 seconds (a frame a second), then holds still.
    if (kiosk_.help_shown() && now - kiosk_.help_since() < std::chrono::seconds(20)) {
        TimePoint next = now + std::chrono::seconds(1);
        if (!wake || next < *wake) wake = next;
    }
    // While reading aloud, the button goes back to "Écouter" when the sound ends.
    if (speaking()) {
        TimePoint next = now + std::chrono::milliseconds(250);
        if (!wake || next < *wake) wake = next;
    }
    // The agent lockout countdown is shown in seconds.
    if (kiosk_.screen() == Screen::AgentPin) {
        const int left = const_cast<Kiosk&>(kiosk_).agent().lockout_seconds_left(now);
        if (left > 0) {
            TimePoint next = now + std::chrono::seconds(1);
            if (!wake || next < *wake) wake = next;
        }
    }
    return wake;
}

void App::frame(TimePoint now) {
    ImGuiIO& io = ImGui::GetIO();
    kiosk_.note_time(now);
    // A new citizen finds the ordinary text, colours and silence: back to them when the attract screen comes
    // back.
    const bool attract_again = kiosk_.screen() == Screen::Attract && last_drawn_ != Screen::Attract;
    last_drawn_ = kiosk_.screen();
    if (attract_again) {
        text_step_ = 0;
        strong_ = auto_read_ = false;
        speech_rate_ = access::kSlowRate;
        stop_speech();
    }
    color::use_palette(strong_ ? color::Palette::Strong : color::Palette::Standard);
    ui_.set_access(AccessView{text_step_, strong_, speaking(), sound_ != nullptr && !sound_failed_});
    ImGui::NewFrame();
    ui_.begin_frame(now, io.DisplaySize);

    // Three taps in the top-left corner open the agent PIN screen. Nothing else lives there.
    if (ImGui::IsMouseClicked(0)) {
        const Rect c = agent_corner();
        const ImVec2 p = io.MousePos;
        if (p.x >= c.min.x && p.y >= c.min.y && p.x < c.max.x && p.y < c.max.y) ui_.send(ev::CornerTap{});
    }

    // No window background: the renderer has cleared the screen already (a full-screen blend costs
    // milliseconds in software).
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoDecoration |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##screen", nullptr, flags);
    // While "Êtes-vous toujours là ?" is asked, it is the only thing on screen.
    if (!kiosk_.state().still_there_until) {
        auto draw = draws_.find(kiosk_.screen());
        if (draw != draws_.end()) draw->second(ui_);
        ui_.end_page();  // the page scrolls when the screen was taller than the room between its bars
    }
    ImGui::End();

    if (kiosk_.help_shown() && !kiosk_.state().still_there_until && is_citizen_screen(kiosk_.screen())) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::SetNextWindowFocus();
        ImGui::Begin("##help_call", nullptr, flags & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        draw_help_call(ui_);
        ImGui::End();
    }
    if (kiosk_.state().still_there_until) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::SetNextWindowFocus();
        ImGui::Begin("##still_there", nullptr, flags & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        draw_still_there(ui_);
        ImGui::End();
    }
    ImGui::Render();

    if (frames_wanted_ > 0) --frames_wanted_;
    // A press or a release may have changed what a screen shows (a task moving on, a filter): draw on.
    if (io.MouseClicked[0] || io.MouseReleased[0])
        frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
    // What was done, in order: events to the session, intents to their journeys (which may move on).
    const Screen before = kiosk_.screen();
    for (Ui::Action& a : ui_.take_events()) {
        if (!a.event && a.intent.name.rfind("access.", 0) == 0) {  // reading and seeing: the app's own
            on_access(a.intent.name);
            frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
            continue;
        }
        if (a.event)
            kiosk_.dispatch(*a.event, now);
        else
            kiosk_.act(a.intent, now);
        frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
    }
    if (kiosk_.screen() != before) frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
    // The screen being read is gone: its reading stops (and the new one is read, when asked for).
    if (speaking() && kiosk_.screen() != read_screen_) stop_speech();
    if (auto_read_ && !speaking() && kiosk_.screen() != read_screen_ && is_citizen_screen(kiosk_.screen()) &&
        kiosk_.screen() == before)
        speak_screen();
}

void App::set_speech_rate(int words_a_minute) {
    speech_rate_ = std::clamp(words_a_minute, access::kMinRate, access::kMaxRate);
}

void App::on_access(const std::string& intent) {
    if (intent == "access.text") {
        text_step_ =
            (text_step_ + 1) % 3;  // the runner builds the fonts at the new size before the next frame
    } else if (intent == "access.contrast") {
        strong_ = !strong_;
    } else if (intent == "access.listen") {
        if (speaking())
            stop_speech();
        else
            speak_screen();
    }
}

void App::speak_screen() {
    read_screen_ = kiosk_.screen();
    if (!sound_ || sound_failed_) return;
    access::Speech& speech = access::Speech::engine();
    if (!speech.ready()) {
        log::error("read-aloud: ", speech.problem());
        sound_failed_ = true;
        return;
    }
    if (!sound_->start(speech.sample_rate())) {
        log::error("read-aloud: no sound output");
        sound_failed_ = true;
        return;
    }
    // What the frame just drawn shows, in reading order and in the citizen's language.
    speech_text_ = access::join(access::read_screen(ui_.items().items, kiosk_.translator()));
    const std::string language = kiosk_.translator().language();
    const int rate = speech_rate_;
    std::shared_ptr<SoundOut> sound = sound_;
    latency_ = std::make_shared<std::atomic<double>>(-1.0);
    std::shared_ptr<std::atomic<double>> latency = latency_;
    const auto asked = std::chrono::steady_clock::now();
    synthesizing_ = true;
    speech_task_ = kiosk_.tasks().run(
        TaskGroup::Citizen, "read-aloud",
        [text = speech_text_, language, rate, sound, latency, asked](const Task& task) {
            std::string why;
            access::Speech::engine().say(
                text, language, rate,
                [&](const std::int16_t* samples, std::size_t count) {
                    if (task.cancelled()) return false;
                    if (latency->load() < 0)
                        latency->store(std::chrono::duration<double, std::milli>(
                                           std::chrono::steady_clock::now() - asked)
                                           .count());
                    sound->queue(samples, count);
                    return true;
                },
                &why);
            return why;
        },
        [this](std::string why) {
            synthesizing_ = false;
            if (!why.empty()) log::error("read-aloud: ", why);
            log::info("read-aloud: first sound ", static_cast<int>(last_speech_latency_ms()),
                      " ms after the tap");
            request_frames(2);
        });
}

void App::stop_speech() {
    speech_task_.cancel();
    synthesizing_ = false;
    if (sound_) sound_->stop();
}

}  // namespace kiosk::ui
