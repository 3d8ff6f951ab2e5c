#include "kiosk/core/pass/registry.hpp"

#include "kiosk/core/pass/online.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/toml_reader.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace kiosk::pass {
namespace {

const std::set<std::string> kCommonKeys = {"id", "name", "kind", "tolerance_days", "places_label"};
const std::set<std::string> kSignedKeys = {"code", "public_keys", "keys", "revocations"};
const std::set<std::string> kChequeKeys = {"length", "prefix", "check",    "year",   "year_offset",
                                           "value",  "unit",   "endpoint", "method", "timeout_ms"};

// "2025-01" → January 2025.
std::optional<std::chrono::year_month> parse_month(std::string_view s) {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    int y = 0, m = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4) continue;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        (i < 4 ? y : m) = (i < 4 ? y : m) * 10 + (s[i] - '0');
    }
    if (m < 1 || m > 12 || y < 2000 || y > 2100) return std::nullopt;
    return std::chrono::year_month{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}};
}

std::string key_id_of(const std::string& file) {
    std::string name = std::filesystem::path(file).filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".pub") == 0) name.resize(name.size() - 4);
    return name;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// The shared validating reader, with the registry's way of naming a missing key (at the [[issuer]] line).
struct Reader {
    const TomlReader& toml;
    std::filesystem::path base_dir;
    std::vector<ConfigError>& errors;
    std::string source;
    std::vector<std::string>& key_files;

    static long line_of(const toml::node* n) { return TomlReader::line_of(n); }
    void fail(const toml::node* n, const std::string& key, const std::string& message) const {
        toml.fail(n, key, message);
    }
    bool text(const toml::table& t, long, const std::string& prefix, const char* key, std::string& out,
              bool required) const {
        return toml.text(t, key, prefix + key, out, required ? TomlReader::Required : TomlReader::Optional);
    }
    bool integer(const toml::table& t, long, const std::string& prefix, const char* key, long& out, long lo,
                 long hi, bool required) const {
        return toml.integer(t, key, prefix + key, out, lo, hi,
                            required ? TomlReader::Required : TomlReader::Optional);
    }
};

