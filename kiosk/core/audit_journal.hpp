#pragma once
// The audit journal: every agent action (unlock attempts, lock, take over, print again, cancel a booking,
// settings) appended to an SQLite table, chained by SHA-256 so that an edited, deleted or reordered entry is
// found, and the chain's head (entries and last hash) sent out with the heartbeat so that a truncation is
// found too. Append only: nothing in the kiosk edits or deletes an entry (triggers refuse it as well), and
// `kiosk-admin journal verify FILE [COUNT HASH]` checks the chain and names the first broken entry.
//
// Entry n's hash = SHA-256(prev hash ‖ n ‖ time ‖ agent ‖ action ‖ target ‖ detail), each field prefixed by
// its length in bytes (so that no two entries hash alike by moving a character from one field to the next);
// the first entry's previous hash is 64 zeros. Nothing personal goes in: agents by their id, citizens never.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

class AuditJournal {
  public:
    struct Entry {
        std::int64_t id = 0;
        std::int64_t at = 0;  // seconds since 1970 (UTC)
        std::string agent, action, target, detail;
        std::string prev, hash;  // hex
    };
    struct Head {
        std::int64_t entries = 0;
        std::string hash;  // the last entry's, 64 zeros when empty
        bool operator==(const Head&) const = default;
    };
    struct Verdict {
        bool ok = false;
        std::int64_t entries = 0;       // entries read
        std::int64_t first_broken = 0;  // id of the first entry that does not hold, 0 when none
        std::string reason;             // in English, for the operator
    };

    // Opens (or creates) the journal; "" keeps it in memory (tests, a kiosk with no data folder).
    explicit AuditJournal(const std::filesystem::path& file);
    ~AuditJournal();
    AuditJournal(const AuditJournal&) = delete;
    AuditJournal& operator=(const AuditJournal&) = delete;

    bool usable() const { return db_ != nullptr; }
    const std::string& problem() const { return problem_; }

    // Appends one entry (durably: the journal survives a power cut). Thread-safe; a write of a few
    // milliseconds, so the kiosk calls it from tasks. Nullopt (logged) when it cannot be written.
    std::optional<Entry> append(std::int64_t at, const std::string& agent, const std::string& action,
                                const std::string& target, const std::string& detail = {});
    Head head() const;
    std::vector<Entry> last(int n) const;  // newest first, for the agent page

    // Checks a journal file's chain; with `expected` (a head sent out earlier), also that it was not cut
    // back before that head. Read-only: usable on a copy, while the kiosk runs.
    static Verdict verify(const std::filesystem::path& file, const std::optional<Head>& expected = {});
    static std::string entry_hash(const Entry& e);  // what the chain holds for `e` (its prev included)

  private:
    sqlite3* db_ = nullptr;
    std::string problem_;
    mutable std::mutex mutex_;
};

}  // namespace kiosk
