#pragma once
// libcurl, opened the first time something goes online (the pass check, the outbox), not at start: it brings
// TLS, HTTP/2, LDAP and Kerberos with it, megabytes of memory that most kiosks (offline checks only) never
// need.
#include <curl/curl.h>

#include <string>

namespace kiosk {

struct CurlApi {
    decltype(&::curl_easy_init) easy_init = nullptr;
    decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&::curl_easy_setopt) easy_setopt = nullptr;
    decltype(&::curl_easy_perform) easy_perform = nullptr;
    decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&::curl_easy_strerror) easy_strerror = nullptr;
    decltype(&::curl_slist_append) slist_append = nullptr;
    decltype(&::curl_slist_free_all) slist_free_all = nullptr;
    std::string error;  // why libcurl cannot be used ("" = every function is there, curl_global_init done)
};

// Opened and initialised once, thread-safe.
const CurlApi& curl_api();

}  // namespace kiosk
