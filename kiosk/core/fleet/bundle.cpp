// SQLite's session extension is compiled into Debian's libsqlite3 (SQLITE_ENABLE_SESSION): its
// declarations are only visible with these two defined.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "kiosk/core/fleet/bundle.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "kiosk/core/files.hpp"
#include "kiosk/core/json_integer.hpp"
#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/place_store.hpp"

namespace fs = std::filesystem;

namespace kiosk::fleet {
namespace {

std::string hex(const unsigned char* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

template <std::size_t N>
bool unhex(const std::string& text, std::array<unsigned char, N>& out) {
    std::string t = text;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
    std::size_t len = 0;
    return t.size() == N * 2 &&
           sodium_hex2bin(out.data(), N, t.data(), t.size(), nullptr, &len, nullptr) == 0 && len == N;
}

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

struct Db {
    sqlite3* db = nullptr;
    explicit Db(const fs::path& file, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
            std::string why = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            db = nullptr;
            throw std::runtime_error(file.string() + ": " + why);
        }
    }
    ~Db() { sqlite3_close(db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    void exec(const std::string& sql) const {
        char* err = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string why = err ? err : "error";
            sqlite3_free(err);
            throw std::runtime_error(why + " (" + sql.substr(0, 60) + ")");
        }
    }
};

constexpr const char* kContentSchema = R"sql(
CREATE TABLE IF NOT EXISTS content_files (path TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS content_rows (file TEXT NOT NULL, key TEXT NOT NULL, line TEXT NOT NULL,
  PRIMARY KEY (file, key));
)sql";

// The user tables of a database, sorted (the session extension and the digest both walk them).
std::vector<std::string> user_tables(sqlite3* db) {
    std::vector<std::string> names;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                       "ORDER BY name",
                       -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return names;
}

std::string now_iso(const WallClock* clock) {
    const WallTime t = clock ? clock->now() : std::chrono::system_clock::now();
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void fill_payload_facts(Manifest& m, const fs::path& payload) {
    m.sha256 = sha256_file(payload);
    m.size = static_cast<std::uint64_t>(fs::file_size(payload));
}

}  // namespace

std::string Manifest::to_json() const {
    nlohmann::json j = {{"format", format},
                        {"kind", kind},
                        {"version", version},
                        {"created", created},
                        {"sha256", sha256},
                        {"size", size},
                        {"min_app_version", min_app_version},
                        {"base_version", base_version},
                        {"content_digest", content_digest}};
    return j.dump(1) + "\n";
}

std::optional<Manifest> Manifest::parse(const std::string& json, std::string& error) {
    try {
        const nlohmann::json j = nlohmann::json::parse(json);
        Manifest m;
        m.format = json_integer<int>(j, "format");
        if (m.format != kBundleFormat) {
            error = "unknown bundle format " + std::to_string(m.format);
            return std::nullopt;
        }
        m.kind = j.at("kind").get<std::string>();
        if (m.kind != "content" && m.kind != "content-delta" && m.kind != "config") {
            error = "unknown bundle kind \"" + m.kind + "\"";
            return std::nullopt;
        }
        m.version = json_integer<std::int64_t>(j, "version");
        m.created = j.at("created").get<std::string>();
        m.sha256 = j.at("sha256").get<std::string>();
        m.size = json_integer<std::uint64_t>(j, "size");
        m.min_app_version = j.at("min_app_version").get<std::string>();
        m.base_version = json_integer<std::int64_t>(j, "base_version");
        m.content_digest = j.at("content_digest").get<std::string>();
        if (m.version <= 0 || m.sha256.size() != 64 || (m.delta() && m.base_version <= 0)) {
            error = "manifest values out of range";
            return std::nullopt;
        }
        return m;
    } catch (const std::exception& e) {
        error = std::string("not a manifest: ") + e.what();
        return std::nullopt;
    }
}

BundleFiles BundleFiles::at(const fs::path& dir, const std::string& stem) {
    return {dir / (stem + ".sqlite"), dir / (stem + ".manifest.json"), dir / (stem + ".manifest.sig")};
}

void generate_keys(const fs::path& secret_file, const fs::path& public_file) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    PublicKey pk;
    SecretKey sk;
    crypto_sign_keypair(pk.data(), sk.data());
    write_text(secret_file, hex(sk.data(), sk.size()) + "\n");
    fs::permissions(secret_file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    write_text(public_file, hex(pk.data(), pk.size()) + "\n");
    sodium_memzero(sk.data(), sk.size());
}

std::optional<PublicKey> read_public_key(const fs::path& file, std::string& error) {
    auto text = read_file(file, &error, 4096);
    PublicKey k;
    if (!text) return std::nullopt;
    if (!unhex(*text, k)) {
        error = file.string() + " is not an Ed25519 public key (64 hex digits)";
        return std::nullopt;
    }
    return k;
}

std::optional<SecretKey> read_secret_key(const fs::path& file, std::string& error) {
    auto text = read_file(file, &error, 4096);
    SecretKey k;
    if (!text) return std::nullopt;
    if (!unhex(*text, k)) {
        error = file.string() + " is not an Ed25519 secret key (128 hex digits)";
        return std::nullopt;
    }
    return k;
}

std::string sha256_hex(const std::string& bytes) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex(out, sizeof out);
}

std::string sha256_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return "";
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto n = in.gcount();
        if (n > 0)
            crypto_hash_sha256_update(&st, reinterpret_cast<unsigned char*>(buf.data()),
                                      static_cast<unsigned long long>(n));
    }
    if (in.bad()) return "";
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, out);
    return hex(out, sizeof out);
}

