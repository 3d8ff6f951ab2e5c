#pragma once
// One HTTP exchange with libcurl (opened at run time, kiosk/core/curl_api.hpp), blocking: called from tasks
// and outbox senders only, never on the UI thread. Only https://, or http:// to the loopback address (tests,
// a local relay), as the outbox's sender accepts (outbox::acceptable_url). The body is bounded (1 MiB).
#include <string>
#include <vector>

namespace kiosk::booking {

struct HttpResult {
    bool reached = false;  // an HTTP answer came back whole (false: network failure, timeout, cut body)
    long status = 0;
    std::string body, etag, error;  // error: why it was not reached ("network: Timeout was reached")
    bool ok() const { return reached && status >= 200 && status < 300; }
    // Worth trying again later: not reached, or 408, 425, 429, 5xx.
    bool transient() const {
        return !reached || status == 408 || status == 425 || status == 429 || status >= 500;
    }
};

HttpResult http_call(const std::string& method, const std::string& url,
                     const std::vector<std::string>& headers, const std::string& body = {},
                     long timeout_ms = 5000);

}  // namespace kiosk::booking
