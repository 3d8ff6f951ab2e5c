#include "pass_journey.hpp"

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/log.hpp"

namespace kiosk::journeys {

std::shared_ptr<PassContent> PassContent::load(const std::filesystem::path& content_dir,
                                               const std::filesystem::path& data_dir, const std::string& kiosk_id) {
    auto c = std::make_shared<PassContent>();
    c->kiosk_id = kiosk_id;
    pass::RegistryResult r = pass::load_registry(content_dir / "pass" / "issuers.toml");
    for (const ConfigError& e : r.errors) c->problems.push_back(e.to_string());
    c->registry = std::move(r.registry);
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    c->journal = std::make_unique<pass::Journal>(data_dir / "pass-journal.sqlite");
    if (!c->journal->ok()) c->problems.push_back("pass journal: " + c->journal->problem());
    for (const std::string& p : c->problems) log::warn("pass: ", p);
    return c;
}

PassJourney::~PassJourney() {
    task_.cancel();  // its answer would find nobody
    stop_scanning();
}

std::vector<Route> PassJourney::routes() const {
    return {{Screen::Home, Screen::PassStart},
            {Screen::PassStart, Screen::PassScan},
            {Screen::PassResult, Screen::PassScan},
            {Screen::PassScan, Screen::PassResult},
            {Screen::PassResult, Screen::PlacesWhere}};  // the places that accept the pass
}

std::function<void()> PassJourney::swap(const ContentPlace& from) {
    auto loaded = PassContent::load(from.content_dir, from.data_dir, from.kiosk_id);
    return [this, loaded] { set_content(loaded); };
}

void PassJourney::enter(Screen screen, Screen, TimePoint) {
    if (screen == Screen::PassScan) start_scanning();
}

void PassJourney::leave(Screen screen, Screen, TimePoint) {
    if (screen == Screen::PassScan) stop_scanning();
}

void PassJourney::handle(const Intent& in, TimePoint now) {
    if (in.name == "pass.typed") {
        if (const auto* text = in.as<std::string>()) typed_ = *text;
    } else if (in.name == "pass.check" || in.name == "pass.scanned") {  // typed, or read by a scanner as a keyboard
        const auto* code = in.as<std::string>();
        if (code && kiosk().screen() == Screen::PassScan) check_code(*code, now);
    } else if (in.name == "pass.another") {
        reset();
        kiosk().dispatch(ev::Open{Screen::PassScan}, now);
    } else if (in.name == "pass.find_places") {  // hands the citizen over to the places that accept the pass
        kiosk().act(Intent{"places.for_pass", {}}, now);
        kiosk().dispatch(ev::Open{Screen::PlacesWhere}, now);
    }
}

void PassJourney::set_sources(SourceMaker camera, SourceMaker scanner) {
    make_camera_ = std::move(camera);
    make_scanner_ = std::move(scanner);
}

scan::FramePtr PassJourney::preview() const { return camera_ ? camera_->preview() : nullptr; }

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

void PassJourney::start_scanning() {
    stop_scanning();
    scan_.feedback_key = feedback_words(scan::Feedback::NoCode);
    scan_.has_camera = false;
    scan_.camera_problem.clear();
    std::string error, scanner_error;
    std::unique_ptr<scan::CodeSource> source = make_camera_ ? make_camera_(error) : nullptr;
    // A scanner on a serial port gives text already decoded: it goes through the same decoder (de-duplication).
    std::unique_ptr<scan::CodeSource> scanner = make_scanner_ ? make_scanner_(scanner_error) : nullptr;
    if (!scanner && !scanner_error.empty()) log::warn("scanner: ", scanner_error);
    if (!source && !scanner) {
        if (!error.empty()) log::warn("camera: ", error);
        scan_.camera_problem = error;
        return;
    }
    scan::DecoderOptions options;
    options.decode.roi = scan::Roi{scan_.roi_x, scan_.roi_y, scan_.roi_w, scan_.roi_h};
    decoder_ = std::make_unique<scan::Decoder>(
        kiosk().tasks(), options,
        [this](const scan::ScanResult& r) {
            // Someone typing a number on the keypad is not interrupted by what the camera happens to see.
            if (kiosk().screen() == Screen::PassScan && typed_.empty()) check_code(r.text, kiosk().now());
        },
        [this](scan::Feedback f) {
            scan_.feedback_key = feedback_words(f);
            kiosk().redraw(2);
        });
    RunQueue& ui = kiosk().run_queue();
    scan::RunnerOptions runner;
    runner.on_preview = [this] { kiosk().redraw(1); };
    runner.on_status = [this](const scan::SourceStatus& s) {
        scan_.camera_problem = s.error;
        kiosk().redraw(1);
    };
    if (scanner) {
        scanner_ = std::make_unique<scan::SourceRunner>(std::move(scanner), *decoder_, ui, scan::RunnerOptions{});
        scanner_->start();
    }
    if (source) {
        camera_ = std::make_unique<scan::SourceRunner>(std::move(source), *decoder_, ui, runner);
        camera_->start();
        scan_.has_camera = true;
    }
}

void PassJourney::stop_scanning() {
    camera_.reset();  // ends the camera's device loop, closes the device
    scanner_.reset();
    decoder_.reset();  // a decode under way ends by itself and delivers nothing
    scan_.has_camera = false;
}

void PassJourney::check_code(const std::string& code, TimePoint) {
    if (checking_) return;
    check(code, kiosk().tasks(), [this] {
        if (kiosk().screen() == Screen::PassScan) kiosk().dispatch(ev::Open{Screen::PassResult}, kiosk().now());
        kiosk().redraw(3);
    });
    kiosk().redraw(2);
}

void PassJourney::set_content(std::shared_ptr<PassContent> content) { content_ = std::move(content); }

void PassJourney::reset() {
    task_.cancel();
    typed_.clear();
    code_.clear();
    verdict_.reset();
    checking_ = false;
}

void PassJourney::check(const std::string& code, TaskRunner& tasks, std::function<void()> done) {
    if (!content_ || checking_) return;
    checking_ = true;
    code_ = code;
    verdict_.reset();
    task_ = tasks.run(
        TaskGroup::Citizen, "pass check",
        [code, content = content_](const Task&) {
            pass::Checker checker(content->registry, content->journal.get(), {content->kiosk_id, true});
            pass::Verdict v = checker.check(code, std::chrono::system_clock::now());
            log::info("pass: ", pass::reason_code(v.reason), v.detail.empty() ? "" : " (" + v.detail + ")");
            return v;
        },
        [this, done = std::move(done)](pass::Verdict v) {
            verdict_ = std::move(v);
            checking_ = false;
            done();
        });
}

}  // namespace kiosk::journeys