std::string digest_database(const fs::path& file, std::string& error) {
    try {
        Db db(file, SQLITE_OPEN_READONLY);
        crypto_hash_sha256_state st;
        crypto_hash_sha256_init(&st);
        auto feed = [&](const void* p, std::size_t n) {
            const std::uint64_t len = n;
            crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(&len), sizeof len);
            crypto_hash_sha256_update(&st, static_cast<const unsigned char*>(p), n);
        };
        for (const std::string& table : user_tables(db.db)) {
            feed(table.data(), table.size());
            // Key order: the primary key's columns (or rowid), so that the layout of the file does not count.
            std::string order;
            sqlite3_stmt* info = nullptr;
            sqlite3_prepare_v2(db.db, ("PRAGMA table_info(\"" + table + "\")").c_str(), -1, &info, nullptr);
            std::map<int, std::string> pk;
            while (info && sqlite3_step(info) == SQLITE_ROW)
                if (sqlite3_column_int(info, 5) > 0)
                    pk[sqlite3_column_int(info, 5)] =
                        "\"" + std::string(reinterpret_cast<const char*>(sqlite3_column_text(info, 1))) +
                        "\"";
            sqlite3_finalize(info);
            for (const auto& [i, name] : pk) order += (order.empty() ? "" : ",") + name;
            if (order.empty()) order = "rowid";
            sqlite3_stmt* rows = nullptr;
            if (sqlite3_prepare_v2(db.db, ("SELECT * FROM \"" + table + "\" ORDER BY " + order).c_str(), -1,
                                   &rows, nullptr) != SQLITE_OK) {
                error = sqlite3_errmsg(db.db);
                return "";
            }
            int rc;
            while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
                for (int c = 0; c < sqlite3_column_count(rows); ++c) {
                    const int type = sqlite3_column_type(rows, c);
                    feed(&type, sizeof type);
                    const void* blob = sqlite3_column_blob(rows, c);
                    feed(blob ? blob : "", static_cast<std::size_t>(sqlite3_column_bytes(rows, c)));
                }
            }
            sqlite3_finalize(rows);
            if (rc != SQLITE_DONE) {
                error = sqlite3_errmsg(db.db);
                return "";
            }
        }
        unsigned char out[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&st, out);
        return hex(out, sizeof out);
    } catch (const std::exception& e) {
        error = e.what();
        return "";
    }
}

