// The signed payload: layout, size, signature, tampering and a corpus of broken strings.
#include <catch2/catch.hpp>

#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

TEST_CASE("a signed pass is 100 characters and reads back as it was written") {
    const std::string text = sign_payload(demo_pass(123456), demo_secret());
    CHECK(text.size() == kPayloadChars);
    CHECK(text.rfind("PN1.", 0) == 0);
    auto p = parse_payload(text);
    REQUIRE(p);
    CHECK(p->pass.issuer_code == 1);
    CHECK(p->pass.serial == 123456);
    CHECK(p->pass.value == Value{Unit::Euros, 1000});
    CHECK(p->pass.valid_from() == ymd(2025, 1, 1));
    CHECK(p->pass.valid_until() == ymd(2025, 12, 31));
    CHECK(p->pass.pass_id() == "1-123456");
    const Registry reg = shipped_registry();
    REQUIRE(reg.by_code(1));
    CHECK(verify_payload(*p, reg.by_code(1)->public_keys.at(0)));
    // A scanner's line end and spaces around are ignored.
    CHECK(parse_payload("  " + text + "\r\n"));
}

TEST_CASE("hours, the largest fields and the month count survive the round trip") {
    SignedPass s = demo_pass(0xFFFFFF);
    s.issuer_code = 255;
    s.value = {Unit::Hours, 32767};
    s.first_month = ym(2024, 1);
    s.last_month = ym(2045, 4);
    auto p = parse_payload(sign_payload(s, demo_secret()));
    REQUIRE(p);
    CHECK(p->pass.issuer_code == 255);
    CHECK(p->pass.serial == 0xFFFFFFu);
    CHECK(p->pass.value == Value{Unit::Hours, 32767});
    CHECK(p->pass.valid_until() == ymd(2045, 4, 30));
    s.last_month = ym(2045, 5);
    CHECK_THROWS_AS(sign_payload(s, demo_secret()), std::invalid_argument);
    s = demo_pass();
    s.first_month = ym(2025, 6);
    s.last_month = ym(2025, 5);
    CHECK_THROWS_AS(sign_payload(s, demo_secret()), std::invalid_argument);
    s = demo_pass();
    s.issuer_code = 0;
    CHECK_THROWS_AS(sign_payload(s, demo_secret()), std::invalid_argument);
}

TEST_CASE("changing any one character of a signed pass breaks it") {
    const std::string text = sign_payload(demo_pass(), demo_secret());
    const PublicKey key = shipped_registry().by_code(1)->public_keys.at(0);
    int unreadable = 0, forged = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string t = text;
        t[i] = t[i] == 'A' ? 'B' : 'A';
        auto p = parse_payload(t);
        if (!p)
            ++unreadable;
        else if (!verify_payload(*p, key))
            ++forged;
        else
            FAIL("a changed payload still verifies at " << i);
    }
    CHECK(unreadable + forged == static_cast<int>(text.size()));
    CHECK(forged > 80);
}

TEST_CASE("a pass signed with another key does not verify") {
    const KeyPair other = generate_keypair();
    auto p = parse_payload(sign_payload(demo_pass(), other.secret_key));
    REQUIRE(p);
    CHECK_FALSE(verify_payload(*p, shipped_registry().by_code(1)->public_keys.at(0)));
    CHECK(verify_payload(*p, other.public_key));
}

TEST_CASE("malformed payloads are refused without crashing") {
    const std::string good = sign_payload(demo_pass(), demo_secret());
    std::string bad_months = good;
    {
        auto bytes = *base64url_decode(good.substr(4));
        bytes[6] = 10;
        bytes[7] = 9;  // ends before it starts
        bad_months = "PN1." + base64url_encode(bytes.data(), bytes.size());
    }
    std::string code_zero;
    {
        auto bytes = *base64url_decode(good.substr(4));
        bytes[0] = 0;
        code_zero = "PN1." + base64url_encode(bytes.data(), bytes.size());
    }
    const std::vector<std::string> corpus = {
        "",
        " ",
        "PN1",
        "PN1.",
        "PN1..",
        "pn1." + good.substr(4),
        "PN2." + good.substr(4),
        "PN1:" + good.substr(4),
        good.substr(0, 99),
        good + "A",
        good + "AA",
        good.substr(0, 50),
        "PN1." + std::string(96, '='),
        "PN1." + std::string(96, '/'),
        "PN1." + std::string(96, '+'),
        "PN1." + good.substr(4, 95) + "\xC3",
        std::string("PN1.") + std::string(95, 'A') + '\0',
        "PN1. " + good.substr(5),
        good.substr(0, 50) + " " + good.substr(51),
        std::string(10000, 'A'),
        "PN1." + std::string(10000, 'A'),
        "PN99999999999999999999.AAAA",
        "\xEF\xBB\xBF" + good,
        bad_months,
        code_zero,
        "https://example.org/PN1.",
        "{\"pass\": 1}",
    };
    for (const std::string& s : corpus) {
        INFO("payload: " << s.substr(0, 120));
        std::string why;
        CHECK_FALSE(parse_payload(s, &why));
        CHECK_FALSE(why.empty());
    }
}

TEST_CASE("base64url decodes only canonical text") {
    const std::uint8_t data[] = {0xFB, 0xFF, 0x00};
    CHECK(base64url_encode(data, 3) == "-_8A");
    CHECK(base64url_decode("-_8A") == std::vector<std::uint8_t>{0xFB, 0xFF, 0x00});
    CHECK(base64url_decode("-_8") == std::vector<std::uint8_t>{0xFB, 0xFF});
    CHECK_FALSE(base64url_decode("-_9"));  // trailing bits set
    CHECK_FALSE(base64url_decode("A"));
    CHECK_FALSE(base64url_decode("AB=="));
}
