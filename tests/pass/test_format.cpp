// A format a real issuer can implement: key ids and windows, the signed revocation list, the time zone that
// decides "today", the short code under the QR code, and the test vectors of content/pass/README.md.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "kiosk/core/pass/short_code.hpp"
#include "kiosk/core/pass/zone.hpp"
#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {

SecretKey secret(const std::string& name) {
    std::string why;
    auto k = read_secret_key(kiosk::test::source_dir() / "tests/pass/keys" / name, &why);
    if (!k) throw std::runtime_error(why);
    return *k;
}

kiosk::Translator translator() {
    kiosk::Translator t;
    std::vector<std::string> errors;
    t.load_folder(kiosk::test::source_dir() / "content/i18n", "fr", errors);
    for (const auto& e : errors) FAIL(e);
    return t;
}

std::chrono::system_clock::time_point utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    using namespace std::chrono;
    return sys_days{Date{year{y}, month{m}, day{d}}} + hours{h} + minutes{min};
}

// A registry folder: the shipped key files, and issuers.toml / a revocation list as given.
struct Folder {
    kiosk::test::TempDir dir;
    Folder() {
        std::filesystem::create_directories(dir.path / "keys");
        std::filesystem::create_directories(dir.path / "revoked");
        for (const char* k : {"demo-2024.pub", "demo-2025.pub"})
            std::filesystem::copy_file(kiosk::test::source_dir() / "content/pass/keys" / k,
                                       dir.path / "keys" / k);
    }
    RegistryResult load(const std::string& revocations) {
        std::ofstream(dir.path / "revoked/demo.txt") << revocations;
        std::ofstream(dir.path / "issuers.toml")
            << "format = 1\n[[issuer]]\nid = \"demo\"\nname = \"Demo\"\nkind = \"signed\"\ncode = 1\n"
               "keys = [{ id = \"demo-2024\", file = \"keys/demo-2024.pub\", from = \"2024-01\", until = "
               "\"2025-12\" },\n        { id = \"demo-2025\", file = \"keys/demo-2025.pub\" }]\n"
               "revocations = \"revoked/demo.txt\"\n";
        return load_registry(dir.path / "issuers.toml");
    }
};

}  // namespace