Manifest build_bundle(const fs::path& content_dir, const BundleFiles& out, const BuildOptions& options) {
    if (options.version <= 0) throw std::runtime_error("the bundle needs a version (a number above 0)");
    if (!fs::is_directory(content_dir)) throw std::runtime_error(content_dir.string() + " is not a folder");
    const fs::path standard_dir =
        options.standard_dir.empty() ? content_dir / "standard" : options.standard_dir;
    std::error_code ec;
    fs::create_directories(out.payload.parent_path(), ec);
    fs::path tmp = out.payload;
    tmp += ".building";
    fs::remove(tmp, ec);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(tmp.string() + suffix, ec);

    // 1. The places, through the places module's importer: what the kiosk's own sync would store.
    const places::Standard standard = places::Standard::load(standard_dir);
    const std::vector<fs::path> sources = places::content_files(content_dir / "places");
    std::vector<places::ImportResult> results;
    for (const fs::path& f : sources) {
        results.push_back(places::read_places_file(f, standard));
        if (!results.back().report.ok())
            throw std::runtime_error(f.string() + ": " + results.back().report.text(5));
    }
    {
        places::PlaceStore store = places::PlaceStore::open(tmp);
        std::vector<places::ContentPart> parts;
        for (const auto& r : results) parts.push_back({&r.places, &r.report});
        store.replace_content(parts, "bundle:" + std::to_string(options.version), true);
    }
    // 2. Every other content file: line tables as rows, the rest whole.
    {
        Db db(tmp);
        db.exec("PRAGMA journal_mode=DELETE");
        db.exec(kContentSchema);
        db.exec("BEGIN");
        sqlite3_stmt* file_st = nullptr;
        sqlite3_stmt* row_st = nullptr;
        sqlite3_prepare_v2(db.db, "INSERT INTO content_files(path, data) VALUES (?, ?)", -1, &file_st,
                           nullptr);
        sqlite3_prepare_v2(db.db, "INSERT INTO content_rows(file, key, line) VALUES (?, ?, ?)", -1, &row_st,
                           nullptr);
        std::vector<fs::path> files;
        for (const auto& e :
             fs::recursive_directory_iterator(content_dir, fs::directory_options::follow_directory_symlink))
            if (e.is_regular_file()) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            const std::string rel = fs::relative(f, content_dir).generic_string();
            if (rel.rfind("places/", 0) == 0 && f.extension() == ".csv") continue;  // in `places`
            if (rel.rfind("tools/", 0) == 0) continue;                              // makers, not content
            std::string error;
            auto bytes = read_file(f, &error);
            if (!bytes) throw std::runtime_error(f.string() + ": " + error);
            if (f.extension() == ".tsv") {
                std::istringstream lines(*bytes);
                std::string line;
                std::map<std::string, int> seen;
                while (std::getline(lines, line)) {
                    std::string key = line.substr(0, line.find('\t'));
                    if (int n = seen[key]++; n > 0) key += "#" + std::to_string(n);
                    sqlite3_bind_text(row_st, 1, rel.c_str(), -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(row_st, 2, key.c_str(), -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(row_st, 3, line.c_str(), static_cast<int>(line.size()),
                                      SQLITE_TRANSIENT);
                    if (sqlite3_step(row_st) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db.db));
                    sqlite3_reset(row_st);
                }
                continue;
            }
            sqlite3_bind_text(file_st, 1, rel.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_blob(file_st, 2, bytes->data(), static_cast<int>(bytes->size()), SQLITE_TRANSIENT);
            if (sqlite3_step(file_st) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db.db));
            sqlite3_reset(file_st);
        }
        sqlite3_finalize(file_st);
        sqlite3_finalize(row_st);
        db.exec("COMMIT");
        db.exec("VACUUM");
    }
    Manifest m;
    m.version = options.version;
    m.created = now_iso(options.clock);
    m.min_app_version = options.min_app_version;
    std::string error;
    m.content_digest = digest_database(tmp, error);
    if (m.content_digest.empty()) throw std::runtime_error("cannot read back the bundle: " + error);
    fs::rename(tmp, out.payload);
    fill_payload_facts(m, out.payload);
    write_text(out.manifest, m.to_json());
    fs::remove(out.signature, ec);  // an old signature would not match
    return m;
}

