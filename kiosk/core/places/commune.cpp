#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/files.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string_view>

namespace kiosk::places {

namespace {

bool valid_insee(std::string_view c) {
    if (c.size() != 5) return false;
    for (std::size_t i = 0; i < 5; ++i) {
        char ch = c[i];
        if (i == 1 && c[0] == '2' && (ch == 'A' || ch == 'B')) continue;
        if (ch < '0' || ch > '9') return false;
    }
    return true;
}

template <typename T>
bool number(std::string_view s, T& out) {
    if (s.empty()) return false;
    if (s.front() == '+') s.remove_prefix(1);
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

}  // namespace

std::string_view intern_source(std::string_view source) {
    static constexpr std::string_view kKnown[] = {
        "geonames",  "geonames-insee", "geonames-former-commune", "places",          "postal-code-mean",
        "epci-mean", "fixed",          "arrondissement-mean",     "department-mean", "parent"};
    for (std::string_view known : kKnown)
        if (known == source) return known;
    static std::mutex mutex;
    static std::set<std::string, std::less<>> others;  // never shrinks: views of it stay valid
    const std::lock_guard lock(mutex);
    auto it = others.find(source);
    if (it == others.end()) it = others.emplace(source).first;
    return *it;
}

std::vector<Commune> load_communes(const std::filesystem::path& tsv, std::vector<std::string>& errors) {
    std::vector<Commune> out;
    const std::optional<std::string> file = read_file_reporting(tsv, errors);
    if (!file) return out;
    const std::string& text = *file;
    // One commune a line: reserved once (growing the vector would hold two copies at once).
    out.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    const std::string name = tsv.string();
    auto bad = [&](std::size_t line, const std::string& why) {
        errors.push_back(name + ":" + std::to_string(line) + ": " + why);
    };

    std::size_t pos = 0, line_no = 0;
    std::string_view fields[10];
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1) {
            if (line.substr(0, 5) != "insee")
                bad(1, "the header line is missing (it starts with \"insee\")");
            else
                continue;
        }
        if (line.empty()) continue;
        std::size_t n = 0, start = 0;
        for (;;) {
            std::size_t tab = line.find('\t', start);
            if (n < 10)
                fields[n] =
                    line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
            ++n;
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (n != 8 && n != 10) {
            bad(line_no, std::to_string(n) + " columns, 10 (or 8) expected");
            continue;
        }
        Commune c;
        if (!valid_insee(fields[0])) {
            bad(line_no, "bad INSEE code \"" + std::string(fields[0]) + "\"");
            continue;
        }
        c.insee = fields[0];
        if (fields[1].empty()) {
            bad(line_no, "empty name");
            continue;
        }
        c.name = fields[1];
        c.department = fields[2];
        if (c.department.empty()) {
            bad(line_no, "empty department");
            continue;
        }
        std::string_view codes = fields[3];
        bool codes_ok = true;
        while (!codes.empty()) {
            auto sp = codes.find(' ');
            std::string_view code = codes.substr(0, sp);
            if (!code.empty()) {
                int dummy;
                if (code.size() != 5 || !number(code, dummy)) codes_ok = false;
                c.postal_codes.push_back(code);
            }
            if (sp == std::string_view::npos) break;
            codes.remove_prefix(sp + 1);
        }
        if (!codes_ok) {
            bad(line_no, "bad postal code in \"" + std::string(fields[3]) + "\"");
            continue;
        }
        if (!number(fields[4], c.population) || c.population < 0) {
            bad(line_no, "bad population \"" + std::string(fields[4]) + "\"");
            continue;
        }
        // from_chars takes "nan" and "inf", which pass any range test: every distance would be NaN.
        if (!number(fields[5], c.latitude) || !number(fields[6], c.longitude) || !std::isfinite(c.latitude) ||
            !std::isfinite(c.longitude) || std::abs(c.latitude) > 90 || std::abs(c.longitude) > 180) {
            bad(line_no,
                "bad coordinates \"" + std::string(fields[5]) + "\", \"" + std::string(fields[6]) + "\"");
            continue;
        }
        c.coordinates_source = intern_source(fields[7]);
        if (n == 10) {
            const std::string_view kind = fields[8];
            if (kind == "arrondissement")
                c.kind = Commune::Kind::Arrondissement;
            else if (kind == "former")
                c.kind = Commune::Kind::Former;
            else if (kind != "commune") {
                bad(line_no, "bad kind \"" + std::string(kind) + "\"");
                continue;
            }
            if ((c.kind == Commune::Kind::Commune) != fields[9].empty() ||
                (!fields[9].empty() && !valid_insee(fields[9]))) {
                bad(line_no, "bad parent \"" + std::string(fields[9]) + "\" for a " + std::string(kind));
                continue;
            }
            std::copy_n(fields[9].begin(), std::min(fields[9].size(), c.parent_code.size()),
                        c.parent_code.begin());
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace kiosk::places
