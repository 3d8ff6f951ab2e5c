// kiosk-admin: the few things an operator prepares for a kiosk by hand.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>
#include <iostream>
#include <string>

#include "kiosk/core/agent_gate.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"

int main(int argc, char** argv) {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "hash-pin" && argc == 3) {
        const std::string pin = argv[2];
        if (pin.size() < 4 || pin.size() > 16 || pin.find_first_not_of("0123456789") != std::string::npos) {
            std::fprintf(stderr, "kiosk-admin: a PIN is 4 to 16 digits\n");
            return 2;
        }
        if (pin.size() < 6) std::fprintf(stderr, "kiosk-admin: a PIN of 6 digits or more is recommended\n");
        std::printf("%s\n", kiosk::AgentGate::hash_pin(pin).c_str());
        return 0;
    }
    if (cmd == "bench-pin") {
        // What an agent waits for at each PIN check (and what an attacker pays per guess), on this machine.
        kiosk::log::set_min_level(kiosk::log::Level::Warning);
        const std::string hash = kiosk::AgentGate::hash_pin("246813");
        std::vector<double> ms, cpu;
        for (int i = 0; i < 5; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const std::clock_t c0 = std::clock();
            kiosk::AgentGate gate(hash, 100, std::chrono::seconds(60));
            gate.check("246813", {});
            cpu.push_back(1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC);
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpu.begin(), cpu.end());
        // CPU time is what one core spends (the figure on an idle kiosk); wall time grows when the machine is
        // busy.
        std::printf(
            "PIN check (%s): median %.0f ms CPU, %.0f ms wall (wall min %.0f, max %.0f) over %zu runs\n",
            kiosk::AgentGate::hash_parameters(), cpu[cpu.size() / 2], ms[ms.size() / 2], ms.front(),
            ms.back(), ms.size());
        return 0;
    }
    if (cmd == "check-config" && argc == 3) {
        kiosk::ConfigResult r = kiosk::load_config(argv[2]);
        for (const auto& e : r.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
        if (r.ok()) std::printf("%s: OK\n", argv[2]);
        return r.ok() ? 0 : 1;
    }
    std::fprintf(stderr,
                 "usage: kiosk-admin hash-pin PIN        print the [agent] pin_hash for a PIN (4 to 16 "
                 "digits, 6+ recommended)\n"
                 "       kiosk-admin bench-pin           time one PIN check on this machine\n"
                 "       kiosk-admin check-config FILE   validate a configuration file\n");
    return 2;
}
