#include "kiosk/core/fleet/content_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/core/files.hpp"

namespace fs = std::filesystem;

namespace kiosk::fleet {
namespace {

bool fsync_path(const fs::path& p, bool directory) {
    const int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Copies a file and makes it durable; false with errno's text in `error`.
bool copy_durable(const fs::path& from, const fs::path& to, std::string& error) {
    const int in = ::open(from.c_str(), O_RDONLY);
    if (in < 0) {
        error = from.string() + ": " + std::strerror(errno);
        return false;
    }
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        error = to.string() + ": " + std::strerror(errno);
        ::close(in);
        return false;
    }
    char buf[1 << 16];
    bool ok = true;
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0 || ::write(out, buf, static_cast<std::size_t>(n)) != n) {
            error = to.string() + ": " + std::strerror(errno);
            ok = false;
            break;
        }
    }
    if (ok && ::fsync(out) != 0) {
        error = to.string() + ": " + std::strerror(errno);
        ok = false;
    }
    ::close(in);
    ::close(out);
    return ok;
}

InstallResult refuse(InstallCode code, std::int64_t version, Problem p) {
    return {code, version, std::move(p)};
}

}  // namespace

const char* to_string(InstallCode code) {
    switch (code) {
        case InstallCode::Installed:
            return "installed";
        case InstallCode::BadBundle:
            return "bad bundle";
        case InstallCode::TooNewForApp:
            return "needs a newer app";
        case InstallCode::Replay:
            return "not newer than the installed content";
        case InstallCode::DeltaBase:
            return "delta for another base";
        case InstallCode::DiskFull:
            return "disk full";
        case InstallCode::Unhealthy:
            return "health check failed, rolled back";
        case InstallCode::Failed:
            return "failed";
    }
    return "?";
}

std::uint64_t free_disk_bytes(const fs::path& where) {
    struct statvfs s {};
    if (::statvfs(where.c_str(), &s) != 0) return 0;
    return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
}

ContentStore::ContentStore(fs::path root) : root_(std::move(root)) {
    std::error_code ec;
    fs::create_directories(root_ / "slots", ec);
    fs::remove_all(root_ / "staging", ec);
    fs::create_directories(root_ / "staging", ec);
    for (const char* half : {"current.new", "previous.new"}) fs::remove(root_ / half, ec);
    // A `current` whose slot is gone (cannot happen with rename, but a disk can be edited by hand).
    try {
        if (fs::is_symlink(root_ / "current", ec) && !link("current") && link("previous")) rollback();
    } catch (const std::exception&) {  // a read-only or broken disk: what can be read is still served
    }
}

std::optional<InstalledContent> ContentStore::link(const char* name) const {
    std::error_code ec;
    const fs::path l = root_ / name;
    if (!fs::is_symlink(l, ec)) return std::nullopt;
    const fs::path target = fs::read_symlink(l, ec);
    if (ec) return std::nullopt;
    const fs::path dir = root_ / target;
    if (!fs::is_regular_file(dir / "bundle.sqlite", ec)) return std::nullopt;
    const std::string stem = target.filename().string();  // v<N>
    if (stem.size() < 2 || stem[0] != 'v') return std::nullopt;
    return InstalledContent{std::atoll(stem.c_str() + 1), dir};
}

std::optional<InstalledContent> ContentStore::current() const {
    return link("current");
}
std::optional<InstalledContent> ContentStore::previous() const {
    return link("previous");
}

void ContentStore::set_link(const char* name, const fs::path& slot_dir) {
    const fs::path tmp = root_ / (std::string(name) + ".new");
    std::error_code ec;
    fs::remove(tmp, ec);
    fs::create_symlink(fs::relative(slot_dir, root_), tmp);
    fs::rename(tmp, root_ / name);  // atomic: the old link or the new one
    fsync_path(root_, true);
}

std::string ContentStore::check(const InstalledContent& slot) {
    std::string error;
    auto text = read_file(slot.dir / "manifest.json", &error, 1 << 20);
    if (!text) return "manifest: " + error;
    auto m = Manifest::parse(*text, error);
    if (!m) return "manifest: " + error;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(slot.database().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "the database does not open";
    }
    std::string verdict;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, nullptr);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (verdict != "ok")
        return "integrity_check: " + (verdict.empty() ? std::string("not a database") : verdict);
    const std::string digest = digest_database(slot.database(), error);
    if (digest != m->content_digest) return "the rows do not match the signed digest";
    return "";
}

