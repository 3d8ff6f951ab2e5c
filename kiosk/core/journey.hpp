#pragma once
// A journey is a room of the kiosk: it owns its screens, the way between them, its content and the citizen's
// state in it. Registered once in the Kiosk, which tells it when one of its screens is entered or left, hands
// it what the person did there (an intent), has it forget the citizen (the wipe) and swap its content.
// Screens never change a journey: they send intents, and the journey decides.
#include <any>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "session.hpp"

namespace kiosk {
namespace outbox {
class Outbox;
}

class Kiosk;
class Translator;

// What a person did on a screen: a stable name ("places.filter.open_now"; its first part names the journey
// that handles it) for logs and the audit journal, and the journey's own payload, if any.
struct Intent {
    std::string name;
    std::any value;
    template <class T>
    const T* as() const {
        return std::any_cast<T>(&value);
    }
};

// Where a journey reads its content from, on a worker.
struct ContentPlace {
    std::filesystem::path content_dir, data_dir;
    std::string kiosk_id;
    const Translator* translator = nullptr;
    std::shared_ptr<outbox::Outbox> outbox;  // the kiosk's one outbox, for journeys that send messages
};

class Journey {
  public:
    virtual ~Journey() = default;
    virtual const char* name() const = 0;             // "places": the first part of its intents' names
    virtual std::vector<Screen> screens() const = 0;  // the screens it owns
    virtual std::vector<Route> routes() const = 0;    // which screen opens which (ev::Open)

    virtual void reset() {}  // the wipe: forget the citizen
    virtual void enter(Screen /*screen*/, Screen /*from*/, TimePoint /*now*/) {
    }                                                                           // one of its screens is shown
    virtual void leave(Screen /*screen*/, Screen /*to*/, TimePoint /*now*/) {}  // … and left for `to`
    virtual void handle(const Intent& intent, TimePoint now) = 0;
    // Reads the journey's content on a worker (so it must change nothing and read only what it was built
    // with) and returns what puts it in place, run on the UI thread; empty when the journey has no content.
    virtual std::function<void()> swap(const ContentPlace& /*from*/) { return {}; }

    bool owns(Screen s) const;
    Kiosk& kiosk() const { return *kiosk_; }
    bool registered() const { return kiosk_ != nullptr; }  // added to a Kiosk (journeys can be used alone)

  private:
    friend class Kiosk;
    Kiosk* kiosk_ = nullptr;  // set when registered
};

}  // namespace kiosk
