// Every journey of the kiosk, once each: its model into the Kiosk, its screens into the App. Adding a journey
// touches its own folders and one line of this list.
#include "app.hpp"

namespace kiosk::ui {

#define KIOSK_ROOMS(ROOM) \
    ROOM(about)           \
    ROOM(agent)           \
    ROOM(booking)         \
    ROOM(diagnostic)      \
    ROOM(pass)            \
    ROOM(places)

#define KIOSK_DECLARE_ROOM(name) void add_##name##_room(Kiosk& kiosk, App& app);
KIOSK_ROOMS(KIOSK_DECLARE_ROOM)

void add_rooms(Kiosk& kiosk, App& app) {
#define KIOSK_ADD_ROOM(name) add_##name##_room(kiosk, app);
    KIOSK_ROOMS(KIOSK_ADD_ROOM)
}

}  // namespace kiosk::ui
