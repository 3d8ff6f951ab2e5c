#include "kiosk/core/places/import.hpp"
#include "kiosk/core/files.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "kiosk/core/places/csv.hpp"
#include "kiosk/core/places/repair.hpp"
#include "kiosk/core/places/v0_mapping.hpp"

namespace kiosk::places {

namespace {

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

std::string format_number(double d) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
}

bool read_file(const std::filesystem::path& file, std::string& out, std::string& error) {
    std::optional<std::string> text = kiosk::read_file(file, &error);
    if (!text) {
        if (error == "cannot be opened") error = "cannot open the file";
        return false;
    }
    out = std::move(*text);
    return true;
}

// Mends what real exports get wrong before the row is checked (see repair.hpp); what it did is counted.
void repair_row(Record& r, ImportReport& report, const Rejection& where) {
    auto it = r.find("telephone");
    if (it != r.end() && !it->second.empty()) {
        if (std::optional<std::string> phone = normalise_phone(it->second)) {
            if (*phone != it->second) {
                ++report.repaired["telephone: written in the standard's format (+33…)"];
                it->second = *phone;
            }
        }
    }
    // Coordinates: both or neither, within the Earth's ranges.
    auto lat = r.find("latitude"), lon = r.find("longitude");
    const bool has_lat = lat != r.end() && !lat->second.empty(),
               has_lon = lon != r.end() && !lon->second.empty();
    if (has_lat || has_lon) {
        double la = 0, lo = 0;
        const bool ok_lat = has_lat && parse_number(lat->second, la) && la >= -90 && la <= 90;
        const bool ok_lon = has_lon && parse_number(lon->second, lo) && lo >= -180 && lo <= 180;
        if (!ok_lat || !ok_lon) {
            report.notes.push_back(
                where.where() + (where.id.empty() ? "" : " [id " + where.id + "]") +
                " latitude/longitude: \"" + (has_lat ? lat->second : "") + "\", \"" +
                (has_lon ? lon->second : "") +
                "\" is not a position on Earth: dropped, the place is shown at its commune");
            ++report.repaired["latitude/longitude: out of range or alone, dropped (placed at the commune)"];
            if (lat != r.end()) lat->second.clear();
            if (lon != r.end()) lon->second.clear();
        }
    }
}

// Checks one row against the schema and the uniqueness of ids; fills the report. True when the row is kept.
// A bad value of an optional field drops that field (said in the notes), never the place; a required field
// that is missing or bad rejects the row.
bool accept_row(Record& v1, const Schema& schema, ImportReport& report, Rejection where,
                std::unordered_map<std::string, std::string>& seen_ids, const std::string& prefix = {}) {
    auto id = v1.find("id");
    where.id = id == v1.end() ? "" : id->second;
    bool ok = true;
    std::vector<Rejection> dropped;
    for (auto& problem : schema.validate(v1)) {
        Rejection r = where;
        r.field = problem.field;
        r.reason = prefix + problem.reason;
        const FieldRule* rule = schema.field(problem.field);
        if (rule && !rule->required && !problem.field.empty()) {
            dropped.push_back(std::move(r));
            continue;
        }
        report.problems.push_back(std::move(r));
        ok = false;
    }
    if (ok && !where.id.empty()) {
        auto [it, inserted] = seen_ids.emplace(where.id, where.where());
        if (!inserted) {
            Rejection r = where;
            r.field = "id";
            r.reason = "duplicate id (first at " + it->second + ")";
            report.problems.push_back(std::move(r));
            ok = false;
        }
    }
    if (ok) {
        for (const Rejection& d : dropped) {
            const FieldRule* rule = schema.field(d.field);
            std::string& value = v1[d.field];
            if (rule && rule->max_length && *rule->max_length > 1 && utf8_length(value) > *rule->max_length &&
                valid_utf8(value)) {  // too long: cut at a word, with "…", as the v0 mapping does
                value = cut_utf8(value, *rule->max_length);
                if (schema.check(*rule, value).empty()) {
                    report.notes.push_back(d.where() + (d.id.empty() ? "" : " [id " + d.id + "]") + " " +
                                           d.field + ": cut to " + std::to_string(*rule->max_length) +
                                           " characters");
                    ++report.repaired[d.field + ": too long, cut with \"…\""];
                    continue;
                }
            }
            // An enumeration: items written with other accents or case are mended, unknown ones dropped.
            if (rule) {
                const std::vector<std::string> allowed = enumeration_values(rule->pattern_text);
                std::vector<std::string> unknown;
                std::string mended =
                    allowed.empty() ? std::string{} : mend_enumeration(value, allowed, unknown);
                if (!mended.empty() && schema.check(*rule, mended).empty()) {
                    value = mended;
                    std::string what = d.where() + (d.id.empty() ? "" : " [id " + d.id + "]") + " " +
                                       d.field + ": written as the standard spells it";
                    for (const std::string& u : unknown)
                        what += "; \"" + u + "\" is not one of its values, dropped";
                    report.notes.push_back(what);
                    ++report
                          .repaired[d.field + (unknown.empty() ? ": spelt as the standard does"
                                                               : ": unknown items dropped, the others kept")];
                    continue;
                }
            }
            report.notes.push_back(d.where() + (d.id.empty() ? "" : " [id " + d.id + "]") + " " + d.field +
                                   ": " + d.reason + ": the value is dropped, the place is kept");
            ++report.repaired[d.field + ": a value the standard does not allow, dropped"];
            value.clear();
        }
        ++report.accepted;
    } else {
        ++report.rejected;
    }
    return ok;
}

}  // namespace

