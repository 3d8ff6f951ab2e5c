#pragma once
// The places database (SQLite, WAL). An import is one transaction with synchronous=FULL: after a crash, a
// full disk or an injected fault the database holds either the old set or the new one, never a mix. Places
// are upserted by their standard `id`, so re-importing a file changes nothing; replace_content() also removes
// the places a complete content no longer has and records the content's stamp, in the same transaction. The
// schema is versioned with PRAGMA user_version (kSchemaVersion); a newer database is refused rather than
// damaged; a damaged one is StoreError::Kind::Corrupt (the content loader rebuilds it, see
// content_import.hpp).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/places/import.hpp"
#include "kiosk/core/places/place.hpp"

struct sqlite3;

namespace kiosk::places {

// Every failure of the store, with a sentence a maintainer can act on ("… is read-only", "disk full…").
struct StoreError : std::runtime_error {
    enum class Kind { Open, ReadOnly, DiskFull, Schema, Corrupt, Other };
    StoreError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
    Kind kind;
};

struct StoreOptions {
    // Test hook: caps the database size (PRAGMA max_page_count) to simulate a full disk.
    std::optional<std::int64_t> max_page_count;
    // Opens the file read-only, as on a read-only partition (immutable when its folder cannot hold the WAL's
    // shared-memory file): reading works, every import is StoreError::Kind::ReadOnly.
    bool read_only = false;
};

// One file's share of a content import: its good rows and its report (logged in the imports table).
struct ContentPart {
    const std::vector<Place>* places = nullptr;
    const ImportReport* report = nullptr;
};

// Called before each place is written during upsert (index from 0): a test throws here to interrupt an
// import.
using UpsertHook = std::function<void(std::size_t index)>;

struct ImportLogEntry {
    std::int64_t seq = 0;
    std::string at;  // UTC, "YYYY-MM-DD HH:MM:SS"
    std::string file, format;
    std::size_t records = 0, accepted = 0, rejected = 0;
    std::string report;  // ImportReport::text()
};

class PlaceStore {
  public:
    static constexpr int kSchemaVersion = 2;  // 2: the meta table (content stamp)

    // Opens or creates the database. Throws StoreError (Open/ReadOnly/Schema) with the path and the reason.
    static PlaceStore open(const std::filesystem::path& file, StoreOptions options = {});
    PlaceStore(PlaceStore&& other) noexcept;
    PlaceStore& operator=(PlaceStore&& other) noexcept;
    PlaceStore(const PlaceStore&) = delete;
    PlaceStore& operator=(const PlaceStore&) = delete;
    ~PlaceStore();

    // Inserts or updates every place in ONE transaction; all or nothing. Records `report` in the import log
    // in the same transaction when given. Returns the number of places written. Throws StoreError (DiskFull,
    // ReadOnly, Other) after rolling back: the database is as it was.
    std::size_t upsert(const std::vector<Place>& places, const ImportReport* report = nullptr,
                       const UpsertHook& before_each = {});

    // Reads a v1 CSV or v0 JSON file (validated against `standard`) and upserts its good rows. The report
    // says what was kept and skipped. A file that cannot be read at all changes nothing (report.ok() is
    // false).
    ImportReport import_file(const std::filesystem::path& file, const Standard& standard,
                             const UpsertHook& before_each = {});

    // The whole content in ONE transaction: upserts every part's places (a later part wins on a shared id),
    // logs each report, and when `complete` removes every place no part has and records `stamp` as the
    // content's (content_stamp()). All or nothing; throws StoreError as upsert() does. Returns places
    // removed.
    std::size_t replace_content(const std::vector<ContentPart>& parts, const std::string& stamp,
                                bool complete, const UpsertHook& before_each = {});
    // The stamp of the content last imported whole ("" when none).
    std::string content_stamp() const;
    // PRAGMA quick_check: "" when the file is sound, else what SQLite found (first lines).
    std::string damage() const;
    bool read_only() const;

    std::vector<Place> load_all() const;  // ordered by id
    std::optional<Place> get(std::string_view id) const;
    std::size_t count() const;
    std::vector<ImportLogEntry> imports() const;  // oldest first
    int schema_version() const;
    const std::filesystem::path& file() const { return file_; }

  private:
    PlaceStore() = default;
    void exec(const char* sql) const;
    std::size_t write(const std::vector<ContentPart>& parts, const std::string* stamp, bool remove_absent,
                      const UpsertHook& before_each);
    [[noreturn]] void fail(const std::string& doing, int rc) const;
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

}  // namespace kiosk::places
