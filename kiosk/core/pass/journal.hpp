#pragma once
// The redemption journal: which passes were used, so that a pass is never used twice, and what is still to be
// sent to the fleet server through the outbox. Its own SQLite file (e.g. <data>/pass_journal.sqlite), WAL,
// synchronous=FULL: a redemption is one transaction, so a power cut leaves it either whole or absent, and a
// full disk leaves the journal as it was with a clear error. No personal data: issuer, pass id, value, time.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/pass/payload.hpp"

struct sqlite3;

namespace kiosk::pass {

struct Redemption {
    std::int64_t id = 0;          // set by the journal
    std::string issuer;           // issuer id
    std::string pass_id;          // serial or cheque number
    std::optional<Value> value;
    std::string status;           // "accepted" or "to_confirm" (could not be confirmed online)
    std::string redeemed_at;      // ISO 8601 local time; the journal's clock when empty
    std::string kiosk;            // kiosk id
    bool outbox = true;           // true = still to be synced through the fleet outbox
};

enum class RedeemStatus { Recorded, AlreadyUsed, Failed };

struct RedeemResult {
    RedeemStatus status = RedeemStatus::Failed;
    std::string error;     // when Failed: says what happened ("the disk is full…"); nothing was written
    std::int64_t id = 0;   // when Recorded
};

class Journal {
public:
    struct Options {
        std::int64_t max_pages = 0;  // 0 = no limit; a limit makes the file "full" (tests, small partitions)
    };
    // `clock` dates the redemptions and their syncing (the kiosk's wall clock).
    Journal(const std::filesystem::path& file, const WallClock& clock) : Journal(file, clock, Options{}) {}
    Journal(const std::filesystem::path& file, const WallClock& clock, Options options);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    bool ok() const { return db_ != nullptr; }
    const std::string& problem() const { return problem_; }

    // The earlier redemption of this pass, if any. nullopt also when the journal cannot be read (see ok()).
    std::optional<Redemption> find(const std::string& issuer, const std::string& pass_id) const;
    // One transaction: the row and the day's anonymous counter, or nothing.
    RedeemResult redeem(Redemption r);
    std::size_t count() const;

    // The fleet outbox: rows not yet synced, oldest first; then mark those the server acknowledged.
    std::vector<Redemption> unsynced(std::size_t limit = 100) const;
    bool mark_synced(const std::vector<std::int64_t>& ids);

private:
    bool exec(const char* sql, std::string* error = nullptr);
    sqlite3* db_ = nullptr;
    std::string problem_;
    const WallClock& clock_;
};

}  // namespace kiosk::pass
