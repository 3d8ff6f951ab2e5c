#include "kiosk/core/curl_api.hpp"

#include <dlfcn.h>

#include <type_traits>

namespace kiosk {

const CurlApi& curl_api() {
    static const CurlApi api = [] {
        CurlApi a;
        void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            a.error = std::string("libcurl is not installed (") + dlerror() + ")";
            return a;
        }
        auto get = [&](auto& fn, const char* name) {
            fn = reinterpret_cast<std::decay_t<decltype(fn)>>(dlsym(lib, name));
        };
        decltype(&::curl_global_init) global_init = nullptr;
        get(global_init, "curl_global_init");
        get(a.easy_init, "curl_easy_init");
        get(a.easy_cleanup, "curl_easy_cleanup");
        get(a.easy_setopt, "curl_easy_setopt");
        get(a.easy_perform, "curl_easy_perform");
        get(a.easy_getinfo, "curl_easy_getinfo");
        get(a.easy_strerror, "curl_easy_strerror");
        get(a.slist_append, "curl_slist_append");
        get(a.slist_free_all, "curl_slist_free_all");
        if (!global_init || !a.easy_init || !a.easy_cleanup || !a.easy_setopt || !a.easy_perform ||
            !a.easy_getinfo || !a.easy_strerror || !a.slist_append || !a.slist_free_all)
            a.error = "libcurl.so.4 lacks a function the kiosk needs";
        else
            global_init(CURL_GLOBAL_DEFAULT);  // once: the static's initialisation is thread-safe
        return a;
    }();
    return api;
}

}  // namespace kiosk