Manifest diff_bundles(const BundleFiles& base, const BundleFiles& target, const BundleFiles& out) {
    std::string error;
    auto read_manifest = [&](const fs::path& f) {
        auto text = read_file(f, &error, 1 << 20);
        if (!text) throw std::runtime_error(f.string() + ": " + error);
        auto m = Manifest::parse(*text, error);
        if (!m) throw std::runtime_error(f.string() + ": " + error);
        if (m->delta()) throw std::runtime_error(f.string() + ": a delta is made between two full bundles");
        return *m;
    };
    const Manifest from = read_manifest(base.manifest), to = read_manifest(target.manifest);
    if (to.version <= from.version) throw std::runtime_error("the target must be newer than the base");
    std::string changeset;
    {
        Db db(target.payload, SQLITE_OPEN_READONLY);
        sqlite3_stmt* attach = nullptr;
        sqlite3_prepare_v2(db.db, "ATTACH DATABASE ? AS base", -1, &attach, nullptr);
        sqlite3_bind_text(attach, 1, base.payload.c_str(), -1, SQLITE_TRANSIENT);
        const int rc = sqlite3_step(attach);
        sqlite3_finalize(attach);
        if (rc != SQLITE_DONE)
            throw std::runtime_error("cannot open the base: " + std::string(sqlite3_errmsg(db.db)));
        sqlite3_session* session = nullptr;
        if (sqlite3session_create(db.db, "main", &session) != SQLITE_OK)
            throw std::runtime_error("SQLite's session extension is not available");
        std::unique_ptr<sqlite3_session, void (*)(sqlite3_session*)> guard(session, sqlite3session_delete);
        for (const std::string& table : user_tables(db.db)) {
            sqlite3session_attach(session, table.c_str());
            char* err = nullptr;
            // base → main: what to do to the base to make it the target.
            if (sqlite3session_diff(session, "base", table.c_str(), &err) != SQLITE_OK) {
                std::string why = err ? err : "diff failed";
                sqlite3_free(err);
                throw std::runtime_error(table + ": " + why);
            }
        }
        int n = 0;
        void* data = nullptr;
        if (sqlite3session_changeset(session, &n, &data) != SQLITE_OK)
            throw std::runtime_error("cannot make the changeset");
        changeset.assign(static_cast<const char*>(data), static_cast<std::size_t>(n));
        sqlite3_free(data);
    }
    write_text(out.payload, changeset);
    Manifest m = to;
    m.kind = "content-delta";
    m.base_version = from.version;
    fill_payload_facts(m, out.payload);
    write_text(out.manifest, m.to_json());
    std::error_code ec;
    fs::remove(out.signature, ec);
    return m;
}

Manifest build_settings_bundle(const fs::path& settings_toml, const BundleFiles& out, std::int64_t version,
                               const WallClock* clock) {
    if (version <= 0) throw std::runtime_error("the bundle needs a version (a number above 0)");
    std::string error;
    auto text = read_file(settings_toml, &error, 1 << 20);
    if (!text) throw std::runtime_error(settings_toml.string() + ": " + error);
    std::error_code ec;
    fs::create_directories(out.payload.parent_path(), ec);
    write_text(out.payload, *text);
    Manifest m;
    m.kind = "config";
    m.version = version;
    m.created = now_iso(clock);
    m.content_digest = sha256_hex(*text);
    fill_payload_facts(m, out.payload);
    write_text(out.manifest, m.to_json());
    fs::remove(out.signature, ec);
    return m;
}

