#include "pass_journey.hpp"

#include "place_ticket.hpp"
#include "places_journey.hpp"

#include <filesystem>
#include <optional>

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/kiosk.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/pass/zone.hpp"

namespace kiosk::journeys {

namespace {

namespace fs = std::filesystem;

// The last registry that loaded without a problem, with its key files, copied into the data folder: an
// invalid registry is refused whole, and the kiosk goes on with this one rather than with half an issuer
// (an issuer left with no key would call every genuine pass forged).
constexpr const char* kLastGood = "pass-registry";

void save_last_good(const fs::path& registry_file, const pass::RegistryResult& r, const fs::path& data_dir) {
    std::error_code ec;
    const fs::path next = data_dir / "pass-registry.new", current = data_dir / kLastGood,
                   old = data_dir / "pass-registry.old";
    fs::remove_all(next, ec);
    fs::create_directories(next, ec);
    bool ok = !ec && fs::copy_file(registry_file, next / "issuers.toml", ec);
    for (const std::string& key : r.key_files) {
        if (!ok) break;
        fs::create_directories((next / key).parent_path(), ec);
        ok = !ec && fs::copy_file(registry_file.parent_path() / key, next / key,
                                  fs::copy_options::overwrite_existing, ec);
    }
    if (!ok) {
        log::warn("pass: cannot keep a copy of the registry in ", data_dir.string(), ": ", ec.message());
        fs::remove_all(next, ec);
        return;
    }
    // Swapped by renames: a power cut leaves either copy whole (load_last_good tries both).
    fs::remove_all(old, ec);
    if (fs::exists(current, ec)) fs::rename(current, old, ec);
    fs::rename(next, current, ec);
    if (!ec) fs::remove_all(old, ec);
}

std::optional<pass::Registry> load_last_good(const fs::path& data_dir) {
    for (const char* name : {kLastGood, "pass-registry.old"}) {
        pass::RegistryResult r = pass::load_registry(data_dir / name / "issuers.toml");
        if (r.ok()) return std::move(r.registry);
    }
    return std::nullopt;
}

}  // namespace

std::shared_ptr<PassContent> PassContent::load(const std::filesystem::path& content_dir,
                                               const std::filesystem::path& data_dir,
                                               const std::string& kiosk_id, const WallClock& clock,
                                               std::shared_ptr<outbox::Outbox> box) {
    auto c = std::make_shared<PassContent>();
    c->kiosk_id = kiosk_id;
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    const fs::path file = content_dir / "pass" / "issuers.toml";
    pass::RegistryResult r = pass::load_registry(file);
    if (r.ok()) {
        c->registry = std::move(r.registry);
        save_last_good(file, r, data_dir);
    } else {
        for (const ConfigError& e : r.errors) c->problems.push_back(e.to_string());
        if (std::optional<pass::Registry> last = load_last_good(data_dir)) {
            c->registry = std::move(*last);
            c->problems.push_back(file.string() + ": refused; the last good registry is used (" +
                                  std::to_string(c->registry.issuers.size()) + " issuers)");
        } else {
            c->problems.push_back(file.string() +
                                  ": refused, and no earlier registry is kept: no pass can be checked");
        }
        c->registry_refused = true;
    }
    c->outbox = box ? std::move(box) : std::make_shared<outbox::Outbox>(data_dir / "outbox.sqlite");
    if (!c->outbox->ok()) c->problems.push_back("outbox: " + c->outbox->problem());
    c->journal =
        std::make_unique<pass::Journal>(data_dir / "pass-journal.sqlite", clock, pass::Journal::Options{},
                                        c->outbox->ok() ? c->outbox.get() : nullptr);
    if (!c->journal->ok()) c->problems.push_back("pass journal: " + c->journal->problem());
    for (const std::string& p : c->problems) log::error("pass: ", p);
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
            {Screen::PassResult, Screen::PlacesWhere},  // the places that accept the pass
            {Screen::PassScan, kPassCode},              // the short code, typed
            {kPassCode, Screen::PassResult}};
}

std::function<void()> PassJourney::swap(const ContentPlace& from) {
    auto loaded = PassContent::load(from.content_dir, from.data_dir, from.kiosk_id, clock_, from.outbox);
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
    } else if (in.name == "pass.code") {  // "Tapez le code écrit sous le carré"
        kiosk().dispatch(ev::Open{kPassCode}, now);
    } else if (in.name == "pass.code.typed") {
        if (const auto* text = in.as<std::string>()) typed_code_ = *text;
    } else if (in.name == "pass.code.check") {
        const auto* code = in.as<std::string>();
        if (code && kiosk().screen() == kPassCode) check_code(*code, now);
    } else if (in.name == "pass.check" ||
               in.name == "pass.scanned") {  // typed, or read by a scanner as a keyboard
        const auto* code = in.as<std::string>();
        if (code && kiosk().screen() == Screen::PassScan) check_code(*code, now);
    } else if (in.name == "pass.another") {
        reset();
        kiosk().dispatch(ev::Open{Screen::PassScan}, now);
    } else if (in.name == "pass.find_places") {  // hands the citizen over to the places that accept the pass
        kiosk().act(Intent{"places.for_pass", {}}, now);
        kiosk().dispatch(ev::Open{Screen::PlacesWhere}, now);
    } else if (in.name == "pass.print") {
        const PlacesJourney* places = kiosk().find<PlacesJourney>();
        if (!places || !places->ready() || !verdict_ || !verdict_->usable()) return;
        printing_.print(
            kiosk(),
            pass_places_ticket(kiosk().translator(), *places, places->nearest(0, true, kPrintedPlaces)),
            "pass places ticket");
    } else if (in.name == "pass.print.retry") {
        printing_.retry(kiosk());
    } else if (in.name == "pass.print.agent") {
        printing_.call_agent(kiosk());
    }
}

