#pragma once
// Citizen-facing strings, looked up by key in gettext .po catalogs (one file a language).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Marks a translation key that is looked up later through a variable (tables of choices), so that the
// test that checks every key used in code exists in every language finds it too.
#define TR_KEY(key) key

namespace kiosk {

struct CatalogEntry {
    std::string text;                  // msgstr
    std::vector<std::string> plurals;  // msgstr[n] when the key has a plural form
};

class Catalog {
  public:
    // Reads one .po file. Problems (syntax, fuzzy or empty entries, unknown plural rule) go to `errors`
    // as "file:line: reason"; the catalog keeps every good entry.
    static Catalog load(const std::filesystem::path& po_file, std::vector<std::string>& errors);

    const std::string& language() const { return language_; }  // from the "Language:" header
    const CatalogEntry* find(std::string_view key) const;
    std::size_t plural_index(long n) const;  // French: n > 1; English: n != 1
    void merge(Catalog&& other);             // adds (or replaces) the other file's entries
    const std::map<std::string, CatalogEntry, std::less<>>& entries() const { return entries_; }

  private:
    std::string language_;
    bool plural_above_one_ = false;
    std::map<std::string, CatalogEntry, std::less<>> entries_;
};

class Translator {
  public:
    // Loads every *.po of the folder; files of one language ("fr.po", "hours.fr.po") merge.
    // `fallback` is the language used when a key is missing.
    void load_folder(const std::filesystem::path& folder, const std::string& fallback,
                     std::vector<std::string>& errors);
    void add(Catalog catalog);

    bool set_language(std::string_view code);  // false when no such catalog is loaded
    const std::string& language() const { return current_; }
    std::vector<std::string> languages() const;  // codes, fallback first
    const Catalog* catalog(std::string_view code) const;

    const std::string& tr(std::string_view key) const;  // current language, else fallback, else the key
    const std::string& tr_in(std::string_view code, std::string_view key) const;
    std::string trn(std::string_view key, long n) const;  // plural, with {n} replaced

  private:
    std::map<std::string, Catalog, std::less<>> catalogs_;
    std::string current_;
    std::string fallback_;
};

// Replaces each "{name}" by its value: format("dans {n} s", {{"n", "5"}}).
std::string format(std::string_view text,
                   std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace kiosk
