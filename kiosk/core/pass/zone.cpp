#include "kiosk/core/pass/zone.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace kiosk::pass {

std::string zone_for_commune(std::string_view code) {
    struct Overseas {
        const char* prefix;
        const char* zone;
    };
    static constexpr Overseas kZones[] = {
        {"971", "America/Guadeloupe"},    {"972", "America/Martinique"}, {"973", "America/Cayenne"},
        {"974", "Indian/Reunion"},        {"975", "America/Miquelon"},   {"976", "Indian/Mayotte"},
        {"977", "America/St_Barthelemy"}, {"978", "America/Marigot"},    {"986", "Pacific/Wallis"},
        {"987", "Pacific/Tahiti"},        {"988", "Pacific/Noumea"},
    };
    for (const Overseas& o : kZones)
        if (code.substr(0, 3) == o.prefix) return o.zone;
    return kMetropolitanZone;
}

bool zone_known(std::string_view zone) {
    if (zone.empty() || zone.size() > 64 || zone.front() == '/') return false;
    for (char c : zone)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
              c == '_' || c == '-' || c == '+'))
            return false;
    if (zone.find("..") != std::string_view::npos) return false;
    const char* dir = std::getenv("TZDIR");
    std::error_code ec;
    return std::filesystem::is_regular_file(
        std::filesystem::path(dir && *dir ? dir : "/usr/share/zoneinfo") / std::string(zone), ec);
}

std::optional<Date> date_in_zone(std::string_view zone, std::chrono::system_clock::time_point now) {
    if (!zone_known(zone)) return std::nullopt;
    static std::mutex mutex;
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    {
        const std::lock_guard<std::mutex> lock(mutex);
        const char* before = std::getenv("TZ");
        const std::string saved = before ? before : "";
        ::setenv("TZ", std::string(zone).c_str(), 1);
        ::tzset();
        localtime_r(&t, &tm);
        if (before)
            ::setenv("TZ", saved.c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
    return Date{std::chrono::year{tm.tm_year + 1900},
                std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)},
                std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
}

}  // namespace kiosk::pass
