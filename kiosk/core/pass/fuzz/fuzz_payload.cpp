// libFuzzer target for the pass numérique payload parser and the verdict path that reads untrusted text.
// Build: see content/pass/README.md (option KIOSK_FUZZ, clang -fsanitize=fuzzer,address,undefined).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/core/log.hpp"
#include "kiosk/core/pass/checker.hpp"
#include "kiosk/core/pass/payload.hpp"

using namespace kiosk::pass;

namespace {
const Registry& registry() {
    static const Registry reg = [] {
        Registry r;
        Issuer demo;
        demo.id = "demo";
        demo.name = "Demo";
        demo.kind = IssuerKind::Signed;
        demo.code = 1;
        demo.public_keys.push_back(keypair_from_seed({}).public_key);
        r.issuers.push_back(demo);
        Issuer cheque;
        cheque.id = "aptic";
        cheque.name = "#APTIC";
        cheque.kind = IssuerKind::Cheque;
        cheque.length = 12;
        cheque.prefix = "7";
        cheque.check = CheckDigit::Luhn;
        cheque.year_offset = 1;
        cheque.tolerance_days = 31;
        r.issuers.push_back(cheque);
        return r;
    }();
    return reg;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = (kiosk::log::set_min_level(kiosk::log::Level::Error), true);
    (void)quiet;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto p = parse_payload(text)) {
        (void)verify_payload(*p, registry().issuers[0].public_keys[0]);
        if (p->pass.valid_from() > p->pass.valid_until()) __builtin_trap();
    }
    (void)base64url_decode(text);
    (void)looks_like_signed_pass(text);
    // The whole offline verdict path (no journal: never touches a disk; no endpoint: never the network).
    static const Checker checker(registry(), nullptr, {.kiosk_id = "fuzz", .online = false});
    (void)checker.check_on(text, Date{std::chrono::year{2025}, std::chrono::June, std::chrono::day{1}});
    return 0;
}
