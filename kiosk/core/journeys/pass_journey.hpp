#pragma once
// The pass numérique journey: a decoded code (camera, scanner) or a typed cheque number is checked on a
// task (an issuer may be asked online), and the verdict is said in plain words. UI-free.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/pass/checker.hpp"
#include "kiosk/core/pass/journal.hpp"
#include "kiosk/core/pass/registry.hpp"
#include "kiosk/core/tasks.hpp"

namespace kiosk::journeys {

struct PassContent {
    pass::Registry registry;
    // <data>/outbox.sqlite, the kiosk's durable outbox: redemptions are its "pass.redemption" messages.
    // FIXME: owned here until the kiosk's task runner drains it; then it moves up to Kiosk, shared by every journey.
    std::unique_ptr<outbox::Outbox> outbox;
    std::unique_ptr<pass::Journal> journal;  // <data>/pass-journal.sqlite: redemptions (declared after the outbox it uses)
    std::vector<std::string> problems;
    bool registry_refused = false;  // issuers.toml had problems: `registry` is the last good one (or empty)
    // <content>/pass/issuers.toml and the journal (dated by `clock`); never throws, problems are listed. A registry with any
    // problem is refused whole: the last good one, kept in <data>/pass-registry, is used instead.
    static std::shared_ptr<PassContent> load(const std::filesystem::path& content_dir,
                                             const std::filesystem::path& data_dir, const std::string& kiosk_id,
                                             const WallClock& clock);
    std::string kiosk_id;
};

class PassJourney {
public:
    explicit PassJourney(const WallClock& clock) : clock_(clock) {}  // a pass is valid or not on its date
    ~PassJourney() { task_.cancel(); }  // its answer would find nobody
    void set_content(std::shared_ptr<PassContent> content);
    bool ready() const { return content_ != nullptr; }
    const PassContent* content() const { return content_.get(); }

    std::string& typed() { return typed_; }  // a cheque number typed on the keyboard
    // Checks a code as a citizen task; `done` runs on the UI thread with the verdict set.
    void check(const std::string& code, TaskRunner& tasks, std::function<void()> done);
    bool checking() const { return checking_; }
    const std::optional<pass::Verdict>& verdict() const { return verdict_; }
    const std::string& checked_code() const { return code_; }

    void reset();  // the session wipe: a check under way is cancelled, never waited for

private:
    const WallClock& clock_;
    std::shared_ptr<PassContent> content_;
    std::string typed_, code_;
    std::optional<pass::Verdict> verdict_;
    bool checking_ = false;
    Task task_;  // the check under way, cancelled by a wipe
};

}  // namespace kiosk::journeys
