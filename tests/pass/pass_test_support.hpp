#pragma once
// Shared by the pass tests: the demo issuer's secret key (tests only), registries written to a folder, dates.
#include <fstream>
#include <string>

#include "kiosk/core/pass/checker.hpp"
#include "test_support.hpp"

namespace kiosk::pass::test {

inline SecretKey demo_secret() {
    std::string why;
    auto k = read_secret_key(kiosk::test::source_dir() / "tests/pass/keys/demo-2025.sec", &why);
    if (!k) throw std::runtime_error(why);
    return *k;
}

inline Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline std::chrono::year_month ym(int y, unsigned m) {
    return {std::chrono::year{y}, std::chrono::month{m}};
}

inline SignedPass demo_pass(std::uint32_t serial = 42) {
    SignedPass p;
    p.issuer_code = 1;
    p.serial = serial;
    p.value = {Unit::Euros, 1000};
    p.first_month = ym(2025, 1);
    p.last_month = ym(2025, 12);
    return p;
}

inline Registry shipped_registry() {
    auto r = load_registry(kiosk::test::source_dir() / "content/pass/issuers.toml");
    if (!r.ok()) throw std::runtime_error(r.errors.front().to_string());
    return r.registry;
}

// A cheque number of the demo #APTIC rules: "7" + 2-digit year + 8 digits + Luhn.
inline std::string aptic_number(int year, const std::string& eight = "12345678") {
    std::string body = "7" + std::to_string(year % 100) + eight;
    return body + luhn_digit(body);
}

}  // namespace kiosk::pass::test
