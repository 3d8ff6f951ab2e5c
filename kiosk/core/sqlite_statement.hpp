#pragma once
// A prepared SQLite statement that finalizes itself, with chained binds: shared by the kiosk's databases
// (the citizen session, the places, the pass journal).
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "log.hpp"

namespace kiosk::sql {

struct Statement {
    sqlite3_stmt* stmt = nullptr;  // null when the SQL could not be prepared (logged); step() then fails

    Statement(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            log::error("database: cannot prepare \"", sql, "\": ", sqlite3_errmsg(db));
            stmt = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& v) {
        sqlite3_bind_text(stmt, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(stmt, i, v);
        return *this;
    }
    Statement& bind_null(int i) {
        sqlite3_bind_null(stmt, i);
        return *this;
    }
    int step() { return stmt ? sqlite3_step(stmt) : SQLITE_ERROR; }
    std::string text(int col) const {
        const unsigned char* t = sqlite3_column_text(stmt, col);
        return t ? reinterpret_cast<const char*>(t) : "";
    }
};

// Opens (or creates, with its folder) a database whose every committed write must survive a power cut:
// WAL, synchronous=FULL, a busy timeout, then `schema`; `max_pages` > 0 caps the file (tests: a full disk).
// The outbox and the pass journal open theirs this way. Null, and `problem` says why ("<file>: <reason>"),
// when it cannot be used.
inline sqlite3* open_durable(const std::filesystem::path& file, const char* schema, std::int64_t max_pages,
                             std::string& problem, int extra_flags = 0) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | extra_flags, nullptr);
    std::string error;
    auto exec = [&](const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return true;
        error = err ? err : "error";
        sqlite3_free(err);
        return false;
    };
    if (rc == SQLITE_OK &&
        exec("PRAGMA busy_timeout=2000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;") && exec(schema)) {
        if (max_pages > 0) exec("PRAGMA max_page_count=" + std::to_string(max_pages) + ";");
        return db;
    }
    problem = file.string() + ": " + (error.empty() ? (db ? sqlite3_errmsg(db) : "cannot open") : error);
    sqlite3_close(db);
    return nullptr;
}

}  // namespace kiosk::sql
