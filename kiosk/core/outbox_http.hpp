#pragma once
// Delivers outbox messages to a fleet server over HTTP(S) with libcurl (opened at run time, as the online
// check does): POST <url>, the payload as the body (Content-Type: application/json), the message's key in
// `Idempotency-Key` and its kind in `X-Kiosk-Message-Kind`, so that a message delivered twice (at least
// once: a kiosk killed after the server answered) is recorded once.
// Answer: 2xx = sent; 408, 425, 429, 5xx and any network failure = retry later; other statuses = permanent.
// Only https:// is accepted, except http:// to the loopback address (tests, a local relay).
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "kiosk/core/outbox.hpp"

namespace kiosk::outbox {

class HttpSender : public Sender {
  public:
    // `method`: "POST" or "PUT"; `bearer`: a token sent as `Authorization: Bearer …` ("" = none).
    explicit HttpSender(std::string url, long timeout_ms = 5000, std::string method = "POST",
                        std::string bearer = {})
        : url_(std::move(url)),
          timeout_ms_(timeout_ms),
          method_(std::move(method)),
          bearer_(std::move(bearer)) {}
    Delivery deliver(const Message& message) override;

  protected:
    virtual std::string url_for(const Message&) const { return url_; }

  private:
    std::string url_;
    long timeout_ms_;
    std::string method_, bearer_;
};

// Sends each message's payload (an m.room.message event's content, JSON) to a Matrix room through the
// client-server API, as Tchap and every Matrix server take it:
//     PUT {homeserver}/_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}
// with `Authorization: Bearer {access token}`; the transaction id is the message's idempotency key, so a
// message delivered twice is one event in the room (the server deduplicates by txnId).
class MatrixSender final : public HttpSender {
  public:
    MatrixSender(std::string homeserver, std::string room_id, std::string access_token,
                 long timeout_ms = 5000);

  protected:
    std::string url_for(const Message& message) const override;

  private:
    std::string homeserver_, room_;
};

// Routes messages by kind to their own sender (help requests to the webhook and to Matrix), everything
// else to `fallback` (the fleet's URL); null fallback: those are retried later.
class RoutedSender final : public Sender {
  public:
    explicit RoutedSender(std::unique_ptr<Sender> fallback) : fallback_(std::move(fallback)) {}
    void route(std::string kind, std::unique_ptr<Sender> sender);
    Delivery deliver(const Message& message) override;
    bool empty() const { return !fallback_ && routes_.empty(); }

  private:
    std::unique_ptr<Sender> fallback_;
    std::map<std::string, std::unique_ptr<Sender>, std::less<>> routes_;
};

std::string url_escape(std::string_view text);  // RFC 3986: everything but unreserved characters

// Whether the URL may carry messages: https://, or http:// to 127.0.0.1, [::1] or localhost.
bool acceptable_url(const std::string& url);

}  // namespace kiosk::outbox
