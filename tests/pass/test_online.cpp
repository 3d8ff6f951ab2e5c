// Online confirmation of cheque numbers against a real HTTP server on 127.0.0.1 (real sockets), never a mock.
#include <catch2/catch.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/core/pass/online.hpp"
#include "loopback_http.hpp"
#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {

// The issuer's server, a real HTTP/1.1 server on 127.0.0.1 (tests/support/loopback_http.hpp). It answers by
// the next-to-last two digits of the number asked: 99 slow (longer than the kiosk waits), 11 used,
// 22 unknown, 33 a server error, 44 a maintenance page in HTML, 55 expired, 66 valid but worth 0 €,
// anything else valid.
kiosk::test::HttpAnswer issuer_answer(const kiosk::test::HttpRequest& req) {
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    const std::string number =
        req.method == "POST" && j.is_object() && j.contains("number") && j["number"].is_string()
            ? j["number"].get<std::string>()
            : "000";
    const std::string tail = number.size() >= 3 ? number.substr(number.size() - 3, 2) : "";
    if (tail == "99") {
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
        return {200, R"({"status":"valid"})"};
    }
    if (tail == "11") return {200, R"({"status":"used"})"};
    if (tail == "22") return {200, R"({"status":"unknown"})"};
    if (tail == "33") return {500, "{}"};
    if (tail == "44") return {200, "<html>maintenance</html>", "text/html"};
    if (tail == "55") return {200, R"({"status":"expired"})"};
    if (tail == "66") return {200, R"({"status":"valid","value":0,"unit":"euros"})"};
    return {200, R"({"status":"valid","value":20,"unit":"euros"})"};
}

struct IssuerServer {
    kiosk::test::LoopbackHttpServer http{issuer_answer};
    const int port = http.port();
    int requests() const { return static_cast<int>(http.requests().size()); }
    kiosk::test::HttpRequest last() const {
        const auto all = http.requests();
        return all.empty() ? kiosk::test::HttpRequest{} : all.back();
    }
};

Registry registry_for(int port, const std::string& method, const kiosk::test::TempDir& dir) {
    const std::string toml =
        "format = 1\n[[issuer]]\nid = \"aptic\"\nname = \"#APTIC\"\nkind = \"cheque\"\nlength = 12\n"
        "prefix = \"7\"\ncheck = \"luhn\"\nyear_offset = 1\nvalue = 10\nunit = \"euros\"\ntolerance_days = "
        "31\n"
        "endpoint = \"http://127.0.0.1:" +
        std::to_string(port) + "/check\"\nmethod = \"" + method + "\"\ntimeout_ms = 300\n";
    auto r = parse_registry(toml, dir.path, "online.toml");
    for (const auto& e : r.errors) FAIL(e.to_string());
    return r.registry;
}

// A port nobody listens on: bound, then released.
int closed_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(s);
    return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("online confirmation: accepted, refused and already used, the number in a POST body") {
    IssuerServer server;
    kiosk::test::TempDir dir;
    for (const std::string method : {"POST"}) {
        INFO(method);
        Registry reg = registry_for(server.port, method, dir);
        Journal journal(dir.path / (method + ".sqlite"), kiosk::test::test_clock());
        Checker checker(reg, &journal, {.kiosk_id = "kiosk-42"});
        const Date day = ymd(2025, 6, 1);
        const Verdict ok = checker.check_on(aptic_number(2025, "12345600"), day);
        CHECK(ok.reason == Reason::Accepted);
        CHECK(ok.confirmed_online);
        CHECK(ok.value ==
              Value{Unit::Euros, 2000});  // the issuer's answer wins over the registry's face value
        CHECK(checker.check_on(aptic_number(2025, "12345611"), day).reason == Reason::AlreadyUsed);
        CHECK(checker.check_on(aptic_number(2025, "12345622"), day).reason == Reason::Forged);
        // Refused offline rules are never sent: an expired cheque or a bad check digit make no request.
        const int before = server.requests();
        CHECK(checker.check_on(aptic_number(2025, "12345600"), ymd(2026, 2, 1)).reason == Reason::Expired);
        CHECK(server.requests() == before);
        REQUIRE(checker.redeem(ok).status == RedeemStatus::Recorded);
        CHECK(journal.find("aptic", ok.pass_id)->status == "accepted");
    }
    CHECK(server.last().body.find("\"kiosk\":\"kiosk-42\"") != std::string::npos);
    CHECK(server.last().body.find(aptic_number(2025, "12345622")) !=
          std::string::npos);                 // the last one asked
    CHECK(server.last().target == "/check");  // nothing in the URL
}

