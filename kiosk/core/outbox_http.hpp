#pragma once
// Delivers outbox messages to a fleet server over HTTP(S) with libcurl (opened at run time, as the online
// check does): POST <url>, the payload as the body (Content-Type: application/json), the message's key in
// `Idempotency-Key` and its kind in `X-Kiosk-Message-Kind`, so that a message delivered twice (at least
// once: a kiosk killed after the server answered) is recorded once.
// Answer: 2xx = sent; 408, 425, 429, 5xx and any network failure = retry later; other statuses = permanent.
// Only https:// is accepted, except http:// to the loopback address (tests, a local relay).
#include <string>

#include "kiosk/core/outbox.hpp"

namespace kiosk::outbox {

class HttpSender : public Sender {
  public:
    explicit HttpSender(std::string url, long timeout_ms = 5000)
        : url_(std::move(url)), timeout_ms_(timeout_ms) {}
    Delivery deliver(const Message& message) override;

  private:
    std::string url_;
    long timeout_ms_;
};

// Whether the URL may carry messages: https://, or http:// to 127.0.0.1, [::1] or localhost.
bool acceptable_url(const std::string& url);

}  // namespace kiosk::outbox
