#pragma once
// The places database (SQLite, WAL). An import is one transaction with synchronous=FULL: after a crash, a full
// disk or an injected fault the database holds either the old set or the new one, never a mix. Places are
// upserted by their standard `id`, so re-importing a file changes nothing. The schema is versioned with
// PRAGMA user_version (kSchemaVersion); a newer database is refused rather than damaged.
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
    enum class Kind { Open, ReadOnly, DiskFull, Schema, Other };
    StoreError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
    Kind kind;
};

struct StoreOptions {
    // Test hook: caps the database size (PRAGMA max_page_count) to simulate a full disk.
    std::optional<std::int64_t> max_page_count;
};

// Called before each place is written during upsert (index from 0): a test throws here to interrupt an import.
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
    static constexpr int kSchemaVersion = 1;

    // Opens or creates the database. Throws StoreError (Open/ReadOnly/Schema) with the path and the reason.
    static PlaceStore open(const std::filesystem::path& file, StoreOptions options = {});
    PlaceStore(PlaceStore&& other) noexcept;
    PlaceStore& operator=(PlaceStore&& other) noexcept;
    PlaceStore(const PlaceStore&) = delete;
    PlaceStore& operator=(const PlaceStore&) = delete;
    ~PlaceStore();

    // Inserts or updates every place in ONE transaction; all or nothing. Records `report` in the import log in
    // the same transaction when given. Returns the number of places written. Throws StoreError (DiskFull,
    // ReadOnly, Other) after rolling back: the database is as it was.
    std::size_t upsert(const std::vector<Place>& places, const ImportReport* report = nullptr,
                       const UpsertHook& before_each = {});

    // Reads a v1 CSV or v0 JSON file (validated against `standard`) and upserts its good rows. The report says
    // what was kept and skipped. A file that cannot be read at all changes nothing (report.ok() is false).
    ImportReport import_file(const std::filesystem::path& file, const Standard& standard,
                             const UpsertHook& before_each = {});

    std::vector<Place> load_all() const;  // ordered by id
    std::optional<Place> get(std::string_view id) const;
    std::size_t count() const;
    std::vector<ImportLogEntry> imports() const;  // oldest first
    int schema_version() const;
    const std::filesystem::path& file() const { return file_; }

private:
    PlaceStore() = default;
    void exec(const char* sql) const;
    [[noreturn]] void fail(const std::string& doing, int rc) const;
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

}  // namespace kiosk::places
