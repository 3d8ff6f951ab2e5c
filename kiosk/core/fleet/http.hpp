#pragma once
// HTTP for the fleet client through libcurl (curl_api: opened at first use): JSON requests to the DDI server
// and downloads that resume (Range) and check DDI's sha256. Synchronous: it runs on a task, never on the UI
// thread; a Task's cancellation stops a transfer within a fraction of a second.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/tasks.hpp"

namespace kiosk::fleet {

struct HttpOptions {
    std::string target_token;   // Authorization: TargetToken <token> (DDI), "" = none
    std::string gateway_token;  // Authorization: GatewayToken <token>, when no target token
    // Mutual TLS (through a reverse proxy in front of hawkBit): client certificate, its key, the CA bundle.
    std::string client_cert, client_key, ca_file;
    long timeout_ms = 15000;      // a whole JSON request
    long low_speed_seconds = 30;  // a download slower than 1 byte/s for this long is stopped (resumed later)
    std::string user_agent = "kiosk-fleet/1";
};

struct HttpResponse {
    long status = 0;  // 0: no answer (network), see `error`
    std::string body;
    std::string etag;   // ETag header, quotes kept
    std::string error;  // network error, "" when an answer came
    bool ok() const { return status >= 200 && status < 300; }
};

class FleetHttp {
  public:
    explicit FleetHttp(HttpOptions options) : options_(std::move(options)) {}
    // A request with a JSON body (empty: none). `extra_headers`: "Name: value" lines.
    HttpResponse request(const std::string& method, const std::string& url, const std::string& json_body = "",
                         const std::vector<std::string>& extra_headers = {},
                         const Task* task = nullptr) const;

    struct Download {
        bool ok = false;
        bool cancelled = false;
        bool resumed = false;     // started from a partial file
        std::uint64_t bytes = 0;  // size of the file now
        std::string error;        // English, one line
    };
    // Downloads `url` into `file`, resuming from a partial `file` (Range: bytes=<size>-); restarts from 0
    // when the server ignores the range. Checks `size` (when not 0) and `sha256` (when not empty): a file
    // whose hash is wrong is removed. Space must be checked by the caller first (free_bytes). `keep_going`
    // is asked now and then during the transfer (the DDI client polls for a cancel there): false stops it.
    Download download(const std::string& url, const std::filesystem::path& file, std::uint64_t size,
                      const std::string& sha256, const Task* task = nullptr,
                      const std::function<bool()>& keep_going = {}) const;

    const HttpOptions& options() const { return options_; }

  private:
    HttpOptions options_;
};

// http:// only to the machine itself (tests, a proxy on the kiosk); everything else must be https://.
bool acceptable_fleet_url(const std::string& url);

}  // namespace kiosk::fleet
