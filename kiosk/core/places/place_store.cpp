#include "kiosk/core/places/place_store.hpp"

#include <sqlite3.h>

#include "kiosk/core/sqlite_statement.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/core/log.hpp"

namespace kiosk::places {

namespace {

using sql::Statement;

constexpr const char* kCreateV1 = R"sql(
CREATE TABLE IF NOT EXISTS places (
  id TEXT PRIMARY KEY NOT NULL,
  pivot TEXT NOT NULL, name TEXT NOT NULL, commune TEXT NOT NULL, postal_code TEXT NOT NULL,
  insee_code TEXT NOT NULL, address TEXT NOT NULL, address_complement TEXT NOT NULL,
  latitude REAL, longitude REAL,
  typology TEXT NOT NULL, phone TEXT NOT NULL, emails TEXT NOT NULL, websites TEXT NOT NULL,
  opening_hours TEXT NOT NULL, summary TEXT NOT NULL, description TEXT NOT NULL, source TEXT NOT NULL,
  itinerant INTEGER NOT NULL, parent TEXT NOT NULL, updated TEXT NOT NULL,
  services INTEGER NOT NULL, publics INTEGER NOT NULL, supports INTEGER NOT NULL, fees INTEGER NOT NULL,
  programmes TEXT NOT NULL, labels TEXT NOT NULL, other_labels TEXT NOT NULL,
  access INTEGER NOT NULL, guidance INTEGER NOT NULL,
  accessibility_url TEXT NOT NULL, booking_url TEXT NOT NULL, accepts_pass INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL DEFAULT (datetime('now')),
  file TEXT NOT NULL, format TEXT NOT NULL,
  records INTEGER NOT NULL, accepted INTEGER NOT NULL, rejected INTEGER NOT NULL,
  report TEXT NOT NULL
);
)sql";

// Version 1 -> 2: what the store knows about itself (the stamp of the content imported whole).
constexpr const char* kCreateV2 = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
)sql";

constexpr const char* kColumns =
    "id, pivot, name, commune, postal_code, insee_code, address, address_complement, latitude, longitude, "
    "typology, phone, emails, websites, opening_hours, summary, description, source, itinerant, parent, "
    "updated, "
    "services, publics, supports, fees, programmes, labels, other_labels, access, guidance, "
    "accessibility_url, "
    "booking_url, accepts_pass";
constexpr int kColumnCount = 33;

