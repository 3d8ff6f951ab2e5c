// kiosk-admin: the few things an operator prepares for a kiosk by hand.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>
#include <iostream>
#include <string>

#include <qrencode.h>

#include "kiosk/core/agent_gate.hpp"
#include "kiosk/core/badge.hpp"
#include "kiosk/core/audit_journal.hpp"
#include "kiosk/core/totp.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/stats_export.hpp"

namespace {

// A QR code drawn in the terminal with half blocks (two modules a character row), light on dark reversed so
// that a phone reads it on a dark terminal too: quiet zone of 2 modules.
void print_qr(const std::string& text) {
    QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) {
        std::fprintf(stderr, "kiosk-admin: cannot make a QR code of the URI\n");
        return;
    }
    const int n = qr->width, quiet = 2;
    auto dark = [&](int x, int y) { return x >= 0 && y >= 0 && x < n && y < n && (qr->data[y * n + x] & 1); };
    for (int y = -quiet; y < n + quiet; y += 2) {
        std::string line;
        for (int x = -quiet; x < n + quiet; ++x) {
            // Light modules are printed as blocks (white on a dark terminal), dark ones as spaces.
            const bool top = !dark(x, y), bottom = !dark(x, y + 1);
            line += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        std::printf("%s\n", line.c_str());
    }
    QRcode_free(qr);
}

int journal_command(int argc, char** argv) {
    const std::string sub = argc > 2 ? argv[2] : "";
    if (sub == "verify" && (argc == 4 || argc == 6)) {
        std::optional<kiosk::AuditJournal::Head> head;
        if (argc == 6) head = kiosk::AuditJournal::Head{std::atoll(argv[4]), argv[5]};
        const auto v = kiosk::AuditJournal::verify(argv[3], head);
        std::printf("%s: %s%s\n", argv[3], v.ok ? "OK, " : "BROKEN: ", v.reason.c_str());
        if (!v.ok && v.first_broken > 0)
            std::printf("first broken entry: %lld\n", static_cast<long long>(v.first_broken));
        return v.ok ? 0 : 1;
    }
    if (sub == "show" && (argc == 4 || argc == 5)) {
        const kiosk::AuditJournal::Verdict v = kiosk::AuditJournal::verify(argv[3]);
        kiosk::AuditJournal journal(argv[3]);
        if (!journal.usable()) {
            std::fprintf(stderr, "kiosk-admin: %s\n", journal.problem().c_str());
            return 1;
        }
        const int n = argc == 5 ? std::atoi(argv[4]) : 50;
        auto entries = journal.last(n);
        std::reverse(entries.begin(), entries.end());
        for (const auto& e : entries) {
            const std::time_t t = static_cast<std::time_t>(e.at);
            char when[32];
            std::tm tm{};
            gmtime_r(&t, &tm);
            std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
            std::printf("%6lld  %s  %-12s %-22s %s  %s\n", static_cast<long long>(e.id), when,
                        e.agent.c_str(), e.action.c_str(), e.target.c_str(), e.detail.c_str());
        }
        const auto head = journal.head();
        std::printf("head: %lld %s (%s)\n", static_cast<long long>(head.entries), head.hash.c_str(),
                    v.ok ? "chain intact" : v.reason.c_str());
        return v.ok ? 0 : 1;
    }
    std::fprintf(stderr, "usage: kiosk-admin journal verify FILE [ENTRIES HASH] | journal show FILE [N]\n");
    return 2;
}

}  // namespace

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
    if (cmd == "totp-new" && argc <= 4) {
        // The second factor of a kiosk's agents: the secret goes into [agent] totp_secret, the QR code into
        // their authenticator app (FreeOTP, Aegis, Google Authenticator…).
        const std::string issuer = argc > 2 ? argv[2] : "Kiosque numérique";
        const std::string account = argc > 3 ? argv[3] : "agent";
        const kiosk::totp::Secret secret = kiosk::totp::new_secret();
        const std::string uri = kiosk::totp::otpauth_uri(issuer, account, secret);
        std::printf("[agent] totp_secret = \"%s\"\n\n%s\n\n", kiosk::totp::base32_encode(secret).c_str(),
                    uri.c_str());
        print_qr(uri);
        std::printf(
            "\nScan this code with the agents' authenticator app, then put the line above in the "
            "kiosk's configuration.\n");
        return 0;
    }
    if (cmd == "badge-keys" && argc == 2) {
        // The fleet's badge key pair: the public key goes into every kiosk's [agent] badge_public_key, the
        // secret one stays with whoever issues badges (never on a kiosk).
        const kiosk::badge::Keys keys = kiosk::badge::new_keys();
        std::printf("[agent] badge_public_key = \"%s\"\n\nsecret key (keep it off the kiosks): %s\n",
                    keys.public_key.c_str(), keys.secret_key.c_str());
        return 0;
    }
    if (cmd == "badge-new" && argc == 5) {
        // An agent's badge: ID NAME valid for DAYS days from now, signed; printed as text and as a QR code.
        const char* secret = std::getenv("KIOSK_BADGE_SECRET_KEY");
        const long days = std::strtol(argv[4], nullptr, 10);
        if (!secret || days < 1 || days > 3660) {
            std::fprintf(stderr,
                         "kiosk-admin: badge-new needs KIOSK_BADGE_SECRET_KEY in the environment (from "
                         "`kiosk-admin badge-keys`) and DAYS between 1 and 3660\n");
            return 2;
        }
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        const kiosk::badge::Badge b{argv[2], argv[3], now, now + days * 86400};
        const std::string text = kiosk::badge::sign(b, secret);
        if (text.empty()) {
            std::fprintf(stderr,
                         "kiosk-admin: the secret key is not valid, or ID or NAME holds a line break\n");
            return 1;
        }
        std::printf("%s\n\n", text.c_str());
        print_qr(text);
        return 0;
    }
    if (cmd == "journal") return journal_command(argc, argv);
    if (cmd == "stats" && (argc == 3 || (argc == 4 && (std::string(argv[3]) == "--by-week")))) {
        // Anonymous by construction: no row under 5 (stats_export.hpp).
        std::string problem;
        const auto rows = kiosk::read_stat_rows(argv[2], problem);
        if (!rows) {
            std::fprintf(stderr, "kiosk-admin: %s\n", problem.c_str());
            return 1;
        }
        std::fputs(kiosk::stats_csv(*rows, argc == 4 ? kiosk::StatsBy::Week : kiosk::StatsBy::Day).c_str(),
                   stdout);
        return 0;
    }
    if (cmd == "check-config" && argc == 3) {
        kiosk::ConfigResult r = kiosk::load_config(argv[2]);
        for (const auto& e : r.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
        if (r.ok()) std::printf("%s: OK\n", argv[2]);
        return r.ok() ? 0 : 1;
    }
    std::fprintf(
        stderr,
        "usage: kiosk-admin hash-pin PIN        print the [agent] pin_hash for a PIN (4 to 16 "
        "digits, 6+ recommended)\n"
        "       kiosk-admin bench-pin           time one PIN check on this machine\n"
        "       kiosk-admin check-config FILE   validate a configuration file\n"
        "       kiosk-admin totp-new [ISSUER [ACCOUNT]]  make the agents' second-factor secret (TOTP) "
        "and its QR code\n"
        "       kiosk-admin journal verify FILE [ENTRIES HASH]  check the audit journal's chain (and "
        "that it was not cut back before a reported head)\n"
        "       kiosk-admin journal show FILE [N]  print the last N entries of the audit journal\n"
        "       kiosk-admin badge-keys          make the fleet's badge key pair (Ed25519)\n"
        "       KIOSK_BADGE_SECRET_KEY=… kiosk-admin badge-new ID NAME DAYS  sign an agent's badge "
        "and print its QR code\n");
    return 2;
}
