#pragma once
// The one validating TOML reader of the kiosk: the configuration, the pass registry and the diagnostic
// content all read through it, so that every problem is said the same way, "file:line: key: reason".
//
//   std::vector<ConfigError> errors;
//   TomlReader r("kiosk.toml", errors);
//   if (r.load(file)) r.number(r.root(), "position.latitude", "position.latitude", lat, -90, 90,
//   TomlReader::Required);
//
// The file is read safely (a folder, a device, an unreadable or huge file is an error, never an exception),
// checked as UTF-8 before toml++ sees it, then parsed. Getters record an error and leave `out` unchanged when
// a value is absent but required, of the wrong type, out of range or not finite (nan, inf).
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "kiosk/core/config.hpp"  // ConfigError

namespace kiosk {

// Why toml++ must not see `text`, or nothing: invalid UTF-8, a non-ASCII character where TOML allows none
// (outside strings and comments, or right after a backslash in a multi-line string), or a syntax error (found
// on a copy where every non-ASCII byte is 'x', which toml++ reads safely). toml++ 3.3.0 reaches
// __builtin_unreachable when it tests a non-ASCII character for whitespace (a file holding only "é"), so such
// text is refused before it parses. `line` gets the 1-based line of the problem.
std::optional<std::string> toml_text_problem(std::string_view text, long* line = nullptr);

class TomlReader {
  public:
    enum Need { Optional, Required };
    static constexpr std::size_t kMaxFileBytes = 8u << 20;  // content and configuration files are kilobytes

    TomlReader(std::string source, std::vector<ConfigError>& errors)
        : source_(std::move(source)), errors_(errors) {}

    bool load(const std::filesystem::path& file);  // reads the file whole, then parse(); false with an error
    bool parse(std::string_view text);             // false with "source:line: cannot be read: …"

    const toml::table& root() const { return root_; }
    const std::string& source() const { return source_; }
    std::vector<ConfigError>& errors() const { return errors_; }

    static long line_of(const toml::node* n) { return n ? static_cast<long>(n->source().begin.line) : 0; }
    void fail(const toml::node* n, const std::string& key, const std::string& message) const;
    void fail_at(long line, const std::string& key, const std::string& message) const;

    // The node at `key` in `t` (a dotted path such as "kiosk.id" from the root works too); nullptr when
    // absent, then "is required" is recorded if needed, at the table's line (0, the whole file, for the
    // root).
    const toml::node* field(const toml::table& t, std::string_view key, const std::string& where,
                            Need need = Optional) const;

    // Typed getters: true when the value is there and valid, and then stored in `out`.
    bool text(const toml::table& t, std::string_view key, const std::string& where, std::string& out,
              Need need = Optional) const;
    bool integer(const toml::table& t, std::string_view key, const std::string& where, long& out, long lo,
                 long hi, Need need = Optional) const;
    bool integer(const toml::table& t, std::string_view key, const std::string& where, int& out, long lo,
                 long hi, Need need = Optional) const;
    bool number(const toml::table& t, std::string_view key, const std::string& where, double& out, double lo,
                double hi, Need need = Optional) const;
    bool boolean(const toml::table& t, std::string_view key, const std::string& where, bool& out,
                 Need need = Optional) const;
    const toml::table* table(const toml::table& t, std::string_view key, const std::string& where,
                             Need need = Optional) const;
    const toml::array* array(const toml::table& t, std::string_view key, const std::string& where,
                             Need need = Optional) const;

    // The same checks on a node already in hand (an array item, an inline table's value). `range_message`
    // replaces "must be between lo and hi" where the content's wording is more helpful.
    bool text_of(const toml::node& n, const std::string& where, std::string& out) const;
    bool integer_of(const toml::node& n, const std::string& where, long& out, long lo, long hi) const;
    bool number_of(const toml::node& n, const std::string& where, double& out, double lo, double hi,
                   const std::string& range_message = {}) const;

    // Every key of `t` that is not in `allowed` is reported: "prefix.key: unknown key (expected one of: …)".
    void unknown_keys(const toml::table& t, const std::string& prefix,
                      std::initializer_list<std::string_view> allowed) const;

    // A file named by the content, relative to `base` and confined to it: no absolute path, no "..".
    std::optional<std::filesystem::path> confined_path(const toml::node& n, const std::string& where,
                                                       const std::string& name,
                                                       const std::filesystem::path& base) const;

  private:
    std::string source_;
    std::vector<ConfigError>& errors_;
    toml::table root_;
};

}  // namespace kiosk
