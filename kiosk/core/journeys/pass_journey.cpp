#include "pass_journey.hpp"

#include <filesystem>
#include <optional>

#include "kiosk/core/log.hpp"

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
        ok = !ec && fs::copy_file(registry_file.parent_path() / key, next / key, fs::copy_options::overwrite_existing, ec);
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
                                               const std::filesystem::path& data_dir, const std::string& kiosk_id,
                                               const WallClock& clock) {
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
            c->problems.push_back(file.string() + ": refused, and no earlier registry is kept: no pass can be checked");
        }
        c->registry_refused = true;
    }
    c->outbox = std::make_unique<outbox::Outbox>(data_dir / "outbox.sqlite");
    if (!c->outbox->ok()) c->problems.push_back("outbox: " + c->outbox->problem());
    c->journal = std::make_unique<pass::Journal>(data_dir / "pass-journal.sqlite", clock, pass::Journal::Options{},
                                                 c->outbox->ok() ? c->outbox.get() : nullptr);
    if (!c->journal->ok()) c->problems.push_back("pass journal: " + c->journal->problem());
    for (const std::string& p : c->problems) log::error("pass: ", p);
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
            return v;
        },
        [this, done = std::move(done)](pass::Verdict v) {
            verdict_ = std::move(v);
            checking_ = false;
            done();
        });
}

}  // namespace kiosk::journeys
