#include "kiosk/core/pass/online.hpp"

#include "kiosk/core/curl_api.hpp"

#include <cmath>
#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace kiosk::pass {
namespace {

constexpr std::size_t kMaxAnswer = 16 * 1024;

size_t collect(char* data, size_t size, size_t n, void* user) {
    auto* out = static_cast<std::string*>(user);
    if (out->size() + size * n > kMaxAnswer) return 0;  // aborts the transfer: an answer is small
    out->append(data, size * n);
    return size * n;
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "[::1]") return true;
    // 127.0.0.0/8 written as four decimal numbers.
    int parts = 0;
    std::size_t at = 0;
    while (at <= host.size()) {
        std::size_t dot = host.find('.', at);
        std::string_view part =
            host.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at);
        if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string_view::npos)
            return false;
        if (std::stoi(std::string(part)) > 255 || (parts == 0 && part != "127")) return false;
        ++parts;
        if (dot == std::string_view::npos) break;
        at = dot + 1;
    }
    return parts == 4;
}

}  // namespace

std::string endpoint_problem(std::string_view url) {
    constexpr std::string_view https = "https://", http = "http://";
    if (url.substr(0, https.size()) == https) return url.size() > https.size() ? "" : "has no host";
    if (url.substr(0, http.size()) != http) return "must start with https://";
    std::string_view host = url.substr(http.size());
    host = host.substr(0, host.find_first_of("/?#"));
    if (host.find('@') != std::string_view::npos) return "must not hold a user name";
    // "[::1]:8080" or "127.0.0.1:8080": the port goes.
    const std::size_t colon = host.rfind(':');
    if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos)
        host = host.substr(0, colon);
    if (!is_loopback_host(host))
        return "must start with https:// (http:// only for a service on this machine: 127.0.0.1, ::1, "
               "localhost)";
    return "";
}

OnlineResult confirm_online(const Issuer& issuer, const std::string& number, const std::string& kiosk_id) {
    OnlineResult result;
    if (issuer.endpoint.empty()) {
        result.detail = "no endpoint";
        return result;
    }
    if (std::string why = endpoint_problem(issuer.endpoint); !why.empty()) {
        result.detail = "endpoint " + why;  // never sent in the clear
        return result;
    }
    if (!curl_api().error.empty()) {
        result.detail = "network: " + curl_api().error;
        return result;
    }
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_api().easy_init(), curl_api().easy_cleanup);
    if (!curl) {
        result.detail = "curl cannot start";
        return result;
    }
    CURL* c = curl.get();
    std::string answer, url = issuer.endpoint;
    // The number goes in the body: a URL is kept in logs along the way.
    const std::string body = nlohmann::json{{"number", number}, {"kiosk", kiosk_id}}.dump();
    curl_slist* headers = curl_api().slist_append(nullptr, "Content-Type: application/json");
    curl_api().easy_setopt(c, CURLOPT_POST, 1L);
    curl_api().easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_api().easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    headers = curl_api().slist_append(headers, "Accept: application/json");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, curl_api().slist_free_all);
    curl_api().easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_api().easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_api().easy_setopt(c, CURLOPT_PROTOCOLS_STR,
                           issuer.endpoint.rfind("https://", 0) == 0 ? "https" : "http");
    curl_api().easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe off the main thread
    curl_api().easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(issuer.timeout_ms));
    curl_api().easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(issuer.timeout_ms));
    curl_api().easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_api().easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_api().easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    curl_api().easy_setopt(c, CURLOPT_USERAGENT, "kiosk-pass/1");
    const CURLcode rc = curl_api().easy_perform(c);
    if (rc != CURLE_OK) {
        result.detail = std::string("network: ") + curl_api().easy_strerror(rc);
        return result;
    }
    long status = 0;
    curl_api().easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) {
        result.detail = "HTTP " + std::to_string(status);
        return result;
    }
    const nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("status") || !j["status"].is_string()) {
        result.detail = "answer is not the expected JSON";
        return result;
    }
    const std::string s = j["status"].get<std::string>();
    if (s == "valid")
        result.answer = OnlineAnswer::Valid;
    else if (s == "used")
        result.answer = OnlineAnswer::Used;
    else if (s == "unknown")
        result.answer = OnlineAnswer::Unknown;
    else if (s == "expired")
        result.answer = OnlineAnswer::Expired;
    else {
        result.detail = "unknown status \"" + s + "\"";
        return result;
    }
    if (j.contains("value") && j["value"].is_number() && j.contains("unit") && j["unit"].is_string()) {
        const double v = j["value"].get<double>();
        const std::string unit = j["unit"].get<std::string>();
        if (v >= 0 && v < 1e6) {  // 0: the issuer says it is worth nothing, and the kiosk refuses it
            if (unit == "euros")
                result.value = Value{Unit::Euros, static_cast<std::int64_t>(std::llround(v * 100))};
            else if (unit == "hours")
                result.value = Value{Unit::Hours, static_cast<std::int64_t>(std::llround(v * 60))};
        }
    }
    result.detail = "HTTP 200 " + s;
    return result;
}

}  // namespace kiosk::pass