void sign_bundle(const BundleFiles& files, const SecretKey& key) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    std::string error;
    auto text = read_file(files.manifest, &error, 1 << 20);
    if (!text) throw std::runtime_error(files.manifest.string() + ": " + error);
    if (!Manifest::parse(*text, error)) throw std::runtime_error(files.manifest.string() + ": " + error);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text->data()), text->size(),
                         key.data());
    write_text(files.signature, hex(sig, sizeof sig) + "\n");
}

std::optional<Manifest> verify_bundle(const BundleFiles& files, const PublicKey& key, Problem& problem) {
    if (sodium_init() < 0) {
        problem = {"La vérification est impossible (libsodium).", "libsodium cannot start"};
        return std::nullopt;
    }
    std::string error;
    auto text = read_file(files.manifest, &error, 1 << 20);
    auto sig_text = read_file(files.signature, &error, 4096);
    std::array<unsigned char, crypto_sign_BYTES> sig{};
    if (!text || !sig_text || !unhex(*sig_text, sig)) {
        problem = {"Le paquet de contenu est incomplet (manifeste ou signature manquant).",
                   "manifest or signature missing or unreadable" + (error.empty() ? "" : ": " + error)};
        return std::nullopt;
    }
    if (crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(text->data()),
                                    text->size(), key.data()) != 0) {
        problem = {"La signature du paquet de contenu est fausse : il est refusé.",
                   "bad signature: the manifest is not signed by the trusted key"};
        return std::nullopt;
    }
    auto m = Manifest::parse(*text, error);
    if (!m) {
        problem = {"Le manifeste du paquet est illisible.", error};
        return std::nullopt;
    }
    std::error_code ec;
    const auto size = fs::file_size(files.payload, ec);
    if (ec || size != m->size) {
        problem = {"Le paquet de contenu n'a pas la taille annoncée : il est refusé.",
                   "payload size " + (ec ? std::string("unknown") : std::to_string(size)) +
                       " is not the signed " + std::to_string(m->size)};
        return std::nullopt;
    }
    if (sha256_file(files.payload) != m->sha256) {
        problem = {"Le paquet de contenu a été modifié : il est refusé.",
                   "payload sha256 does not match the signed manifest"};
        return std::nullopt;
    }
    return m;
}

int compare_versions(const std::string& a, const std::string& b) {
    std::istringstream x(a), y(b);
    for (;;) {
        std::string pa, pb;
        const bool ha = static_cast<bool>(std::getline(x, pa, '.')),
                   hb = static_cast<bool>(std::getline(y, pb, '.'));
        if (!ha && !hb) return 0;
        const long na = ha ? std::atol(pa.c_str()) : 0, nb = hb ? std::atol(pb.c_str()) : 0;
        if (na != nb) return na < nb ? -1 : 1;
    }
}

bool apply_changeset(const fs::path& file, const fs::path& changeset, std::string& error) {
    auto bytes = read_file(changeset, &error);
    if (!bytes) return false;
    try {
        Db db(file, SQLITE_OPEN_READWRITE);
        db.exec("PRAGMA journal_mode=DELETE");
        db.exec("PRAGMA synchronous=FULL");
        db.exec("BEGIN");
        int conflicts = 0;
        auto on_conflict = [](void* ctx, int, sqlite3_changeset_iter*) {
            ++*static_cast<int*>(ctx);
            return SQLITE_CHANGESET_ABORT;
        };
        const int rc = sqlite3changeset_apply(db.db, static_cast<int>(bytes->size()), bytes->data(), nullptr,
                                              on_conflict, &conflicts);
        if (rc != SQLITE_OK || conflicts) {
            error = conflicts ? "the delta does not fit the installed content (" + std::to_string(conflicts) +
                                    " conflict)"
                              : std::string("the delta cannot be applied: ") + sqlite3_errstr(rc);
            sqlite3_exec(db.db, "ROLLBACK", nullptr, nullptr, nullptr);
            return false;
        }
        db.exec("COMMIT");
        return true;
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
}

}  // namespace kiosk::fleet
