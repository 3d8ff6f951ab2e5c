#include "kiosk/core/outbox_http.hpp"

#include "kiosk/core/curl_api.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace kiosk::outbox {
namespace {

size_t discard(char*, size_t size, size_t n, void*) {
    return size * n;
}

// A header value must not carry a line break (it would start another header).
std::string header_safe(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

}  // namespace

bool acceptable_url(const std::string& url) {
    if (url.rfind("https://", 0) == 0) return url.size() > 8;
    for (const char* local : {"http://127.0.0.1:", "http://127.0.0.1/", "http://[::1]:", "http://[::1]/",
                              "http://localhost:", "http://localhost/"})
        if (url.rfind(local, 0) == 0) return true;
    return false;
}

std::string url_escape(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

MatrixSender::MatrixSender(std::string homeserver, std::string room_id, std::string access_token,
                           long timeout_ms)
    : HttpSender({}, timeout_ms, "PUT", std::move(access_token)),
      homeserver_(std::move(homeserver)),
      room_(std::move(room_id)) {
    while (!homeserver_.empty() && homeserver_.back() == '/') homeserver_.pop_back();
}

std::string MatrixSender::url_for(const Message& message) const {
    return homeserver_ + "/_matrix/client/v3/rooms/" + url_escape(room_) + "/send/m.room.message/" +
           url_escape(message.key);
}

void RoutedSender::route(std::string kind, std::unique_ptr<Sender> sender) {
    routes_[std::move(kind)] = std::move(sender);
}

Delivery RoutedSender::deliver(const Message& message) {
    auto it = routes_.find(message.kind);
    if (it != routes_.end()) return it->second->deliver(message);
    if (fallback_) return fallback_->deliver(message);
    return {Outcome::Retry, "no server for the kind \"" + message.kind + "\""};
}

Delivery HttpSender::deliver(const Message& message) {
    const std::string url = url_for(message);
    if (!acceptable_url(url)) return {Outcome::Retry, "the URL must be https:// (" + url + ")"};
    const CurlApi& api = curl_api();
    if (!api.error.empty()) return {Outcome::Retry, api.error};
    std::unique_ptr<CURL, void (*)(CURL*)> curl(api.easy_init(), api.easy_cleanup);
    if (!curl) return {Outcome::Retry, "curl cannot start"};
    CURL* c = curl.get();
    curl_slist* headers = nullptr;
    headers = api.slist_append(headers, "Content-Type: application/json");
    headers = api.slist_append(headers, ("Idempotency-Key: " + header_safe(message.key)).c_str());
    headers = api.slist_append(headers, ("X-Kiosk-Message-Kind: " + header_safe(message.kind)).c_str());
    headers = api.slist_append(headers, "Expect:");  // no 100-continue round trip
    if (!bearer_.empty())
        headers = api.slist_append(headers, ("Authorization: Bearer " + header_safe(bearer_)).c_str());
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, api.slist_free_all);
    api.easy_setopt(c, CURLOPT_URL, url.c_str());
    api.easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    api.easy_setopt(c, CURLOPT_POST, 1L);
    if (method_ != "POST") api.easy_setopt(c, CURLOPT_CUSTOMREQUEST, method_.c_str());
    api.easy_setopt(c, CURLOPT_POSTFIELDS, message.payload.c_str());
    api.easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(message.payload.size()));
    api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms_);
    api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms_);
    api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    api.easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    api.easy_setopt(c, CURLOPT_USERAGENT, "kiosk-outbox/1");
    const CURLcode rc = api.easy_perform(c);
    if (rc != CURLE_OK) return {Outcome::Retry, std::string("network: ") + api.easy_strerror(rc)};
    long status = 0;
    api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    const std::string detail = "HTTP " + std::to_string(status);
    if (status >= 200 && status < 300) return {Outcome::Sent, detail};
    if (status == 408 || status == 425 || status == 429 || status >= 500) return {Outcome::Retry, detail};
    return {Outcome::Permanent, detail};
}

}  // namespace kiosk::outbox
