// kiosk-pass: issuer keys, test passes and their QR codes as PNG.
//
//   kiosk-pass keygen NAME                  writes NAME.pub (goes to content/pass/keys/) and NAME.sec (mode
//   0600,
//                                            never in content)
//   kiosk-pass issue SECRET.sec --code N --serial N (--euros X | --hours X) --from YYYY-MM --until YYYY-MM
//                                            prints the signed payload text
//   kiosk-pass png TEXT OUT.png [--module N] writes the QR code of TEXT
//   kiosk-pass check TEXT [--registry content/pass/issuers.toml] [--date YYYY-MM-DD] [--offline]
//                                            prints the verdict (an empty journal: never "already used")
//   kiosk-pass cheque ISSUER --year N [--serial N] [--registry content/pass/issuers.toml]
//                                            prints a cheque number of that issuer's rules, valid in year N
//   kiosk-pass short TEXT                   prints the short code to print under the QR code of TEXT
//   kiosk-pass revoke SECRET.sec --issuer ID --issued YYYY-MM-DD [--key ID]… [--serial CODE-N]…
//                                            prints a signed revocation list (content/pass/revoked/ID.txt)
//   kiosk-pass scan FILE… [--size WxH] [--registry FILE] [--date YYYY-MM-DD] [--offline]
//                                            reads each picture (PNG, JPEG, BMP, PNM, raw 8-bit *.y8/*.gray)
//                                            through exactly the kiosk's pipeline (decode_frame, the app's
//                                            guide region) and prints what it read and the verdict, or the
//                                            advice the kiosk would show
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "kiosk/core/pass/checker.hpp"
#include "kiosk/core/pass/payload.hpp"
#include "kiosk/core/pass/registry.hpp"
#include "kiosk/core/pass/short_code.hpp"
#include "kiosk/core/printing/png.hpp"
#include "kiosk/core/printing/qr.hpp"
#include "kiosk/core/scan/decode.hpp"
#include "kiosk/core/scan/guidance.hpp"

namespace {

using namespace kiosk::pass;

int usage() {
    std::cerr << "usage:\n"
                 "  kiosk-pass keygen NAME\n"
                 "  kiosk-pass issue SECRET.sec --code N --serial N (--euros X | --hours X) --from YYYY-MM "
                 "--until YYYY-MM\n"
                 "  kiosk-pass png TEXT OUT.png [--module N]\n"
                 "  kiosk-pass check TEXT [--registry FILE] [--date YYYY-MM-DD] [--offline]\n"
                 "  kiosk-pass cheque ISSUER --year N [--serial N] [--registry FILE]\n"
                 "  kiosk-pass short TEXT\n"
                 "  kiosk-pass revoke SECRET.sec --issuer ID --issued YYYY-MM-DD [--key ID]... [--serial "
                 "CODE-N]...\n"
                 "  kiosk-pass scan FILE... [--size WxH] [--registry FILE] [--date YYYY-MM-DD] [--offline]\n";
    return 2;
}

std::optional<std::chrono::year_month> parse_month(const std::string& s) {
    int y = 0, m = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12) return std::nullopt;
    return std::chrono::year_month{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}};
}

