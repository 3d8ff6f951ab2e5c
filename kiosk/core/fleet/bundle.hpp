#pragma once
// Content bundles: the kiosk's content as ONE SQLite database plus a manifest signed with Ed25519.
//
// A bundle is three files side by side: <name>.sqlite (the payload), <name>.manifest.json and
// <name>.manifest.sig (hex of the detached Ed25519 signature of the manifest's exact bytes). The manifest
// names the payload's sha256 and size, so the signature covers the payload too; DDI's hashes only say that a
// download is whole, not who made it.
//
// The payload holds the places through the places module's own importer and schema (tables `places`,
// `imports`, `meta` of PlaceStore), every other content file whole (`content_files`), and the line-oriented
// tables (communes.tsv, postal_positions.tsv) one row a line (`content_rows`, keyed by their first column) so
// that a small change makes a small delta.
//
// A delta bundle's payload is an SQLite session changeset from the named base version to the new one; the
// manifest then carries the base's version, and `content_digest` (a sha256 of every table's rows in key
// order) lets the installer check that the base plus the changeset is exactly the new content.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/wall_clock.hpp"

namespace kiosk::fleet {

inline constexpr int kBundleFormat = 1;

using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;

struct Manifest {
    int format = kBundleFormat;
    std::string kind = "content";   // content | content-delta | config (remote settings, a TOML payload)
    std::int64_t version = 0;       // the content's version: only ever grows
    std::string created;            // UTC, ISO 8601
    std::string sha256;             // of the payload file, hex
    std::uint64_t size = 0;         // of the payload file, bytes
    std::string min_app_version;    // "1.2.3": older kiosks refuse the bundle
    std::int64_t base_version = 0;  // a delta's base (0 for a full bundle)
    std::string content_digest;     // sha256 of the resulting database's rows (digest_database)

    bool delta() const { return kind == "content-delta"; }
    std::string to_json() const;  // deterministic (sorted keys)
    // Nothing when the text is not a manifest of a known format; `error` says why.
    static std::optional<Manifest> parse(const std::string& json, std::string& error);
};

// The three files of a bundle named <dir>/<stem>.
struct BundleFiles {
    std::filesystem::path payload, manifest, signature;
    static BundleFiles at(const std::filesystem::path& dir, const std::string& stem);
};

// A problem said twice: in French for the agent on site, in English for the operator (DDI feedback).
struct Problem {
    std::string fr, en;
    bool empty() const { return en.empty(); }
};

// Ed25519 keys as hex files (libsodium).
void generate_keys(const std::filesystem::path& secret_file, const std::filesystem::path& public_file);
std::optional<PublicKey> read_public_key(const std::filesystem::path& file, std::string& error);
std::optional<SecretKey> read_secret_key(const std::filesystem::path& file, std::string& error);

// sha256 of a file, hex; "" when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);
std::string sha256_hex(const std::string& bytes);
// sha256 over every user table's rows in key order: equal for equal content, whatever the file's layout.
std::string digest_database(const std::filesystem::path& db, std::string& error);

struct BuildOptions {
    std::int64_t version = 0;
    std::string min_app_version = "0.1.0";
    std::filesystem::path standard_dir;  // the places' schemas (content/standard when empty)
    const WallClock* clock = nullptr;    // the creation time (the system's when null)
};

// Builds the payload database from a content folder (places/*.csv through the places importer, the rest as
// files and rows) and writes its unsigned manifest. Throws std::runtime_error with a readable sentence.
Manifest build_bundle(const std::filesystem::path& content_dir, const BundleFiles& out,
                      const BuildOptions& options);
// Writes the delta base → target (both full bundles' payloads) as a changeset bundle `out`, manifest
// included (unsigned). Throws std::runtime_error.
Manifest diff_bundles(const BundleFiles& base, const BundleFiles& target, const BundleFiles& out);
// A configuration bundle: `settings_toml` (remote settings, see parse_remote_settings) as the payload
// (out.payload, conventionally <stem>.toml), its unsigned manifest of kind "config". Throws.
Manifest build_settings_bundle(const std::filesystem::path& settings_toml, const BundleFiles& out,
                               std::int64_t version, const WallClock* clock = nullptr);
// Signs the manifest file: writes the signature file.
void sign_bundle(const BundleFiles& files, const SecretKey& key);

// Checks the signature, then the payload's size and sha256. The manifest when all hold.
std::optional<Manifest> verify_bundle(const BundleFiles& files, const PublicKey& key, Problem& problem);

// "1.10.0" > "1.9.3": numeric per dotted part.
int compare_versions(const std::string& a, const std::string& b);

// Applies a changeset file to a database in place (one transaction; any conflict aborts it). False with
// `error` when it does not apply cleanly.
bool apply_changeset(const std::filesystem::path& db, const std::filesystem::path& changeset,
                     std::string& error);

}  // namespace kiosk::fleet
