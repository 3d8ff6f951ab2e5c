#pragma once
// The real kiosk, headless (SDL dummy video, software renderer), on hand-moved clocks and a pinned date:
// used by the UI tests, the headless tour of `kiosk` and the benchmark.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../kiosk/core/access/contrast_audit.hpp"
#include "../kiosk/core/kiosk.hpp"
#include "../kiosk/ui/app.hpp"
#include "clock.hpp"
#include "runner.hpp"
#include "sdl_display.hpp"

namespace kiosk::platform {

// Builds the model from a validated configuration: translations from <content>/i18n.
std::unique_ptr<Kiosk> make_kiosk(const Config& config, TimePoint now, const WallClock& wall,
                                  std::vector<std::string>& errors);

// The date the tests and the headless tour run on, whatever the machine's date: Tuesday 24 November 2026,
// 10:00 in Paris (09:00 UTC). Within the demo signed pass's validity (January 2025 to December 2027); the
// demo cheque numbers are made for its year (demo_cheque).
WallTime pinned_date();
// A cheque number the demo registry's cheque issuer accepts on `date` (its numbering rules, that year).
std::string demo_cheque(const Config& config, WallTime date);
ui::FontFiles default_font_files();

// What the harness does when the layout audit finds a problem on a frame: tests fail, the tour reports.
enum class LayoutAudit { Fail, Report };

class Harness {
  public:
    Harness(const Config& config, int width, int height, LayoutAudit audit = LayoutAudit::Fail,
            WallTime date = pinned_date());
    ~Harness();

    Kiosk& kiosk() { return *kiosk_; }
    ui::App& app() { return *app_; }
    Runner& runner() { return *runner_; }
    ManualClock& clock() { return clock_; }
    ManualWallClock& wall_clock() { return wall_; }  // moves with clock() in tap() and wait()
    Screen screen() const { return kiosk_->screen(); }

    bool has(std::string_view id) const;  // a control with this id is on screen
    bool tap(std::string_view id);        // taps its centre; false when it is not on screen
    // Scrolls the list or the page hiding part of it until it is seen whole (tap() does it first).
    bool scroll_into_view(std::string_view id);
    void tap_at(float x, float y);
    bool drag(std::string_view id, float dy);                  // drags vertically from its centre
    bool drag_to(std::string_view from, std::string_view to);  // from one control's centre to another's
    bool drag_by(std::string_view id, float dx, float dy);     // one finger from its centre, any way
    // Two fingers around its centre moving apart (factor > 1) or together (< 1).
    bool pinch(std::string_view id, float factor);
    void wait(std::chrono::milliseconds d);  // the clock moves on, timers fire, the screen settles
    bool wait_background(
        std::chrono::seconds limit = std::chrono::seconds(120));  // workers (data loading) done
    void type(std::string_view text);                             // taps the on-screen keyboard's keys
    bool wait_print(std::chrono::seconds limit = std::chrono::seconds(60));  // a ticket being printed
    // Pumps (real time passes for the workers: camera, decoder, checks) until `done` or the limit.
    bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(30));
    std::filesystem::path shot(const std::filesystem::path& dir, const std::string& name);
    void resize(int width, int height);
    // The layout audit runs on every frame drawn: "1280x800 places_results: overlap: …", each problem once.
    // With LayoutAudit::Fail the first problem throws std::runtime_error (the test fails with it).
    const std::vector<std::string>& layout_problems() const { return layout_problems_; }
    void audit_layout();  // audits the last frame now (done after every input and wait)
    // Measures the words' contrast on a screenshot of the last frame (done by shot()): each item below 7:1
    // is a problem, as the layout audit's are.
    void audit_contrast(const std::filesystem::path& png);
    // Every contrast measured on this harness's screenshots (the lowest ratio tells the margin).
    const std::vector<access::ContrastMeasure>& contrast_measures() const { return contrast_measures_; }

  private:
    LayoutAudit audit_mode_;
    bool log_layout_at_end_ = false;
    unsigned long audited_frame_ = 0;
    std::vector<std::string> layout_problems_;
    std::vector<access::ContrastMeasure> contrast_measures_;
    ManualClock clock_;
    ManualWallClock wall_;
    std::unique_ptr<Display> display_;
    std::unique_ptr<Kiosk> kiosk_;
    std::unique_ptr<ui::App> app_;
    std::unique_ptr<Runner> runner_;
};

// Three kinds of people taking the self-diagnostic, as the tests and the tour play them with real taps.
enum class Profile { Novice, PartlyAutonomous, Autonomous };
// From the diagnostic's first step to its result screen; `shot` is called on each step (may be empty).
void play_diagnostic(Harness& h, Profile profile, const std::function<void(const std::string&)>& shot = {});

// Visits every screen the way a citizen and then an agent would, writing "<prefix>NN-<screen>.png" into
// `dir`. Returns the files written; throws std::runtime_error when a step does not reach the expected screen.
std::vector<std::filesystem::path> run_tour(Harness& h, const std::filesystem::path& dir,
                                            const std::string& prefix, const std::string& agent_pin);

}  // namespace kiosk::platform