TEST_CASE("online confirmation: never in the clear to another machine, never in a URL") {
    CHECK(endpoint_problem("https://cheques.example.org/check") == "");
    CHECK(endpoint_problem("http://127.0.0.1:8080/check") == "");
    CHECK(endpoint_problem("http://127.1.2.3/check") == "");
    CHECK(endpoint_problem("http://localhost:80/check?x=1") == "");
    CHECK(endpoint_problem("http://[::1]:8080/check") == "");
    CHECK(endpoint_problem("http://[::1]/check") == "");
    for (const char* bad :
         {"http://cheques.example.org/check", "http://127.0.0.1.example.org/",
          "http://localhost.example.org/", "http://128.0.0.1/", "http://127.0.0.1@example.org/",
          "http://[::2]/", "ftp://127.0.0.1/", "https://"}) {
        INFO(bad);
        CHECK_FALSE(endpoint_problem(bad).empty());
    }
    // Refused before anything is sent: the check is à confirmer, the reason says why.
    Issuer issuer;
    issuer.id = "aptic";
    issuer.endpoint = "http://192.0.2.1/check";
    const OnlineResult r = confirm_online(issuer, aptic_number(2025), "k");
    CHECK(r.answer == OnlineAnswer::Unreachable);
    CHECK_THAT(r.detail, Catch::Contains("https://"));
    // …and the registry refuses such an endpoint, and GET, with the line.
    kiosk::test::TempDir dir;
    const std::string base =
        "format = 1\n[[issuer]]\nid = \"aptic\"\nname = \"#APTIC\"\nkind = \"cheque\"\nlength = 12\n"
        "prefix = \"7\"\ncheck = \"luhn\"\nyear_offset = 1\nvalue = 10\nunit = \"euros\"\n";
    auto clear =
        parse_registry(base + "endpoint = \"http://cheques.example.org/check\"\n", dir.path, "clear.toml");
    REQUIRE_FALSE(clear.errors.empty());
    CHECK_THAT(clear.errors.front().to_string(), Catch::Contains("endpoint") && Catch::Contains("https://"));
    auto get = parse_registry(base + "endpoint = \"https://cheques.example.org/check\"\nmethod = \"GET\"\n",
                              dir.path, "get.toml");
    REQUIRE_FALSE(get.errors.empty());
    CHECK_THAT(get.errors.front().to_string(), Catch::Contains("method") && Catch::Contains("POST"));
}

TEST_CASE("online confirmation: a slow or broken issuer means à confirmer, never a refusal") {
    IssuerServer server;
    kiosk::test::TempDir dir;
    Registry reg = registry_for(server.port, "POST", dir);
    Journal journal(dir.path / "j.sqlite", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k"});
    const Date day = ymd(2025, 6, 1);
    const Verdict slow = checker.check_on(aptic_number(2025, "12345699"), day);
    CHECK(slow.reason == Reason::ToConfirm);
    CHECK(slow.detail.find("network") != std::string::npos);
    CHECK(checker.check_on(aptic_number(2025, "12345633"), day).reason == Reason::ToConfirm);  // HTTP 500
    CHECK(checker.check_on(aptic_number(2025, "12345644"), day).reason == Reason::ToConfirm);  // not JSON
    // Recorded as to be confirmed, and then it cannot be used a second time.
    REQUIRE(checker.redeem(slow).status == RedeemStatus::Recorded);
    CHECK(journal.find("aptic", slow.pass_id)->status == "to_confirm");
    CHECK(checker.check_on(aptic_number(2025, "12345699"), day).reason == Reason::AlreadyUsed);
}

TEST_CASE("online confirmation: server down or kiosk offline means à confirmer") {
    kiosk::test::TempDir dir;
    Registry reg = registry_for(closed_port(), "POST", dir);
    Journal journal(dir.path / "j.sqlite", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k"});
    const Verdict down = checker.check_on(aptic_number(2025), ymd(2025, 6, 1));
    CHECK(down.reason == Reason::ToConfirm);
    CHECK(down.value == Value{Unit::Euros, 1000});
    Checker offline(reg, &journal, {.kiosk_id = "k", .online = false});
    CHECK(offline.check_on(aptic_number(2025), ymd(2025, 6, 1)).reason == Reason::ToConfirm);
    CHECK(offline.check_on(aptic_number(2025), ymd(2026, 2, 1)).reason ==
          Reason::Expired);  // offline rules still refuse
}

TEST_CASE("online: the issuer's \"expired\" is said with no date, a cheque worth 0 € is refused") {
    IssuerServer server;
    kiosk::test::TempDir dir;
    Registry reg = registry_for(server.port, "POST", dir);
    Journal journal(dir.path / "j.sqlite", kiosk::test::test_clock());
    Checker checker(reg, &journal, {.kiosk_id = "k"});
    kiosk::Translator t;
    std::vector<std::string> errors;
    t.load_folder(kiosk::test::source_dir() / "content/i18n", "fr", errors);
    REQUIRE(errors.empty());
    // By the numbering rules it would be good until 31 January 2026: the issuer says it has expired.
    const Verdict v = checker.check_on(aptic_number(2025, "12345655"), ymd(2025, 6, 1));
    CHECK(v.reason == Reason::Expired);
    CHECK_FALSE(v.valid_until);
    const Words w = words(v, t);
    CHECK(w.title == "Ce pass n’est plus valable");
    CHECK(w.text == "L’organisme qui l’a délivré nous indique qu’il n’est plus valable.");
    CHECK(w.text.find("2026") == std::string::npos);
    CHECK(w.text.find("2025") == std::string::npos);
    const Verdict zero = checker.check_on(aptic_number(2025, "12345666"), ymd(2025, 6, 1));
    CHECK(zero.reason == Reason::NoValue);
    CHECK_FALSE(zero.usable());
    CHECK(words(zero, t).title == "Ce pass n’a pas de valeur");
    // Confirmed online: "valable", not merely plausible.
    const Verdict ok = checker.check_on(aptic_number(2025, "12345600"), ymd(2025, 6, 1));
    CHECK(ok.reason == Reason::Accepted);
    CHECK_FALSE(ok.plausible);
    CHECK(words(ok, t).title == "Votre pass est valable");
}
