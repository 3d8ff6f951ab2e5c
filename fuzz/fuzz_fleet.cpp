// libFuzzer target: what the fleet client reads from outside: a hawkBit controller answer, a deployment, a
// bundle manifest, the sleep "HH:MM:SS". Never a crash, every rejection a message.
#include "fuzz_support.hpp"
#include "kiosk/core/fleet/bundle.hpp"
#include "kiosk/core/fleet/ddi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    const std::string text(kiosk::fuzz::as_text(data, size));
    std::string error;
    if (auto links = kiosk::fleet::parse_controller_base(text, error)) (void)links->deployment.size();
    if (auto d = kiosk::fleet::parse_deployment(text, error)) (void)d->artifacts.size();
    if (auto m = kiosk::fleet::Manifest::parse(text, error)) (void)m->to_json();
    (void)kiosk::fleet::parse_sleep(text);
    return 0;
}
