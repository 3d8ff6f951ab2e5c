#pragma once
// A booking hub on loopback for the tests and the benchmark: the kiosk booking protocol
// (docs/booking-protocol.openapi.yaml) and the subset of RDV Service Public's API v1 the kiosk and the hub
// use, on a real HTTP server (loopback_http.hpp), with faults injected on demand: 500s, slow answers, resets
// (after the request was taken: a duplicate delivery follows), cut bodies. It opens the sealed requests with
// the demo hub's secret key (tests/booking/keys/hub-demo.sec), as a real hub would, and books each
// idempotency key once.
#include <sodium.h>

#include <cstring>
#include <deque>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/core/booking/booking.hpp"
#include "loopback_http.hpp"

namespace kiosk::test {

struct HubKeys {
    booking::PublicKey pk{};
    std::array<unsigned char, 32> sk{};
    static HubKeys demo(const std::filesystem::path& source_dir) {
        std::ifstream in(source_dir / "tests/booking/keys/hub-demo.sec");
        const std::string b64((std::istreambuf_iterator<char>(in)), {});
        HubKeys k;
        const auto bytes = booking::decode_base64(b64);
        if (!bytes || bytes->size() != 32) throw std::runtime_error("hub-demo.sec is not a key");
        std::memcpy(k.sk.data(), bytes->data(), 32);
        crypto_scalarmult_base(k.pk.data(), k.sk.data());
        return k;
    }
};

class BookingHub {
  public:
    using Fault = HttpAnswer::Fault;
    struct Injected {
        int status = 0;  // 0: the normal answer
        Fault fault = Fault::None;
        int delay_ms = 0;
    };
    struct Booked {
        std::string session_id, details, payload;  // details: the opened sealed box (JSON)
        std::string status;
        int deliveries = 0;  // POSTs seen with this key (more than one: duplicates, answered the same)
    };

    explicit BookingHub(HubKeys keys, std::string token = "kiosk-token")
        : keys_(keys),
          token_(std::move(token)),
          server_([this](const HttpRequest& r) { return answer(r); }) {}

    std::string url() const { return server_.url(""); }
    LoopbackHttpServer& server() { return server_; }

    // The sessions GET /v1/sessions lists (kiosk protocol JSON), and the seats of each.
    void set_sessions(const std::vector<booking::Workshop>& sessions) {
        std::lock_guard lock(mutex_);
        sessions_ = sessions;
        ++version_;
    }
    // The next requests get these, in order (then the normal answers again).
    void inject(std::vector<Injected> faults) {
        std::lock_guard lock(mutex_);
        for (auto& f : faults) faults_.push_back(f);
    }
    // A fault on every n-th request, for ever (0: none).
    void fault_every(int n, Injected f) {
        std::lock_guard lock(mutex_);
        every_ = n;
        every_fault_ = f;
    }
    void confirm_by_default(bool yes) { confirm_ = yes; }
    // RDV Service Public's side: collective rdvs of organisation 210 (JSON array of rdvs).
    void set_rdvs(std::string organisation, nlohmann::json rdvs) {
        std::lock_guard lock(mutex_);
        rdvs_[organisation] = std::move(rdvs);
    }

    std::map<std::string, Booked> booked() const {
        std::lock_guard lock(mutex_);
        return booked_;
    }
    std::vector<nlohmann::json> participations() const {
        std::lock_guard lock(mutex_);
        return participations_;
    }
    int requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

  private:
    HttpAnswer answer(const HttpRequest& r) {
        std::lock_guard lock(mutex_);
        ++requests_;
        Injected f;
        if (!faults_.empty()) {
            f = faults_.front();
            faults_.pop_front();
        } else if (every_ > 0 && requests_ % every_ == 0) {
            f = every_fault_;
        }
        if (f.status)
            return HttpAnswer{f.status,  "{\"error\":\"injected\"}", "application/json", {}, f.fault,
                              f.delay_ms};
        HttpAnswer a = route(r);
        a.fault = f.fault;
        a.delay_ms = f.delay_ms;
        return a;
    }

