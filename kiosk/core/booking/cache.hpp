#pragma once
// The sessions of every source, kept in SQLite (<data>/workshops.sqlite) so that an offline kiosk still shows
// them: each source's sessions are replaced whole by its last good fetch, with its ETag, and the time of its
// last good and last failed fetch. A session whose source has not answered for `stale` says "places
// restantes à confirmer" instead of its seats. Thread-safe (the refresh task writes, the journey reads).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/booking/sources.hpp"
#include "kiosk/core/booking/workshop.hpp"

struct sqlite3;

namespace kiosk::booking {

struct SourceState {
    std::string etag;
    std::int64_t last_ok = 0, last_failed = 0;  // unix seconds, 0 = never
    std::string last_error;
};

// A session as shown: the session and whether its seats are known now.
struct ShownWorkshop {
    Workshop workshop;
    bool seats_confirmed = false;  // false: "places restantes à confirmer"
};

class WorkshopCache {
  public:
    explicit WorkshopCache(const std::filesystem::path& file);
    ~WorkshopCache();
    WorkshopCache(const WorkshopCache&) = delete;
    WorkshopCache& operator=(const WorkshopCache&) = delete;
    bool ok() const { return db_ != nullptr; }
    const std::string& problem() const { return problem_; }

    bool replace(const std::string& source, const std::vector<Workshop>& sessions, const std::string& etag,
                 std::int64_t now);
    void record_failure(const std::string& source, const std::string& error, std::int64_t now);
    void record_not_modified(const std::string& source, std::int64_t now);
    SourceState state(const std::string& source) const;
    std::vector<Workshop> all() const;
    // Every session, with its seats confirmed when its source (hub or RDV-SP) answered within `stale`.
    std::vector<ShownWorkshop> shown(std::int64_t now,
                                     std::chrono::seconds stale = std::chrono::minutes(30)) const;
    // A session's seats as the booking found them (the hub said "full", or confirmed one seat less).
    void set_seats_left(const std::string& id, int seats_left);

  private:
    sqlite3* db_ = nullptr;
    std::string problem_;
    mutable std::mutex mutex_;
};

struct RefreshReport {
    std::size_t sources_ok = 0, sources_failed = 0, sessions = 0;
    std::vector<std::string> errors;  // "hub: HTTP 500"
};

// Fetches every source (blocking; a task of the kiosk runs it) and writes what came into the cache.
RefreshReport refresh(const std::vector<std::shared_ptr<WorkshopSource>>& sources, WorkshopCache& cache,
                      const hours::LocalDate& today, std::int64_t now);

}  // namespace kiosk::booking
