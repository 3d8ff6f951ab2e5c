#pragma once
// The pass numérique journey: a decoded code (camera, scanner) or a typed cheque number is checked on a
// worker (an issuer may be asked online), and the verdict is said in plain words. UI-free.
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/pass/checker.hpp"
#include "kiosk/core/pass/journal.hpp"
#include "kiosk/core/pass/registry.hpp"
#include "kiosk/core/run_queue.hpp"

namespace kiosk::journeys {

struct PassContent {
    pass::Registry registry;
    std::unique_ptr<pass::Journal> journal;  // <data>/pass-journal.sqlite: redemptions, to sync through the fleet
    std::vector<std::string> problems;
    // <content>/pass/issuers.toml and the journal (dated by `clock`); never throws, problems are listed.
    static std::shared_ptr<PassContent> load(const std::filesystem::path& content_dir,
                                             const std::filesystem::path& data_dir, const std::string& kiosk_id,
                                             const WallClock& clock);
    std::string kiosk_id;
};

class PassJourney {
public:
    explicit PassJourney(const WallClock& clock) : clock_(clock) {}  // a pass is valid or not on its date
    ~PassJourney();
    void set_content(std::shared_ptr<PassContent> content);
    bool ready() const { return content_ != nullptr; }
    const PassContent* content() const { return content_.get(); }

    std::string& typed() { return typed_; }  // a cheque number typed on the keyboard
    // Checks a code on a worker thread; `done` runs on the UI thread (through `queue`) with the verdict set.
    void check(const std::string& code, RunQueue& queue, std::function<void()> done);
    bool checking() const { return checking_; }
    const std::optional<pass::Verdict>& verdict() const { return verdict_; }
    const std::string& checked_code() const { return code_; }

    void reset();  // the session wipe (waits for a check under way)

private:
    const WallClock& clock_;
    std::shared_ptr<PassContent> content_;
    std::string typed_, code_;
    std::optional<pass::Verdict> verdict_;
    bool checking_ = false;
    std::thread worker_;
    std::shared_ptr<int> generation_ = std::make_shared<int>(0);  // a wipe makes late answers stale
};

}  // namespace kiosk::journeys