void PassJourney::set_sources(SourceMaker camera, SourceMaker scanner) {
    make_camera_ = std::move(camera);
    make_scanner_ = std::move(scanner);
}

scan::FramePtr PassJourney::preview() const {
    return camera_ ? camera_->preview() : nullptr;
}

namespace {
const char* feedback_words(scan::Feedback f) {
    switch (f) {
        case scan::Feedback::NoCode:
            return TR_KEY("scan.feedback.none");
        case scan::Feedback::TooSmall:
            return TR_KEY("scan.feedback.closer");
        case scan::Feedback::Tilted:
            return TR_KEY("scan.feedback.straight");
        case scan::Feedback::Unsteady:
            return TR_KEY("scan.feedback.steady");
        case scan::Feedback::Glare:
            return TR_KEY("scan.feedback.glare");
        case scan::Feedback::Read:
            return TR_KEY("scan.feedback.read");
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
    // A scanner on a serial port gives text already decoded: it goes through the same decoder
    // (de-duplication).
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
            last_read_ = clock_.now();
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
        scanner_ =
            std::make_unique<scan::SourceRunner>(std::move(scanner), *decoder_, ui, scan::RunnerOptions{});
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
    zone_ = pass::zone_for_commune(kiosk().config().commune_code);
    check(code, kiosk().tasks(), [this] {
        if (kiosk().screen() == Screen::PassScan || kiosk().screen() == kPassCode)
            kiosk().dispatch(ev::Open{Screen::PassResult}, kiosk().now());
        kiosk().redraw(3);
    });
    kiosk().redraw(2);
}

void PassJourney::set_content(std::shared_ptr<PassContent> content) {
    content_ = std::move(content);
}

void PassJourney::reset() {
    task_.cancel();
    printing_.reset();
    // What the camera saw goes too: the next citizen's pass screen starts with no picture.
    if (camera_) camera_->forget_frames();
    if (decoder_) decoder_->reset();
    typed_.clear();
    typed_code_.clear();
    code_.clear();
    verdict_.reset();
    checking_ = false;
    spent_ = Spent::No;
}

void PassJourney::spend(const std::string& what) {
    if (!content_ || !verdict_ || !verdict_->usable() || spent_ != Spent::No) return;
    spent_ = Spent::Spending;
    // A Kiosk task: the wipe at the end of the session must not cancel a seat's payment.
    kiosk().tasks().run(
        TaskGroup::Kiosk, "pass redeem",
        [content = content_, verdict = *verdict_](const Task&) {
            pass::Checker checker(content->registry, content->journal.get(), {content->kiosk_id, true});
            return checker.redeem(verdict);
        },
        [this, what, alive = std::weak_ptr<int>(alive_)](pass::RedeemResult r) {
            if (alive.expired()) return;
            if (r.status == pass::RedeemStatus::Recorded)
                log::info("pass: spent for ", what);
            else
                log::warn("pass: not spent for ", what,
                          r.status == pass::RedeemStatus::AlreadyUsed ? ": already used" : ": " + r.error);
            if (spent_ != Spent::Spending) return;  // the session was wiped meanwhile
            spent_ = r.status == pass::RedeemStatus::Recorded      ? Spent::Recorded
                     : r.status == pass::RedeemStatus::AlreadyUsed ? Spent::AlreadyUsed
                                                                   : Spent::Failed;
            kiosk().redraw(2);
        });
}

void PassJourney::check(const std::string& code, TaskRunner& tasks, std::function<void()> done) {
    if (!content_ || checking_) return;
    checking_ = true;
    code_ = code;
    verdict_.reset();
    const WallTime now = clock_.now();  // the moment the citizen showed the pass
    task_ = tasks.run(
        TaskGroup::Citizen, "pass check",
        [code, now, content = content_, zone = zone_](const Task&) {
            pass::Checker checker(content->registry, content->journal.get(),
                                  {.kiosk_id = content->kiosk_id, .online = true, .time_zone = zone});
            pass::Verdict v = checker.check(code, now);
            return v;
        },
        [this, done = std::move(done)](pass::Verdict v) {
            verdict_ = std::move(v);
            checking_ = false;
            done();
        });
}

}  // namespace kiosk::journeys
