// libFuzzer target: the issuer registry (content/pass/issuers.toml), then the offline verdict of numbers of
// every length an issuer could be typed with, against what was read (key files resolve in content/pass).
#include <chrono>

#include "fuzz_support.hpp"
#include "kiosk/core/pass/checker.hpp"
#include "kiosk/core/pass/registry.hpp"

using namespace kiosk::pass;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    const RegistryResult r = parse_registry(kiosk::fuzz::as_text(data, size),
                                            kiosk::fuzz::source_dir() / "content/pass", "issuers.toml");
    for (const kiosk::ConfigError& e : r.errors) (void)e.to_string();
    const Checker checker(r.registry, nullptr, {.kiosk_id = "fuzz", .online = false});
    const Date today{std::chrono::year{2025}, std::chrono::June, std::chrono::day{1}};
    for (const Issuer& issuer : r.registry.issuers) {
        if (issuer.kind != IssuerKind::Cheque) continue;
        // The issuer's prefix, then digits, from 1 digit to a few more than the issuer's length.
        const int longest = std::min(std::max(issuer.length, 0), 40) + 3;
        for (int n = 1; n <= longest; ++n) {
            std::string number = issuer.prefix.substr(0, std::size_t(n));
            while (number.size() < std::size_t(n)) number += char('0' + number.size() % 10);
            (void)checker.check_on(number, today);
        }
    }
    return 0;
}