std::string Rejection::where() const {
    if (line) return file + ":" + std::to_string(line);
    return file + "#" + std::to_string(record);
}

std::vector<std::pair<std::string, std::size_t>> ImportReport::top_reasons() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& p : problems) {
        std::string kind = p.reason;
        for (std::string_view cut : {": \"", " (", " \""}) {
            auto at = kind.find(cut);
            if (at != std::string::npos) kind.resize(at);
        }
        counts[(p.field.empty() ? std::string("row") : p.field) + ": " + kind]++;
    }
    std::vector<std::pair<std::string, std::size_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
    return out;
}

std::string ImportReport::text(std::size_t max_lines) const {
    std::ostringstream out;
    out << file << " (" << format << "): ";
    if (!ok()) {
        out << "not imported: " << fatal << "\n";
        return out.str();
    }
    out << records << " rows, " << accepted << " accepted, " << rejected << " rejected\n";
    if (!problems.empty()) {
        out << "Most frequent reasons:\n";
        for (const auto& [reason, n] : top_reasons()) out << "  " << n << " x " << reason << "\n";
        out << "Rejected rows:\n";
        std::size_t shown = 0;
        for (const auto& p : problems) {
            if (shown++ == max_lines) {
                out << "  … and " << (problems.size() - max_lines) << " more\n";
                break;
            }
            out << "  " << p.where();
            if (!p.id.empty()) out << " [id " << p.id << "]";
            out << " " << (p.field.empty() ? "row" : p.field) << ": " << p.reason << "\n";
        }
    }
    if (!repaired.empty()) {
        out << "Mended or dropped in kept rows:\n";
        for (const auto& [what, n] : repaired) out << "  " << n << " x " << what << "\n";
    }
    if (!notes.empty()) {
        out << "Notes (rows kept):\n";
        std::size_t shown = 0;
        for (const auto& n : notes) {
            if (shown++ == max_lines) {
                out << "  … and " << (notes.size() - max_lines) << " more\n";
                break;
            }
            out << "  " << n << "\n";
        }
    }
    return out.str();
}

Standard Standard::load(const std::filesystem::path& dir) {
    return Standard{Schema::load(dir / "schema-lieux-mediation-numerique-v1.json"),
                    Schema::load(dir / "schema-lieux-mediation-numerique-v0.json")};
}

std::vector<std::string> split_list(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(separator, start);
        if (end == std::string_view::npos) end = text.size();
        if (auto item = trim(text.substr(start, end - start)); !item.empty()) out.push_back(std::move(item));
        start = end + 1;
    }
    return out;
}