void read_issuer(const Reader& r, const toml::table& t, std::size_t index, Registry& reg) {
    const std::string prefix = "issuer[" + std::to_string(index + 1) + "].";
    const long line = Reader::line_of(&t);
    Issuer is;
    is.line = line;
    std::string kind;
    r.text(t, line, prefix, "id", is.id, true);
    r.text(t, line, prefix, "name", is.name, true);
    if (r.text(t, line, prefix, "kind", kind, true)) {
        if (kind == "signed")
            is.kind = IssuerKind::Signed;
        else if (kind == "cheque")
            is.kind = IssuerKind::Cheque;
        else
            r.fail(t.get("kind"), prefix + "kind", "\"" + kind + "\" is not one of: signed, cheque");
    }
    if (!is.id.empty()) {
        bool ok = true;
        for (char c : is.id)
            ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
        if (!ok) r.fail(t.get("id"), prefix + "id", "must be lower-case letters, digits, - or _");
        if (reg.by_id(is.id)) r.fail(t.get("id"), prefix + "id", "\"" + is.id + "\" is defined twice");
    }
    long tolerance = 0;
    r.integer(t, line, prefix, "tolerance_days", tolerance, 0, 366, false);
    is.tolerance_days = static_cast<int>(tolerance);
    r.text(t, line, prefix, "places_label", is.places_label, false);

    const std::set<std::string>& own = is.kind == IssuerKind::Signed ? kSignedKeys : kChequeKeys;
    for (const auto& [k, node] : t) {
        const std::string key(k.str());
        if (kCommonKeys.count(key) || own.count(key)) continue;
        const bool other = (is.kind == IssuerKind::Signed ? kChequeKeys : kSignedKeys).count(key) > 0;
        r.fail(&node, prefix + key, other ? "does not apply to kind \"" + kind + "\"" : "unknown key");
    }

    if (is.kind == IssuerKind::Signed) {
        long code = 0;
        if (r.integer(t, line, prefix, "code", code, 1, 255, true)) {
            is.code = static_cast<int>(code);
            if (reg.by_code(is.code))
                r.fail(t.get("code"), prefix + "code", std::to_string(code) + " is used twice");
        }
        const std::size_t errors_before_keys = r.errors.size();
        const toml::node* keys = t.get("public_keys");
        const toml::node* windows = t.get("keys");
        if (keys && windows) {
            r.fail(windows, prefix + "keys", "give either public_keys or keys, not both");
        } else if (!keys && !windows) {
            r.errors.push_back({r.source, line, prefix + "keys", "is required (or public_keys)"});
        } else if (keys) {
            if (const toml::array* a = keys->as_array(); !a || a->empty()) {
                r.fail(keys, prefix + "public_keys",
                       "must be a list of key files, such as [\"keys/demo-2025.pub\"]");
            } else {
                for (const toml::node& k : *a) {
                    auto file = k.value_exact<std::string>();
                    if (!file) {
                        r.fail(&k, prefix + "public_keys", "must hold file names in quotes");
                        continue;
                    }
                    // Key files live beside the registry: content never points the kiosk elsewhere.
                    const std::optional<std::filesystem::path> p =
                        r.toml.confined_path(k, prefix + "public_keys", *file, r.base_dir);
                    if (!p) continue;
                    std::string why;
                    if (auto key = read_public_key(*p, &why)) {
                        is.public_keys.push_back(*key);
                        is.keys.push_back({key_id_of(*file), *key, std::nullopt, std::nullopt});
                        r.key_files.push_back(*file);
                    } else {
                        r.fail(&k, prefix + "public_keys", why);
                    }
                }
            }
        } else if (const toml::array* a = windows->as_array(); !a || a->empty()) {
            r.fail(windows, prefix + "keys",
                   "must be a list such as [{ id = \"demo-2025\", file = \"keys/demo-2025.pub\", from = "
                   "\"2025-01\", until = \"2027-12\" }]");
        } else {
            for (std::size_t n = 0; n < a->size(); ++n) {
                const toml::node& k = *a->get(n);
                const std::string where = prefix + "keys[" + std::to_string(n + 1) + "]";
                const toml::table* kt = k.as_table();
                if (!kt) {
                    r.fail(&k, where, "must be a table { id = …, file = …, from = …, until = … }");
                    continue;
                }
                IssuerKey ik;
                std::string file, from, until;
                for (const auto& [name, node] : *kt) {
                    const std::string kk(name.str());
                    if (kk != "id" && kk != "file" && kk != "from" && kk != "until")
                        r.fail(&node, where + "." + kk, "unknown key (id, file, from, until)");
                }
                r.toml.text(*kt, "file", where + ".file", file, TomlReader::Required);
                r.toml.text(*kt, "id", where + ".id", ik.id, TomlReader::Optional);
                if (r.toml.text(*kt, "from", where + ".from", from, TomlReader::Optional)) {
                    ik.from = parse_month(from);
                    if (!ik.from)
                        r.fail(kt->get("from"), where + ".from", "must be a month such as \"2025-01\"");
                }
                if (r.toml.text(*kt, "until", where + ".until", until, TomlReader::Optional)) {
                    ik.until = parse_month(until);
                    if (!ik.until)
                        r.fail(kt->get("until"), where + ".until", "must be a month such as \"2027-12\"");
                }
                if (ik.from && ik.until && *ik.until < *ik.from)
                    r.fail(kt->get("until"), where + ".until", "must not be before from");
                if (file.empty()) continue;
                if (ik.id.empty()) ik.id = key_id_of(file);
                for (const IssuerKey& other : is.keys)
                    if (other.id == ik.id)
                        r.fail(kt->get("id"), where + ".id", "\"" + ik.id + "\" is used twice");
                const std::optional<std::filesystem::path> p =
                    r.toml.confined_path(*kt->get("file"), where + ".file", file, r.base_dir);
                if (!p) continue;
                std::string why;
                if (auto key = read_public_key(*p, &why)) {
                    ik.key = *key;
                    is.public_keys.push_back(*key);
                    is.keys.push_back(std::move(ik));
                    r.key_files.push_back(file);
                } else {
                    r.fail(kt->get("file"), where + ".file", why);
                }
            }
        }
        std::string list;
        // Verified only against a complete set of keys: a key that failed to load is said once, not twice.
        if (r.text(t, line, prefix, "revocations", list, false) && !list.empty() &&
            r.errors.size() == errors_before_keys) {
            const std::optional<std::filesystem::path> p =
                r.toml.confined_path(*t.get("revocations"), prefix + "revocations", list, r.base_dir);
            std::string why;
            std::optional<std::string> body =
                p ? read_file(*p, &why, TomlReader::kMaxFileBytes) : std::nullopt;
            if (p && !body) r.fail(t.get("revocations"), prefix + "revocations", why);
            if (body) {
                if (auto rev = parse_revocations(*body, is, p->string(), r.errors)) {
                    is.revoked = std::move(*rev);
                    is.revoked.file = list;
                    r.key_files.push_back(list);
                }
            }
        }
    } else {
        long length = 0, year = 0, offset = -1, timeout = 2000, amount = 0;
        if (r.integer(t, line, prefix, "length", length, 4, 40, true)) is.length = static_cast<int>(length);
        if (r.text(t, line, prefix, "prefix", is.prefix, false) && !all_digits(is.prefix))
            r.fail(t.get("prefix"), prefix + "prefix", "must be digits");
        if (is.length && static_cast<long>(is.prefix.size()) >= is.length)
            r.fail(t.get("prefix"), prefix + "prefix", "must be shorter than length");
        std::string check = "none";
        if (r.text(t, line, prefix, "check", check, false)) {
            if (check == "luhn")
                is.check = CheckDigit::Luhn;
            else if (check == "mod97")
                is.check = CheckDigit::Mod97;
            else if (check != "none")
                r.fail(t.get("check"), prefix + "check",
                       "\"" + check + "\" is not one of: luhn, mod97, none");
        }
        const bool has_year = r.integer(t, line, prefix, "year", year, 2000, 2100, false);
        const bool has_offset = r.integer(t, line, prefix, "year_offset", offset, 0, 38, false);
        if (has_year) is.year = static_cast<int>(year);
        if (has_offset) {
            // Checked against a length that is known to be valid, and never kept when outside: the checker
            // reads the two digits at this position.
            if (is.length && offset + 2 > is.length)
                r.fail(t.get("year_offset"), prefix + "year_offset", "must leave two digits inside length");
            else if (is.length)
                is.year_offset = static_cast<int>(offset);
        }
        if (t.get("year") && t.get("year_offset"))
            r.fail(t.get("year_offset"), prefix + "year_offset", "give either year or year_offset, not both");
        else if (!t.get("year") && !t.get("year_offset"))
            r.errors.push_back({r.source, line, prefix + "year",
                                "is required (or year_offset, where the number carries its year)"});
        if (r.integer(t, line, prefix, "value", amount, 1, 100000, false)) {
            std::string unit;
            Value v;
            if (r.text(t, line, prefix, "unit", unit, true)) {
                if (unit == "euros")
                    v = {Unit::Euros, amount * 100};
                else if (unit == "hours")
                    v = {Unit::Hours, amount * 60};
                else
                    r.fail(t.get("unit"), prefix + "unit", "\"" + unit + "\" is not one of: euros, hours");
            }
            is.value = v;
        } else if (t.get("unit") && !t.get("value")) {
            r.fail(t.get("unit"), prefix + "unit", "needs a value");
        }
        if (r.text(t, line, prefix, "endpoint", is.endpoint, false) && !is.endpoint.empty())
            if (std::string why = endpoint_problem(is.endpoint); !why.empty())
                r.fail(t.get("endpoint"), prefix + "endpoint", why);
        if (r.text(t, line, prefix, "method", is.method, false) && is.method != "POST")
            r.fail(t.get("method"), prefix + "method",
                   "must be POST: the number is sent in the body, never in the URL");
        if (r.integer(t, line, prefix, "timeout_ms", timeout, 100, 10000, false))
            is.timeout_ms = static_cast<int>(timeout);
    }
    reg.issuers.push_back(std::move(is));
}

}  // namespace

