#include "kiosk/core/fleet/http.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "kiosk/core/curl_api.hpp"
#include "kiosk/core/fleet/bundle.hpp"

namespace fs = std::filesystem;

namespace kiosk::fleet {
namespace {

std::string header_safe(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

struct Transfer {
    const CurlApi* api = nullptr;
    CURL* curl = nullptr;
    std::string body;
    std::string etag;
    const Task* task = nullptr;
    const std::function<bool()>* keep_going = nullptr;
    // download
    int fd = -1;
    bool resumed = false;
    bool started = false;
    bool refused = false;  // an error status: the body is not the file
    std::string write_error;
};

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string line(data, size * n);
    if (line.size() > 5 && (line.compare(0, 5, "ETag:") == 0 || line.compare(0, 5, "etag:") == 0)) {
        std::string v = line.substr(5);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
        v.erase(0, v.find_first_not_of(' '));
        t->etag = v;
    }
    return size * n;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t len = size * n;
    if (t->fd < 0) {
        if (t->body.size() + len > (8u << 20)) return 0;  // a JSON answer is small
        t->body.append(data, len);
        return len;
    }
    if (!t->started) {
        t->started = true;
        long status = 0;
        t->api->easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
        if (status == 200 && t->resumed) {  // the server ignored the range: start again from 0
            if (::ftruncate(t->fd, 0) != 0 || ::lseek(t->fd, 0, SEEK_SET) != 0) return 0;
            t->resumed = false;
        } else if (status != 200 && status != 206) {
            t->refused = true;
        }
    }
    if (t->refused) {
        if (t->body.size() < 4096) t->body.append(data, std::min<size_t>(len, 4096));
        return len;
    }
    size_t done = 0;
    while (done < len) {
        const ssize_t w = ::write(t->fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            t->write_error = std::strerror(errno);
            return 0;  // stops the transfer: CURLE_WRITE_ERROR
        }
        done += static_cast<size_t>(w);
    }
    return len;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (t->task && t->task->cancelled()) return 1;
    return t->keep_going && *t->keep_going && !(*t->keep_going)() ? 1 : 0;
}

void common_options(const CurlApi& api, CURL* c, const HttpOptions& o, Transfer& t) {
    api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(o.timeout_ms, 10000L));
    api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);  // artifact stores redirect to a CDN
    api.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    api.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    api.easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
    api.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    api.easy_setopt(c, CURLOPT_HEADERDATA, &t);
    api.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    api.easy_setopt(c, CURLOPT_WRITEDATA, &t);
    api.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    api.easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    if (!o.client_cert.empty()) api.easy_setopt(c, CURLOPT_SSLCERT, o.client_cert.c_str());
    if (!o.client_key.empty()) api.easy_setopt(c, CURLOPT_SSLKEY, o.client_key.c_str());
    if (!o.ca_file.empty()) api.easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
}

curl_slist* auth_headers(const CurlApi& api, const HttpOptions& o, curl_slist* h) {
    if (!o.target_token.empty())
        h = api.slist_append(h, ("Authorization: TargetToken " + header_safe(o.target_token)).c_str());
    else if (!o.gateway_token.empty())
        h = api.slist_append(h, ("Authorization: GatewayToken " + header_safe(o.gateway_token)).c_str());
    return h;
}

}  // namespace

bool acceptable_fleet_url(const std::string& url) {
    if (url.rfind("https://", 0) == 0) return url.size() > 8;
    for (const char* local : {"http://127.0.0.1:", "http://127.0.0.1/", "http://[::1]:", "http://localhost:"})
        if (url.rfind(local, 0) == 0) return true;
    return false;
}

