#include "app.hpp"

#include <cmath>
#include <ctime>

#include "kiosk/core/log.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "places_screens.hpp"

namespace kiosk::ui {

namespace {
// Frames to draw after a change: ImGui settles a new layout within two, one more for pressed states.
constexpr int kFramesAfterChange = 3;
}

App::App(Kiosk& kiosk, FontFiles fonts)
    : kiosk_(kiosk),
      font_files_(std::move(fonts)),
      ui_(kiosk_, fonts_),
      places_(kiosk.config().latitude, kiosk.config().longitude,
              kiosk.config().commune_name.empty() ? kiosk.config().site_name : kiosk.config().commune_name,
              kiosk.wall_clock()),
      pass_(kiosk.wall_clock()) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing is written to disk by the UI
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen | ImGuiConfigFlags_NoMouseCursorChange;
    kiosk_.on_wipe([this] {
        pin_pad_.clear();
        places_.reset();
        diagnostic_.reset();
        pass_.reset();
        // What the camera saw goes too: the next citizen's pass screen starts with no picture.
        if (camera_) camera_->forget_frames();
        if (decoder_) decoder_->reset();
        if (textures_ && scan_view_.preview) textures_->destroy(scan_view_.preview);
        scan_view_.preview = nullptr;
        scan_view_.preview_w = scan_view_.preview_h = 0;
        preview_sequence_ = 0;
        std::fill(preview_pixels_.begin(), preview_pixels_.end(), std::uint8_t{0});
        preview_pixels_.clear();
        print_ = PrintState{sink_ && sink_->available() ? PrintState::Kind::None : PrintState::Kind::NoPrinter, {}};
    });
}

void App::start_loading() {
    if (loading_started_) return;
    loading_started_ = true;
    // The places, their hours and the communes load as a task: no frame waits for them.
    loading_ = true;
    const std::time_t now = std::chrono::system_clock::to_time_t(kiosk_.wall_clock().now());  // the week "open now" indexes
    RunQueue& queue = kiosk_.run_queue();
    loader_ = kiosk_.tasks().post(TaskGroup::Kiosk, "load content", [this, &queue, now, content = kiosk_.config().content_dir,
                                                                     data = kiosk_.config().data_dir,
                                                                     kiosk_id = kiosk_.config().kiosk_id,
                                                                     &translator = kiosk_.translator()](const Task& task) {
        // The diagnostic's content first (small), then the places. Each part is handed over as soon as it is
        // read, unless the app has gone meanwhile (the task is then cancelled).
        std::vector<ConfigError> errors;
        auto diagnostic = std::make_shared<diagnostic::Diagnostic>(diagnostic::Diagnostic::load(content, translator, errors));
        std::vector<std::string> problems;
        for (const ConfigError& e : errors) problems.push_back(e.to_string());
        for (const std::string& p : problems) log::error("diagnostic: ", p);
        queue.post([this, task, diagnostic, problems] {
            if (!task.cancelled()) diagnostic_.set_content(problems.empty() ? diagnostic : nullptr, problems);
        });
        if (task.cancelled()) return;
        auto passes = journeys::PassContent::load(content, data, kiosk_id, kiosk_.wall_clock());
        queue.post([this, task, passes] {
            if (!task.cancelled()) pass_.set_content(passes);
        });
        if (task.cancelled()) return;
        std::shared_ptr<const journeys::PlacesData> loaded = journeys::PlacesData::load(content, data, now);
        queue.post([this, task, loaded] {
            if (task.cancelled()) return;
            places_.set_data(loaded);
            loading_ = false;
            // Only the places screens show what was loaded: the others are not redrawn for it.
            const Screen s = kiosk_.screen();
            if (s == Screen::PlacesResults) places_.run();
            if (s >= Screen::PlacesNeed && s <= Screen::PlacesMap) request_frames(2);
        });
    });
}

App::~App() {
    stop_scanning();
    pass_.reset();
    loader_.cancel();
    printing_.cancel();
    kiosk_.run_queue().run_pending();  // what was posted already finds its task cancelled
    ImGui::DestroyContext();
}