TEST_CASE("a revoked key's passes and a revoked pass say who cancelled them, the other key still works") {
    Registry reg = shipped_registry();
    Journal journal(":memory:", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k", .online = false});
    const Issuer* demo = reg.by_id("demo");
    REQUIRE(demo);
    CHECK(demo->revoked.key_ids.count("demo-2024") == 1);
    CHECK(demo->revoked.serials.count(977) == 1);
    const Verdict old_key =
        checker.check_on(sign_payload(demo_pass(5), secret("demo-2024.sec")), ymd(2025, 6, 1));
    CHECK(old_key.reason == Reason::Revoked);
    CHECK(old_key.key_id == "demo-2024");
    CHECK_FALSE(old_key.usable());
    kiosk::Translator t = translator();
    CHECK(words(old_key, t).title == "Ce pass a été annulé");
    CHECK(words(old_key, t).text == "Ce pass a été annulé par Pass numérique de démonstration.");
    const Verdict one = checker.check_on(sign_payload(demo_pass(977), demo_secret()), ymd(2025, 6, 1));
    CHECK(one.reason == Reason::Revoked);
    const Verdict fine = checker.check_on(sign_payload(demo_pass(978), demo_secret()), ymd(2025, 6, 1));
    CHECK(fine.reason == Reason::Accepted);
    CHECK(fine.key_id == "demo-2025");
    CHECK(checker.redeem(old_key).status == RedeemStatus::Failed);  // never recorded
}

TEST_CASE("a key signs only for the months of its window") {
    Folder f;
    const std::string list = sign_revocations("demo", "2026-11-30", {}, demo_secret());
    RegistryResult r = f.load(list);
    REQUIRE(r.ok());
    Checker checker(r.registry, nullptr, {.kiosk_id = "k", .online = false});
    SignedPass inside = demo_pass(1);  // 2025
    SignedPass outside = demo_pass(2);
    outside.first_month = ym(2026, 1);
    outside.last_month = ym(2026, 12);
    SignedPass straddling = demo_pass(3);
    straddling.last_month = ym(2026, 3);
    const SecretKey old_key = secret("demo-2024.sec");
    CHECK(checker.check_on(sign_payload(inside, old_key), ymd(2025, 6, 1)).reason ==
          Reason::ToConfirm);  // no journal
    const Verdict v = checker.check_on(sign_payload(outside, old_key), ymd(2026, 6, 1));
    CHECK(v.reason == Reason::Forged);
    CHECK_THAT(v.detail, Catch::Contains("window"));
    CHECK(checker.check_on(sign_payload(straddling, old_key), ymd(2025, 6, 1)).reason == Reason::Forged);
    // The key without a window signs for any month.
    CHECK(checker.check_on(sign_payload(outside, demo_secret()), ymd(2026, 6, 1)).reason ==
          Reason::ToConfirm);
}

TEST_CASE(
    "the revocation list is verified: tampered, signed by the key it revokes, or malformed, it refuses the "
    "registry with the line") {
    Folder f;
    const std::string good =
        sign_revocations("demo", "2026-11-30", {"key demo-2024", "serial 1-977"}, demo_secret());
    REQUIRE(f.load(good).ok());
    // One byte changed: another serial.
    std::string tampered = good;
    tampered.replace(tampered.find("1-977"), 5, "1-978");
    RegistryResult t = f.load(tampered);
    REQUIRE_FALSE(t.ok());
    CHECK_THAT(t.errors.front().to_string(), Catch::Contains("signature does not verify"));
    CHECK_THAT(t.errors.front().to_string(), Catch::Contains("demo.txt:"));
    // Signed by the very key it revokes: not trusted.
    const std::string self =
        sign_revocations("demo", "2026-11-30", {"key demo-2024"}, secret("demo-2024.sec"));
    CHECK_FALSE(f.load(self).ok());
    // Signed by the 2024 key, revoking nothing of its own: trusted.
    CHECK(f.load(sign_revocations("demo", "2026-11-30", {"serial 1-5"}, secret("demo-2024.sec"))).ok());
    // Malformed lines, another issuer's list, no signature.
    RegistryResult bad =
        f.load(sign_revocations("demo", "2026-11-30", {"serial 2-5", "unknown x"}, demo_secret()));
    REQUIRE(bad.errors.size() == 2);
    CHECK_THAT(bad.errors[0].to_string(), Catch::Contains(":5:") && Catch::Contains("serial"));
    CHECK_THAT(bad.errors[1].to_string(), Catch::Contains(":6:") && Catch::Contains("unknown line"));
    CHECK_FALSE(f.load(sign_revocations("other", "2026-11-30", {}, demo_secret())).ok());
    CHECK_FALSE(f.load("pn-revocations 1\nissuer demo\n").ok());
    CHECK_FALSE(f.load("").ok());
    CHECK_FALSE(f.load(good + "key demo-2025\n").ok());  // nothing after the signature
}

TEST_CASE("the key ids and windows are validated with the line and the key") {
    kiosk::test::TempDir dir;
    std::filesystem::create_directories(dir.path / "keys");
    std::filesystem::copy_file(kiosk::test::source_dir() / "content/pass/keys/demo-2025.pub",
                               dir.path / "keys/demo-2025.pub");
    const std::string head =
        "format = 1\n[[issuer]]\nid = \"demo\"\nname = \"Demo\"\nkind = \"signed\"\ncode = 1\n";
    auto errors_of = [&](const std::string& keys) {
        std::vector<std::string> out;
        for (const auto& e : parse_registry(head + keys, dir.path, "t.toml").errors)
            out.push_back(e.to_string());
        return out;
    };
    CHECK(errors_of("keys = [{ file = \"keys/demo-2025.pub\", from = \"2025-01\" }]\n").empty());
    auto e = errors_of("keys = [{ file = \"keys/demo-2025.pub\", from = \"2025-13\" }]\n");
    REQUIRE(e.size() == 1);
    CHECK_THAT(e[0], Catch::Contains("t.toml:7") && Catch::Contains("keys[1].from"));
    e = errors_of("keys = [{ file = \"keys/demo-2025.pub\", from = \"2026-01\", until = \"2025-01\" }]\n");
    REQUIRE(e.size() == 1);
    CHECK_THAT(e[0], Catch::Contains("keys[1].until"));
    e = errors_of("keys = [{ file = \"keys/demo-2025.pub\", colour = \"red\" }]\n");
    REQUIRE(e.size() == 1);
    CHECK_THAT(e[0], Catch::Contains("keys[1].colour"));
    e = errors_of(
        "keys = [{ id = \"a\", file = \"keys/demo-2025.pub\" }, { id = \"a\", file = \"keys/demo-2025.pub\" "
        "}]\n");
    REQUIRE(e.size() == 1);
    CHECK_THAT(e[0], Catch::Contains("used twice"));
    CHECK_FALSE(
        errors_of("keys = [{ file = \"keys/demo-2025.pub\" }]\npublic_keys = [\"keys/demo-2025.pub\"]\n")
            .empty());
    CHECK_FALSE(errors_of("").empty());
}

TEST_CASE("a genuine signed pass worth 0 € is refused") {
    Registry reg = shipped_registry();
    Journal journal(":memory:", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k", .online = false});
    SignedPass zero = demo_pass(11);
    zero.value = {Unit::Euros, 0};
    const Verdict v = checker.check_on(sign_payload(zero, demo_secret()), ymd(2025, 6, 1));
    CHECK(v.reason == Reason::NoValue);
    CHECK_FALSE(v.usable());
    CHECK(words(v, translator()).title == "Ce pass n’a pas de valeur");
    zero.value = {Unit::Hours, 0};
    CHECK(checker.check_on(sign_payload(zero, demo_secret()), ymd(2025, 6, 1)).reason == Reason::NoValue);
    CHECK(checker.check_on(short_code(zero), ymd(2025, 6, 1)).reason == Reason::NoValue);
}

TEST_CASE("offline, a number that passes the check digit is plausible, never valable") {
    // Arbitrary numbers with the #APTIC prefix and this year's digits: about one in ten passes Luhn. None is
    // ever "valable"; those are "semble correct", à confirmer sur place. Two seeds: development and held out.
    Registry reg = shipped_registry();
    Journal journal(":memory:", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k", .online = false});
    kiosk::Translator t = translator();
    for (const unsigned seed : {11u, 2027u}) {
        std::mt19937 rng(seed);
        int plausible = 0, accepted = 0;
        const int n = 3000;
        for (int i = 0; i < n; ++i) {
            std::string number = "725";
            for (int d = 0; d < 9; ++d) number += static_cast<char>('0' + rng() % 10);
            const Verdict v = checker.check_on(number, ymd(2025, 6, 1));
            accepted += v.reason == Reason::Accepted;
            if (v.reason == Reason::ToConfirm) {
                ++plausible;
                CHECK(v.plausible);
                CHECK(words(v, t).title.find("valable") == std::string::npos);
            }
        }
        INFO("seed " << seed << ": " << plausible << " of " << n << " pass the check digit");
        CHECK(accepted == 0);
        CHECK(plausible > n / 20);  // they exist: the rule is what makes them only plausible
        CHECK(plausible < n / 5);
    }
}

TEST_CASE("the time zone that decides today: the kiosk's commune, through the tz database") {
    CHECK(zone_for_commune("42147") == "Europe/Paris");
    CHECK(zone_for_commune("") == "Europe/Paris");
    CHECK(zone_for_commune("2A004") == "Europe/Paris");
    CHECK(zone_for_commune("97302") == "America/Cayenne");
    CHECK(zone_for_commune("97411") == "Indian/Reunion");
    CHECK(zone_for_commune("97101") == "America/Guadeloupe");
    CHECK(zone_for_commune("97209") == "America/Martinique");
    CHECK(zone_for_commune("97611") == "Indian/Mayotte");
    for (const char* z : {"Europe/Paris", "America/Cayenne", "Indian/Reunion", "America/Guadeloupe",
                          "America/Martinique", "Indian/Mayotte", "America/Miquelon", "Pacific/Noumea"}) {
        INFO(z);
        CHECK(zone_known(z));
    }
    CHECK_FALSE(zone_known("Europe/Atlantis"));
    CHECK_FALSE(zone_known("../etc/passwd"));
    CHECK_FALSE(zone_known("/etc/localtime"));
    CHECK_FALSE(date_in_zone("Europe/Atlantis", utc(2026, 1, 1, 0)));
    // 31 December 2025, 23:30 UTC: already 1 January in Paris and Réunion, still 31 December in Cayenne.
    const auto t = utc(2025, 12, 31, 23, 30);
    CHECK(date_in_zone("Europe/Paris", t) == ymd(2026, 1, 1));
    CHECK(date_in_zone("Indian/Reunion", t) == ymd(2026, 1, 1));
    CHECK(date_in_zone("America/Cayenne", t) == ymd(2025, 12, 31));
    // Summer time from the table: 22:30 UTC on 30 June is 00:30 in Paris (UTC+2), 22:30 … in winter 23:30.
    CHECK(date_in_zone("Europe/Paris", utc(2026, 6, 30, 22, 30)) == ymd(2026, 7, 1));
    CHECK(date_in_zone("Europe/Paris", utc(2026, 1, 30, 22, 30)) == ymd(2026, 1, 30));
    // The process's own TZ is left as it was.
    const char* before = std::getenv("TZ");
    (void)date_in_zone("Pacific/Noumea", t);
    const char* after = std::getenv("TZ");
    CHECK((before == nullptr) == (after == nullptr));
    if (before && after) CHECK(std::string(before) == after);

    // A pass valid through December 2025, checked at that instant by a kiosk in Cayenne and one in Paris.
    Registry reg = shipped_registry();
    const std::string text = sign_payload(demo_pass(), demo_secret());
    Journal journal(":memory:", kiosk::test::test_clock());
    Checker cayenne(reg, &journal, {.kiosk_id = "k", .online = false, .time_zone = "America/Cayenne"});
    Checker paris(reg, &journal, {.kiosk_id = "k", .online = false, .time_zone = "Europe/Paris"});
    CHECK(cayenne.check(text, t).reason == Reason::Accepted);
    CHECK(paris.check(text, t).reason == Reason::Expired);
}

TEST_CASE(
    "the short code: the body in 14 symbols, every slip of one symbol caught, the same pass as its QR code") {
    CHECK(kShortAlphabet.size() == 32);
    for (char banned : {'I', 'L', 'O', 'U'}) CHECK(kShortAlphabet.find(banned) == std::string_view::npos);
    // Two seeds: development and held out. Random passes round-trip; every single wrong symbol is caught;
    // swaps of two different neighbours are counted.
    for (const unsigned seed : {5u, 99u}) {
        std::mt19937 rng(seed);
        int swaps = 0, swaps_caught = 0;
        for (int i = 0; i < 300; ++i) {
            SignedPass p;
            p.issuer_code = 1 + static_cast<int>(rng() % 255);
            p.serial = rng() % 0x1000000u;
            p.value = {rng() % 2 ? Unit::Euros : Unit::Hours, static_cast<std::int64_t>(rng() % 0x8000u)};
            const int a = static_cast<int>(rng() % 200), b = a + static_cast<int>(rng() % 56);
            p.first_month = ym(2024 + a / 12, static_cast<unsigned>(a % 12 + 1));
            p.last_month = ym(2024 + b / 12, static_cast<unsigned>(b % 12 + 1));
            const std::string code = short_code(p);
            REQUIRE(code.size() == 16);
            const ShortRead r = read_short_code(code);
            REQUIRE(r.problem == ShortProblem::None);
            CHECK(r.pass->pass_id() == p.pass_id());
            CHECK(r.pass->value == p.value);
            CHECK(r.pass->first_month == p.first_month);
            CHECK(r.pass->last_month == p.last_month);
            std::string s = r.symbols;
            for (std::size_t at = 0; at < s.size(); ++at) {
                std::string wrong = s;
                wrong[at] = kShortAlphabet[(kShortAlphabet.find(s[at]) + 1 + rng() % 31) % 32];
                CHECK(read_short_code(wrong).problem != ShortProblem::None);
                if (at + 1 < s.size() && s[at] != s[at + 1]) {
                    std::string swapped = s;
                    std::swap(swapped[at], swapped[at + 1]);
                    ++swaps;
                    swaps_caught += read_short_code(swapped).problem != ShortProblem::None;
                }
            }
            CHECK(read_short_code(s.substr(1)).problem == ShortProblem::Missing);
            CHECK(read_short_code(s + "7").problem == ShortProblem::Extra);
        }
        INFO("seed " << seed << ": swaps of neighbours caught " << swaps_caught << " of " << swaps);
        CHECK(swaps_caught * 100 >= swaps * 95);
    }
    // Typed loosely: lower case, I and L for 1, O for 0, spaces.
    SignedPass p = demo_pass();
    const std::string code = short_code(p);
    std::string loose;
    for (char c : code)
        loose += c == '1' ? 'l' : c == '0' ? 'o' : c == '-' ? ' ' : static_cast<char>(std::tolower(c));
    CHECK(read_short_code(loose).problem == ShortProblem::None);

    // Checked: plausible (no signature), the same journal entry as the QR code.
    Registry reg = shipped_registry();
    Journal journal(":memory:", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k", .online = false});
    kiosk::Translator t = translator();
    const Verdict v = checker.check_on(code, ymd(2025, 6, 1));
    CHECK(v.reason == Reason::ToConfirm);
    CHECK(v.plausible);
    CHECK(v.pass_id == "1-42");
    CHECK(words(v, t).title == "Ce numéro semble correct");
    const Verdict missing = checker.check_on(code.substr(0, code.size() - 1), ymd(2025, 6, 1));
    CHECK(missing.reason == Reason::Unreadable);
    CHECK(words(missing, t).title == "Vérifiez le code");
    CHECK(words(missing, t).text == "Il manque une lettre ou un chiffre : le code en a 14.");
    CHECK(words(checker.check_on(code + "K", ymd(2025, 6, 1)), t).text ==
          "Il y a une lettre ou un chiffre en trop : le code en a 14.");
    const Verdict qr = checker.check_on(sign_payload(p, demo_secret()), ymd(2025, 6, 1));
    REQUIRE(checker.redeem(qr).status == RedeemStatus::Recorded);
    CHECK(checker.check_on(code, ymd(2025, 6, 1)).reason == Reason::AlreadyUsed);
    CHECK(checker.check_on(short_code(demo_pass(977)), ymd(2025, 6, 1)).reason == Reason::Revoked);
}

TEST_CASE("the test vectors of content/pass/README.md give their verdicts") {
    std::ifstream in(kiosk::test::source_dir() / "content/pass/README.md");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string readme = ss.str();
    // Rows: | name | `text` | date | zone or – | expected reason |
    const std::regex row(
        R"(\| *([a-z0-9-]+) *\| *`([^`]*)` *\| *(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d) UTC)? *\| *([A-Za-z/_–-]+) *\| *([a-z_]+) *\|)");
    Registry reg = shipped_registry();
    Journal journal(":memory:", kiosk::test::test_clock());
    int n = 0;
    for (auto it = std::sregex_iterator(readme.begin(), readme.end(), row); it != std::sregex_iterator();
         ++it) {
        const std::smatch& m = *it;
        INFO(m[1].str() << ": " << m[2].str());
        const std::string zone = m[8].str() == "–" || m[8].str() == "-" ? "" : m[8].str();
        Checker checker(reg, &journal, {.kiosk_id = "k", .online = false, .time_zone = zone});
        const int y = std::stoi(m[3].str());
        const unsigned mo = static_cast<unsigned>(std::stoi(m[4].str())),
                       d = static_cast<unsigned>(std::stoi(m[5].str()));
        const Verdict v =
            m[6].matched
                ? checker.check(m[2].str(), utc(y, mo, d, std::stoi(m[6].str()), std::stoi(m[7].str())))
                : checker.check_on(m[2].str(), ymd(y, mo, d));
        CHECK(reason_code(v.reason) == m[9].str());
        ++n;
    }
    CHECK(n >= 12);
}
