#pragma once
// "À propos": a room of its own — its screen, the way to it from home, and how it is drawn.
#include "kiosk/core/journey.hpp"

namespace kiosk::about {

inline constexpr Screen kScreen{"about"};  // who runs the kiosk, data sources and licences

// Nothing to remember, load or decide: only where it stands.
class AboutJourney final : public Journey {
  public:
    const char* name() const override { return "about"; }
    std::vector<Screen> screens() const override { return {kScreen}; }
    std::vector<Route> routes() const override { return {{Screen::Home, kScreen}}; }
    void handle(const Intent&, TimePoint) override {}
};

}  // namespace kiosk::about
