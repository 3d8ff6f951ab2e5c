#include "kiosk/core/places/national_sample.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "kiosk/core/places/content_import.hpp"
#include "kiosk/core/places/csv.hpp"

namespace fs = std::filesystem;

namespace kiosk::places {

std::size_t write_national_places(const fs::path& source_content, const fs::path& out_csv, std::size_t count,
                                  const std::vector<Commune>& communes) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header;
    for (const fs::path& f : content_files(source_content / "places")) {
        std::ifstream in(f, std::ios::binary);
        csv::Reader reader(in);
        csv::Record rec;
        std::string error;
        bool first = true;
        while (reader.next(rec, error)) {
            if (first) {
                if (header.empty()) header = rec.fields;
                first = false;
                continue;
            }
            if (error.empty() && rec.fields.size() == header.size()) rows.push_back(rec.fields);
            error.clear();
        }
    }
    if (rows.empty()) return 0;
    auto column = [&](const char* name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const std::size_t id = column("id"), commune = column("commune"), postal = column("code_postal"),
                      insee = column("code_insee"), lat = column("latitude"), lon = column("longitude");
    std::vector<const Commune*> where;
    std::vector<double> weights;
    for (const Commune& c : communes)
        if (c.kind == Commune::Kind::Commune && !c.postal_codes.empty()) {
            where.push_back(&c);
            weights.push_back(std::sqrt(static_cast<double>(c.population) + 1.0));
        }
    std::mt19937 rng(20261201);  // the same content at every run
    std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    std::uniform_real_distribution<double> jitter(-0.015, 0.015);
    std::ofstream out(out_csv, std::ios::binary);
    csv::write_record(out, header, true);
    for (std::size_t i = 0; i < count; ++i) {
        std::vector<std::string> row = rows[i % rows.size()];
        const Commune& c = *where[pick(rng)];
        row[id] = "national-" + std::to_string(i);
        row[commune] = c.name;
        row[postal] = std::string(c.postal_codes.front());
        row[insee] = c.insee;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6f", c.latitude + jitter(rng));
        row[lat] = buf;
        std::snprintf(buf, sizeof buf, "%.6f", c.longitude + jitter(rng));
        row[lon] = buf;
        csv::write_record(out, row, true);
    }
    return count;
}

}  // namespace kiosk::places
