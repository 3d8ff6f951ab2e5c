#include "kiosk/core/fleet/live_content.hpp"

#include <png.h>
#include <sqlite3.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>

#include "kiosk/core/booking/booking.hpp"
#include "kiosk/core/diagnostic/diagnostic.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/journeys/places_data.hpp"
#include "kiosk/core/pass/registry.hpp"

namespace fs = std::filesystem;

namespace kiosk::fleet {
namespace {

// A bundle's relative path, as a path under the folder: never absolute, never "..".
bool safe_relative(const std::string& rel) {
    if (rel.empty() || rel[0] == '/') return false;
    for (const auto& part : fs::path(rel))
        if (part == ".." || part == ".") return false;
    return true;
}

bool write_whole(const fs::path& file, const void* data, std::size_t size) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) return false;
    const bool ok = std::fwrite(data, 1, size, f) == size;
    return std::fclose(f) == 0 && ok;
}

}  // namespace

std::optional<fs::path> live_folder(const InstalledContent& slot, const fs::path& live_root,
                                    std::string& error) {
    const fs::path out = live_root / ("v" + std::to_string(slot.version));
    std::error_code ec;
    if (fs::exists(out / ".complete", ec)) return out;
    fs::path making = out;
    making += ".making";
    fs::remove_all(making, ec);
    fs::remove_all(out, ec);
    fs::create_directories(making, ec);
    sqlite3* db = nullptr;
    const std::string uri = "file:" + slot.database().string() + "?mode=ro";
    if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
        error =
            "cannot open " + slot.database().string() + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return std::nullopt;
    }
    bool ok = true;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT path, data FROM content_files ORDER BY path", -1, &st, nullptr) ==
        SQLITE_OK) {
        while (ok && sqlite3_step(st) == SQLITE_ROW) {
            const std::string rel = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            if (!safe_relative(rel)) {
                error = "the bundle names a file outside its folder: " + rel;
                ok = false;
                break;
            }
            ok = write_whole(making / rel, sqlite3_column_blob(st, 1),
                             static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
            if (!ok) error = "cannot write " + (making / rel).string();
        }
    } else {
        error = std::string("the bundle has no content files: ") + sqlite3_errmsg(db);
        ok = false;
    }
    sqlite3_finalize(st);
    st = nullptr;
    // The line tables, in the order they were written (rowid: a delta's new lines come last).
    std::map<std::string, std::string> tables;
    if (ok && sqlite3_prepare_v2(db, "SELECT file, line FROM content_rows ORDER BY file, rowid", -1, &st,
                                 nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::string& text = tables[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))];
            text.append(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                        static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
            text += '\n';
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    for (const auto& [rel, text] : tables) {
        if (!ok) break;
        if (!safe_relative(rel)) {
            error = "the bundle names a file outside its folder: " + rel;
            ok = false;
        } else if (!write_whole(making / rel, text.data(), text.size())) {
            error = "cannot write " + (making / rel).string();
            ok = false;
        }
    }
    const std::string db_path = fs::absolute(slot.database(), ec).string() + "\n";
    ok = ok && write_whole(making / "places.bundle", db_path.data(), db_path.size()) &&
         write_whole(making / ".complete", "", 0);
    if (ok) fs::rename(making, out, ec);
    if (!ok || ec) {
        if (error.empty()) error = "cannot put " + out.string() + " in place: " + ec.message();
        fs::remove_all(making, ec);
        return std::nullopt;
    }
    return out;
}

void remove_live_folders(const fs::path& live_root, const std::vector<std::int64_t>& keep) {
    std::error_code ec;
    std::vector<fs::path> gone;
    for (const auto& e : fs::directory_iterator(live_root, ec)) {
        const std::string name = e.path().filename().string();
        bool kept = false;
        for (std::int64_t v : keep) kept = kept || name == "v" + std::to_string(v);
        if (!kept) gone.push_back(e.path());
    }
    for (const fs::path& p : gone) fs::remove_all(p, ec);
}

std::string check_content_folder(const fs::path& content_dir, const fs::path& data_dir) {
    // The catalogs: citizens read French first, then English.
    std::vector<std::string> errors;
    Translator translator;
    translator.load_folder(content_dir / "i18n", "fr", errors);
    if (!errors.empty()) return "translations: " + errors.front();
    for (const char* lang : {"fr", "en"})
        if (!translator.catalog(lang)) return std::string("translations: no catalog for ") + lang;
    translator.set_language("fr");
    // The places and the communes, as the places journey loads them.
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    const auto places = journeys::PlacesData::load(content_dir, data_dir, std::time(nullptr));
    if (places->places.empty()) return "places: none loaded";
    if (places->communes.size() == 0) return "communes: none loaded";
    if (places->import_status.failed()) return "places: " + places->import_status.problem;
    // The self-diagnostic.
    std::vector<ConfigError> problems;
    diagnostic::Diagnostic::load(content_dir, translator, problems);
    if (!problems.empty()) return "diagnostic: " + problems.front().to_string();
    // The pass issuers, when the content has them.
    if (fs::exists(content_dir / "pass" / "issuers.toml", ec)) {
        const pass::RegistryResult r = pass::load_registry(content_dir / "pass" / "issuers.toml");
        if (!r.ok()) return "pass: " + r.errors.front().to_string();
    }
    // The workshops' booking file, when there is one.
    if (auto text = read_file(content_dir / "booking" / "booking.toml")) {
        booking::parse_booking_settings(*text, "booking.toml", problems);
        if (!problems.empty()) return "booking: " + problems.front().to_string();
    }
    return "";
}

bool png_drawn(const fs::path& png, int min_width, int min_height, std::string& why) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, png.c_str())) {
        why = "the screen was not drawn (" + png.string() + ": " + image.message + ")";
        return false;
    }
    const int w = static_cast<int>(image.width), h = static_cast<int>(image.height);
    png_image_free(&image);
    if (w < min_width || h < min_height) {
        why = "the screen drawn is " + std::to_string(w) + "x" + std::to_string(h);
        return false;
    }
    return true;
}

}  // namespace kiosk::fleet