std::optional<PreparedContent> ContentStore::prepare(const BundleFiles& files, const InstallOptions& options,
                                                     InstallResult& result) {
    Problem problem;
    auto manifest = verify_bundle(files, options.trusted_key, problem);
    if (!manifest) {
        result = refuse(InstallCode::BadBundle, 0, problem);
        return std::nullopt;
    }
    const Manifest& m = *manifest;
    const std::string v = std::to_string(m.version);
    if (m.kind == "config") {
        result = refuse(InstallCode::BadBundle, m.version,
                        {"Ce paquet est un paquet de réglages, pas de contenu.",
                         "a configuration bundle is not content"});
        return std::nullopt;
    }
    if (compare_versions(options.app_version, m.min_app_version) < 0) {
        result =
            refuse(InstallCode::TooNewForApp, m.version,
                   {"Ce contenu demande une version plus récente du logiciel (" + m.min_app_version + ").",
                    "content " + v + " needs app " + m.min_app_version + ", this kiosk runs " +
                        options.app_version});
        return std::nullopt;
    }
    const auto installed = current();
    if (installed && m.version <= installed->version) {
        result = refuse(InstallCode::Replay, m.version,
                        {"Ce contenu n'est pas plus récent que celui installé : il est refusé.",
                         "content " + v + " is not newer than the installed " +
                             std::to_string(installed->version) + " (replay refused)"});
        return std::nullopt;
    }
    if (m.delta() && (!installed || installed->version != m.base_version)) {
        result = refuse(InstallCode::DeltaBase, m.version,
                        {"Cette mise à jour partielle ne correspond pas au contenu installé.",
                         "delta from " + std::to_string(m.base_version) + " but installed is " +
                             (installed ? std::to_string(installed->version) : std::string("nothing")) +
                             ": the full bundle is needed"});
        return std::nullopt;
    }
    std::error_code ec;
    std::uint64_t need = m.size + (1u << 20);
    if (m.delta()) need += fs::file_size(installed->database(), ec);
    const std::uint64_t free = options.free_bytes ? options.free_bytes(root_) : free_disk_bytes(root_);
    if (free < need) {
        result = refuse(InstallCode::DiskFull, m.version,
                        {"Le disque est plein : le nouveau contenu n'est pas installé, l'ancien reste.",
                         "disk full: " + std::to_string(free) + " bytes free, " + std::to_string(need) +
                             " needed; nothing changed"});
        return std::nullopt;
    }
    const fs::path stage = root_ / "staging" / ("v" + v);
    fs::remove_all(stage, ec);
    fs::create_directories(stage, ec);
    std::string error;
    const fs::path db = stage / "bundle.sqlite";
    bool ok = copy_durable(m.delta() ? installed->database() : files.payload, db, error) &&
              copy_durable(files.manifest, stage / "manifest.json", error) &&
              copy_durable(files.signature, stage / "manifest.sig", error);
    if (ok && m.delta()) ok = apply_changeset(db, files.payload, error) && fsync_path(db, false);
    if (!ok) {
        fs::remove_all(stage, ec);
        const bool bad = m.delta() && error.find("delta") != std::string::npos;
        result = refuse(bad ? InstallCode::BadBundle : InstallCode::Failed, m.version,
                        {"Le nouveau contenu n'a pas pu être préparé ; l'ancien reste.", error});
        return std::nullopt;
    }
    if (const std::string why = check({m.version, stage}); !why.empty()) {
        fs::remove_all(stage, ec);
        result = refuse(InstallCode::BadBundle, m.version,
                        {"Le nouveau contenu est abîmé : il est refusé, l'ancien reste.", why});
        return std::nullopt;
    }
    fsync_path(stage, true);
    const fs::path slot = root_ / "slots" / ("v" + v);
    if (installed && fs::equivalent(installed->dir, slot, ec)) {
        result =
            refuse(InstallCode::Replay, m.version, {"Ce contenu est déjà installé.", "already installed"});
        return std::nullopt;
    }
    fs::remove_all(slot, ec);  // a slot left by a killed install, never current
    fs::rename(stage, slot, ec);
    if (ec) {
        fs::remove_all(stage, ec);
        result = refuse(InstallCode::Failed, m.version,
                        {"Le nouveau contenu n'a pas pu être mis en place ; l'ancien reste.", ec.message()});
        return std::nullopt;
    }
    fsync_path(root_ / "slots", true);
    result = {InstallCode::Installed, m.version, {}};
    return PreparedContent{m, {m.version, slot}};
}

