#include "toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "files.hpp"
#include "utf8.hpp"

namespace kiosk {

namespace {

bool starts(std::string_view text, std::size_t i, std::string_view what) {
    return text.compare(i, what.size(), what) == 0;
}

}  // namespace

std::optional<std::string> toml_text_problem(std::string_view text, long* line_out) {
    long line = 1;
    auto problem = [&](std::string why) -> std::optional<std::string> {
        if (line_out) *line_out = line;
        return why;
    };
    // Valid UTF-8 first, so that the scan below can step over whole characters.
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return problem("is not valid UTF-8 text (save it as UTF-8)");
        if (text[i] == '\n') ++line;
        i += n;
    }
    const std::size_t bom = starts(text, 0, "\xEF\xBB\xBF") ? 3 : 0;  // a byte order mark is allowed
    // Non-ASCII only inside strings and comments, and never where toml++ tests it for whitespace.
    line = 1;
    enum class In { Code, Comment, Basic, MultiBasic, Literal, MultiLiteral } in = In::Code;
    const std::string outside =
        "a character other than plain ASCII outside quotes or comments (put text in quotes)";
    std::size_t i = bom;
    while (i < text.size()) {
        const char c = text[i];
        const bool ascii_char = static_cast<unsigned char>(c) < 0x80;
        switch (in) {
            case In::Code:
                if (!ascii_char) return problem(outside);
                if (c == '#')
                    in = In::Comment;
                else if (starts(text, i, "\"\"\""))
                    in = In::MultiBasic, i += 2;
                else if (c == '"')
                    in = In::Basic;
                else if (starts(text, i, "'''"))
                    in = In::MultiLiteral, i += 2;
                else if (c == '\'')
                    in = In::Literal;
                break;
            case In::Comment:
                if (c == '\n') in = In::Code;
                break;
            case In::Basic:
                if (c == '\\')
                    ++i;  // an escape: \" does not close
                else if (c == '"')
                    in = In::Code;
                break;
            case In::Literal:
                if (c == '\'') in = In::Code;
                break;
            case In::MultiLiteral:
                if (starts(text, i, "'''")) {
                    i += 2;
                    while (i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '''' ends with a quote inside
                    in = In::Code;
                }
                break;
            case In::MultiBasic:
                if (c == '\\') {
                    if (i + 1 >= text.size()) break;
                    const char next = text[i + 1];
                    if (static_cast<unsigned char>(next) >= 0x80)
                        return problem(
                            "a backslash followed by a character other than plain ASCII in a \"\"\" text");
                    if (next == ' ' || next == '\t' || next == '\r' || next == '\n') {
                        // A line-ending backslash: toml++ then skips whitespace, and must see ASCII after it.
                        std::size_t j = i + 1;
                        while (j < text.size() &&
                               (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) {
                            if (text[j] == '\n') ++line;
                            ++j;
                        }
                        if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80)
                            return problem(
                                "a line after a line-ending backslash starts with a character other than "
                                "plain "
                                "ASCII (indent it with a plain space instead)");
                        i = j;
                        continue;
                    }
                    ++i;  // an escape such as \" or \\ .
                } else if (starts(text, i, "\"\"\"")) {
                    i += 2;
                    while (i + 1 < text.size() && text[i + 1] == '"') ++i;
                    in = In::Code;
                }
                break;
        }
        if (i < text.size() && text[i] == '\n')
            ++line;  // an escape or a closing quote may have stepped past the end
        ++i;
    }
    // The scan above follows quotes and comments as TOML does in a valid file. Whether the file is valid is
    // checked on a plain ASCII copy (each other byte becomes 'x'), which toml++ reads safely: its problems
    // are the text's own, at the same lines, and a valid structure makes the scan above exact.
    std::string ascii(text.substr(bom));
    for (char& c : ascii)
        if (static_cast<unsigned char>(c) >= 0x80) c = 'x';
    try {
        (void)toml::parse(ascii);
    } catch (const toml::parse_error& e) {
        line = static_cast<long>(e.source().begin.line);
        return problem(std::string(e.description()));
    }
    return std::nullopt;
}

bool TomlReader::load(const std::filesystem::path& file) {
    std::string why;
    std::optional<std::string> text = read_file(file, &why, kMaxFileBytes);
    if (!text) {
        errors_.push_back({source_, 0, "", why});
        return false;
    }
    return parse(*text);
}

bool TomlReader::parse(std::string_view text) {
    long line = 0;
    if (std::optional<std::string> why = toml_text_problem(text, &line)) {
        errors_.push_back({source_, line, "", "cannot be read: " + *why});
        return false;
    }
    try {
        root_ = toml::parse(text, source_);
    } catch (const toml::parse_error& e) {
        errors_.push_back({source_, static_cast<long>(e.source().begin.line), "",
                           "cannot be read: " + std::string(e.description())});
        return false;
    }
    return true;
}

void TomlReader::fail(const toml::node* n, const std::string& key, const std::string& message) const {
    errors_.push_back({source_, line_of(n), key, message});
}

void TomlReader::fail_at(long line, const std::string& key, const std::string& message) const {
    errors_.push_back({source_, line, key, message});
}

const toml::node* TomlReader::field(const toml::table& t, std::string_view key, const std::string& where,
                                    Need need) const {
    const toml::node* n = key.find('.') == std::string_view::npos ? t.get(key) : t.at_path(key).node();
    if (!n && need == Required) fail_at(&t == &root_ ? 0 : line_of(&t), where, "is required");
    return n;
}

bool TomlReader::text_of(const toml::node& n, const std::string& where, std::string& out) const {
    if (auto v = n.value_exact<std::string>()) {
        out = *v;
        return true;
    }
    fail(&n, where, "must be text in quotes");
    return false;
}

bool TomlReader::integer_of(const toml::node& n, const std::string& where, long& out, long lo,
                            long hi) const {
    if (!n.is_integer()) {
        fail(&n, where, "must be a whole number");
        return false;
    }
    const std::int64_t v = *n.value_exact<std::int64_t>();
    if (v < lo || v > hi) {
        fail(&n, where, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        return false;
    }
    out = static_cast<long>(v);
    return true;
}

bool TomlReader::number_of(const toml::node& n, const std::string& where, double& out, double lo, double hi,
                           const std::string& range_message) const {
    std::optional<double> v;
    if (n.is_floating_point())
        v = n.value_exact<double>();
    else if (n.is_integer())
        v = static_cast<double>(*n.value_exact<std::int64_t>());
    if (!v) {
        fail(&n, where, range_message.empty() ? "must be a number" : range_message);
        return false;
    }
    if (!std::isfinite(*v)) {  // nan passes every range comparison
        fail(&n, where, "must be a finite number (not nan or inf)");
        return false;
    }
    if (*v < lo || *v > hi) {
        std::ostringstream m;
        m << "must be between " << lo << " and " << hi;
        fail(&n, where, range_message.empty() ? m.str() : range_message);
        return false;
    }
    out = *v;
    return true;
}

bool TomlReader::text(const toml::table& t, std::string_view key, const std::string& where, std::string& out,
                      Need need) const {
    const toml::node* n = field(t, key, where, need);
    return n && text_of(*n, where, out);
}

bool TomlReader::integer(const toml::table& t, std::string_view key, const std::string& where, long& out,
                         long lo, long hi, Need need) const {
    const toml::node* n = field(t, key, where, need);
    return n && integer_of(*n, where, out, lo, hi);
}

bool TomlReader::integer(const toml::table& t, std::string_view key, const std::string& where, int& out,
                         long lo, long hi, Need need) const {
    long v = out;
    if (!integer(t, key, where, v, lo, hi, need)) return false;
    out = static_cast<int>(v);
    return true;
}

bool TomlReader::number(const toml::table& t, std::string_view key, const std::string& where, double& out,
                        double lo, double hi, Need need) const {
    const toml::node* n = field(t, key, where, need);
    return n && number_of(*n, where, out, lo, hi);
}

bool TomlReader::boolean(const toml::table& t, std::string_view key, const std::string& where, bool& out,
                         Need need) const {
    const toml::node* n = field(t, key, where, need);
    if (!n) return false;
    if (auto v = n->value_exact<bool>()) {
        out = *v;
        return true;
    }
    fail(n, where, "must be true or false");
    return false;
}

const toml::table* TomlReader::table(const toml::table& t, std::string_view key, const std::string& where,
                                     Need need) const {
    const toml::node* n = field(t, key, where, need);
    if (!n) return nullptr;
    if (!n->is_table()) {
        fail(n, where, "must be a table");
        return nullptr;
    }
    return n->as_table();
}

const toml::array* TomlReader::array(const toml::table& t, std::string_view key, const std::string& where,
                                     Need need) const {
    const toml::node* n = field(t, key, where, need);
    if (!n) return nullptr;
    if (!n->is_array()) {
        fail(n, where, "must be a list [ … ]");
        return nullptr;
    }
    return n->as_array();
}

void TomlReader::unknown_keys(const toml::table& t, const std::string& prefix,
                              std::initializer_list<std::string_view> allowed) const {
    for (const auto& [k, v] : t) {
        if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(&v, prefix + std::string(k.str()), "unknown key (expected one of: " + list + ")");
    }
}

std::optional<std::filesystem::path> TomlReader::confined_path(const toml::node& n, const std::string& where,
                                                               const std::string& name,
                                                               const std::filesystem::path& base) const {
    const std::filesystem::path p(name);
    bool up = false;
    for (const auto& part : p) up = up || part == "..";
    if (name.empty() || p.is_absolute() || p.has_root_name() || p.has_root_directory() || up) {
        fail(&n, where,
             "\"" + name + "\" must be a file inside the content folder (no absolute path, no \"..\")");
        return std::nullopt;
    }
    return base / p;
}

}  // namespace kiosk
