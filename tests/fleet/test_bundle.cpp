// Content bundles and their installation: real SQLite, real Ed25519 signatures (libsodium), real files.
#include <catch2/catch.hpp>
#include <fstream>
#include <sqlite3.h>

#include "fleet_support.hpp"
#include "kiosk/core/files.hpp"

using namespace kiosk;
using namespace kiosk::fleet;
using kiosk::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& f) {
    return *read_file(f);
}
void spit(const fs::path& f, const std::string& s) {
    std::ofstream(f, std::ios::binary | std::ios::trunc) << s;
}

long count(const fs::path& db, const std::string& sql) {
    sqlite3* d = nullptr;
    sqlite3_open_v2(db.c_str(), &d, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    long n = -1;
    if (sqlite3_prepare_v2(d, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(d);
    return n;
}

// Changes `share` of the places' names and of the communes' lines: a content update.
void edit_content(const fs::path& content, double share) {
    for (const fs::path& f : {content / "communes.tsv"}) {
        std::string text = slurp(f), out;
        std::size_t line = 0, pos = 0;
        const std::size_t every = static_cast<std::size_t>(1.0 / share);
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) end = text.size();
            std::string l = text.substr(pos, end - pos);
            if (line > 0 && line % every == 0) l += "-modifiée";
            out += l + "\n";
            pos = end + 1;
            ++line;
        }
        spit(f, out);
    }
}

struct Fixture {
    TempDir tmp;
    fs::path content = tmp.path / "content";
    kiosk::test::Signer signer{tmp.path};
    ContentStore store{tmp.path / "store"};
    Fixture() {
        fs::create_directories(content);
        kiosk::test::small_content(content);
    }
};

}  // namespace

TEST_CASE("a bundle holds the content: places through the importer, communes as rows, catalogs whole") {
    Fixture f;
    const BundleFiles b = f.signer.build(f.content, 7, "content-7");
    CHECK(count(b.payload, "SELECT count(*) FROM places") > 10);
    CHECK(count(b.payload, "SELECT count(*) FROM content_rows WHERE file='communes.tsv'") == 1500);
    CHECK(count(b.payload, "SELECT count(*) FROM content_files WHERE path='i18n/fr.po'") == 1);
    CHECK(count(b.payload, "SELECT count(*) FROM content_files WHERE path LIKE 'tools/%'") == 0);
    Problem p;
    auto m = verify_bundle(b, f.signer.public_key, p);
    REQUIRE(m);
    CHECK(m->version == 7);
    CHECK(m->created == "2026-11-24T09:00:00Z");  // the injected clock
    CHECK(m->size == fs::file_size(b.payload));
    const InstallResult r = f.store.install(b, f.signer.options());
    REQUIRE(r.ok());
    REQUIRE(f.store.current());
    CHECK(f.store.current()->version == 7);
    CHECK(ContentStore::check(*f.store.current()).empty());
}

TEST_CASE("a tampered manifest, payload or signature, or another key, is refused and nothing changes") {
    Fixture f;
    REQUIRE(f.store.install(f.signer.build(f.content, 1, "c1"), f.signer.options()).ok());
    const BundleFiles b = f.signer.build(f.content, 2, "c2");
    const std::string manifest = slurp(b.manifest), sig = slurp(b.signature), payload = slurp(b.payload);
    auto refused = [&](const char* what) {
        INFO(what);
        const InstallResult r = f.store.install(b, f.signer.options());
        CHECK(r.code == InstallCode::BadBundle);
        CHECK_FALSE(r.problem.fr.empty());
        CHECK(f.store.current()->version == 1);
        CHECK(fs::is_empty(f.store.root() / "staging"));
        spit(b.manifest, manifest);
        spit(b.signature, sig);
        spit(b.payload, payload);
    };
    {
        std::string m = manifest;
        m.replace(m.find("\"min_app_version\": \"0.1.0\""), 26, "\"min_app_version\": \"0.0.1\"");
        spit(b.manifest, m);
        refused("manifest edited");
    }
    {
        std::string p = payload;
        p[p.size() / 2] ^= 0x20;
        spit(b.payload, p);
        refused("one payload byte flipped");
    }
    {
        std::string s = sig;
        s[10] = s[10] == 'a' ? 'b' : 'a';
        spit(b.signature, s);
        refused("signature edited");
    }
    {
        spit(b.payload, payload.substr(0, payload.size() - 4096));
        refused("payload truncated");
    }
    {
        fs::remove(b.signature);
        refused("no signature");
    }
    {
        TempDir other;
        kiosk::test::Signer mallory(other.path);
        sign_bundle(b, mallory.secret);
        refused("signed by another key");
    }
    CHECK(f.store.install(b, f.signer.options()).ok());  // the untouched bundle installs
}

TEST_CASE("a signed bundle whose database is damaged is refused by integrity_check and the digest") {
    Fixture f;
    REQUIRE(f.store.install(f.signer.build(f.content, 1, "c1"), f.signer.options()).ok());
    BundleFiles b = f.signer.build(f.content, 2, "c2");
    std::string p = slurp(b.payload);
    for (std::size_t i = 8192; i < 8192 + 512; ++i) p[i] = static_cast<char>(i * 7);  // inside a page
    spit(b.payload, p);
    // The publisher signs the damaged file (its sha256 and size are right): only the checks of the database
    // itself can see it.
    std::string e;
    auto m = *Manifest::parse(slurp(b.manifest), e);
    m.sha256 = sha256_file(b.payload);
    spit(b.manifest, m.to_json());
    sign_bundle(b, f.signer.secret);
    const InstallResult r = f.store.install(b, f.signer.options());
    CHECK(r.code == InstallCode::BadBundle);
    CHECK(f.store.current()->version == 1);
}

