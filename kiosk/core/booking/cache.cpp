#include "kiosk/core/booking/cache.hpp"

#include <sqlite3.h>

#include "kiosk/core/log.hpp"
#include "kiosk/core/sqlite_statement.hpp"

namespace kiosk::booking {

namespace {
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, starts INTEGER NOT NULL,"
    " data TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, etag TEXT NOT NULL DEFAULT '',"
    " last_ok INTEGER NOT NULL DEFAULT 0, last_failed INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT NOT NULL DEFAULT '');";
}

WorkshopCache::WorkshopCache(const std::filesystem::path& file) {
    db_ = sql::open_durable(file, kSchema, 0, problem_);
    if (!db_) log::error("workshops cache: ", problem_);
}

WorkshopCache::~WorkshopCache() {
    sqlite3_close(db_);
}

bool WorkshopCache::replace(const std::string& source, const std::vector<Workshop>& sessions,
                            const std::string& etag, std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (!db_) return false;
    sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    bool good =
        sql::Statement(db_, "DELETE FROM sessions WHERE source = ?").bind(1, source).step() == SQLITE_DONE;
    for (const Workshop& w : sessions) {
        if (!good) break;
        good = sql::Statement(
                   db_, "INSERT OR REPLACE INTO sessions (id, source, starts, data) VALUES (?, ?, ?, ?)")
                   .bind(1, w.id)
                   .bind(2, source)
                   .bind(3, static_cast<std::int64_t>(w.starts))
                   .bind(4, to_json(w))
                   .step() == SQLITE_DONE;
    }
    if (good)
        good = sql::Statement(
                   db_,
                   "INSERT INTO sources (name, etag, last_ok) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE"
                   " SET etag = excluded.etag, last_ok = excluded.last_ok")
                   .bind(1, source)
                   .bind(2, etag)
                   .bind(3, now)
                   .step() == SQLITE_DONE;
    sqlite3_exec(db_, good ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
    return good;
}

void WorkshopCache::record_failure(const std::string& source, const std::string& error, std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (!db_) return;
    sql::Statement(
        db_,
        "INSERT INTO sources (name, last_failed, last_error) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE"
        " SET last_failed = excluded.last_failed, last_error = excluded.last_error")
        .bind(1, source)
        .bind(2, now)
        .bind(3, error)
        .step();
}

void WorkshopCache::record_not_modified(const std::string& source, std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (!db_) return;
    sql::Statement(db_, "UPDATE sources SET last_ok = ? WHERE name = ?").bind(1, now).bind(2, source).step();
}

SourceState WorkshopCache::state(const std::string& source) const {
    std::lock_guard lock(mutex_);
    SourceState s;
    if (!db_) return s;
    sql::Statement q(db_, "SELECT etag, last_ok, last_failed, last_error FROM sources WHERE name = ?");
    q.bind(1, source);
    if (q.step() == SQLITE_ROW) {
        s.etag = q.text(0);
        s.last_ok = sqlite3_column_int64(q.stmt, 1);
        s.last_failed = sqlite3_column_int64(q.stmt, 2);
        s.last_error = q.text(3);
    }
    return s;
}

std::vector<Workshop> WorkshopCache::all() const {
    std::lock_guard lock(mutex_);
    std::vector<Workshop> out;
    if (!db_) return out;
    sql::Statement q(db_, "SELECT data FROM sessions ORDER BY starts, id");
    while (q.step() == SQLITE_ROW)
        if (auto w = workshop_from_json(q.text(0))) out.push_back(std::move(*w));
    return out;
}

std::vector<ShownWorkshop> WorkshopCache::shown(std::int64_t now, std::chrono::seconds stale) const {
    std::vector<ShownWorkshop> out;
    std::map<std::string, bool> fresh;
    for (Workshop& w : all()) {
        auto it = fresh.find(w.source);
        if (it == fresh.end()) {
            const SourceState s = state(w.source);
            const bool good = s.last_ok > 0 && s.last_ok >= s.last_failed && now - s.last_ok <= stale.count();
            it = fresh.emplace(w.source, good).first;
        }
        const bool confirmed = w.how != HowToBook::CallBack && w.seats_left >= 0 && it->second;
        out.push_back({std::move(w), confirmed});
    }
    return out;
}

void WorkshopCache::set_seats_left(const std::string& id, int seats_left) {
    std::lock_guard lock(mutex_);
    if (!db_) return;
    sql::Statement q(db_, "SELECT data FROM sessions WHERE id = ?");
    q.bind(1, id);
    if (q.step() != SQLITE_ROW) return;
    auto w = workshop_from_json(q.text(0));
    if (!w) return;
    w->seats_left = seats_left;
    sql::Statement(db_, "UPDATE sessions SET data = ? WHERE id = ?").bind(1, to_json(*w)).bind(2, id).step();
}

RefreshReport refresh(const std::vector<std::shared_ptr<WorkshopSource>>& sources, WorkshopCache& cache,
                      const hours::LocalDate& today, std::int64_t now) {
    RefreshReport report;
    for (const auto& source : sources) {
        const std::string name = source->name();
        const FetchResult r = source->fetch(cache.state(name).etag, today);
        if (!r.ok) {
            ++report.sources_failed;
            report.errors.push_back(name + ": " + r.error);
            cache.record_failure(name, r.error, now);
            log::warn("workshops: ", name, ": ", r.error);
            continue;
        }
        ++report.sources_ok;
        if (r.not_modified)
            cache.record_not_modified(name, now);
        else
            cache.replace(name, r.sessions, r.etag, now);
    }
    report.sessions = cache.all().size();
    return report;
}

}  // namespace kiosk::booking
