#pragma once
// What the kiosk keeps about the citizen in front of it (SQLite), and the wipe that forgets it.
// Also anonymous daily counters, which hold no personal data and survive the wipe.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wall_clock.hpp"

struct sqlite3;

namespace kiosk {

// How the database on disk is doing, for the agent page.
enum class StoreStatus {
    Ok,        // on disk, readable and writable
    Rebuilt,   // it could not be read (damaged): it was deleted and made again, whatever it held is gone
    ReadOnly,  // it cannot be written: a session left on it may not be wiped; the kiosk works in memory
    Memory,    // it cannot be opened or made at all: the kiosk works in memory
};

class CitizenStore {
  public:
    // Opens (or creates) the database. A file that cannot be read (a damaged page) is deleted and made again:
    // an unreadable store may still hold a citizen's data, so it is wiped, never taken for empty. When the
    // database cannot be written (read-only) or made, it falls back to memory, logs why, and `status()` says
    // so: the citizen can still be helped. `clock` dates the rows.
    CitizenStore(const std::filesystem::path& file, const WallClock& clock);
    ~CitizenStore();
    CitizenStore(const CitizenStore&) = delete;
    CitizenStore& operator=(const CitizenStore&) = delete;

    bool degraded() const { return status_ == StoreStatus::ReadOnly || status_ == StoreStatus::Memory; }
    StoreStatus status() const { return status_; }
    const std::string& problem() const { return problem_; }
    const std::filesystem::path& file() const { return file_; }

    // Citizen session: started, its journey steps and its answers. All wiped by wipe().
    void begin_session(const std::string& language);
    void record(const std::string& kind, const std::string& detail);   // a step of the journey
    void set_value(const std::string& key, const std::string& value);  // an answer, for the journeys
    std::optional<std::string> value(const std::string& key) const;
    bool has_session() const;
    // Rows about the citizen, all tables together; nothing when they cannot be read (a damaged store).
    std::optional<std::size_t> citizen_rows() const;
    // Deletes them, overwrites the freed pages, truncates the journal. When that fails (a damaged page), the
    // file itself is overwritten, deleted and made again.
    void wipe();
    // At start: wipes a session left by the last run (a power cut). True when something was wiped.
    bool wipe_left_over();

    // Anonymous counters per day ("2026-11-23", "sessions_started").
    void count(const std::string& day, const std::string& metric, int by = 1);
    int counter(const std::string& day, const std::string& metric) const;

    // Counters that describe a person (a diagnostic's level in a domain): on a kiosk with one visitor a day,
    // a count per day would be that person's profile. Each such counter is kept in memory until kMinPeople
    // people share it, then stored as kMinPeople under the period they came in ("2026-11-20/2026-11-27"): no
    // figure in the file describes fewer than kMinPeople people. What is still in memory at a restart is
    // lost.
    static constexpr int kMinPeople = 5;
    void count_person(const std::string& metric, const std::string& day);
    struct Grouped {
        int count = 0;      // people, all stored periods together (a multiple of kMinPeople)
        std::string since;  // the first day of the first period ("" when nothing is stored yet)
    };
    Grouped grouped(const std::string& metric) const;
    int waiting(const std::string& metric) const;  // people counted in memory, not stored yet (< kMinPeople)
    // The stored figures of `metrics`, for a worker task: read with a read-only connection of its own to
    // `file`, so that the UI thread's connection is never shared. Nothing when the file cannot be read.
    static std::optional<std::map<std::string, Grouped>> read_grouped(
        const std::filesystem::path& file, const std::vector<std::string>& metrics);
    std::map<std::string, Grouped> grouped(const std::vector<std::string>& metrics) const;  // this thread's

  private:
    bool exec(const char* sql, bool quiet = false);
    void open();
    bool open_on_disk();  // false: db_ is closed, problem_ and status_ say why
    void open_in_memory();
    bool rebuild();       // overwrites and deletes the files, opens a fresh one
    bool intact() const;  // PRAGMA quick_check
    struct Waiting {
        int people = 0;
        std::string first_day, last_day;
    };
    std::map<std::string, Waiting, std::less<>> waiting_;  // by metric
    sqlite3* db_ = nullptr;
    std::int64_t session_id_ = 0;
    StoreStatus status_ = StoreStatus::Ok;
    std::string problem_;
    std::filesystem::path file_;
    const WallClock& clock_;
};

}  // namespace kiosk
