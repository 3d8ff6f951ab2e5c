#pragma once
// Where installed content bundles live, and how one replaces another without ever leaving a mix.
//
//   <root>/slots/v<version>/{bundle.sqlite, manifest.json, manifest.sig}   whole bundles, never edited
//   <root>/current  -> slots/v<N>    (a symlink: replaced by rename(2), atomic)
//   <root>/previous -> slots/v<M>    the one before, for the rollback
//   <root>/staging/                  work in progress, wiped at every open
//
// A bundle is verified (signature, size, sha256), built in staging (a full payload copied, or the current
// payload plus a delta's changeset), checked (PRAGMA integrity_check, the rows' digest against the signed
// one), fsynced, renamed into slots/ (directory fsynced), and only then pointed at by `current` (a new
// symlink renamed over the old one, directory fsynced). A kill at any moment leaves `current` on the old
// slot or on the new one, each whole. Activation runs a health check and rolls back when it fails.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/core/fleet/bundle.hpp"

namespace kiosk::fleet {

struct InstalledContent {
    std::int64_t version = 0;
    std::filesystem::path dir;  // the slot: bundle.sqlite, manifest.json, manifest.sig
    std::filesystem::path database() const { return dir / "bundle.sqlite"; }
};

enum class InstallCode {
    Installed,
    BadBundle,     // signature, size, hash, manifest, integrity or digest
    TooNewForApp,  // the bundle needs a newer app
    Replay,        // not newer than the installed version
    DeltaBase,     // a delta against another version than the installed one: fetch the full bundle
    DiskFull,      // not enough free space: nothing was changed
    Unhealthy,     // installed, failed its health check, rolled back
    Failed,        // an I/O error: nothing was changed
};
const char* to_string(InstallCode code);

struct InstallResult {
    InstallCode code = InstallCode::Failed;
    std::int64_t version = 0;  // the bundle's
    Problem problem;           // empty when installed
    bool ok() const { return code == InstallCode::Installed; }
};

struct InstallOptions {
    PublicKey trusted_key{};  // from the image (the kiosk's configuration)
    std::string app_version;  // this kiosk's (build::version)
    // Free bytes where the slots live (statvfs by default; tests give a small disk).
    std::function<std::uint64_t(const std::filesystem::path&)> free_bytes;
    // The health check of a newly current slot: "" when it is healthy, else why (one line, English).
    std::function<std::string(const InstalledContent&)> health;
};

// A bundle verified and built into its slot, not yet current.
struct PreparedContent {
    Manifest manifest;
    InstalledContent slot;
};

class ContentStore {
  public:
    // Opens (creates) the store and recovers from a kill: the staging area and half-made links are removed.
    explicit ContentStore(std::filesystem::path root);

    std::optional<InstalledContent> current() const;
    std::optional<InstalledContent> previous() const;
    // "" when the slot is whole: integrity_check ok and its rows match the signed digest.
    static std::string check(const InstalledContent& slot);

    // verify + stage + slot; `result` says why not when nothing is returned (and nothing was changed).
    std::optional<PreparedContent> prepare(const BundleFiles& files, const InstallOptions& options,
                                           InstallResult& result);
    // Makes a prepared slot current, runs the health check, rolls back when it fails.
    InstallResult activate(const PreparedContent& prepared, const InstallOptions& options);
    // prepare then activate.
    InstallResult install(const BundleFiles& files, const InstallOptions& options);
    // Points `current` back at `previous`. False when there is none.
    bool rollback();
    // Undoes the activation of `bad` (the running kiosk's health check failed): `current` back on the
    // previous slot, or removed when there was none, and `bad`'s slot removed. The content now current.
    std::optional<InstalledContent> undo(const InstalledContent& bad);

    const std::filesystem::path& root() const { return root_; }

  private:
    std::optional<InstalledContent> link(const char* name) const;
    void set_link(const char* name, const std::filesystem::path& slot_dir);
    void remove_unused_slots();
    std::filesystem::path root_;
};

// The default health check: the database opens, has places, communes and both catalogs (fr, en).
std::string content_health(const InstalledContent& slot);
// statvfs's free bytes for an unprivileged writer.
std::uint64_t free_disk_bytes(const std::filesystem::path& where);

}  // namespace kiosk::fleet
