// kiosk-admin: the few things an operator prepares for a kiosk by hand.
#include <cstdio>
#include <iostream>
#include <string>

#include "kiosk/core/agent_gate.hpp"
#include "kiosk/core/config.hpp"

int main(int argc, char** argv) {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "hash-pin" && argc == 3) {
        const std::string pin = argv[2];
        if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
            std::fprintf(stderr, "kiosk-admin: a PIN is 4 to 12 digits\n");
            return 2;
        }
        std::printf("%s\n", kiosk::AgentGate::hash_pin(pin).c_str());
        return 0;
    }
    if (cmd == "check-config" && argc == 3) {
        kiosk::ConfigResult r = kiosk::load_config(argv[2]);
        for (const auto& e : r.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
        if (r.ok()) std::printf("%s: OK\n", argv[2]);
        return r.ok() ? 0 : 1;
    }
    std::fprintf(stderr,
                 "usage: kiosk-admin hash-pin PIN        print the [agent] pin_hash for a PIN\n"
                 "       kiosk-admin check-config FILE   validate a configuration file\n");
    return 2;
}
