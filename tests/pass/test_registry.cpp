// The issuer registry: the shipped file, and clear errors naming the line and the key.
#include <catch2/catch.hpp>

#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {
std::vector<std::string> errors_of(const std::string& toml) {
    const auto r = parse_registry(toml, kiosk::test::source_dir() / "content/pass", "issuers.toml");
    std::vector<std::string> out;
    for (const auto& e : r.errors) out.push_back(e.to_string());
    return out;
}
bool has(const std::vector<std::string>& errors, const std::string& text) {
    for (const auto& e : errors)
        if (e == text) return true;
    return false;
}
}  // namespace

TEST_CASE("the shipped issuer registry is valid") {
    const auto r = load_registry(kiosk::test::source_dir() / "content/pass/issuers.toml");
    for (const auto& e : r.errors) UNSCOPED_INFO(e.to_string());
    REQUIRE(r.ok());
    const Issuer* demo = r.registry.by_id("demo");
    REQUIRE(demo);
    CHECK(demo->kind == IssuerKind::Signed);
    CHECK(demo->public_keys.size() == 2);  // demo-2025, and demo-2024 that its revocation list cancels
    REQUIRE(demo->keys.size() == 2);
    CHECK(demo->keys[0].id == "demo-2025");
    CHECK(demo->revoked.key_ids.count("demo-2024") == 1);
    const Issuer* aptic = r.registry.by_id("aptic");
    REQUIRE(aptic);
    CHECK(aptic->kind == IssuerKind::Cheque);
    CHECK(aptic->check == CheckDigit::Luhn);
    CHECK(aptic->tolerance_days == 31);
    CHECK(aptic->value == Value{Unit::Euros, 1000});
}

TEST_CASE("no secret key is shipped in content") {
    for (const auto& f :
         std::filesystem::recursive_directory_iterator(kiosk::test::source_dir() / "content/pass")) {
        INFO(f.path().string());
        CHECK(f.path().extension() != ".sec");
        if (f.path().extension() == ".pub") CHECK(read_public_key(f.path()));
    }
}

TEST_CASE("registry problems name the line and the key") {
    const std::string head = "format = 1\n";
    const auto e = errors_of(head +
                             "[[issuer]]\n"                            // 2
                             "id = \"demo\"\n"                         // 3
                             "name = \"Demo\"\n"                       // 4
                             "kind = \"signed\"\n"                     // 5
                             "code = 300\n"                            // 6
                             "public_keys = [\"keys/missing.pub\"]\n"  // 7
                             "length = 12\n"                           // 8
                             "colour = \"blue\"\n"                     // 9
                             "[[issuer]]\n"                            // 10
                             "id = \"Bad Id\"\n"                       // 11
                             "name = \"X\"\n"                          // 12
                             "kind = \"cheque\"\n"                     // 13
                             "length = 12\n"                           // 14
                             "prefix = \"7a\"\n"                       // 15
                             "check = \"crc\"\n"                       // 16
                             "year = 2025\n"                           // 17
                             "year_offset = 1\n"                       // 18
                             "value = 10\n"                            // 19
                             "unit = \"dollars\"\n"                    // 20
                             "endpoint = \"ftp://x\"\n"                // 21
                             "method = \"PUT\"\n"                      // 22
                             "timeout_ms = 50\n"                       // 23
                             "[[issuer]]\n"                            // 24
                             "id = \"demo\"\n"                         // 25
                             "kind = \"paper\"\n");                    // 26
    for (const auto& s : e) UNSCOPED_INFO(s);
    CHECK(has(e, "issuers.toml:6: issuer[1].code: must be between 1 and 255"));
    CHECK(e.end() != std::find_if(e.begin(), e.end(), [](const std::string& s) {
              return s.rfind("issuers.toml:7: issuer[1].public_keys: ", 0) == 0 &&
                     s.find("missing.pub: cannot be opened") != std::string::npos;
          }));
    CHECK(has(e, "issuers.toml:8: issuer[1].length: does not apply to kind \"signed\""));
    CHECK(has(e, "issuers.toml:9: issuer[1].colour: unknown key"));
    CHECK(has(e, "issuers.toml:11: issuer[2].id: must be lower-case letters, digits, - or _"));
    CHECK(has(e, "issuers.toml:15: issuer[2].prefix: must be digits"));
    CHECK(has(e, "issuers.toml:16: issuer[2].check: \"crc\" is not one of: luhn, mod97, none"));
    CHECK(has(e, "issuers.toml:18: issuer[2].year_offset: give either year or year_offset, not both"));
    CHECK(has(e, "issuers.toml:20: issuer[2].unit: \"dollars\" is not one of: euros, hours"));
    CHECK(has(e, "issuers.toml:21: issuer[2].endpoint: must start with https://"));
    CHECK(has(
        e,
        "issuers.toml:22: issuer[2].method: must be POST: the number is sent in the body, never in the URL"));
    CHECK(has(e, "issuers.toml:23: issuer[2].timeout_ms: must be between 100 and 10000"));
    CHECK(has(e, "issuers.toml:25: issuer[3].id: \"demo\" is defined twice"));
    CHECK(has(e, "issuers.toml:24: issuer[3].name: is required"));
    CHECK(has(e, "issuers.toml:26: issuer[3].kind: \"paper\" is not one of: signed, cheque"));
}

