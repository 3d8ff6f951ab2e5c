#include "i18n.hpp"

#include <gettext-po.h>

#include <csetjmp>
#include <cstdlib>
#include <cstring>

#include "log.hpp"

namespace kiosk {
namespace {

// libgettextpo reports problems through C callbacks; a fatal one must not return, so it jumps back.
thread_local std::vector<std::string>* t_errors = nullptr;
thread_local std::jmp_buf t_fatal;

void on_po_error(int severity, po_message_t, const char* filename, size_t lineno, size_t, int,
                 const char* text) {
    std::string where = filename ? filename : "?";
    if (filename && lineno != static_cast<size_t>(-1)) where += ":" + std::to_string(lineno);
    if (severity == PO_SEVERITY_WARNING)
        log::warn("translations: ", where, ": ", text ? text : "warning");
    else if (t_errors)
        t_errors->push_back(where + ": " + (text ? text : "error"));
    if (severity == PO_SEVERITY_FATAL_ERROR) std::longjmp(t_fatal, 1);
}
void on_po_error2(int severity, po_message_t m1, const char* f1, size_t l1, size_t c1, int ml1,
                  const char* t1, po_message_t, const char*, size_t, size_t, int, const char*) {
    on_po_error(severity, m1, f1, l1, c1, ml1, t1);
}
const po_xerror_handler g_handler{on_po_error, on_po_error2};

po_file_t read_po(const char* path) {
    // Plain function: no C++ object lives across the setjmp.
    if (setjmp(t_fatal) != 0) return nullptr;
    return po_file_read(path, &g_handler);
}

std::string header_field(po_file_t file, const char* field) {
    // Declared const, but libgettextpo returns a fresh copy (xstrdup) that the caller frees.
    char* header = const_cast<char*>(po_file_domain_header(file, nullptr));
    if (!header) return {};
    char* value = po_header_field(header, field);
    std::free(header);
    if (!value) return {};
    std::string out = value;
    std::free(value);
    return out;
}

std::string where(po_message_t m, const std::filesystem::path& file) {
    return file.string() + ": key \"" + po_message_msgid(m) + "\"";
}

}  // namespace

Catalog Catalog::load(const std::filesystem::path& po_file, std::vector<std::string>& errors) {
    Catalog catalog;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(po_file, ec)) {
        errors.push_back(po_file.string() + ": file not found");
        return catalog;
    }
    t_errors = &errors;
    po_file_t file = read_po(po_file.c_str());
    t_errors = nullptr;
    if (!file) return catalog;

    catalog.language_ = header_field(file, "Language");
    if (catalog.language_.empty()) errors.push_back(po_file.string() + ": header has no \"Language:\" field");
    const std::string plural = header_field(file, "Plural-Forms");
    if (plural.find("n > 1") != std::string::npos || plural.find("n>1") != std::string::npos) {
        catalog.plural_above_one_ = true;
    } else if (!plural.empty() && plural.find("n != 1") == std::string::npos &&
               plural.find("n!=1") == std::string::npos) {
        errors.push_back(po_file.string() + ": unsupported Plural-Forms \"" + plural + "\"");
    }

    po_message_iterator_t it = po_message_iterator(file, nullptr);
    while (po_message_t m = po_next_message(it)) {
        const char* id = po_message_msgid(m);
        if (po_message_is_obsolete(m) || !id || !*id) continue;  // the header has an empty msgid
        if (po_message_is_fuzzy(m)) {
            errors.push_back(where(m, po_file) + " is marked fuzzy (not reviewed)");
            continue;
        }
        CatalogEntry entry;
        if (po_message_msgid_plural(m)) {
            for (int i = 0; const char* s = po_message_msgstr_plural(m, i); ++i)
                entry.plurals.emplace_back(s);
            bool empty = entry.plurals.empty();
            for (auto& p : entry.plurals) empty = empty || p.empty();
            if (empty) {
                errors.push_back(where(m, po_file) + " has an empty plural translation");
                continue;
            }
            entry.text = entry.plurals.front();
        } else {
            entry.text = po_message_msgstr(m);
            if (entry.text.empty()) {
                errors.push_back(where(m, po_file) + " is not translated");
                continue;
            }
        }
        catalog.entries_.emplace(id, std::move(entry));
    }
    po_message_iterator_free(it);
    po_file_free(file);
    return catalog;
}

