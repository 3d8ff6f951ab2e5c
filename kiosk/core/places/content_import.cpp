#include "kiosk/core/places/content_import.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fstream>

#include "kiosk/core/files.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/places/import.hpp"

namespace kiosk::places {
namespace {

namespace fs = std::filesystem;

// Moves a damaged database out of the way, with its WAL and shared memory (a stale WAL must never be
// replayed onto the new file). False when it cannot be moved (then it is not used at all).
bool move_aside(const fs::path& db, std::vector<std::string>& problems) {
    std::error_code ec;
    fs::path aside = db;
    aside += ".damaged";
    fs::rename(db, aside, ec);
    if (ec) {
        problems.push_back("places database " + db.string() +
                           " is damaged and cannot be moved aside: " + ec.message());
        return false;
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        fs::path side = db;
        side += suffix;
        fs::path side_aside = aside;
        side_aside += suffix;
        fs::rename(side, side_aside, ec);
    }
    log::warn("places: ", db.string(), " was damaged: moved to ", aside.string(),
              ", rebuilt from the content");
    return true;
}

// Opens the database, rebuilding a damaged one and falling back to reading when it cannot be written.
std::optional<PlaceStore> open_store(const fs::path& db, const SyncOptions& options, ContentPlaces& out) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            PlaceStore store = PlaceStore::open(db, options.store);
            if (std::string damage = store.damage(); !damage.empty())
                throw StoreError(StoreError::Kind::Corrupt,
                                 "places database " + db.string() + " is damaged: " + damage);
            return store;
        } catch (const StoreError& e) {
            if (e.kind == StoreError::Kind::Corrupt && attempt == 0 && move_aside(db, out.problems)) {
                out.status.rebuilt = true;
                continue;
            }
            if (e.kind != StoreError::Kind::Corrupt && e.kind != StoreError::Kind::Schema &&
                !options.store.read_only) {
                // Cannot be opened for writing (a read-only folder or file): what it holds can still be
                // served.
                StoreOptions reading = options.store;
                reading.read_only = true;
                try {
                    PlaceStore store = PlaceStore::open(db, reading);
                    if (store.damage().empty()) {
                        out.problems.push_back(e.what());
                        return store;
                    }
                } catch (const StoreError&) {
                }
            }
            out.problems.push_back(e.what());
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// Reads every content file. `complete` is false when one could not be read or kept none of its rows: then
// nothing may be removed on its account.
std::vector<ImportResult> read_content(const std::vector<fs::path>& sources, const fs::path& standard_dir,
                                       bool& complete, std::vector<std::string>& problems) {
    std::vector<ImportResult> results;
    complete = true;
    Standard standard;
    try {
        standard = Standard::load(standard_dir);
    } catch (const SchemaError& e) {
        complete = false;
        problems.push_back(std::string("places content not read: ") + e.what());
        return results;
    }
    for (const auto& file : sources) {
        results.push_back(read_places_file(file, standard));
        const ImportReport& r = results.back().report;
        log::info("places: ", file.filename().string(), ": ", r.accepted, " kept, ", r.rejected, " rejected");
        if (!r.ok()) {
            complete = false;
            problems.push_back(file.string() + ": " + r.fatal);
        } else if (r.accepted == 0 && r.records > 0) {
            complete = false;
            problems.push_back(file.string() + ": every row was rejected (" + std::to_string(r.rejected) +
                               ")");
        }
    }
    return results;
}

std::vector<Place> merged(std::vector<ImportResult>& results) {
    std::map<std::string, Place> by_id;  // a later file wins, as in the database
    for (auto& r : results)
        for (auto& p : r.places) by_id[p.id] = std::move(p);
    std::vector<Place> out;
    out.reserve(by_id.size());
    for (auto& [id, p] : by_id) out.push_back(std::move(p));
    return out;
}

// The crash-loop breaker: <db>.importing holds the stamp being imported and how many attempts began. It is
// written before an import and removed after it (whatever its outcome); found at start with the same stamp,
// it means earlier attempts died (a crash, a kill, a power cut) before they could say anything.
constexpr int kMaxInterruptedImports = 2;

fs::path marker_of(const fs::path& db) {
    fs::path m = db;
    m += ".importing";
    return m;
}
int interrupted_attempts(const fs::path& db, const std::string& stamp) {
    std::optional<std::string> text = kiosk::read_file(marker_of(db));
    if (!text) return 0;
    const auto nl = text->find('\n');
    if (nl == std::string::npos || text->substr(nl + 1) != stamp) return 0;
    try {
        return std::stoi(text->substr(0, nl));
    } catch (const std::exception&) {
        return 0;
    }
}
void write_marker(const fs::path& db, const std::string& stamp, int attempts) {
    std::ofstream(marker_of(db), std::ios::binary | std::ios::trunc) << attempts << "\n" << stamp;
}

}  // namespace

std::string content_stamp(const std::vector<fs::path>& files) {
    std::string s;
    for (const auto& f : files) {
        std::error_code ec;
        auto size = fs::file_size(f, ec);
        auto time = fs::last_write_time(f, ec).time_since_epoch().count();
        s += f.string() + " " + std::to_string(size) + " " + std::to_string(time) + "\n";
    }
    return s;
}

std::vector<fs::path> content_files(const fs::path& places_dir) {
    std::vector<fs::path> sources;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(places_dir, ec))
        if (f.path().extension() == ".csv") sources.push_back(f.path());
    std::sort(sources.begin(), sources.end());
    return sources;
}

