#pragma once
// What the kiosk keeps about the citizen in front of it (SQLite), and the wipe that forgets it.
// Also anonymous daily counters, which hold no personal data and survive the wipe.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "wall_clock.hpp"

struct sqlite3;

namespace kiosk {

class CitizenStore {
public:
    // Opens (or creates) the database. When it cannot (read-only or full disk), it falls back to memory,
    // logs why, and `degraded()` says so: the citizen can still be helped. `clock` dates the rows.
    CitizenStore(const std::filesystem::path& file, const WallClock& clock);
    ~CitizenStore();
    CitizenStore(const CitizenStore&) = delete;
    CitizenStore& operator=(const CitizenStore&) = delete;

    bool degraded() const { return degraded_; }
    const std::string& problem() const { return problem_; }
    const std::filesystem::path& file() const { return file_; }

    // Citizen session: started, its journey steps and its answers. All wiped by wipe().
    void begin_session(const std::string& language);
    void record(const std::string& kind, const std::string& detail);  // a step of the journey
    void set_value(const std::string& key, const std::string& value);  // an answer, for the journeys
    std::optional<std::string> value(const std::string& key) const;
    bool has_session() const;
    std::size_t citizen_rows() const;  // rows about the citizen, all tables together
    void wipe();                       // deletes them, overwrites the freed pages, truncates the journal

    // Anonymous counters per day ("2026-11-23", "sessions_started").
    void count(const std::string& day, const std::string& metric, int by = 1);
    int counter(const std::string& day, const std::string& metric) const;

private:
    bool exec(const char* sql);
    void open(const std::filesystem::path& file);
    sqlite3* db_ = nullptr;
    std::int64_t session_id_ = 0;
    bool degraded_ = false;
    std::string problem_;
    std::filesystem::path file_;
    const WallClock& clock_;
};

}  // namespace kiosk
