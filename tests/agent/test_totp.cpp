// The agent's second factor against the RFCs' own test vectors, skew, replay, and secrets as people copy
// them.
#include <catch2/catch.hpp>

#include "kiosk/core/totp.hpp"

using namespace kiosk;

namespace {
const totp::Secret kRfcSecret = [] {
    const std::string s = "12345678901234567890";  // RFC 4226 appendix D and RFC 6238 appendix B (SHA-1)
    return totp::Secret(s.begin(), s.end());
}();
}  // namespace

TEST_CASE("HOTP gives RFC 4226's ten test values") {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t i = 0; i < 10; ++i) CHECK(totp::hotp(kRfcSecret, i) == expected[i]);
}

TEST_CASE("TOTP gives RFC 6238's SHA-1 test values, 8 digits and the 6 an app shows") {
    struct Vector {
        std::int64_t time;
        const char* code8;
    };
    const Vector vectors[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                              {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
    for (const auto& v : vectors) {
        CAPTURE(v.time);
        CHECK(totp::code_at(kRfcSecret, v.time, 8) == v.code8);
        CHECK(totp::code_at(kRfcSecret, v.time, 6) == std::string(v.code8).substr(2));
    }
}

TEST_CASE("A code is accepted one step either side of the kiosk's clock, not two, and only once") {
    const std::int64_t now = 1111111111;  // step 37037037
    SECTION("skew") {
        for (int d : {-1, 0, 1}) {
            totp::Verifier v(kRfcSecret);
            CAPTURE(d);
            CHECK(v.check(totp::code_at(kRfcSecret, now + d * 30), now) == totp::Verifier::Result::Accepted);
        }
        for (int d : {-2, 2, 10}) {
            totp::Verifier v(kRfcSecret);
            CAPTURE(d);
            CHECK(v.check(totp::code_at(kRfcSecret, now + d * 30), now) == totp::Verifier::Result::Wrong);
        }
    }
    SECTION("replay: the same code, or an older one, after a code was used") {
        totp::Verifier v(kRfcSecret);
        const std::string code = totp::code_at(kRfcSecret, now);
        REQUIRE(v.check(code, now) == totp::Verifier::Result::Accepted);
        CHECK(v.check(code, now + 5) == totp::Verifier::Result::Replayed);
        CHECK(v.check(totp::code_at(kRfcSecret, now - 30), now) == totp::Verifier::Result::Replayed);
        CHECK(v.check(totp::code_at(kRfcSecret, now + 30), now + 30) == totp::Verifier::Result::Accepted);
    }
    SECTION("malformed codes never match") {
        totp::Verifier v(kRfcSecret);
        for (const char* bad : {"", "12345", "1234567", "12a456", " 50471", "-50471"})
            CHECK(v.check(bad, now) == totp::Verifier::Result::Wrong);
        CHECK(v.check(totp::code_at(kRfcSecret, now), -1) == totp::Verifier::Result::Wrong);
    }
}

TEST_CASE("Base32 secrets: RFC 4648 vectors, copied in groups, lower case, garbage refused") {
    auto bytes = [](const std::string& s) { return totp::Secret(s.begin(), s.end()); };
    CHECK(totp::base32_encode(bytes("foobar")) == "MZXW6YTBOI");
    CHECK(totp::base32_encode(bytes("f")) == "MY");
    CHECK(totp::base32_decode("MZXW6YTBOI======") == bytes("foobar"));
    CHECK(totp::base32_decode("mzxw 6ytb-oi") == bytes("foobar"));
    CHECK(totp::base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == kRfcSecret);
    CHECK_FALSE(totp::base32_decode("MZXW1YTB").has_value());  // 1 is not base32
    CHECK_FALSE(totp::base32_decode("MZ==XW").has_value());    // data after padding
    CHECK_FALSE(totp::base32_decode("").has_value());
    const totp::Secret fresh = totp::new_secret();
    CHECK(fresh.size() == 20);
    CHECK(totp::base32_decode(totp::base32_encode(fresh)) == fresh);
    CHECK(totp::new_secret() != fresh);
}

TEST_CASE("The otpauth URI is what authenticator apps read") {
    const std::string uri = totp::otpauth_uri("Kiosque Mairie", "agent@kiosque-42", kRfcSecret);
    CHECK(uri ==
          "otpauth://totp/Kiosque%20Mairie:agent%40kiosque-42?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
          "&issuer=Kiosque%20Mairie&algorithm=SHA1&digits=6&period=30");
}
