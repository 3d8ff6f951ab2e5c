#pragma once
// The places the kiosk serves, from its content files and its places database, so that places are never lost
// and never stale:
//  - the content (<content>/places/*.csv) is imported when it changed, ALL files in ONE transaction, and a
//    complete import removes the places the content no longer has (PlaceStore::replace_content);
//  - the content's stamp (names, sizes, times) is stored in that same transaction, so a kill before the
//  commit
//    means "not imported", retried at the next start, and a kill after it means "done";
//  - a failed import (disk full, read-only folder or file, a database it cannot write, an unreadable content
//    file) keeps the last good places, which are still served, and says what failed (ContentStatus);
//  - a damaged database (not a database, a failed quick_check, a read that finds corruption) is moved aside
//  to
//    places.sqlite.damaged and rebuilt from the content;
//  - when no database can be used at all, the content files themselves are served (read into memory);
//  - an import that stopped the kiosk twice for the same content (a crash, a kill, a power cut: the marker
//    <db>.importing written before it is still there) is not tried again until the content changes, so
//    that a bad file cannot make the kiosk crash at every start under Restart=always.
// Used by the kiosk at start (journeys/places_data.cpp) and by `kiosk-content sync`.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/places/place.hpp"
#include "kiosk/core/places/place_store.hpp"

namespace kiosk::places {

struct ContentStatus {
    enum class State {
        Unchanged,  // the database already held this content
        Imported,   // the content was imported now
        Failed,     // the content could not be imported: the last good places are served, retried next time
    };
    State state = State::Unchanged;
    bool rebuilt = false;     // the database was damaged and was rebuilt from the content
    bool from_files = false;  // no usable database: the places come straight from the content files
    std::size_t removed = 0;  // places the content no longer has, removed by this import
    std::string problem;      // what failed, one line ("" when nothing did)

    bool failed() const { return state == State::Failed; }
};

struct ContentPlaces {
    std::vector<Place> places;  // what to serve, ordered by id
    ContentStatus status;
    std::vector<std::string> problems;  // every problem, one line each, for the log and the agent page
};

struct SyncOptions {
    StoreOptions store;      // test hooks: a small disk, a read-only file
    UpsertHook before_each;  // test hook: called before each place is written
};

// The stamp of a list of content files: what changes when one of them is replaced, edited, added or removed.
std::string content_stamp(const std::vector<std::filesystem::path>& files);
// <places_dir>/*.csv, sorted.
std::vector<std::filesystem::path> content_files(const std::filesystem::path& places_dir);

// Imports `sources` into `database` when they changed, then reads what to serve. Never throws.
ContentPlaces sync_content(const std::vector<std::filesystem::path>& sources,
                           const std::filesystem::path& standard_dir, const std::filesystem::path& database,
                           const SyncOptions& options = {});

}  // namespace kiosk::places
