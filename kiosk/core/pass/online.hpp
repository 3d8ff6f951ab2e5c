#pragma once
// Online confirmation of an opaque cheque number with its issuer (libcurl, short timeout).
//
// Request:  POST <endpoint>  {"number": "<digits>", "kiosk": "<kiosk id>"}   (Content-Type: application/json)
//           The number is in the body, never in the URL (URLs end up in proxies' and servers' logs), and only
//           over https:// — http:// is accepted for a service on this machine only (127.0.0.0/8, ::1,
//           localhost).
// Answer:   HTTP 200, JSON {"status": "valid" | "used" | "unknown" | "expired",
//                           "value": 10, "unit": "euros" | "hours"}      (value and unit optional)
// Anything else — timeout, no network, another HTTP status, unreadable JSON — is Unreachable: the cheque is
// then recorded "à confirmer", never refused for that. The call blocks up to the issuer's timeout_ms: run it
// off the UI thread.
#include <optional>
#include <string>

#include "kiosk/core/pass/payload.hpp"
#include "kiosk/core/pass/registry.hpp"

namespace kiosk::pass {

enum class OnlineAnswer { Valid, Used, Unknown, Expired, Unreachable };

struct OnlineResult {
    OnlineAnswer answer = OnlineAnswer::Unreachable;
    std::optional<Value> value;
    std::string detail;  // for logs: curl error, HTTP status, JSON problem
};

// Why an endpoint cannot be used ("" when it can): https://, or http:// to a loopback address.
std::string endpoint_problem(std::string_view url);

OnlineResult confirm_online(const Issuer& issuer, const std::string& number, const std::string& kiosk_id);

}  // namespace kiosk::pass