ContentPlaces sync_content(const std::vector<fs::path>& sources, const fs::path& standard_dir,
                           const fs::path& database, const SyncOptions& options) {
    ContentPlaces out;
    const std::string stamp = content_stamp(sources);
    std::string failure;  // why the content is not (wholly) imported
    bool served = false;
    for (int attempt = 0; attempt < 2 && !served; ++attempt) {
        std::optional<PlaceStore> store = open_store(database, options, out);
        if (!store) break;
        try {
            const bool wanted = !sources.empty() && (store->count() == 0 || store->content_stamp() != stamp);
            const int interrupted = wanted ? interrupted_attempts(database, stamp) : 0;
            if (!wanted) {  // a kill after the commit but before the marker went: nothing was interrupted
                std::error_code ec;
                fs::remove(marker_of(database), ec);
            }
            if (wanted && interrupted >= kMaxInterruptedImports) {
                failure = "the import of this content was interrupted " + std::to_string(interrupted) +
                          " times (the kiosk stopped during it): not tried again until the content changes";
                out.problems.push_back(failure);
            } else if (wanted) {
                write_marker(database, stamp, interrupted + 1);
                struct Done {
                    fs::path marker;
                    ~Done() {
                        std::error_code ec;
                        fs::remove(marker, ec);
                    }
                } done{marker_of(database)};
                bool complete = false;
                std::vector<std::string> read_problems;
                std::vector<ImportResult> results =
                    read_content(sources, standard_dir, complete, read_problems);
                out.problems.insert(out.problems.end(), read_problems.begin(), read_problems.end());
                std::vector<ContentPart> parts;
                for (const auto& r : results)
                    if (r.report.ok()) parts.push_back({&r.places, &r.report});
                if (!parts.empty()) {
                    const std::size_t removed =
                        store->replace_content(parts, stamp, complete, options.before_each);
                    if (complete) out.status.removed = removed;
                }
                if (complete) {
                    out.status.state = ContentStatus::State::Imported;
                    log::info("places: content imported in one transaction, ", out.status.removed,
                              " removed");
                } else {
                    failure = read_problems.empty() ? "content incomplete" : read_problems.front();
                }
            }
        } catch (const StoreError& e) {
            failure = e.what();
            out.problems.push_back(e.what());
        }
        try {
            out.places = store->load_all();
            served = true;
        } catch (const StoreError& e) {
            out.problems.push_back(e.what());
            if (e.kind != StoreError::Kind::Corrupt || attempt > 0) break;
            // Damage found while reading: the next attempt moves the file aside and rebuilds it.
            store.reset();
            if (!move_aside(database, out.problems)) break;
            out.status.rebuilt = true;
            failure.clear();
            out.status.state = ContentStatus::State::Unchanged;
        }
    }
    if (!served) {
        // No database to serve from: the content files themselves, so that a citizen still finds places.
        bool complete = false;
        std::vector<ImportResult> results = read_content(sources, standard_dir, complete, out.problems);
        out.places = merged(results);
        out.status.from_files = true;
        if (failure.empty()) failure = out.problems.empty() ? "no places database" : out.problems.front();
    }
    if (!failure.empty()) {
        out.status.state = ContentStatus::State::Failed;
        out.status.problem = "places not updated (" + failure + "): serving the " +
                             std::to_string(out.places.size()) +
                             (out.status.from_files ? " places read from the content files"
                                                    : " places of the last good import") +
                             ", retried at the next start";
    }
    return out;
}

}  // namespace kiosk::places