TEST_CASE("a registry that is not TOML or has no issuer says so") {
    auto e = errors_of("format = 1\n[[issuer]\nid = 1\n");
    REQUIRE(e.size() == 1);
    CHECK(e[0].rfind("issuers.toml:2: cannot be read", 0) == 0);
    e = errors_of("format = 1\n");
    CHECK(has(e, "issuers.toml: issuer: no issuer is defined"));
    e = errors_of("format = 2\n");
    CHECK(has(e, "issuers.toml:1: format: must be 1"));
    e = errors_of("[[issuer]]\nid = \"x\"\nname = \"X\"\nkind = \"cheque\"\nlength = 10\n");
    CHECK(has(e, "issuers.toml: format: is required (format = 1)"));
    CHECK(has(
        e,
        "issuers.toml:1: issuer[1].year: is required (or year_offset, where the number carries its year)"));
}

TEST_CASE("check digits: Luhn and mod 97") {
    CHECK(luhn_valid("79927398713"));
    CHECK_FALSE(luhn_valid("79927398710"));
    CHECK(luhn_digit("7992739871") == '3');
    CHECK(luhn_valid("4539578763621486"));
    CHECK_FALSE(luhn_valid("4539578763621487"));
    CHECK_FALSE(luhn_valid("12a4"));
    // Every single-digit error is caught by Luhn.
    const std::string n = aptic_number(2025);
    for (std::size_t i = 0; i < n.size(); ++i)
        for (char c = '0'; c <= '9'; ++c) {
            if (c == n[i]) continue;
            std::string m = n;
            m[i] = c;
            CHECK_FALSE(luhn_valid(m));
        }
    // mod 97: the key is 97 − (number mod 97), two digits, as the French NIR.
    CHECK(mod97_key("1234567890") == std::to_string(97 - 1234567890LL % 97));
    CHECK(mod97_valid("1234567890" + mod97_key("1234567890")));
    CHECK(mod97_key("97") == "97");
    CHECK(mod97_valid("100" + mod97_key("100")));
    CHECK(mod97_key("96") == "01");
    CHECK_FALSE(mod97_valid("123456789000"));
    CHECK(check_digit_valid(CheckDigit::None, "0000"));
    CHECK_FALSE(check_digit_valid(CheckDigit::None, "00x0"));
}

TEST_CASE("a cheque number is made for any year by the issuer's own rules, and the checker agrees") {
    const Registry registry = shipped_registry();
    const Issuer& aptic = *registry.by_id("aptic");
    CHECK(make_cheque_number(aptic, 2026, 1234) == "726000012344");  // the demo cheque of 2026
    Checker checker(registry, nullptr, {.kiosk_id = "test", .online = false});
    for (int year : {2026, 2027, 2028, 2031, 2099}) {
        const std::string number = make_cheque_number(aptic, year, 1234);
        INFO(year << ": " << number);
        REQUIRE(number.size() == 12);
        CHECK(number == aptic_number(year, "00001234"));
        // No journal here, so an accepted number is "to be confirmed": what matters is the date.
        CHECK(checker.check_on(number, ymd(year, 6, 15)).usable());
        CHECK(checker.check_on(number, ymd(year + 1, 1, 31)).usable());  // 31 days of tolerance
        CHECK(checker.check_on(number, ymd(year + 1, 2, 1)).reason == Reason::Expired);
    }
    CHECK(make_cheque_number(aptic, 2026, 123456789).empty());  // more digits than the number has room for
    CHECK(make_cheque_number(aptic, 1999, 1).empty());          // a 2-digit year cannot say it
    CHECK(make_cheque_number(*registry.by_id("demo"), 2026, 1).empty());  // a signed issuer has no numbers
    Issuer fixed = aptic;
    fixed.year_offset = -1;
    fixed.year = 2025;
    fixed.check = CheckDigit::Mod97;
    CHECK(make_cheque_number(fixed, 2026, 1).empty());
    const std::string mod97 = make_cheque_number(fixed, 2025, 42);
    CHECK(mod97.size() == 12);
    CHECK(mod97_valid(mod97));
}
