#include "pass_journey.hpp"

#include "kiosk/core/log.hpp"

namespace kiosk::journeys {

std::shared_ptr<PassContent> PassContent::load(const std::filesystem::path& content_dir,
                                               const std::filesystem::path& data_dir, const std::string& kiosk_id,
                                               const WallClock& clock) {
    auto c = std::make_shared<PassContent>();
    c->kiosk_id = kiosk_id;
    pass::RegistryResult r = pass::load_registry(content_dir / "pass" / "issuers.toml");
    for (const ConfigError& e : r.errors) c->problems.push_back(e.to_string());
    c->registry = std::move(r.registry);
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    c->journal = std::make_unique<pass::Journal>(data_dir / "pass-journal.sqlite", clock);
    if (!c->journal->ok()) c->problems.push_back("pass journal: " + c->journal->problem());
    for (const std::string& p : c->problems) log::warn("pass: ", p);
    return c;
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
    const WallTime now = clock_.now();  // the moment the citizen showed the pass
    task_ = tasks.run(
        TaskGroup::Citizen, "pass check",
        [code, now, content = content_](const Task&) {
            pass::Checker checker(content->registry, content->journal.get(), {content->kiosk_id, true});
            pass::Verdict v = checker.check(code, now);
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