InstallResult ContentStore::activate(const PreparedContent& prepared, const InstallOptions& options) {
    const auto old = current();
    try {
        if (old) set_link("previous", old->dir);
        set_link("current", prepared.slot.dir);
    } catch (const std::exception& e) {
        return refuse(InstallCode::Failed, prepared.manifest.version,
                      {"Le nouveau contenu n'a pas pu être mis en place ; l'ancien reste.", e.what()});
    }
    const auto& health = options.health ? options.health : content_health;
    if (const std::string why = health(prepared.slot); !why.empty()) {
        try {
            if (old) {
                set_link("current", old->dir);
            } else {
                std::error_code ec;
                fs::remove(root_ / "current", ec);
                fsync_path(root_, true);
            }
        } catch (const std::exception& e) {
            return refuse(InstallCode::Failed, prepared.manifest.version,
                          {"Le nouveau contenu ne fonctionne pas et l'ancien n'a pas pu être remis.",
                           "health check failed (" + why + ") and the rollback failed: " + e.what()});
        }
        std::error_code ec;
        fs::remove_all(prepared.slot.dir, ec);
        return refuse(InstallCode::Unhealthy, prepared.manifest.version,
                      {"Le nouveau contenu ne fonctionne pas : l'ancien a été remis.",
                       "health check failed (" + why + "): rolled back to " +
                           (old ? std::to_string(old->version) : std::string("nothing"))});
    }
    remove_unused_slots();
    return {InstallCode::Installed, prepared.manifest.version, {}};
}

InstallResult ContentStore::install(const BundleFiles& files, const InstallOptions& options) {
    InstallResult result;
    auto prepared = prepare(files, options, result);
    if (!prepared) return result;
    return activate(*prepared, options);
}

bool ContentStore::rollback() {
    const auto prev = previous();
    if (!prev) return false;
    set_link("current", prev->dir);
    return true;
}

std::optional<InstalledContent> ContentStore::undo(const InstalledContent& bad) {
    std::error_code ec;
    const auto prev = previous();
    if (prev && !fs::equivalent(prev->dir, bad.dir, ec)) {
        set_link("current", prev->dir);
    } else {
        fs::remove(root_ / "current", ec);
        fsync_path(root_, true);
    }
    const auto cur = current();
    if (!cur || !fs::equivalent(cur->dir, bad.dir, ec)) fs::remove_all(bad.dir, ec);
    return cur;
}

void ContentStore::remove_unused_slots() {
    const auto cur = current(), prev = previous();
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root_ / "slots", ec)) {
        const bool keep = (cur && fs::equivalent(e.path(), cur->dir, ec)) ||
                          (prev && fs::equivalent(e.path(), prev->dir, ec));
        if (!keep) fs::remove_all(e.path(), ec);
    }
}

std::string content_health(const InstalledContent& slot) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(slot.database().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "the database does not open";
    }
    auto count = [&](const char* sql) -> long {
        sqlite3_stmt* st = nullptr;
        long n = -1;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return n;
    };
    std::string why;
    if (count("SELECT count(*) FROM places") <= 0)
        why = "no places";
    else if (count("SELECT count(*) FROM content_rows WHERE file='communes.tsv'") <= 1)
        why = "no communes";
    else if (count("SELECT count(*) FROM content_files WHERE path IN ('i18n/fr.po','i18n/en.po')") != 2)
        why = "the French or English catalog is missing";
    sqlite3_close(db);
    return why;
}

}  // namespace kiosk::fleet
