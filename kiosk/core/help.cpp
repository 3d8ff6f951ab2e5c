#include "help.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

namespace kiosk {

std::string iso_utc_time(WallTime at) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return date;
}

std::vector<outbox::NewMessage> help_messages(const Config& config, const HelpCall& call) {
    std::vector<outbox::NewMessage> out;
    const std::string when = iso_utc_time(call.at);
    if (!config.help_webhook.empty()) {
        const nlohmann::json body = {{"type", "help.request"},   {"version", 1},
                                     {"request", call.id},       {"kiosk", config.kiosk_id},
                                     {"site", config.site_name}, {"commune", config.commune_code},
                                     {"screen", call.screen},    {"at", when}};
        out.push_back({"help.webhook", call.id + ":webhook", body.dump()});
    }
    if (!config.help_matrix_room.empty()) {
        // Matrix clients show the event's time in the agent's own zone: the text does not repeat it.
        const std::string text = "Besoin d'aide à la borne « " + config.site_name + " » (" + config.kiosk_id +
                                 "). Écran : " + call.screen + ".";
        const nlohmann::json body = {{"msgtype", "m.text"}, {"body", text}};
        out.push_back({"help.matrix", call.id + ":matrix", body.dump()});
    }
    return out;
}

}  // namespace kiosk