const Issuer* Registry::by_code(int code) const {
    for (const Issuer& i : issuers)
        if (i.kind == IssuerKind::Signed && i.code == code) return &i;
    return nullptr;
}

const Issuer* Registry::by_id(std::string_view id) const {
    for (const Issuer& i : issuers)
        if (i.id == id) return &i;
    return nullptr;
}

RegistryResult parse_registry(std::string_view text, const std::filesystem::path& base_dir,
                              const std::string& source) {
    RegistryResult result;
    TomlReader toml(source, result.errors);
    if (!toml.parse(text)) return result;
    const toml::table& root = toml.root();
    Reader r{toml, base_dir, result.errors, source, result.key_files};
    for (const auto& [k, node] : root) {
        const std::string key(k.str());
        if (key != "format" && key != "issuer")
            r.fail(&node, key, "unknown key (expected format and [[issuer]] tables)");
    }
    const toml::node* format = root.get("format");
    if (!format)
        result.errors.push_back({source, 0, "format", "is required (format = 1)"});
    else if (format->value<std::int64_t>() != std::optional<std::int64_t>(1))
        r.fail(format, "format", "must be 1");
    const toml::node* list = root.get("issuer");
    const toml::array* issuers = list ? list->as_array() : nullptr;
    if (list && (!issuers || !issuers->is_array_of_tables()))
        r.fail(list, "issuer", "must be tables written [[issuer]]");
    else if (!issuers || issuers->empty())
        result.errors.push_back({source, 0, "issuer", "no issuer is defined"});
    else
        for (std::size_t i = 0; i < issuers->size(); ++i)
            read_issuer(r, *issuers->get(i)->as_table(), i, result.registry);
    return result;
}