std::string to_json(const std::vector<std::string>& v) {
    return nlohmann::json(v).dump();
}
std::vector<std::string> from_json(const unsigned char* text) {
    if (!text) return {};
    auto j = nlohmann::json::parse(reinterpret_cast<const char*>(text), nullptr, false);
    if (!j.is_array()) return {};
    std::vector<std::string> out;
    for (const auto& s : j)
        if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

std::string text_col(sqlite3_stmt* s, int i) {
    auto t = sqlite3_column_text(s, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

Place place_from_row(sqlite3_stmt* s) {
    Place p;
    int i = 0;
    p.id = text_col(s, i++);
    p.pivot = text_col(s, i++);
    p.name = text_col(s, i++);
    p.commune = text_col(s, i++);
    p.postal_code = text_col(s, i++);
    p.insee_code = text_col(s, i++);
    p.address = text_col(s, i++);
    p.address_complement = text_col(s, i++);
    if (sqlite3_column_type(s, i) != SQLITE_NULL) p.latitude = sqlite3_column_double(s, i);
    ++i;
    if (sqlite3_column_type(s, i) != SQLITE_NULL) p.longitude = sqlite3_column_double(s, i);
    ++i;
    p.typology = text_col(s, i++);
    p.phone = text_col(s, i++);
    p.emails = from_json(sqlite3_column_text(s, i++));
    p.websites = from_json(sqlite3_column_text(s, i++));
    p.opening_hours = text_col(s, i++);
    p.summary = text_col(s, i++);
    p.description = text_col(s, i++);
    p.source = text_col(s, i++);
    p.itinerant = sqlite3_column_int(s, i++) != 0;
    p.parent = text_col(s, i++);
    p.updated = text_col(s, i++);
    p.services = static_cast<std::uint16_t>(sqlite3_column_int(s, i++));
    p.publics = static_cast<std::uint8_t>(sqlite3_column_int(s, i++));
    p.supports = static_cast<std::uint8_t>(sqlite3_column_int(s, i++));
    p.fees = static_cast<std::uint8_t>(sqlite3_column_int(s, i++));
    p.programmes = from_json(sqlite3_column_text(s, i++));
    p.labels = from_json(sqlite3_column_text(s, i++));
    p.other_labels = from_json(sqlite3_column_text(s, i++));
    p.access = static_cast<std::uint8_t>(sqlite3_column_int(s, i++));
    p.guidance = static_cast<std::uint8_t>(sqlite3_column_int(s, i++));
    p.accessibility_url = text_col(s, i++);
    p.booking_url = text_col(s, i++);
    p.accepts_pass = sqlite3_column_int(s, i++) != 0;
    return p;
}

void bind_place(sqlite3_stmt* s, const Place& p) {
    int i = 1;
    auto text = [&](const std::string& v) {
        sqlite3_bind_text(s, i++, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    };
    auto num = [&](std::int64_t v) { sqlite3_bind_int64(s, i++, v); };
    text(p.id);
    text(p.pivot);
    text(p.name);
    text(p.commune);
    text(p.postal_code);
    text(p.insee_code);
    text(p.address);
    text(p.address_complement);
    if (p.located()) {
        sqlite3_bind_double(s, i++, *p.latitude);
        sqlite3_bind_double(s, i++, *p.longitude);
    } else {
        sqlite3_bind_null(s, i++);
        sqlite3_bind_null(s, i++);
    }
    text(p.typology);
    text(p.phone);
    text(to_json(p.emails));
    text(to_json(p.websites));
    text(p.opening_hours);
    text(p.summary);
    text(p.description);
    text(p.source);
    num(p.itinerant);
    text(p.parent);
    text(p.updated);
    num(p.services);
    num(p.publics);
    num(p.supports);
    num(p.fees);
    text(to_json(p.programmes));
    text(to_json(p.labels));
    text(to_json(p.other_labels));
    num(p.access);
    num(p.guidance);
    text(p.accessibility_url);
    text(p.booking_url);
    num(p.accepts_pass);
}

}  // namespace

void PlaceStore::fail(const std::string& doing, int rc) const {
    std::string message = "places database " + file_.string() + ": " + doing + ": " +
                          (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    int primary = rc & 0xFF;
    if (primary == SQLITE_FULL)
        throw StoreError(StoreError::Kind::DiskFull, message + " (disk full: nothing was changed)");
    if (primary == SQLITE_READONLY)
        throw StoreError(StoreError::Kind::ReadOnly,
                         message + " (the file or its folder is read-only: nothing was changed)");
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        throw StoreError(StoreError::Kind::Corrupt, message + " (the file is damaged)");
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
        throw StoreError(StoreError::Kind::Open, message);
    throw StoreError(StoreError::Kind::Other, message);
}

void PlaceStore::exec(const char* sql) const {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) fail(std::string("running ") + std::string(sql).substr(0, 40), rc);
}

PlaceStore PlaceStore::open(const std::filesystem::path& file, StoreOptions options) {
    PlaceStore store;
    store.file_ = file;
    auto open_with = [&](const std::string& name, int flags) {
        sqlite3_close(store.db_);
        store.db_ = nullptr;
        int rc = sqlite3_open_v2(name.c_str(), &store.db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string why = store.db_ ? sqlite3_errmsg(store.db_) : sqlite3_errstr(rc);
            sqlite3_close(store.db_);
            store.db_ = nullptr;
            throw StoreError(StoreError::Kind::Open, "cannot open the places database " + file.string() +
                                                         ": " + why +
                                                         " (does its folder exist and is it writable?)");
        }
        sqlite3_busy_timeout(store.db_, 5000);
    };
    int version = 0;
    if (options.read_only) {
        open_with(file.string(), SQLITE_OPEN_READONLY);
        try {
            version = store.schema_version();
        } catch (const StoreError& e) {
            if (e.kind == StoreError::Kind::Corrupt || e.kind == StoreError::Kind::Schema) throw;
            // A WAL database in a folder that cannot hold its -shm file: read it as immutable.
            open_with("file:" + file.string() + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
            version = store.schema_version();
        }
    } else {
        open_with(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        // Reading the header tells a non-database file or an unreachable path now rather than at the first
        // import.
        version = store.schema_version();
    }
    if (version > kSchemaVersion)
        throw StoreError(StoreError::Kind::Schema, "places database " + file.string() +
                                                       " has schema version " + std::to_string(version) +
                                                       ", newer than this kiosk's " +
                                                       std::to_string(kSchemaVersion) + ": not touched");
    const bool read_only = sqlite3_db_readonly(store.db_, "main") == 1;
    if (!read_only) {
        store.exec("PRAGMA journal_mode=WAL");
        store.exec("PRAGMA synchronous=NORMAL");
        store.exec("PRAGMA temp_store=MEMORY");
        if (options.max_page_count)
            store.exec(("PRAGMA max_page_count=" + std::to_string(*options.max_page_count)).c_str());
        if (version < kSchemaVersion) {
            store.exec("BEGIN IMMEDIATE");
            try {
                if (version < 1) store.exec(kCreateV1);  // version 0 -> 1: the first schema
                store.exec(kCreateV2);                   // 1 -> 2: meta
                store.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
                store.exec("COMMIT");
            } catch (...) {
                sqlite3_exec(store.db_, "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
        }
    } else if (version < 1) {
        throw StoreError(StoreError::Kind::ReadOnly,
                         "places database " + file.string() + " is read-only and has no places schema yet");
    }
    return store;
}

PlaceStore::PlaceStore(PlaceStore&& other) noexcept : db_(other.db_), file_(std::move(other.file_)) {
    other.db_ = nullptr;
}
PlaceStore& PlaceStore::operator=(PlaceStore&& other) noexcept {
    if (this != &other) {
        sqlite3_close(db_);
        db_ = other.db_;
        file_ = std::move(other.file_);
        other.db_ = nullptr;
    }
    return *this;
}
PlaceStore::~PlaceStore() {
    sqlite3_close(db_);
}

int PlaceStore::schema_version() const {
    Statement s(db_, "PRAGMA user_version");
    if (!s.stmt) fail("reading the schema version", sqlite3_errcode(db_));
    int rc = sqlite3_step(s.stmt);
    if (rc != SQLITE_ROW) fail("reading the schema version", rc);
    return sqlite3_column_int(s.stmt, 0);
}

std::size_t PlaceStore::upsert(const std::vector<Place>& places, const ImportReport* report,
                               const UpsertHook& before_each) {
    return write({ContentPart{&places, report}}, nullptr, false, before_each);
}

std::size_t PlaceStore::replace_content(const std::vector<ContentPart>& parts, const std::string& stamp,
                                        bool complete, const UpsertHook& before_each) {
    return write(parts, complete ? &stamp : nullptr, complete, before_each);
}

bool PlaceStore::read_only() const {
    return sqlite3_db_readonly(db_, "main") == 1;
}

std::size_t PlaceStore::write(const std::vector<ContentPart>& parts, const std::string* stamp,
                              bool remove_absent, const UpsertHook& before_each) {
    if (read_only())
        throw StoreError(StoreError::Kind::ReadOnly,
                         "places database " + file_.string() + " is read-only: nothing was changed");
    static const std::string sql = [] {
        std::string placeholders, updates, cols = kColumns;
        for (int i = 0; i < kColumnCount; ++i) placeholders += i ? ",?" : "?";
        std::size_t start = 0;
        while (start < cols.size()) {
            auto end = cols.find(',', start);
            if (end == std::string::npos) end = cols.size();
            std::string c = cols.substr(start, end - start);
            c.erase(0, c.find_first_not_of(' '));
            if (c != "id") updates += (updates.empty() ? "" : ", ") + c + "=excluded." + c;
            start = end + 1;
        }
        return "INSERT INTO places (" + cols + ") VALUES (" + placeholders +
               ") ON CONFLICT(id) DO UPDATE SET " + updates;
    }();
    exec("PRAGMA synchronous=FULL");
    if (remove_absent) exec("CREATE TEMP TABLE IF NOT EXISTS kept_ids (id TEXT PRIMARY KEY NOT NULL)");
    exec("BEGIN IMMEDIATE");
    std::size_t index = 0, removed = 0;
    try {
        if (remove_absent) exec("DELETE FROM temp.kept_ids");
        Statement ins(db_, sql.c_str());
        if (!ins.stmt) fail("preparing the upsert", sqlite3_errcode(db_));
        Statement keep(db_,
                       remove_absent ? "INSERT OR IGNORE INTO temp.kept_ids (id) VALUES (?)" : "SELECT 1");
        Statement log(
            db_,
            "INSERT INTO imports (file, format, records, accepted, rejected, report) VALUES (?,?,?,?,?,?)");
        if (!keep.stmt || !log.stmt) fail("preparing the import", sqlite3_errcode(db_));
        for (const ContentPart& part : parts) {
            for (const Place& place : part.places ? *part.places : std::vector<Place>{}) {
                if (before_each) before_each(index);
                bind_place(ins.stmt, place);
                int rc = sqlite3_step(ins.stmt);
                if (rc != SQLITE_DONE) fail("writing place " + place.id, rc);
                sqlite3_reset(ins.stmt);
                if (remove_absent) {
                    keep.bind(1, place.id);
                    rc = keep.step();
                    if (rc != SQLITE_DONE) fail("writing place " + place.id, rc);
                    sqlite3_reset(keep.stmt);
                }
                ++index;
            }
            if (const ImportReport* report = part.report) {
                std::string text = report->text();
                log.bind(1, report->file).bind(2, report->format);
                log.bind(3, static_cast<std::int64_t>(report->records))
                    .bind(4, static_cast<std::int64_t>(report->accepted));
                log.bind(5, static_cast<std::int64_t>(report->rejected)).bind(6, text);
                int rc = log.step();
                if (rc != SQLITE_DONE) fail("writing the import log", rc);
                sqlite3_reset(log.stmt);
            }
        }
        if (remove_absent) {
            exec("DELETE FROM places WHERE id NOT IN (SELECT id FROM temp.kept_ids)");
            removed = static_cast<std::size_t>(sqlite3_changes(db_));
        }
        if (stamp) {
            Statement st(db_,
                         "INSERT INTO meta (key, value) VALUES ('content_stamp', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            st.bind(1, *stamp);
            int rc = st.step();
            if (rc != SQLITE_DONE) fail("writing the content stamp", rc);
        }
        int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) fail("committing the import", rc);
    } catch (...) {
        if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_exec(db_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
        kiosk::log::warn("places: import into ", file_.string(), " rolled back, the database is unchanged");
        throw;
    }
    exec("PRAGMA synchronous=NORMAL");
    return remove_absent ? removed : index;
}

std::string PlaceStore::content_stamp() const {
    Statement s(db_, "SELECT value FROM meta WHERE key = 'content_stamp'");
    if (!s.stmt) fail("reading the content stamp", sqlite3_errcode(db_));
    int rc = s.step();
    if (rc == SQLITE_ROW) return s.text(0);
    if (rc != SQLITE_DONE) fail("reading the content stamp", rc);
    return "";
}

std::string PlaceStore::damage() const {
    Statement s(db_, "PRAGMA quick_check(5)");
    if (!s.stmt) return sqlite3_errmsg(db_);
    std::string out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        std::string line = s.text(0);
        if (line == "ok") continue;
        out += (out.empty() ? "" : "; ") + line;
    }
    if (rc != SQLITE_DONE && out.empty()) out = sqlite3_errmsg(db_);
    return out;
}

ImportReport PlaceStore::import_file(const std::filesystem::path& file, const Standard& standard,
                                     const UpsertHook& before_each) {
    ImportResult result = read_places_file(file, standard);
    if (!result.report.ok()) {
        kiosk::log::warn("places: ", result.report.text());
        return result.report;
    }
    upsert(result.places, &result.report, before_each);
    kiosk::log::info("places: imported ", file.string(), ": ", result.report.accepted, " accepted, ",
                     result.report.rejected, " rejected");
    return result.report;
}

std::vector<Place> PlaceStore::load_all() const {
    std::vector<Place> out;
    // Reserved once: grown by doubling, 20 000 places would hold up to 32 768 slots, and two copies at once.
    out.reserve(count());
    Statement s(db_, (std::string("SELECT ") + kColumns + " FROM places ORDER BY id").c_str());
    if (!s.stmt) fail("reading places", sqlite3_errcode(db_));
    int rc;
    while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) out.push_back(place_from_row(s.stmt));
    if (rc != SQLITE_DONE) fail("reading places", rc);
    return out;
}

std::optional<Place> PlaceStore::get(std::string_view id) const {
    Statement s(db_, (std::string("SELECT ") + kColumns + " FROM places WHERE id = ?").c_str());
    if (!s.stmt) fail("reading a place", sqlite3_errcode(db_));
    sqlite3_bind_text(s.stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    int rc = sqlite3_step(s.stmt);
    if (rc == SQLITE_ROW) return place_from_row(s.stmt);
    if (rc != SQLITE_DONE) fail("reading a place", rc);
    return std::nullopt;
}

std::size_t PlaceStore::count() const {
    Statement s(db_, "SELECT count(*) FROM places");
    if (!s.stmt) fail("counting places", sqlite3_errcode(db_));
    int rc = sqlite3_step(s.stmt);
    if (rc != SQLITE_ROW) fail("counting places", rc);
    return static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 0));
}

std::vector<ImportLogEntry> PlaceStore::imports() const {
    std::vector<ImportLogEntry> out;
    Statement s(
        db_, "SELECT seq, at, file, format, records, accepted, rejected, report FROM imports ORDER BY seq");
    if (!s.stmt) fail("reading the import log", sqlite3_errcode(db_));
    while (sqlite3_step(s.stmt) == SQLITE_ROW) {
        ImportLogEntry e;
        e.seq = sqlite3_column_int64(s.stmt, 0);
        e.at = text_col(s.stmt, 1);
        e.file = text_col(s.stmt, 2);
        e.format = text_col(s.stmt, 3);
        e.records = static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 4));
        e.accepted = static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 5));
        e.rejected = static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 6));
        e.report = text_col(s.stmt, 7);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace kiosk::places
