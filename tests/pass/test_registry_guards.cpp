// The registry refuses what would make the checker read out of bounds or outside the content folder, and a
// file that toml++ cannot take or that is not a file is a clear error.
#include <catch2/catch.hpp>

#include <fstream>

#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {
RegistryResult parse(const std::string& toml) {
    return parse_registry(toml, kiosk::test::source_dir() / "content/pass", "issuers.toml");
}
std::string all(const RegistryResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.to_string() + "\n";
    return s;
}
const std::string kCheque = "format = 1\n[[issuer]]\nid = \"c\"\nname = \"C\"\nkind = \"cheque\"\n";
}  // namespace

TEST_CASE("a year_offset beyond length is refused and never read past the number") {
    const RegistryResult r = parse(kCheque + "length = 4\nyear_offset = 5\n");  // lines 6, 7
    INFO(all(r));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() ==
          "issuers.toml:7: issuer[1].year_offset: must leave two digits inside length");
    REQUIRE(r.registry.issuers.size() == 1);
    CHECK(r.registry.issuers[0].year_offset == -1);  // not kept

    // An issuer built by other means (or a registry from before the check): four typed digits stay inside.
    Registry reg;
    Issuer is;
    is.id = "c";
    is.kind = IssuerKind::Cheque;
    is.length = 4;
    is.year_offset = 5;
    reg.issuers.push_back(is);
    const Checker checker(reg, nullptr, {"k", false});
    const Verdict v = checker.check("1234", std::chrono::system_clock::time_point{});
    CHECK(v.reason == Reason::UnknownIssuer);
    CHECK_THAT(v.detail, Catch::Contains("year_offset"));
}

TEST_CASE("key files named by the registry stay inside the content folder") {
    for (const std::string& name : {std::string("/etc/passwd"), std::string("../pass/keys/demo-2025.pub"),
                                    std::string("keys/../keys/demo-2025.pub")}) {
        const RegistryResult r = parse(
            "format = 1\n[[issuer]]\nid = \"d\"\nname = \"D\"\nkind = \"signed\"\ncode = 1\n"
            "public_keys = [\"" +
            name + "\"]\n");
        INFO(all(r));
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].to_string() ==
              "issuers.toml:7: issuer[1].public_keys: \"" + name +
                  "\" must be a file inside the content folder (no absolute path, no \"..\")");
        CHECK(r.registry.issuers.at(0).public_keys.empty());
    }
    const RegistryResult ok = parse(
        "format = 1\n[[issuer]]\nid = \"d\"\nname = \"D\"\nkind = \"signed\"\ncode = 1\n"
        "public_keys = [\"keys/demo-2025.pub\"]\n");
    CHECK(ok.ok());
    CHECK(ok.key_files == std::vector<std::string>{"keys/demo-2025.pub"});
}

TEST_CASE("a registry holding only \xC3\xA9, or that is a folder, is a clear error") {
    kiosk::test::TempDir dir;
    {
        std::ofstream out(dir.path / "issuers.toml", std::ios::binary);
        out << "\xC3\xA9";
    }
    RegistryResult r = load_registry(dir.path / "issuers.toml");
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].to_string(),
               Catch::EndsWith("issuers.toml:1: cannot be read: a character other than plain "
                               "ASCII outside quotes or comments (put text in quotes)"));
    std::filesystem::remove(dir.path / "issuers.toml");
    std::filesystem::create_directories(dir.path / "issuers.toml");
    r = load_registry(dir.path / "issuers.toml");
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0].to_string(), Catch::EndsWith("issuers.toml: is a folder, not a file"));
}