const CatalogEntry* Catalog::find(std::string_view key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

void Catalog::merge(Catalog&& other) {
    for (auto& [key, entry] : other.entries_) entries_.insert_or_assign(key, std::move(entry));
}

std::size_t Catalog::plural_index(long n) const {
    return plural_above_one_ ? (n > 1 ? 1 : 0) : (n != 1 ? 1 : 0);
}

void Translator::load_folder(const std::filesystem::path& folder, const std::string& fallback,
                             std::vector<std::string>& errors) {
    std::error_code ec;
    for (const auto& item : std::filesystem::directory_iterator(folder, ec)) {
        if (item.path().extension() == ".po") add(Catalog::load(item.path(), errors));
    }
    if (ec) errors.push_back(folder.string() + ": " + ec.message());
    fallback_ = fallback;
    if (!catalogs_.count(fallback))
        errors.push_back(folder.string() + ": no catalog for language \"" + fallback + "\"");
    if (current_.empty() || !catalogs_.count(current_)) current_ = fallback;
}

void Translator::add(Catalog catalog) {
    if (catalog.language().empty()) return;
    std::string code = catalog.language();
    auto existing = catalogs_.find(code);
    if (existing != catalogs_.end()) {
        existing->second.merge(std::move(catalog));  // another file of the same language
        return;
    }
    catalogs_.emplace(code, std::move(catalog));
    if (current_.empty()) current_ = code;
    if (fallback_.empty()) fallback_ = code;
}

bool Translator::set_language(std::string_view code) {
    if (!catalogs_.count(code)) return false;
    current_ = std::string(code);
    return true;
}

std::vector<std::string> Translator::languages() const {
    std::vector<std::string> out;
    if (catalogs_.count(fallback_)) out.push_back(fallback_);
    for (const auto& [code, _] : catalogs_)
        if (code != fallback_) out.push_back(code);
    return out;
}

const Catalog* Translator::catalog(std::string_view code) const {
    auto it = catalogs_.find(code);
    return it == catalogs_.end() ? nullptr : &it->second;
}

const std::string& Translator::tr_in(std::string_view code, std::string_view key) const {
    if (const Catalog* c = catalog(code))
        if (const CatalogEntry* e = c->find(key)) return e->text;
    if (code != fallback_) return tr_in(fallback_, key);
    // Missing everywhere: show the key rather than nothing, once logged. Interned so the reference lives.
    static std::map<std::string, std::string, std::less<>> missing;
    auto it = missing.find(key);
    if (it == missing.end()) {
        log::warn("translation key \"", key, "\" is missing from every catalog");
        it = missing.emplace(std::string(key), std::string(key)).first;
    }
    return it->second;
}

const std::string& Translator::tr(std::string_view key) const {
    return tr_in(current_, key);
}

std::string Translator::trn(std::string_view key, long n) const {
    for (const std::string& code : {current_, fallback_}) {
        const Catalog* c = catalog(code);
        const CatalogEntry* e = c ? c->find(key) : nullptr;
        if (!e) continue;
        std::size_t i = c->plural_index(n);
        const std::string& text = i < e->plurals.size() ? e->plurals[i] : e->text;
        return format(text, {{"n", std::to_string(n)}});
    }
    return format(tr(key), {{"n", std::to_string(n)}});
}

std::string format(std::string_view text,
                   std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '{') {
            for (const auto& [name, value] : values) {
                if (text.compare(i + 1, name.size(), name) == 0 && i + 1 + name.size() < text.size() &&
                    text[i + 1 + name.size()] == '}') {
                    out += value;
                    i += name.size() + 2;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out.push_back(text[i++]);
    }
    return out;
}

}  // namespace kiosk
