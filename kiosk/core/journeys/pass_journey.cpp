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

PassJourney::~PassJourney() {
    if (worker_.joinable()) worker_.join();
}

void PassJourney::set_content(std::shared_ptr<PassContent> content) { content_ = std::move(content); }

void PassJourney::reset() {
    if (worker_.joinable()) worker_.join();
    ++*generation_;
    typed_.clear();
    code_.clear();
    verdict_.reset();
    checking_ = false;
}

void PassJourney::check(const std::string& code, RunQueue& queue, std::function<void()> done) {
    if (!content_ || checking_) return;
    if (worker_.joinable()) worker_.join();
    checking_ = true;
    code_ = code;
    verdict_.reset();
    const int generation = *generation_;
    const WallTime now = clock_.now();  // the moment the citizen showed the pass
    worker_ = std::thread([this, code, now, &queue, done = std::move(done), content = content_, generation,
                           alive = std::weak_ptr<int>(generation_)] {
        pass::Checker checker(content->registry, content->journal.get(), {content->kiosk_id, true});
        pass::Verdict v = checker.check(code, now);
        log::info("pass: ", pass::reason_code(v.reason), v.detail.empty() ? "" : " (" + v.detail + ")");
        queue.post([this, v = std::move(v), done, generation, alive] {
            auto gen = alive.lock();
            if (!gen || *gen != generation) return;  // wiped meanwhile: nobody is waiting for it
            verdict_ = v;
            checking_ = false;
            done();
        });
    });
}

}  // namespace kiosk::journeys