std::string option(const std::vector<std::string>& args, const std::string& name,
                   const std::string& fallback = "") {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

bool flag(const std::vector<std::string>& args, const std::string& name) {
    for (const auto& a : args)
        if (a == name) return true;
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage();
    const std::string cmd = args[0];
    try {
        if (cmd == "keygen" && args.size() == 2) {
            const KeyPair k = generate_keypair();
            std::string e = write_public_key(args[1] + ".pub", k.public_key,
                                             "kiosk pass numérique issuer public key (Ed25519)");
            if (e.empty())
                e = write_secret_key(args[1] + ".sec", k.secret_key,
                                     "SECRET issuer key (Ed25519): never in content/, never on a kiosk");
            if (!e.empty()) {
                std::cerr << "kiosk-pass: " << e << "\n";
                return 1;
            }
            std::cout << args[1] << ".pub\n" << args[1] << ".sec\n";
            return 0;
        }
        if (cmd == "issue" && args.size() >= 2) {
            std::string why;
            auto key = read_secret_key(args[1], &why);
            if (!key) {
                std::cerr << "kiosk-pass: " << why << "\n";
                return 1;
            }
            SignedPass p;
            p.issuer_code = std::atoi(option(args, "--code", "0").c_str());
            p.serial =
                static_cast<std::uint32_t>(std::strtoul(option(args, "--serial", "0").c_str(), nullptr, 10));
            if (!option(args, "--euros").empty())
                p.value = {Unit::Euros, std::llround(std::atof(option(args, "--euros").c_str()) * 100)};
            else if (!option(args, "--hours").empty())
                p.value = {Unit::Hours, std::llround(std::atof(option(args, "--hours").c_str()) * 60)};
            else
                return usage();
            auto from = parse_month(option(args, "--from")), until = parse_month(option(args, "--until"));
            if (!from || !until) return usage();
            p.first_month = *from;
            p.last_month = *until;
            std::cout << sign_payload(p, *key) << "\n";
            return 0;
        }
        if (cmd == "short" && args.size() == 2) {
            std::string why;
            const auto parsed = parse_payload(args[1], &why);
            if (!parsed) {
                std::cerr << "kiosk-pass: " << why << "\n";
                return 1;
            }
            std::cout << short_code(parsed->pass) << "\n";
            return 0;
        }
        if (cmd == "revoke" && args.size() >= 2) {
            std::string why;
            auto key = read_secret_key(args[1], &why);
            if (!key) {
                std::cerr << "kiosk-pass: " << why << "\n";
                return 1;
            }
            std::vector<std::string> lines;
            for (std::size_t i = 2; i + 1 < args.size(); ++i) {
                if (args[i] == "--key") lines.push_back("key " + args[i + 1]);
                if (args[i] == "--serial") lines.push_back("serial " + args[i + 1]);
            }
            if (option(args, "--issuer").empty() || option(args, "--issued").empty()) return usage();
            std::cout << sign_revocations(option(args, "--issuer"), option(args, "--issued"), lines, *key);
            return 0;
        }
        if (cmd == "png" && args.size() >= 3) {
            const auto qr = kiosk::printing::encode_qr(args[1]);
            if (!qr.ok()) {
                std::cerr << "kiosk-pass: " << qr.error << "\n";
                return 1;
            }
            const int module = std::max(1, std::atoi(option(args, "--module", "8").c_str()));
            const std::string e =
                kiosk::printing::write_png(kiosk::printing::render_qr(qr.matrix, module), args[2], 0);
            if (!e.empty()) {
                std::cerr << "kiosk-pass: " << e << "\n";
                return 1;
            }
            std::cout << args[2] << " (QR " << qr.matrix.size << "×" << qr.matrix.size << " modules)\n";
            return 0;
        }
        if (cmd == "check" && args.size() >= 2) {
            const auto reg = load_registry(option(args, "--registry", "content/pass/issuers.toml"));
            for (const auto& e : reg.errors) std::cerr << e.to_string() << "\n";
            if (!reg.ok()) return 1;
            const kiosk::SystemWallClock
                clock;  // a command on a workstation: the machine's date unless --date
            Date today = local_date(clock.now());
            int y, m, d;
            if (std::sscanf(option(args, "--date").c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3)
                today = Date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                             std::chrono::day{static_cast<unsigned>(d)}};
            Journal journal(":memory:", clock);  // a fresh journal: never "already used"
            Checker checker(reg.registry, &journal,
                            {.kiosk_id = "kiosk-pass", .online = !flag(args, "--offline")});
            const Verdict v = checker.check_on(args[1], today);
            std::cout << reason_code(v.reason) << (v.issuer ? " " + v.issuer->id : "") << " " << v.pass_id
                      << ": " << v.detail << "\n";
            return v.usable() ? 0 : 1;
        }
        if (cmd == "scan" && args.size() >= 2) {
            const auto reg = load_registry(option(args, "--registry", "content/pass/issuers.toml"));
            for (const auto& e : reg.errors) std::cerr << e.to_string() << "\n";
            if (!reg.ok()) return 1;
            const kiosk::SystemWallClock clock;
            Date today = local_date(clock.now());
            int y, m, d;
            if (std::sscanf(option(args, "--date").c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3)
                today = Date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                             std::chrono::day{static_cast<unsigned>(d)}};
            int raw_w = 0, raw_h = 0;
            std::sscanf(option(args, "--size").c_str(), "%dx%d", &raw_w, &raw_h);
            Journal journal(":memory:", clock);  // a fresh journal: never "already used"
            Checker checker(reg.registry, &journal,
                            {.kiosk_id = "kiosk-pass", .online = !flag(args, "--offline")});
            int failures = 0;
            for (std::size_t i = 1; i < args.size(); ++i) {
                const std::string& a = args[i];
                if (a == "--size" || a == "--registry" || a == "--date") {
                    ++i;
                    continue;
                }
                if (a == "--offline") continue;
                const kiosk::scan::LoadedFrame f = kiosk::scan::load_frame(a, raw_w, raw_h);
                if (!f.ok()) {
                    std::cout << a << ": cannot read: " << f.error << "\n";
                    ++failures;
                    continue;
                }
                const kiosk::scan::DecodeOutcome out =
                    kiosk::scan::decode_frame(f.frame, kiosk::scan::DecodeOptions{});
                const kiosk::scan::Measures& ms = out.measures;
                std::cout << a << " (" << f.frame.width << "x" << f.frame.height << "): ";
                if (!out.code) {
                    std::cout << "nothing read; the kiosk says "
                              << kiosk::scan::feedback_key(kiosk::scan::advise(out)) << " (module "
                              << ms.module_px << " px, skew " << ms.skew << ", sharpness " << ms.sharpness
                              << ", saturated " << ms.saturated << ", finder rows " << ms.finders << ")\n";
                    continue;
                }
                const Verdict v = checker.check_on(out.code->text, today);
                std::cout << kiosk::scan::symbology_name(out.code->symbology) << " \"" << out.code->text
                          << "\" (" << ms.module_px << " px a module) -> " << reason_code(v.reason)
                          << (v.issuer ? " " + v.issuer->id : "") << " " << v.pass_id << ": " << v.detail
                          << "\n";
            }
            return failures ? 1 : 0;
        }
        if (cmd == "cheque" && args.size() >= 2) {
            const auto reg = load_registry(option(args, "--registry", "content/pass/issuers.toml"));
            for (const auto& e : reg.errors) std::cerr << e.to_string() << "\n";
            if (!reg.ok()) return 1;
            const Issuer* issuer = reg.registry.by_id(args[1]);
            const int year = std::atoi(option(args, "--year", "0").c_str());
            if (!issuer || year == 0) return usage();
            const std::string number = make_cheque_number(
                *issuer, year, std::strtoull(option(args, "--serial", "1234").c_str(), nullptr, 10));
            if (number.empty()) {
                std::cerr << "kiosk-pass: " << issuer->id << " has no cheque number for " << year << "\n";
                return 1;
            }
            std::cout << number << "\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "kiosk-pass: " << e.what() << "\n";
        return 1;
    }
    return usage();
}
