#pragma once
// "Besoin d'aide ? Appeler un agent": a citizen's call for help, from any citizen screen. The journey stays
// where it is; the kiosk says "Un agent arrive" and sends, through the outbox (so that a dead network only
// delays it), one message per configured channel:
//   - `help.webhook`: a JSON document POSTed to [help] webhook (documented in docs/help-webhook.md);
//   - `help.matrix`: an m.room.message to [help] matrix_room through the Matrix client-server API (Tchap).
// Nothing personal is sent: the kiosk, its site, the screen and the time. The call stays pending until an
// agent unlocks the kiosk and closes it (journaled), or the citizen's session ends.
#include <chrono>
#include <string>
#include <vector>

#include "config.hpp"
#include "outbox.hpp"
#include "wall_clock.hpp"

namespace kiosk {

struct HelpCall {
    std::string id;      // "help:<kiosk>:<ms since 1970>", the messages' idempotency keys start with it
    std::string screen;  // where the citizen was: "places.results"
    WallTime at;         // when
};

// The outbox messages of a call, one per configured channel (none when [help] is empty).
std::vector<outbox::NewMessage> help_messages(const Config& config, const HelpCall& call);
// "2026-11-24T09:00:00Z": the call's time in UTC, as the webhook sends it.
std::string iso_utc_time(WallTime at);

}  // namespace kiosk
