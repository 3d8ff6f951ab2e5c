#include "kiosk/core/booking/http_call.hpp"

#include <curl/curl.h>

#include <cctype>
#include <memory>

#include "kiosk/core/curl_api.hpp"
#include "kiosk/core/outbox_http.hpp"

namespace kiosk::booking {
namespace {

constexpr std::size_t kMaxBody = 1u << 20;

struct Sink {
    std::string body, etag;
    bool too_long = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    if (s->body.size() + size * n > kMaxBody) {
        s->too_long = true;
        return 0;  // curl stops with CURLE_WRITE_ERROR
    }
    s->body.append(data, size * n);
    return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    std::string line(data, size * n);
    if (line.size() > 5) {
        std::string name = line.substr(0, 5);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "etag:") {
            std::string v = line.substr(5);
            while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
            while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
            s->etag = v;
        }
    }
    return size * n;
}

}  // namespace

HttpResult http_call(const std::string& method, const std::string& url,
                     const std::vector<std::string>& headers, const std::string& body, long timeout_ms) {
    HttpResult r;
    if (!outbox::acceptable_url(url)) {
        r.error = "the URL must be https:// (" + url + ")";
        return r;
    }
    const CurlApi& api = curl_api();
    if (!api.error.empty()) {
        r.error = api.error;
        return r;
    }
    std::unique_ptr<CURL, void (*)(CURL*)> curl(api.easy_init(), api.easy_cleanup);
    if (!curl) {
        r.error = "curl cannot start";
        return r;
    }
    CURL* c = curl.get();
    curl_slist* list = nullptr;
    for (const std::string& h : headers) {
        std::string safe;
        for (char ch : h)
            if (ch != '\r' && ch != '\n') safe += ch;
        list = api.slist_append(list, safe.c_str());
    }
    list = api.slist_append(list, "Expect:");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(list, api.slist_free_all);
    Sink sink;
    api.easy_setopt(c, CURLOPT_URL, url.c_str());
    api.easy_setopt(c, CURLOPT_HTTPHEADER, list);
    if (method == "POST" || method == "PUT" || method == "PATCH") {
        api.easy_setopt(c, CURLOPT_POST, 1L);
        api.easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
        api.easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    if (method != "GET" && method != "POST") api.easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    api.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    api.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    api.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    api.easy_setopt(c, CURLOPT_HEADERDATA, &sink);
    api.easy_setopt(c, CURLOPT_USERAGENT, "kiosk-booking/1");
    const CURLcode rc = api.easy_perform(c);
    if (rc != CURLE_OK) {
        r.error =
            sink.too_long ? std::string("answer too long") : std::string("network: ") + api.easy_strerror(rc);
        return r;
    }
    api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    r.reached = true;
    r.body = std::move(sink.body);
    r.etag = std::move(sink.etag);
    return r;
}

}  // namespace kiosk::booking
