#pragma once
// The first column of the first row a query answers on a database file, as text ("" when none): for tests
// that look inside what the kiosk wrote (PRAGMA integrity_check, journal_mode, counts).
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace kiosk::test {

inline std::string sql_value(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    // Read-write, and made when missing, as sqlite3_open does: a writer killed before it made the file leaves
    // none (an empty database is intact), and a WAL it left is recovered only by a writer.
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(st, 0);
        if (t) out = reinterpret_cast<const char*>(t);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

}  // namespace kiosk::test
