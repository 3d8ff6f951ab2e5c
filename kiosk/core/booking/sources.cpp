#include "kiosk/core/booking/sources.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/core/booking/http_call.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox_http.hpp"
#include "kiosk/core/places/place.hpp"
#include "kiosk/core/places/repair.hpp"

namespace kiosk::booking {
namespace {

using nlohmann::json;

std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

std::string text_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::string date_text(const hours::LocalDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

}  // namespace

FetchResult ContentWorkshops::fetch(const std::string&, const hours::LocalDate& today) {
    FetchResult r;
    std::string error;
    const auto text = read_file(file_, &error);
    if (!text) {
        r.error = error.empty() ? "cannot read " + file_.string() : error;
        return r;
    }
    std::vector<ConfigError> errors;
    r.sessions = parse_workshops(*text, file_.filename().string(), today, errors);
    for (const ConfigError& e : errors) log::warn("workshops: ", e.to_string());
    r.ok = true;  // the good sessions are kept; the bad ones are logged
    return r;
}

FetchResult HubWorkshops::fetch(const std::string& etag, const hours::LocalDate& today) {
    FetchResult r;
    std::vector<std::string> headers = {"Accept: application/json", "Authorization: Bearer " + token_};
    if (!etag.empty()) headers.push_back("If-None-Match: " + etag);
    const HttpResult h = http_call(
        "GET",
        trim_slash(base_) + "/v1/sessions?kiosk=" + outbox::url_escape(kiosk_) + "&from=" + date_text(today),
        headers, {}, timeout_);
    if (!h.reached) {
        r.error = h.error;
        return r;
    }
    if (h.status == 304) {
        r.ok = r.not_modified = true;
        r.etag = etag;
        return r;
    }
    if (!h.ok()) {
        r.error = "HTTP " + std::to_string(h.status);
        return r;
    }
    const json j = json::parse(h.body, nullptr, false);
    if (!j.is_object() || !j.contains("sessions") || !j["sessions"].is_array()) {
        r.error = "bad JSON";
        return r;
    }
    for (const json& s : j["sessions"]) {
        auto w = workshop_from_json(s.dump());
        if (!w) continue;
        w->id = "hub:" + w->id;
        w->source = "hub";
        if (w->how == HowToBook::CallBack) w->how = HowToBook::Hub;
        r.sessions.push_back(std::move(*w));
    }
    r.etag = h.etag;
    r.ok = true;
    return r;
}

std::uint16_t services_from_words(const std::string& text) {
    using places::Service;
    const std::string t = places::fold_text(text);
    auto has = [&](std::initializer_list<const char*> words) {
        for (const char* w : words)
            if (t.find(w) != std::string::npos) return true;
        return false;
    };
    std::uint16_t s = 0;
    auto bit = [](Service v) { return static_cast<std::uint16_t>(v); };
    if (has({"demarche", "administr", "impot", "caf", "ameli", "france connect", "franceconnect"}))
        s |= bit(Service::AdminProcedures);
    if (has({"emploi", "cv", "france travail", "candidature"})) s |= bit(Service::JobInsertion);
    if (has({"securi", "arnaque", "mot de passe", "fraude"})) s |= bit(Service::SafeUse);
    if (has({"parent", "enfant", "ecran"})) s |= bit(Service::Parenting);
    if (has({"photo", "loisir", "creation", "musique"})) s |= bit(Service::Leisure);
    if (has({"smartphone", "tablette", "ordinateur", "mail", "courriel", "clavier", "souris", "visio"}))
        s |= bit(Service::EverydayTools);
    if (!s) s = bit(Service::UnderstandingDigital);
    return s;
}

Level level_from_words(const std::string& text) {
    const std::string t = places::fold_text(text);
    if (t.find("debutant") != std::string::npos || t.find("premiers pas") != std::string::npos)
        return Level::Beginner;
    if (t.find("intermediaire") != std::string::npos) return Level::Intermediate;
    if (t.find("avance") != std::string::npos || t.find("confirme") != std::string::npos)
        return Level::Advanced;
    return Level::Any;
}

std::optional<Workshop> workshop_from_rdv(const std::string& rdv_json, const RdvSpOrganisation& org) {
    const json r = json::parse(rdv_json, nullptr, false);
    if (!r.is_object()) return std::nullopt;
    auto flag = [&](const char* k) { return r.contains(k) && r[k].is_boolean() && r[k].get<bool>(); };
    if (!flag("collectif")) return std::nullopt;
    const std::string status = text_of(r, "status");
    if (status == "revoked" || status == "excused" || status == "noshow") return std::nullopt;
    if (r.contains("cancelled_at") && !r["cancelled_at"].is_null()) return std::nullopt;
    if (r.contains("deleted_at") && !r["deleted_at"].is_null()) return std::nullopt;
    const auto starts = parse_local_time(text_of(r, "starts_at"));
    if (!starts || !r.contains("id") || !(r["id"].is_number_integer() || r["id"].is_string()))
        return std::nullopt;
    Workshop w;
    const std::string id =
        r["id"].is_string() ? r["id"].get<std::string>() : std::to_string(r["id"].get<long>());
    w.id = "rdvsp:" + org.id + ":" + id;
    w.source = "rdvsp";
    w.how = HowToBook::RdvServicePublic;
    w.starts = *starts;
    w.place_id = org.place_id;
    w.booking_url = org.public_link;
    w.phone = org.phone;
    std::string motif;
    if (r.contains("motif") && r["motif"].is_object()) motif = text_of(r["motif"], "name");
    w.title = text_of(r, "name");
    if (w.title.empty()) w.title = motif;
    if (w.title.empty()) return std::nullopt;
    w.services = services_from_words(w.title + " " + motif);
    w.level = level_from_words(w.title + " " + motif);
    if (r.contains("lieu") && r["lieu"].is_object()) {
        w.place_name = text_of(r["lieu"], "name");
        w.address = text_of(r["lieu"], "address");
        if (w.phone.empty()) w.phone = text_of(r["lieu"], "phone_number");
    }
    if (w.address.empty()) w.address = text_of(r, "address");
    if (r.contains("duration_in_min") && r["duration_in_min"].is_number_integer())
        w.duration_min = r["duration_in_min"].get<int>();
    if (r.contains("max_participants_count") && r["max_participants_count"].is_number_integer()) {
        w.seats_total = r["max_participants_count"].get<int>();
        int taken = r.contains("users_count") && r["users_count"].is_number_integer()
                        ? r["users_count"].get<int>()
                        : 0;
        w.seats_left = std::max(0, w.seats_total - taken);
    }
    return w;
}

FetchResult RdvServicePublicWorkshops::fetch(const std::string&, const hours::LocalDate& today) {
    FetchResult r;
    const std::vector<std::string> headers = {"Accept: application/json", "Authorization: Bearer " + token_};
    const std::string base = trim_slash(base_);
    for (const RdvSpOrganisation& org : orgs_) {
        for (int page = 1; page <= 20; ++page) {  // 100 a page: 2,000 rdvs is far beyond a month of workshops
            const HttpResult h =
                http_call("GET",
                          base + "/api/v1/organisations/" + outbox::url_escape(org.id) +
                              "/rdvs?starts_after=" + date_text(today) + "&page=" + std::to_string(page),
                          headers, {}, timeout_);
            if (!h.reached) {
                r.error = h.error;
                return r;
            }
            if (!h.ok()) {
                r.error = "HTTP " + std::to_string(h.status);
                return r;
            }
            const json j = json::parse(h.body, nullptr, false);
            if (!j.is_object() || !j.contains("rdvs") || !j["rdvs"].is_array()) {
                r.error = "bad JSON";
                return r;
            }
            for (const json& rdv : j["rdvs"])
                if (auto w = workshop_from_rdv(rdv.dump(), org)) r.sessions.push_back(std::move(*w));
            const bool more = j.contains("meta") && j["meta"].is_object() &&
                              j["meta"].contains("next_page") && j["meta"]["next_page"].is_number_integer();
            if (!more) break;
        }
    }
    r.ok = true;
    return r;
}

AddResult add_participant(const std::string& base_url, const std::string& token,
                          const std::string& organisation_id, const std::string& rdv_id,
                          const Participant& who, long timeout_ms) {
    const std::string base = trim_slash(base_url);
    const std::vector<std::string> headers = {"Accept: application/json", "Content-Type: application/json",
                                              "Authorization: Bearer " + token};
    auto outcome_of = [](const HttpResult& h) -> AddResult {
        if (h.transient())
            return {AddOutcome::Retry, h.reached ? "HTTP " + std::to_string(h.status) : h.error};
        return {AddOutcome::Refused, "HTTP " + std::to_string(h.status)};
    };
    json user = {{"first_name", who.first_name},
                 {"last_name", who.last_name},
                 {"organisation_ids", {organisation_id}}};
    if (!who.phone.empty()) user["phone_number"] = who.phone;
    if (!who.email.empty()) user["email"] = who.email;
    const HttpResult u = http_call("POST", base + "/api/v1/users", headers, user.dump(), timeout_ms);
    if (!u.ok()) return outcome_of(u);
    const json uj = json::parse(u.body, nullptr, false);
    if (!uj.is_object() || !uj.contains("user") || !uj["user"].is_object() || !uj["user"].contains("id"))
        return {AddOutcome::Retry, "bad JSON"};
    const json participation = {{"user_id", uj["user"]["id"]}};
    const HttpResult p =
        http_call("POST", base + "/api/v1/rdvs/" + outbox::url_escape(rdv_id) + "/participations", headers,
                  participation.dump(), timeout_ms);
    if (p.ok()) return {AddOutcome::Added, "HTTP " + std::to_string(p.status)};
    if (p.reached && p.status == 422 && p.body.find("max_participants") != std::string::npos)
        return {AddOutcome::Full, "full"};
    return outcome_of(p);
}

std::optional<std::map<std::string, std::string>> fetch_public_links(const std::string& base_url,
                                                                     const std::string& territory,
                                                                     long timeout_ms) {
    const HttpResult h = http_call(
        "GET", trim_slash(base_url) + "/api/v1/public_links?territory=" + outbox::url_escape(territory),
        {"Accept: application/json"}, {}, timeout_ms);
    if (!h.ok()) return std::nullopt;
    const json j = json::parse(h.body, nullptr, false);
    if (!j.is_object() || !j.contains("public_links") || !j["public_links"].is_array()) return std::nullopt;
    std::map<std::string, std::string> out;
    for (const json& l : j["public_links"])
        if (l.is_object()) out[text_of(l, "external_id")] = text_of(l, "public_link");
    return out;
}

}  // namespace kiosk::booking