std::string join_list(const std::vector<std::string>& items, char separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

const std::vector<std::string>& v1_field_names() {
    static const std::vector<std::string> names = {"id",
                                                   "pivot",
                                                   "nom",
                                                   "commune",
                                                   "code_postal",
                                                   "code_insee",
                                                   "adresse",
                                                   "complement_adresse",
                                                   "latitude",
                                                   "longitude",
                                                   "typologie",
                                                   "telephone",
                                                   "courriels",
                                                   "site_web",
                                                   "horaires",
                                                   "presentation_resume",
                                                   "presentation_detail",
                                                   "source",
                                                   "itinerance",
                                                   "structure_parente",
                                                   "date_maj",
                                                   "services",
                                                   "publics_specifiquement_adresses",
                                                   "prise_en_charge_specifique",
                                                   "frais_a_charge",
                                                   "dispositif_programmes_nationaux",
                                                   "formations_labels",
                                                   "autres_formations_labels",
                                                   "modalites_acces",
                                                   "modalites_accompagnement",
                                                   "fiche_acces_libre",
                                                   "prise_rdv"};
    return names;
}

Place place_from_v1(const Record& v1) {
    auto get = [&](std::string_view name) -> std::string {
        auto it = v1.find(name);
        return it == v1.end() ? std::string{} : it->second;
    };
    Place p;
    p.id = get("id");
    p.pivot = get("pivot");
    p.name = get("nom");
    p.commune = get("commune");
    p.postal_code = get("code_postal");
    p.insee_code = get("code_insee");
    p.address = get("adresse");
    p.address_complement = get("complement_adresse");
    double d;
    if (parse_number(get("latitude"), d)) p.latitude = d;
    if (parse_number(get("longitude"), d)) p.longitude = d;
    if (!p.latitude || !p.longitude) p.latitude = p.longitude = std::nullopt;
    p.typology = get("typologie");
    p.phone = get("telephone");
    p.emails = split_list(get("courriels"));
    p.websites = split_list(get("site_web"));
    p.opening_hours = get("horaires");
    p.summary = get("presentation_resume");
    p.description = get("presentation_detail");
    p.source = get("source");
    p.itinerant = get("itinerance").find("Itinérant") != std::string::npos;
    p.parent = get("structure_parente");
    p.updated = get("date_maj");
    for (const auto& s : split_list(get("services"))) p.services |= service_from_label(s);
    for (const auto& s : split_list(get("publics_specifiquement_adresses")))
        p.publics |= public_from_label(s);
    for (const auto& s : split_list(get("prise_en_charge_specifique"))) p.supports |= support_from_label(s);
    for (const auto& s : split_list(get("frais_a_charge"))) p.fees |= fee_from_label(s);
    p.programmes = split_list(get("dispositif_programmes_nationaux"));
    p.labels = split_list(get("formations_labels"));
    p.other_labels = split_list(get("autres_formations_labels"));
    for (const auto& s : split_list(get("modalites_acces"))) p.access |= access_from_label(s);
    for (const auto& s : split_list(get("modalites_accompagnement"))) p.guidance |= guidance_from_label(s);
    p.accessibility_url = get("fiche_acces_libre");
    p.booking_url = get("prise_rdv");
    for (const auto& l : p.other_labels)
        if (l == kPassLabel || l.find("Pass numérique") != std::string::npos) p.accepts_pass = true;
    return p;
}

Record to_v1_record(const Place& p) {
    Record r;
    auto put = [&](const char* name, std::string value) {
        if (!value.empty()) r[name] = std::move(value);
    };
    put("id", p.id);
    put("pivot", p.pivot);
    put("nom", p.name);
    put("commune", p.commune);
    put("code_postal", p.postal_code);
    put("code_insee", p.insee_code);
    put("adresse", p.address);
    put("complement_adresse", p.address_complement);
    if (p.located()) {
        put("latitude", format_number(*p.latitude));
        put("longitude", format_number(*p.longitude));
    }
    put("typologie", p.typology);
    put("telephone", p.phone);
    put("courriels", join_list(p.emails));
    put("site_web", join_list(p.websites));
    put("horaires", p.opening_hours);
    put("presentation_resume", p.summary);
    put("presentation_detail", p.description);
    put("source", p.source);
    if (p.itinerant) put("itinerance", "Itinérant");
    put("structure_parente", p.parent);
    put("date_maj", p.updated);
    std::vector<std::string> v;
    for (auto s : kAllServices)
        if (p.has(s)) v.emplace_back(label(s));
    put("services", join_list(v));
    v.clear();
    for (auto s : kAllPublics)
        if (p.publics & static_cast<std::uint8_t>(s)) v.emplace_back(label(s));
    put("publics_specifiquement_adresses", join_list(v));
    v.clear();
    for (auto s : kAllSupports)
        if (p.has(s)) v.emplace_back(label(s));
    put("prise_en_charge_specifique", join_list(v));
    v.clear();
    for (auto s : kAllFees)
        if (p.has(s)) v.emplace_back(label(s));
    put("frais_a_charge", join_list(v));
    put("dispositif_programmes_nationaux", join_list(p.programmes));
    put("formations_labels", join_list(p.labels));
    std::vector<std::string> others = p.other_labels;
    if (p.accepts_pass && std::find(others.begin(), others.end(), kPassLabel) == others.end())
        others.emplace_back(kPassLabel);
    put("autres_formations_labels", join_list(others));
    v.clear();
    for (auto s : kAllAccess)
        if (p.access & static_cast<std::uint8_t>(s)) v.emplace_back(label(s));
    put("modalites_acces", join_list(v));
    v.clear();
    for (auto s : kAllGuidance)
        if (p.guidance & static_cast<std::uint8_t>(s)) v.emplace_back(label(s));
    put("modalites_accompagnement", join_list(v));
    put("fiche_acces_libre", p.accessibility_url);
    put("prise_rdv", p.booking_url);
    return r;
}

void write_v1_csv(std::ostream& out, const std::vector<Place>& places) {
    const auto& names = v1_field_names();
    csv::write_record(out, names, true);
    std::vector<std::string> row(names.size());
    for (const auto& p : places) {
        Record r = to_v1_record(p);
        for (std::size_t i = 0; i < names.size(); ++i) {
            auto it = r.find(names[i]);
            row[i] = it == r.end() ? std::string{} : it->second;
        }
        csv::write_record(out, row, true);
    }
}

ImportResult read_v1_csv_text(const std::string& text, const Schema& v1, const std::string& name) {
    ImportResult result;
    ImportReport& report = result.report;
    report.file = name;
    report.format = "v1-csv";
    // Lines that are not UTF-8 come from a Latin-1 / Windows-1252 export: converted, and said.
    std::string utf8;
    std::size_t converted = 0;
    if (!valid_utf8(text)) {
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            end = end == std::string::npos ? text.size() : end + 1;
            const std::string_view line(text.data() + start, end - start);
            if (valid_utf8(line)) {
                utf8.append(line);
            } else {
                utf8 += windows1252_to_utf8(line);
                ++converted;
            }
            start = end;
        }
        report.notes.push_back(std::to_string(converted) +
                               " line(s) are not UTF-8: read as Latin-1 (Windows-1252) and converted; the "
                               "standard's files are UTF-8");
    }
    const std::string& body = converted ? utf8 : text;
    const char separator = detect_separator(std::string_view(body).substr(0, body.find('\n')));
    if (separator == ';')
        report.notes.push_back(
            "separator \";\" detected (a spreadsheet's export), read as such: the standard "
            "uses \",\" (séparateur ; détecté : le standard utilise ,)");
    std::istringstream in(body);
    csv::Reader reader(in, separator);
    csv::Record rec;
    std::string error;
    if (!reader.next(rec, error)) {
        report.fatal = "empty file (no header line)";
        return result;
    }
    std::vector<std::string> header;
    for (auto& h : rec.fields) header.push_back(trim(h));
    std::vector<std::string> missing;
    for (const auto& f : v1.fields())
        if (f.required && std::find(header.begin(), header.end(), f.name) == header.end())
            missing.push_back(f.name);
    if (!missing.empty()) {
        report.fatal = "not a v1 CSV of the standard: the header lacks the required column(s) " +
                       join_list(missing, ',');
        return result;
    }
    for (const auto& h : header)
        if (!v1.field(h)) report.notes.push_back("column \"" + h + "\" is not in the v1 schema, ignored");
    for (const char* c : {"latitude", "longitude"})
        if (std::find(header.begin(), header.end(), c) == header.end())
            report.notes.push_back(
                std::string("the file has no \"") + c +
                "\" column: its places are shown at their commune, with no exact position");

    std::unordered_map<std::string, std::string> seen;
    std::size_t row_number = 0;
    while (reader.next(rec, error)) {
        if (rec.fields.size() == 1 && trim(rec.fields[0]).empty() && error.empty()) continue;  // blank line
        ++row_number;
        ++report.records;
        Rejection where;
        where.file = name;
        where.line = rec.line;
        where.record = row_number;
        if (!error.empty() || rec.fields.size() != header.size()) {
            if (!rec.fields.empty()) where.id = rec.fields[0];
            where.reason = !error.empty() ? "malformed CSV: " + error
                                          : "has " + std::to_string(rec.fields.size()) +
                                                " fields, the header has " + std::to_string(header.size());
            report.problems.push_back(where);
            ++report.rejected;
            continue;
        }
        Record r;
        for (std::size_t i = 0; i < header.size(); ++i)
            if (v1.field(header[i])) r[header[i]] = trim(rec.fields[i]);
        where.id = r.count("id") ? r["id"] : "";
        repair_row(r, report, where);
        if (accept_row(r, v1, report, where, seen)) result.places.push_back(place_from_v1(r));
    }
    return result;
}

