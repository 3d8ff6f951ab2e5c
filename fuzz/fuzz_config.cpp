// libFuzzer target: the kiosk's configuration file (kiosk.toml), parsed and validated as at start.
#include "fuzz_support.hpp"
#include "kiosk/core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    const kiosk::ConfigResult r =
        kiosk::parse_config(kiosk::fuzz::as_text(data, size), kiosk::fuzz::scratch_dir(), "kiosk.toml");
    for (const kiosk::ConfigError& e : r.errors) (void)e.to_string();
    return 0;
}
