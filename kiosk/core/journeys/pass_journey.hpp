#pragma once
// The pass numérique journey: while its scan screen is shown the camera and the scanner feed the decoder; a
// decoded code or a typed cheque number is checked as a task (an issuer may be asked online), and the verdict
// is said in plain words. UI-free: the screens send intents ("pass.check", "pass.typed"…).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/pass/checker.hpp"
#include "kiosk/core/pass/journal.hpp"
#include "kiosk/core/pass/registry.hpp"
#include "kiosk/core/journey.hpp"
#include "kiosk/core/journeys/ticket_printing.hpp"
#include "kiosk/core/scan/code_source.hpp"
#include "kiosk/core/scan/decoder.hpp"
#include "kiosk/core/scan/source_runner.hpp"
#include "kiosk/core/tasks.hpp"

namespace kiosk::journeys {

// The short code printed under the QR code, typed on large keys when the camera cannot read it.
inline constexpr Screen kPassCode{"pass-code"};

struct PassContent {
    pass::Registry registry;
    // The kiosk's durable outbox (<data>/outbox.sqlite, owned by the Kiosk and drained by its courier):
    // redemptions are its "pass.redemption" messages.
    std::shared_ptr<outbox::Outbox> outbox;
    std::unique_ptr<pass::Journal>
        journal;  // <data>/pass-journal.sqlite: redemptions (declared after the outbox it uses)
    std::vector<std::string> problems;
    bool registry_refused = false;  // issuers.toml had problems: `registry` is the last good one (or empty)
    // <content>/pass/issuers.toml and the journal (dated by `clock`); never throws, problems are listed. A
    // registry with any problem is refused whole: the last good one, kept in <data>/pass-registry, is used
    // instead.
    static std::shared_ptr<PassContent> load(const std::filesystem::path& content_dir,
                                             const std::filesystem::path& data_dir,
                                             const std::string& kiosk_id, const WallClock& clock,
                                             std::shared_ptr<outbox::Outbox> box = {});  // none: its own
    std::string kiosk_id;
};

// What the scan screen says of the camera.
struct ScanState {
    bool has_camera = false;
    std::string camera_problem;  // why the camera cannot be used, for the logs and the agent
    const char* feedback_key = "scan.feedback.none";  // "scan.feedback.none" / ".steady" / ".read"
    float roi_x = 0.2f, roi_y = 0.15f, roi_w = 0.6f,
          roi_h = 0.7f;  // the guide frame, in fractions of the picture
};

class PassJourney final : public Journey {
  public:
    explicit PassJourney(const WallClock& clock) : clock_(clock) {}  // a pass is valid or not on its date
    ~PassJourney() override;
    const char* name() const override { return "pass"; }
    std::vector<Screen> screens() const override {
        return {Screen::PassStart, Screen::PassScan, Screen::PassResult, kPassCode};
    }
    std::vector<Route> routes() const override;
    void enter(Screen screen, Screen from, TimePoint now) override;
    void leave(Screen screen, Screen to, TimePoint now) override;
    void handle(const Intent& intent, TimePoint now) override;
    std::function<void()> swap(const ContentPlace& from) override;

    // The camera and the scanner, built by the platform's device factory when the scan screen opens; either
    // may answer nothing (none configured) and say why in `error`.
    using SourceMaker = std::function<std::unique_ptr<scan::CodeSource>(std::string& error)>;
    void set_sources(SourceMaker camera, SourceMaker scanner);
    const ScanState& scan() const { return scan_; }
    scan::FramePtr preview() const;  // the camera's latest frame, for the screen
    // When the camera or the serial scanner last read a code (the agent page's health), since start.
    std::optional<WallTime> last_read_at() const { return last_read_; }
    void set_content(std::shared_ptr<PassContent> content);
    bool ready() const { return content_ != nullptr; }
    const PassContent* content() const { return content_.get(); }

    const std::string& typed() const { return typed_; }            // a cheque number typed on the keyboard
    const std::string& typed_code() const { return typed_code_; }  // a short code typed on the code keypad
    // Checks a code as a citizen task; `done` runs on the UI thread with the verdict set.
    void check(const std::string& code, TaskRunner& tasks, std::function<void()> done);
    bool checking() const { return checking_; }
    const std::optional<pass::Verdict>& verdict() const { return verdict_; }
    const std::string& checked_code() const { return code_; }

    void reset() override;  // the session wipe: a check under way is cancelled, never waited for

    // When a pass is spent (content/pass/README.md, "When a pass is spent"): reading it spends nothing;
    // booking a workshop seat that accepts the pass, in the session where the pass was read and found usable,
    // spends it — redeem() writes it into the journal (as a task: fsyncs), and from then on it is "déjà
    // utilisé". `what` names it in the logs ("booking <key>"). Nothing when no usable pass was read or it was
    // spent.
    void spend(const std::string& what);
    enum class Spent { No, Spending, Recorded, AlreadyUsed, Failed };
    Spent spent() const { return spent_; }

    // "Imprimer les lieux qui acceptent mon pass" ("pass.print", "pass.print.retry", "pass.print.agent"): the
    // nearest places taking it, on paper, printed as a task.
    void set_printer(std::shared_ptr<printing::TicketSink> printer) {
        printing_.set_sink(std::move(printer));
    }
    const printing::PrintState& print_state() const { return printing_.state(); }
    static constexpr std::size_t kPrintedPlaces = 5;

  private:
    const WallClock& clock_;
    std::shared_ptr<PassContent> content_;
    std::string typed_, typed_code_, code_;
    std::optional<pass::Verdict> verdict_;
    bool checking_ = false;
    Spent spent_ = Spent::No;
    std::string zone_;  // the IANA zone deciding "today": the kiosk's commune's (pass::zone_for_commune)
    std::shared_ptr<int> alive_ =
        std::make_shared<int>(0);  // a redemption's answer finds the journey only while it lives
    Task task_;                    // the check under way, cancelled by a wipe
    void start_scanning();
    void stop_scanning();
    void check_code(const std::string& code, TimePoint now);
    SourceMaker make_camera_, make_scanner_;
    std::unique_ptr<scan::Decoder> decoder_;
    std::unique_ptr<scan::SourceRunner> camera_;
    std::unique_ptr<scan::SourceRunner> scanner_;  // a USB scanner on a serial port, beside the camera
    ScanState scan_;
    TicketPrinting printing_;
    std::optional<WallTime> last_read_;
};

}  // namespace kiosk::journeys
