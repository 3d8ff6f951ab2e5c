#pragma once
// The redemption journal: which passes were used, so that a pass is never used twice. Its own SQLite file
// (e.g. <data>/pass_journal.sqlite), WAL, synchronous=FULL: a redemption is one transaction, so a power cut
// leaves it either whole or absent, and a full disk leaves the journal as it was with a clear error. No
// personal data: issuer, pass id, value, time.
//
// What the fleet server must learn is one kind of message of the kiosk's outbox (kiosk/core/outbox.hpp):
// kind "pass.redemption", key "pass.redemption:<issuer>:<pass id>", a JSON payload. It is enqueued right
// after the redemption commits; the journal is the truth, so opening it enqueues again (idempotently, by key)
// any redemption the outbox lacks (a kill between the two commits), and a journal of the older shape (an
// `outbox` column) hands its rows to the outbox, synced ones as sent, then drops the column.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/wall_clock.hpp"
#include "kiosk/core/pass/payload.hpp"

struct sqlite3;

namespace kiosk::pass {

struct Redemption {
    std::int64_t id = 0;  // set by the journal
    std::string issuer;   // issuer id
    std::string pass_id;  // serial or cheque number
    std::optional<Value> value;
    std::string status;       // "accepted" or "to_confirm" (could not be confirmed online)
    std::string redeemed_at;  // ISO 8601 local time; the journal's clock when empty
    std::string kiosk;        // kiosk id
    bool outbox = false;      // true = its outbox message is still to be sent (false too with no outbox)
};

enum class RedeemStatus { Recorded, AlreadyUsed, Failed };

struct RedeemResult {
    RedeemStatus status = RedeemStatus::Failed;
    std::string error;    // when Failed: says what happened ("the disk is full…"); nothing was written
    std::int64_t id = 0;  // when Recorded
};

class Journal {
  public:
    struct Options {
        std::int64_t max_pages = 0;  // 0 = no limit; a limit makes the file "full" (tests, small partitions)
    };
    static constexpr const char* kMessageKind = "pass.redemption";
    static std::string message_key(const std::string& issuer, const std::string& pass_id);
    static std::string message_payload(const Redemption& r);

    // `clock` dates the redemptions (the kiosk's wall clock).
    Journal(const std::filesystem::path& file, const WallClock& clock) : Journal(file, clock, Options{}) {}
    // `outbox`: where redemptions are queued for the fleet (not owned; null = none, as in kiosk-pass).
    Journal(const std::filesystem::path& file, const WallClock& clock, Options options,
            outbox::Outbox* outbox = nullptr);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    bool ok() const { return db_ != nullptr; }
    const std::string& problem() const { return problem_; }

    // The earlier redemption of this pass, if any. nullopt also when the journal cannot be read (see ok()).
    std::optional<Redemption> find(const std::string& issuer, const std::string& pass_id) const;
    // One transaction: the row and the day's anonymous counter, or nothing; then its outbox message.
    // `now` dates the message (the epoch, by default, makes it due at once).
    RedeemResult redeem(Redemption r, outbox::TimePoint now = {});
    std::size_t count() const;

    // Through the outbox: redemptions whose message is not sent yet, oldest first; and marking messages sent
    // (what the outbox's drain does after a delivery). Empty / false with no outbox.
    std::vector<Redemption> unsynced(std::size_t limit = 100) const;
    bool mark_synced(const std::vector<std::int64_t>& ids, outbox::TimePoint now = {});

  private:
    bool exec(const char* sql, std::string* error = nullptr);
    void hand_over_to_outbox();
    void mark_outbox_state(Redemption& r) const;
    sqlite3* db_ = nullptr;
    mutable std::recursive_mutex mutex_;  // a check and a redemption may run on two workers at once
    outbox::Outbox* outbox_ = nullptr;
    const WallClock& clock_;
    std::string problem_;
};

}  // namespace kiosk::pass
