#pragma once
// A prepared SQLite statement that finalizes itself, with chained binds: shared by the kiosk's databases
// (the citizen session, the places, the pass journal).
#include <sqlite3.h>

#include <cstdint>
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

}  // namespace kiosk::sql