    HttpAnswer route(const HttpRequest& r) {
        using nlohmann::json;
        const std::string path = r.target.substr(0, r.target.find('?'));
        if (path.rfind("/api/v1/", 0) == 0) return rdv_service_public(r, path);
        if (r.header("authorization") != "Bearer " + token_) return {401, "{\"error\":\"unauthorized\"}"};
        if (r.method == "GET" && path == "/v1/sessions") {
            const std::string etag = "\"v" + std::to_string(version_) + "\"";
            if (r.header("if-none-match") == etag) return {304, "", "application/json"};
            json list = json::array();
            for (const auto& w : sessions_) {
                json j = json::parse(booking::to_json(w));
                j["id"] = w.id;
                list.push_back(j);
            }
            HttpAnswer a{200, json{{"sessions", list}}.dump()};
            a.headers["ETag"] = etag;
            return a;
        }
        if (r.method == "POST" && path == "/v1/bookings") {
            const std::string key = r.header("idempotency-key");
            if (key.empty()) return {400, "{\"error\":\"Idempotency-Key is required\"}"};
            auto it = booked_.find(key);
            if (it != booked_.end()) {  // a duplicate delivery: the same answer, nothing booked again
                ++it->second.deliveries;
                if (it->second.payload != r.body)
                    return {409, "{\"error\":\"another request with this key\"}"};
                return {200, json{{"status", it->second.status}, {"booking_id", key}}.dump()};
            }
            const json p = json::parse(r.body, nullptr, false);
            if (!p.is_object() || !p.contains("sealed") || !p["sealed"].is_string())
                return {422, "{\"error\":\"not a booking\"}"};
            auto details = booking::open_sealed(p["sealed"].get<std::string>(), keys_.pk, keys_.sk);
            if (!details) return {422, "{\"error\":\"the sealed details do not open\"}"};
            Booked b{p.value("session_id", ""), *details, r.body, confirm_ ? "confirmed" : "pending", 1};
            for (auto& w : sessions_)
                if ("hub:" + w.id == b.session_id || w.id == b.session_id) {
                    if (w.seats_left == 0)
                        b.status = "full";
                    else if (w.seats_left > 0)
                        --w.seats_left;
                }
            booked_[key] = b;
            return {201, json{{"status", b.status}, {"booking_id", key}}.dump()};
        }
        if (path.rfind("/v1/bookings/", 0) == 0) {
            const std::string key = path.substr(13);
            auto it = booked_.find(key);
            if (it == booked_.end()) return {404, "{\"error\":\"unknown booking\"}"};
            if (r.method == "DELETE") it->second.status = "cancelled";
            return {200, json{{"status", it->second.status}, {"booking_id", key}}.dump()};
        }
        return {404, "{\"error\":\"not found\"}"};
    }

    HttpAnswer rdv_service_public(const HttpRequest& r, const std::string& path) {
        using nlohmann::json;
        if (path == "/api/v1/public_links")
            return {200, json{{"public_links",
                               {{{"external_id", "42-montbrison"},
                                 {"public_link", "https://www.rdv-aide-numerique.fr/org/210"}}}}}
                             .dump()};
        if (r.header("authorization") != "Bearer " + token_)
            return {401,
                    json{{"errors", {"Vous devez vous connecter ou vous inscrire pour continuer."}}}.dump()};
        const std::string orgs = "/api/v1/organisations/";
        if (r.method == "GET" && path.rfind(orgs, 0) == 0 && path.size() > 5 &&
            path.substr(path.size() - 5) == "/rdvs") {
            const std::string org = path.substr(orgs.size(), path.size() - 5 - orgs.size());
            const json rdvs = rdvs_.count(org) ? rdvs_[org] : json::array();
            return {200, json{{"rdvs", rdvs},
                              {"meta",
                               {{"current_page", 1}, {"next_page", nullptr}, {"total_count", rdvs.size()}}}}
                             .dump()};
        }
        if (r.method == "POST" && path == "/api/v1/users") {
            json u = json::parse(r.body, nullptr, false);
            if (!u.is_object() || !u.contains("first_name")) return {422, "{}"};
            u["id"] = ++users_;
            return {200, json{{"user", u}}.dump()};
        }
        const std::string rdvs = "/api/v1/rdvs/";
        if (r.method == "POST" && path.rfind(rdvs, 0) == 0 &&
            path.find("/participations") != std::string::npos) {
            const std::string id = path.substr(rdvs.size(), path.find("/participations") - rdvs.size());
            for (auto& [org, list] : rdvs_)
                for (auto& rdv : list)
                    if (std::to_string(rdv["id"].get<long>()) == id) {
                        if (rdv["users_count"].get<int>() >= rdv["max_participants_count"].get<int>())
                            return {422, json{{"errors", {{"max_participants_count", "complet"}}}}.dump()};
                        rdv["users_count"] = rdv["users_count"].get<int>() + 1;
                        participations_.push_back(json{{"rdv_id", id}, {"user", json::parse(r.body)}});
                        return {200, json{{"participation", {{"rdv_id", id}, {"status", "unknown"}}}}.dump()};
                    }
            return {404, json{{"not_found", "rdv"}}.dump()};
        }
        return {404, json{{"not_found", "route"}}.dump()};
    }

    HubKeys keys_;
    std::string token_;
    mutable std::mutex mutex_;
    std::vector<booking::Workshop> sessions_;
    int version_ = 1;
    std::deque<Injected> faults_;
    int every_ = 0;
    Injected every_fault_;
    std::atomic<bool> confirm_{true};
    std::map<std::string, nlohmann::json> rdvs_;
    std::map<std::string, Booked> booked_;
    std::vector<nlohmann::json> participations_;
    int requests_ = 0;
    long users_ = 0;
    LoopbackHttpServer server_;  // last: its thread stops before the rest goes
};

}  // namespace kiosk::test
