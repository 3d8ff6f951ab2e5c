#include "kiosk/core/places/postal_position.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "kiosk/core/files.hpp"

namespace kiosk::places {

namespace {

bool digits(std::string_view s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool insee_code(std::string_view s) {
    if (s.size() != 5) return false;
    if (s[0] == '2' && (s[1] == 'A' || s[1] == 'B')) return digits(s.substr(2), 3);
    return digits(s, 5);
}

bool coordinate(std::string_view s, double limit, double& out) {
    if (s.empty()) return false;
    if (s.front() == '+') s.remove_prefix(1);
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    // from_chars takes "nan" and "inf": refused like any value out of range.
    return r.ec == std::errc{} && r.ptr == s.data() + s.size() && std::isfinite(out) &&
           std::abs(out) <= limit;
}

}  // namespace

std::vector<PostalPosition> load_postal_positions(const std::filesystem::path& tsv,
                                                  std::vector<std::string>& errors) {
    std::vector<PostalPosition> out;
    const std::optional<std::string> file = read_file_reporting(tsv, errors);
    if (!file) return out;
    const std::string& text = *file;
    const std::string name = tsv.string();
    std::vector<std::size_t> lines;  // the line of each entry of `out`, for duplicates
    auto bad = [&](std::size_t line, const std::string& reason) {
        errors.push_back(name + ":" + std::to_string(line) + ": " + reason);
    };
    std::size_t pos = 0, line_no = 0;
    constexpr std::size_t kColumns = 7;
    std::string_view fields[kColumns];
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1) {
            if (line.starts_with("postal_code")) continue;
            bad(1, "the header line is missing (it starts with \"postal_code\")");
        }
        if (line.empty()) continue;
        std::size_t n = 0, start = 0;
        for (;;) {
            const std::size_t tab = line.find('\t', start);
            if (n < kColumns)
                fields[n] =
                    line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
            ++n;
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (n != kColumns) {
            bad(line_no, std::to_string(n) + " columns, " + std::to_string(kColumns) + " expected");
            continue;
        }
        PostalPosition p;
        if (!digits(fields[0], 5)) {
            bad(line_no, "bad postal code \"" + std::string(fields[0]) + "\"");
            continue;
        }
        if (!insee_code(fields[1]) || fields[2].empty() || !insee_code(fields[3])) {
            bad(line_no, "bad INSEE code, name or parent \"" + std::string(fields[1]) + "\", \"" +
                             std::string(fields[2]) + "\", \"" + std::string(fields[3]) + "\"");
            continue;
        }
        if (!coordinate(fields[4], 90, p.latitude) || !coordinate(fields[5], 180, p.longitude)) {
            bad(line_no,
                "bad coordinates \"" + std::string(fields[4]) + "\", \"" + std::string(fields[5]) + "\"");
            continue;
        }
        p.postal_code = fields[0];
        p.insee = fields[1];
        p.name = fields[2];
        p.parent = fields[3];
        p.coordinates_source = fields[6];
        out.push_back(std::move(p));
        lines.push_back(line_no);
    }
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return out[a].postal_code < out[b].postal_code; });
    std::vector<PostalPosition> sorted;
    sorted.reserve(out.size());
    for (std::size_t i : order) {
        if (!sorted.empty() && sorted.back().postal_code == out[i].postal_code) {
            bad(lines[i], "postal code " + out[i].postal_code + " given twice");
            continue;
        }
        sorted.push_back(std::move(out[i]));
    }
    return sorted;
}

const PostalPosition* find_postal_position(const std::vector<PostalPosition>& sorted,
                                           std::string_view postal_code) {
    const auto it =
        std::lower_bound(sorted.begin(), sorted.end(), postal_code,
                         [](const PostalPosition& p, std::string_view code) { return p.postal_code < code; });
    return it != sorted.end() && it->postal_code == postal_code ? &*it : nullptr;
}

}  // namespace kiosk::places