ImportResult read_v1_csv(const std::filesystem::path& csv, const Schema& v1) {
    std::string text, error;
    if (!read_file(csv, text, error)) {
        ImportResult result;
        result.report.file = csv.string();
        result.report.format = "v1-csv";
        result.report.fatal = error;
        return result;
    }
    return read_v1_csv_text(text, v1, csv.string());
}

ImportResult read_v0_json_text(const std::string& text, const Standard& standard, const std::string& name) {
    ImportResult result;
    ImportReport& report = result.report;
    report.file = name;
    report.format = "v0-json";
    std::string error;
    nlohmann::json doc = parse_json_limited(text, error);
    if (!error.empty()) {
        report.fatal = error;
        return result;
    }
    if (!doc.is_array()) {
        report.fatal = "not a v0 file of the national map (a JSON array of places was expected)";
        return result;
    }
    std::unordered_map<std::string, std::string> seen;
    std::size_t index = 0;
    for (const auto& item : doc) {
        ++index;
        ++report.records;
        Rejection where;
        where.file = name;
        where.record = index;
        if (!item.is_object()) {
            where.reason = "not a JSON object";
            report.problems.push_back(where);
            ++report.rejected;
            continue;
        }
        Record v0;
        std::string bad_field;
        for (const auto& [key, value] : item.items()) {
            if (value.is_null()) continue;
            if (value.is_string())
                v0[key] = trim(value.get<std::string>());
            else if (value.is_number() || value.is_boolean())
                v0[key] = value.dump();
            else if (value.is_array()) {  // some feeds give lists: v0 joins with `;`
                std::vector<std::string> parts;
                for (const auto& v : value) parts.push_back(v.is_string() ? v.get<std::string>() : v.dump());
                v0[key] = join_list(parts, ';');
            } else
                bad_field = key;
        }
        if (!bad_field.empty()) {
            where.id = v0.count("id") ? v0["id"] : "";
            where.field = bad_field;
            where.reason = "a JSON object where a value was expected";
            report.problems.push_back(where);
            ++report.rejected;
            continue;
        }
        // First the v0 rules (its enumerations), then the v1 rules on the mapped record.
        std::unordered_map<std::string, std::string> no_unique;
        where.id = v0.count("id") ? v0["id"] : "";
        repair_row(v0, report, where);  // v0 has the same telephone and coordinates fields
        if (!accept_row(v0, standard.v0, report, where, no_unique, "v0: ")) continue;
        --report.accepted;  // counted again below, after the v1 check
        std::vector<std::string> notes;
        Record v1 =
            v0_to_v1(v0, notes);  // telephone and coordinates were mended on v0 above, copied as they are
        where.id = v1.count("id") ? v1["id"] : "";
        if (accept_row(v1, standard.v1, report, where, seen, "after mapping onto v1: ")) {
            result.places.push_back(place_from_v1(v1));
            for (auto& n : notes) report.notes.push_back(where.where() + " [id " + v1["id"] + "] " + n);
        }
    }
    return result;
}

ImportResult read_v0_json(const std::filesystem::path& json, const Standard& standard) {
    std::string text, error;
    if (!read_file(json, text, error)) {
        ImportResult result;
        result.report.file = json.string();
        result.report.format = "v0-json";
        result.report.fatal = error;
        return result;
    }
    return read_v0_json_text(text, standard, json.string());
}

ImportResult read_places_file(const std::filesystem::path& file, const Standard& standard) {
    if (file.extension() == ".json") return read_v0_json(file, standard);
    return read_v1_csv(file, standard.v1);
}

}  // namespace kiosk::places