RegistryResult load_registry(const std::filesystem::path& file) {
    std::string why;
    std::optional<std::string> text = read_file(file, &why, TomlReader::kMaxFileBytes);
    if (!text) {
        RegistryResult result;
        result.errors.push_back({file.string(), 0, "", why});
        return result;
    }
    return parse_registry(*text, file.parent_path(), file.string());
}

char luhn_digit(std::string_view digits) {
    int sum = 0;
    bool twice = true;  // the key will be appended at the right: the rightmost payload digit is doubled
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        twice = !twice;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool luhn_valid(std::string_view digits) {
    if (digits.size() < 2 || !all_digits(digits)) return false;
    return luhn_digit(digits.substr(0, digits.size() - 1)) == digits.back();
}

std::string mod97_key(std::string_view digits) {
    int rest = 0;
    for (char c : digits) rest = (rest * 10 + (c - '0')) % 97;
    int key = 97 - rest;
    std::string out = std::to_string(key);
    return out.size() == 1 ? "0" + out : out;
}

bool mod97_valid(std::string_view digits) {
    if (digits.size() < 3 || !all_digits(digits)) return false;
    return mod97_key(digits.substr(0, digits.size() - 2)) == digits.substr(digits.size() - 2);
}

bool check_digit_valid(CheckDigit rule, std::string_view digits) {
    switch (rule) {
        case CheckDigit::Luhn:
            return luhn_valid(digits);
        case CheckDigit::Mod97:
            return mod97_valid(digits);
        case CheckDigit::None:
            return all_digits(digits);
    }
    return false;
}

std::string make_cheque_number(const Issuer& issuer, int year, std::uint64_t serial) {
    if (issuer.kind != IssuerKind::Cheque) return "";
    const std::size_t key = issuer.check == CheckDigit::Luhn ? 1 : issuer.check == CheckDigit::Mod97 ? 2 : 0;
    const std::size_t length = static_cast<std::size_t>(issuer.length);
    if (length <= key + issuer.prefix.size()) return "";
    std::string body(length - key, '0');
    std::vector<bool> fixed(body.size(), false);
    auto put = [&](std::size_t at, char c) {
        if (at >= body.size() || (fixed[at] && body[at] != c)) return false;
        body[at] = c;
        fixed[at] = true;
        return true;
    };
    for (std::size_t i = 0; i < issuer.prefix.size(); ++i)
        if (!put(i, issuer.prefix[i])) return "";
    if (issuer.year_offset >= 0) {
        if (year < 2000 || year > 2099) return "";
        const auto at = static_cast<std::size_t>(issuer.year_offset);
        if (!put(at, static_cast<char>('0' + (year / 10) % 10)) ||
            !put(at + 1, static_cast<char>('0' + year % 10)))
            return "";
    } else if (issuer.year != year) {
        return "";
    }
    for (std::size_t i = body.size(); i-- > 0 && serial > 0;) {
        if (fixed[i]) continue;
        body[i] = static_cast<char>('0' + serial % 10);
        serial /= 10;
    }
    if (serial > 0) return "";  // more digits than the number has room for
    switch (issuer.check) {
        case CheckDigit::Luhn:
            return body + luhn_digit(body);
        case CheckDigit::Mod97:
            return body + mod97_key(body);
        case CheckDigit::None:
            return body;
    }
    return "";
}

bool IssuerKey::covers(std::chrono::year_month first, std::chrono::year_month last) const {
    return (!from || *from <= first) && (!until || last <= *until);
}

namespace {
constexpr std::string_view kRevocationHeader = "pn-revocations 1";
}

std::string sign_revocations(const std::string& issuer_id, const std::string& issued,
                             const std::vector<std::string>& lines, const SecretKey& key) {
    std::string text = "# Keys and passes cancelled by the issuer \"" + issuer_id +
                       "\". Every byte before the signature line is signed (content/pass/README.md).\n";
    text += std::string(kRevocationHeader) + "\nissuer " + issuer_id + "\nissued " + issued + "\n";
    for (const std::string& l : lines) text += l + "\n";
    const auto sig = sign_detached(text, key);
    return text + "signature " + to_hex(sig.data(), sig.size()) + "\n";
}

std::optional<Revocations> parse_revocations(std::string_view text, const Issuer& issuer,
                                             const std::string& source, std::vector<ConfigError>& errors) {
    Revocations rev;
    const std::size_t before = errors.size();
    auto fail = [&](long line, const std::string& what) { errors.push_back({source, line, "", what}); };
    std::size_t at = 0, signed_end = std::string_view::npos;
    long line_no = 0, sig_line = 0;
    bool header = false, issuer_seen = false;
    std::string signature_hex;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        const std::string_view line =
            text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        ++line_no;
        const std::size_t line_start = at;
        at = end == std::string_view::npos ? text.size() : end + 1;
        if (signed_end != std::string_view::npos) {
            if (!line.empty()) fail(line_no, "nothing may follow the signature line");
            continue;
        }
        if (line.empty() || line.front() == '#') continue;
        const std::size_t space = line.find(' ');
        const std::string_view word = line.substr(0, space);
        const std::string_view arg = space == std::string_view::npos ? "" : line.substr(space + 1);
        if (!header) {
            if (line != kRevocationHeader) {
                fail(line_no, "must start with \"pn-revocations 1\"");
                return std::nullopt;
            }
            header = true;
        } else if (word == "issuer") {
            issuer_seen = true;
            if (arg != issuer.id)
                fail(line_no, "is the list of \"" + std::string(arg) + "\", not of " + issuer.id);
        } else if (word == "issued") {
            rev.issued = std::string(arg);
        } else if (word == "key") {
            rev.key_ids.insert(std::string(arg));
        } else if (word == "serial") {
            // "<code>-<serial>", as the journal names passes.
            const std::string prefix = std::to_string(issuer.code) + "-";
            const std::string_view n =
                arg.substr(0, prefix.size()) == prefix ? arg.substr(prefix.size()) : "";
            if (n.empty() || n.size() > 8 || !all_digits(n))
                fail(line_no, "serial must be \"" + prefix + "<number>\"");
            else
                rev.serials.insert(static_cast<std::uint32_t>(std::stoul(std::string(n))));
        } else if (word == "signature") {
            signed_end = line_start;
            sig_line = line_no;
            signature_hex = std::string(arg);
        } else {
            fail(line_no,
                 "unknown line \"" + std::string(word) + "\" (issuer, issued, key, serial, signature)");
        }
    }
    if (!header) fail(0, "is empty");
    if (header && !issuer_seen) fail(0, "names no issuer");
    if (signed_end == std::string_view::npos) {
        fail(0, "has no signature line");
    } else {
        const auto sig = from_hex(signature_hex);
        bool verified = false;
        if (sig && sig->size() == kSignatureSize)
            for (const IssuerKey& k : issuer.keys)
                if (!rev.key_ids.count(k.id))
                    verified = verified || verify_detached(text.substr(0, signed_end), sig->data(), k.key);
        if (!verified)
            fail(sig_line,
                 "the signature does not verify with a key of " + issuer.id + " that it does not revoke");
    }
    if (errors.size() != before) return std::nullopt;
    return rev;
}

}  // namespace kiosk::pass