HttpResponse FleetHttp::request(const std::string& method, const std::string& url,
                                const std::string& json_body, const std::vector<std::string>& extra_headers,
                                const Task* task) const {
    HttpResponse r;
    if (!acceptable_fleet_url(url)) {
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
    Transfer t;
    t.api = &api;
    t.curl = c;
    t.task = task;
    curl_slist* h = api.slist_append(nullptr, "Accept: application/hal+json, application/json");
    h = api.slist_append(h, "Expect:");
    bool typed = false;  // a caller's own Content-Type (a PNG upload)
    for (const std::string& line : extra_headers) typed = typed || line.rfind("Content-Type:", 0) == 0;
    if (!json_body.empty() && !typed) h = api.slist_append(h, "Content-Type: application/json");
    for (const std::string& line : extra_headers) h = api.slist_append(h, header_safe(line).c_str());
    h = auth_headers(api, options_, h);
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(h, api.slist_free_all);
    common_options(api, c, options_, t);
    api.easy_setopt(c, CURLOPT_URL, url.c_str());
    api.easy_setopt(c, CURLOPT_HTTPHEADER, h);
    api.easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
    if (method == "GET") {
        api.easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        api.easy_setopt(c, CURLOPT_POST, 1L);
        if (method != "POST") api.easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
        api.easy_setopt(c, CURLOPT_POSTFIELDS, json_body.c_str());
        api.easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(json_body.size()));
    }
    const CURLcode rc = api.easy_perform(c);
    if (rc != CURLE_OK) {
        r.error = std::string("network: ") + api.easy_strerror(rc);
        return r;
    }
    api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    r.body = std::move(t.body);
    r.etag = std::move(t.etag);
    return r;
}

FleetHttp::Download FleetHttp::download(const std::string& url, const fs::path& file, std::uint64_t size,
                                        const std::string& sha256, const Task* task,
                                        const std::function<bool()>& keep_going) const {
    Download d;
    if (!acceptable_fleet_url(url)) {
        d.error = "the URL must be https:// (" + url + ")";
        return d;
    }
    const CurlApi& api = curl_api();
    if (!api.error.empty()) {
        d.error = api.error;
        return d;
    }
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    auto check = [&]() {
        d.bytes = fs::file_size(file, ec);
        if (size && d.bytes != size) {
            d.error = "size " + std::to_string(d.bytes) + " instead of " + std::to_string(size);
            return false;
        }
        if (!sha256.empty() && sha256_file(file) != sha256) {
            d.error = "sha256 does not match: the file is removed";
            fs::remove(file, ec);
            d.bytes = 0;
            return false;
        }
        return true;
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::uint64_t have = fs::exists(file, ec) ? fs::file_size(file, ec) : 0;
        if (size && have == size) {  // complete already (a kill after the last byte)
            if (check()) {
                d.ok = true;
                return d;
            }
            continue;  // bad: removed, fetched again
        }
        if (size && have > size) {
            fs::remove(file, ec);
            have = 0;
        }
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0) {
            d.error = file.string() + ": " + std::strerror(errno);
            return d;
        }
        std::unique_ptr<CURL, void (*)(CURL*)> curl(api.easy_init(), api.easy_cleanup);
        Transfer t;
        t.api = &api;
        t.curl = curl.get();
        t.task = task;
        t.fd = fd;
        t.keep_going = &keep_going;
        t.resumed = have > 0;
        d.resumed = d.resumed || have > 0;
        curl_slist* h = auth_headers(api, options_, nullptr);
        std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(h, api.slist_free_all);
        CURL* c = curl.get();
        common_options(api, c, options_, t);
        api.easy_setopt(c, CURLOPT_URL, url.c_str());
        if (h) api.easy_setopt(c, CURLOPT_HTTPHEADER, h);
        api.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
        api.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options_.low_speed_seconds);
        if (have > 0) api.easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(have));
        const CURLcode rc = api.easy_perform(c);
        long status = 0;
        api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        const bool synced = ::fsync(fd) == 0;
        ::close(fd);
        if (rc == CURLE_ABORTED_BY_CALLBACK) {
            d.cancelled = true;
            d.error = "cancelled";
            d.bytes = fs::file_size(file, ec);
            return d;
        }
        if (status == 416 && have > 0) {  // the range is past the end: the partial file is not this one
            fs::remove(file, ec);
            continue;
        }
        if (rc != CURLE_OK) {
            d.error = !t.write_error.empty() ? "cannot write " + file.string() + ": " + t.write_error
                                             : std::string("network: ") + api.easy_strerror(rc);
            d.bytes = fs::file_size(file, ec);  // kept: the next attempt resumes
            return d;
        }
        if (t.refused || (status != 200 && status != 206)) {
            d.error = "HTTP " + std::to_string(status);
            return d;
        }
        if (!synced) {
            d.error = "cannot write " + file.string() + " to disk";
            return d;
        }
        if (check()) {
            d.ok = true;
            return d;
        }
        if (d.error.find("sha256") == std::string::npos) return d;
    }
    return d;
}

}  // namespace kiosk::fleet