TEST_CASE("an older or equal bundle is refused (replay), and one needing a newer app") {
    Fixture f;
    const BundleFiles old = f.signer.build(f.content, 3, "c3");
    const BundleFiles cur = f.signer.build(f.content, 4, "c4");
    const BundleFiles future = f.signer.build(f.content, 5, "c5", "2.0.0");
    REQUIRE(f.store.install(cur, f.signer.options()).ok());
    InstallResult r = f.store.install(old, f.signer.options());
    CHECK(r.code == InstallCode::Replay);
    CHECK(r.problem.en.find("replay") != std::string::npos);
    CHECK(f.store.install(cur, f.signer.options()).code == InstallCode::Replay);
    r = f.store.install(future, f.signer.options());
    CHECK(r.code == InstallCode::TooNewForApp);
    CHECK(f.store.current()->version == 4);
    auto newer = f.signer.options();
    newer.app_version = "2.0.1";
    CHECK(f.store.install(future, newer).ok());
}

TEST_CASE("a delta is an SQLite changeset: small for a small change, exactly the full content once applied") {
    Fixture f;
    const BundleFiles v1 = f.signer.build(f.content, 1, "c1");
    edit_content(f.content, 0.01);
    const BundleFiles v2 = f.signer.build(f.content, 2, "c2");
    const BundleFiles d = BundleFiles::at(f.tmp.path, "d12");
    const Manifest dm = diff_bundles(v1, v2, d);
    sign_bundle(d, f.signer.secret);
    CHECK(dm.delta());
    CHECK(dm.base_version == 1);
    CHECK(fs::file_size(d.payload) * 20 < fs::file_size(v2.payload));  // under 5 %
    // Not installed on nothing, nor on another base.
    CHECK(f.store.install(d, f.signer.options()).code == InstallCode::DeltaBase);
    REQUIRE(f.store.install(v1, f.signer.options()).ok());
    const InstallResult r = f.store.install(d, f.signer.options());
    REQUIRE(r.ok());
    std::string e;
    CHECK(digest_database(f.store.current()->database(), e) == digest_database(v2.payload, e));
    CHECK(count(f.store.current()->database(),
                "SELECT count(*) FROM content_rows WHERE line LIKE '%-modifiée'") == 14);
    CHECK(f.store.previous()->version == 1);
}

TEST_CASE("a full disk is reported and changes nothing") {
    Fixture f;
    REQUIRE(f.store.install(f.signer.build(f.content, 1, "c1"), f.signer.options()).ok());
    const BundleFiles b = f.signer.build(f.content, 2, "c2");
    auto o = f.signer.options();
    o.free_bytes = [](const fs::path&) { return std::uint64_t{300000}; };  // a nearly full data partition
    const InstallResult r = f.store.install(b, o);
    CHECK(r.code == InstallCode::DiskFull);
    CHECK(r.problem.fr.find("disque est plein") != std::string::npos);
    CHECK(f.store.current()->version == 1);
    CHECK_FALSE(f.store.previous());
    CHECK(fs::is_empty(f.store.root() / "staging"));
    std::size_t slots = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(f.store.root() / "slots")) ++slots;
    CHECK(slots == 1);
}

TEST_CASE("a failing health check rolls back to the previous content") {
    Fixture f;
    REQUIRE(f.store.install(f.signer.build(f.content, 1, "c1"), f.signer.options()).ok());
    // A bundle that is well signed but has no English catalog: the default health check fails.
    fs::remove(f.content / "i18n/en.po");
    const BundleFiles b = f.signer.build(f.content, 2, "c2");
    const InstallResult r = f.store.install(b, f.signer.options());
    CHECK(r.code == InstallCode::Unhealthy);
    CHECK(r.problem.en.find("rolled back to 1") != std::string::npos);
    REQUIRE(f.store.current());
    CHECK(f.store.current()->version == 1);
    CHECK(ContentStore::check(*f.store.current()).empty());
    CHECK_FALSE(fs::exists(f.store.root() / "slots/v2"));
    // An injected check that fails (the tour's first screens, in the app) rolls back the same way.
    auto o = f.signer.options();
    o.health = [](const InstalledContent&) { return std::string("the home screen did not draw"); };
    fs::copy_file(kiosk::test::source_dir() / "content/i18n/en.po", f.content / "i18n/en.po");
    CHECK(f.store.install(f.signer.build(f.content, 3, "c3"), o).code == InstallCode::Unhealthy);
    CHECK(f.store.current()->version == 1);
}

TEST_CASE("opening the store after a kill removes half-made work and keeps the current content") {
    Fixture f;
    REQUIRE(f.store.install(f.signer.build(f.content, 1, "c1"), f.signer.options()).ok());
    fs::create_directories(f.store.root() / "staging/v2");
    spit(f.store.root() / "staging/v2/bundle.sqlite", "half");
    fs::create_symlink("slots/v2", f.store.root() / "current.new");
    ContentStore again(f.store.root());
    CHECK(fs::is_empty(again.root() / "staging"));
    CHECK_FALSE(fs::is_symlink(again.root() / "current.new"));
    REQUIRE(again.current());
    CHECK(again.current()->version == 1);
}

TEST_CASE("versions compare by number, part by part") {
    CHECK(compare_versions("1.10.0", "1.9.3") > 0);
    CHECK(compare_versions("1.0", "1.0.0") == 0);
    CHECK(compare_versions("0.9", "1") < 0);
}