bool App::prepare_fonts(int width, int height) {
    const float em = em_for_screen(width, height);
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

namespace {
const char* feedback_words(scan::Feedback f) {
    switch (f) {
        case scan::Feedback::NoCode: return TR_KEY("scan.feedback.none");
        case scan::Feedback::Unsteady: return TR_KEY("scan.feedback.steady");
        case scan::Feedback::Read: return TR_KEY("scan.feedback.read");
    }
    return TR_KEY("scan.feedback.none");
}
}  // namespace

void App::start_scanning() {
    stop_scanning();
    scan_view_.feedback_key = feedback_words(scan::Feedback::NoCode);
    scan_view_.has_camera = false;
    scan_view_.camera_problem.clear();
    const std::string& spec = kiosk_.config().devices.camera;
    std::unique_ptr<scan::CodeSource> source;
    std::string error;
    if (spec.rfind("replay:", 0) == 0) {
        std::filesystem::path folder = spec.substr(7);
        if (folder.is_relative()) folder = kiosk_.config().content_dir / folder;
        source = std::make_unique<scan::ReplaySource>(scan::image_files(folder), scan::ReplayOptions{std::chrono::milliseconds(66), true});
    } else if (spec != "none" && source_factory_) {
        source = source_factory_(spec, error);
    }
    // A scanner on a serial port gives text already decoded: it goes through the same decoder (de-duplication).
    std::unique_ptr<scan::CodeSource> scanner;
    const std::string& scanner_spec = kiosk_.config().devices.scanner;
    if (scanner_spec.rfind("serial:", 0) == 0 && source_factory_) {
        std::string scanner_error;
        scanner = source_factory_(scanner_spec, scanner_error);
        if (!scanner) log::warn("scanner \"", scanner_spec, "\": ", scanner_error);
    }
    if (!source && !scanner) {
        if (!error.empty()) log::warn("camera \"", spec, "\": ", error);
        scan_view_.camera_problem = error;
        return;
    }
    scan::DecoderOptions options;
    options.decode.roi = scan::Roi{scan_view_.roi_x, scan_view_.roi_y, scan_view_.roi_w, scan_view_.roi_h};
    decoder_ = std::make_unique<scan::Decoder>(
        kiosk_.tasks(), options,
        [this](const scan::ScanResult& r) {
            // Someone typing a number on the keypad is not interrupted by what the camera happens to see.
            if (kiosk_.screen() == Screen::PassScan && pass_.typed().empty()) check_pass(r.text);
        },
        [this](scan::Feedback f) {
            scan_view_.feedback_key = feedback_words(f);
            request_frames(2);
        });
    scan::RunnerOptions runner;
    runner.on_preview = [this] { request_frames(1); };
    runner.on_status = [this](const scan::SourceStatus& s) {
        scan_view_.camera_problem = s.error;
        request_frames(1);
    };
    if (scanner) {
        scanner_ = std::make_unique<scan::SourceRunner>(std::move(scanner), *decoder_, kiosk_.run_queue(),
                                                        scan::RunnerOptions{});
        scanner_->start();
    }
    if (source) {
        camera_ = std::make_unique<scan::SourceRunner>(std::move(source), *decoder_, kiosk_.run_queue(), runner);
        camera_->start();
        scan_view_.has_camera = true;
    }
}

void App::stop_scanning() {
    camera_.reset();   // joins the camera's thread, closes the device
    scanner_.reset();
    decoder_.reset();  // joins the decoder's worker
    scan_view_.has_camera = false;
}

void App::refresh_preview() {
    if (!camera_ || !textures_) return;
    scan::FramePtr f = camera_->preview();
    if (!f || f->empty() || f->sequence == preview_sequence_) return;
    preview_sequence_ = f->sequence;
    // Half resolution is plenty for a preview, and a quarter of the work for the software renderer.
    const int w = f->width / 2, h = f->height / 2;
    preview_pixels_.resize(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) preview_pixels_[static_cast<std::size_t>(y) * w + x] = f->at(2 * x, 2 * y);
    scan_view_.preview = textures_->update_luminance(scan_view_.preview, preview_pixels_.data(), w, h);
    scan_view_.preview_w = w;
    scan_view_.preview_h = h;
}

void App::on_scanned_text(const std::string& code) {
    if (kiosk_.screen() == Screen::PassScan) check_pass(code);
}

void App::check_pass(const std::string& code) {
    if (pass_.checking()) return;
    pass_.check(code, kiosk_.tasks(), [this] {
        if (kiosk_.screen() == Screen::PassScan) kiosk_.dispatch(ev::Open{Screen::PassResult}, last_now_);
        request_frames(3);
    });
    request_frames(2);
}

void App::set_ticket_sink(std::shared_ptr<TicketSink> sink) {
    printing_.cancel();  // a ticket under way keeps its own sink until it is done
    sink_ = std::move(sink);
    print_ = PrintState{sink_ && sink_->available() ? PrintState::Kind::None : PrintState::Kind::NoPrinter, {}};
}

void App::print_diagnostic_ticket() {
    if (!sink_ || !sink_->available() || print_.kind == PrintState::Kind::Printing) return;
    print_ = PrintState{PrintState::Kind::Printing, {}};
    printing::Ticket ticket = diagnostic_.ticket(kiosk_.translator(), kiosk_.today());
    // Printing takes seconds on a thermal printer: a task does it, the answer comes back through the queue.
    printing_ = kiosk_.tasks().run(
        TaskGroup::Citizen, "print ticket",
        [sink = sink_, ticket = std::move(ticket)](const Task&) { return sink->print(ticket); },
        [this](std::string error) {
            print_ = error.empty() ? PrintState{PrintState::Kind::Printed, {}} : PrintState{PrintState::Kind::Failed, error};
            request_frames(2);
        });
}

ImU32 App::clear_color() const {
    if (kiosk_.state().still_there_until) return color::kBackdrop;
    // The map fills most of its screen: clearing to its colour spares a large blend (the rest is drawn white).
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

void App::after_tick() { frames_wanted_ = std::max(frames_wanted_, 2); }

std::optional<TimePoint> App::next_wakeup(TimePoint now) const {
    std::optional<TimePoint> wake = kiosk_.next_wakeup(now);
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
    last_now_ = now;
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
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##screen", nullptr, flags);
    const Screen screen = kiosk_.screen();
    // While "Êtes-vous toujours là ?" is asked, it is the only thing on screen.
    if (!kiosk_.state().still_there_until) switch (screen) {
        case Screen::Attract: draw_attract(ui_); break;
        case Screen::Home: draw_home(ui_); break;
        case Screen::Language: draw_language(ui_); break;
        case Screen::DiagnosticStep: draw_diagnostic_step(ui_, diagnostic_); break;
        case Screen::DiagnosticResult:
            draw_diagnostic_result(ui_, diagnostic_, places_, print_, [this] { print_diagnostic_ticket(); });
            break;
        case Screen::PassScan:
            refresh_preview();
            draw_pass_scan(ui_, pass_, scan_view_, [this](const std::string& code) { check_pass(code); });
            break;
        case Screen::PassResult: draw_pass_result(ui_, pass_, places_); break;
        case Screen::DiagnosticStart:
        case Screen::PassStart:
        case Screen::PlacesStart: draw_journey_start(ui_, screen); break;
        case Screen::PlacesNeed: draw_places_need(ui_, places_); break;
        case Screen::PlacesWhere: draw_places_where(ui_, places_); break;
        case Screen::PlacesCommune: draw_places_commune(ui_, places_); break;
        case Screen::PlacesResults: draw_places_results(ui_, places_); break;
        case Screen::PlacesDetail: draw_places_detail(ui_, places_); break;
        case Screen::PlacesMap: draw_places_map(ui_, places_, tiles_); break;
        case Screen::About: draw_about(ui_); break;
        case Screen::Goodbye: draw_goodbye(ui_); break;
        case Screen::AgentPin: draw_agent_pin(ui_, pin_pad_); break;
        case Screen::AgentHome: draw_agent_home(ui_, places_); break;
    }
    ImGui::End();

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
    if (io.MouseClicked[0] || io.MouseReleased[0]) frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
    for (Event& e : ui_.take_events()) {
        kiosk_.dispatch(e, now);
        frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
    }
    if (kiosk_.screen() != drawn_screen_) {
        const Screen before = drawn_screen_;
        drawn_screen_ = kiosk_.screen();
        if (drawn_screen_ == Screen::DiagnosticStep && before == Screen::DiagnosticStart) diagnostic_.start(now);
        if (drawn_screen_ == Screen::DiagnosticResult) diagnostic_.finish(kiosk_.store(), kiosk_.today());
        if (drawn_screen_ == Screen::PassScan) start_scanning();
        else if (before == Screen::PassScan) stop_scanning();
        if (drawn_screen_ != Screen::AgentPin) pin_pad_.clear();
        frames_wanted_ = std::max(frames_wanted_, kFramesAfterChange);
    }
}

}  // namespace kiosk::ui
