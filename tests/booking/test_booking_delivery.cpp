// Booking requests through the durable outbox to a hub on loopback: sealed (nothing readable by the kiosk),
// idempotent (a duplicate delivery books nothing twice), retried through 500s, resets, cut answers and
// timeouts, the hub's true answer kept; acknowledged details scrubbed; and the submit path killed -9 at
// random moments 200 times, restarted, drained: nothing lost, nothing booked twice, nothing readable left.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <random>

#include "booking_hub.hpp"
#include "kiosk/core/booking/booking.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::booking;
using nlohmann::json;

namespace {

const char* kDemoKey = "r/QNXBgDOlHP2zNRkMPu5YDmm21t+0b5bJBAV1G2x2s=";

Workshop session() {
    Workshop w;
    w.id = "hub:s1";
    w.source = "hub";
    w.how = HowToBook::Hub;
    w.title = "Créer son adresse e-mail";
    w.starts = 29576 * 1440LL + 14 * 60;
    return w;
}

// Every byte of every file in `dir` (the databases, their WAL and shared memory files).
std::string all_bytes(const std::filesystem::path& dir) {
    std::string out;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
        if (f.is_regular_file()) {
            std::ifstream in(f.path(), std::ios::binary);
            out.append(std::istreambuf_iterator<char>(in), {});
        }
    return out;
}

outbox::Options fast() {
    outbox::Options o;
    o.backoff.base = std::chrono::milliseconds(1);
    o.backoff.cap = std::chrono::milliseconds(4);
    o.lease = std::chrono::milliseconds(50);
    o.seed = 7;
    return o;
}

}  // namespace

TEST_CASE(
    "a sealed booking survives 500s, a reset after the hub took it, a cut answer and a timeout, and is "
    "booked once") {
    test::TempDir dir;
    const test::HubKeys keys = test::HubKeys::demo(test::source_dir());
    test::BookingHub hub(keys);
    const PublicKey pk = *decode_key(kDemoKey);
    outbox::Outbox box(dir.path / "bookings-outbox.sqlite", fast());
    auto ledger = std::make_shared<BookingLedger>(dir.path / "bookings.sqlite");
    std::vector<std::pair<std::string, BookingStatus>> heard;
    BookingSender sender(
        hub.url(), "kiosk-token", ledger, [] { return std::int64_t{1795510800}; },
        [&](const std::string& k, BookingStatus s) { heard.emplace_back(k, s); }, 300);

    const Citizen c{"Zoé", "Lefèvre", "06 12 34 56 78", "", false};
    const std::string details = citizen_json(c, check_phone(c.phone));
    const std::string sealed = seal(details, pk);
    const std::string key = new_booking_key("demo-0001");
    CHECK(key != new_booking_key("demo-0001"));
    const std::string payload = booking_payload(session(), "demo-0001", sealed, 1795510800, kBookingMaxAge);
    CHECK(payload.find("Lefèvre") == std::string::npos);
    CHECK(payload.find("612345678") == std::string::npos);
    const outbox::TimePoint made{std::chrono::seconds(1795510800)};
    REQUIRE(box.enqueue(kBookingKind, key, payload, made).status == outbox::Enqueued::Added);
    // Enqueued twice (a double tap): one message.
    CHECK(box.enqueue(kBookingKind, key, payload, made).status == outbox::Enqueued::AlreadyThere);

    using F = test::BookingHub::Fault;
    hub.inject(
        {{500, F::None, 0}, {503, F::None, 0}, {0, F::Reset, 0}, {0, F::Truncate, 0}, {0, F::None, 700}});
    auto t = made;
    int rounds = 0;
    while (box.count(outbox::State::Pending) > 0 && rounds < 50) {
        box.drain(sender, t);
        t += std::chrono::milliseconds(100);
        ++rounds;
    }
    REQUIRE(box.count(outbox::State::Sent) == 1);
    CHECK(box.find(key)->attempts >= 5);
    const auto booked = hub.booked();
    REQUIRE(booked.size() == 1);  // taken once, whatever the deliveries
    const auto& b = booked.at(key);
    CHECK(b.deliveries >= 3);  // the reset, the cut answer and the timeout came after the hub took it
    CHECK(b.status == "confirmed");
    CHECK(json::parse(b.details)["last_name"] == "Lefèvre");
    CHECK(json::parse(b.details)["phone"] == "+33612345678");
    CHECK(json::parse(b.details)["sms"] == true);
    CHECK(ledger->status(key) == BookingStatus::Confirmed);
    REQUIRE_FALSE(heard.empty());
    CHECK(heard.back() == std::pair{key, BookingStatus::Confirmed});
    // The kiosk cannot open it: a wrong secret key does not.
    std::array<unsigned char, 32> wrong{};
    wrong[0] = 1;
    CHECK_FALSE(open_sealed(sealed, pk, wrong));

    // Acknowledged: the sealed details go from the disk, the key stays (a late duplicate is still known).
    CHECK(all_bytes(dir.path).find(sealed.substr(0, 40)) != std::string::npos);
    CHECK(scrub(dir.path / "bookings-outbox.sqlite", kBookingMaxAge, 1795510800) == 1);
    CHECK(box.find(key)->payload.empty());
    CHECK(all_bytes(dir.path).find(sealed.substr(0, 40)) == std::string::npos);

    // Cancelled from the kiosk (an agent), through the same outbox.
    REQUIRE(box.enqueue(kCancelKind, "cancel-" + key, json{{"booking", key}}.dump(), t).status ==
            outbox::Enqueued::Added);
    box.drain(sender, t);
    CHECK(hub.booked().at(key).status == "cancelled");
    CHECK(ledger->status(key) == BookingStatus::Cancelled);
    CHECK(fetch_status(hub.url(), "kiosk-token", key) == BookingStatus::Cancelled);
}

TEST_CASE(
    "a hub that takes requests without confirming says 'pending'; a full session 'full'; a wrong token is "
    "refused") {
    test::TempDir dir;
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    Workshop full = session();
    full.id = "s1";
    full.seats_left = 0;
    hub.set_sessions({full});
    const PublicKey pk = *decode_key(kDemoKey);
    outbox::Outbox box(dir.path / "o.sqlite", fast());
    auto ledger = std::make_shared<BookingLedger>(dir.path / "b.sqlite");
    BookingSender good(hub.url(), "kiosk-token", ledger, {}, {}, 2000);
    BookingSender wrong(hub.url(), "not-the-token", ledger, {}, {}, 2000);
    const std::string sealed = seal("{}", pk);
    box.enqueue(kBookingKind, "k-full", booking_payload(session(), "k", sealed, 0, kBookingMaxAge), {});
    box.drain(good, {});
    CHECK(ledger->status("k-full") == BookingStatus::Full);
    hub.set_sessions({});
    hub.confirm_by_default(false);
    box.enqueue(kBookingKind, "k-pending", booking_payload(session(), "k", sealed, 0, kBookingMaxAge), {});
    box.drain(good, {});
    CHECK(ledger->status("k-pending") == BookingStatus::Pending);
    box.enqueue(kBookingKind, "k-refused", booking_payload(session(), "k", sealed, 0, kBookingMaxAge), {});
    box.drain(wrong, {});
    CHECK(ledger->status("k-refused") == BookingStatus::Refused);
    CHECK(box.find("k-refused")->state == outbox::State::Dead);
    // Old requests go after the maximum age, whatever their state.
    CHECK(scrub(dir.path / "o.sqlite", std::chrono::hours(24), 3 * 86400) == 3 + 2);  // 2 payloads, 3 rows
    CHECK(box.count(outbox::State::Sent) + box.count(outbox::State::Dead) +
              box.count(outbox::State::Pending) ==
          0);
}

TEST_CASE(
    "kill -9 at random moments of the submit path, 200 times: nothing lost, nothing booked twice, nothing "
    "readable") {
    test::TempDir dir;
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    // Every 5th request: the hub takes it and the connection is reset (a duplicate delivery follows).
    hub.fault_every(5, {0, test::BookingHub::Fault::Reset, 0});
    const std::string child = (test::binary_dir() / "tests/booking-submit-child").string();
    REQUIRE(std::filesystem::exists(child));
    constexpr int kBookings = 120, kKills = 200;
    std::mt19937 rng(20261124);
    std::uniform_int_distribution<int> delay_us(0, 25000);
    auto run = [&](int upto, bool kill) {
        const std::string n = std::to_string(upto);
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::execl(child.c_str(), child.c_str(), dir.path.c_str(), hub.url().c_str(), n.c_str(), kDemoKey,
                    nullptr);
            ::_exit(127);
        }
        if (kill) {
            ::usleep(static_cast<useconds_t>(delay_us(rng)));
            ::kill(pid, SIGKILL);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        return status;
    };
    int killed = 0;
    for (int i = 0; i < kKills; ++i)
        if (WIFSIGNALED(run(std::min(kBookings, 1 + i * kBookings / kKills + i % 3), true))) ++killed;
    const int last = run(kBookings, false);
    REQUIRE(WIFEXITED(last));
    REQUIRE(WEXITSTATUS(last) == 0);
    INFO(killed << " of " << kKills << " runs killed before they ended");
    CHECK(killed > kKills / 2);

    const auto booked = hub.booked();
    CHECK(booked.size() == static_cast<std::size_t>(kBookings));  // none lost, none twice (one entry a key)
    int duplicates = 0;
    for (int i = 0; i < kBookings; ++i) {
        const auto it = booked.find("bk-kill-" + std::to_string(i));
        REQUIRE(it != booked.end());
        CHECK(json::parse(it->second.details)["last_name"] ==
              "Testeur" + std::to_string(i));  // its own details
        duplicates += it->second.deliveries - 1;
    }
    WARN(killed << " kills, " << duplicates << " duplicate deliveries answered without booking again, "
                << hub.requests() << " requests");
    outbox::Outbox box(dir.path / "bookings-outbox.sqlite");
    CHECK(box.count(outbox::State::Sent) == static_cast<std::size_t>(kBookings));
    CHECK(box.count(outbox::State::Pending) == 0);
    BookingLedger ledger(dir.path / "bookings.sqlite");
    for (const auto& e : ledger.all()) CHECK(e.status == BookingStatus::Confirmed);
    const std::string bytes = all_bytes(dir.path);
    CHECK(bytes.find("Testeur") == std::string::npos);
    CHECK(bytes.find("612345678") == std::string::npos);
    CHECK(bytes.find("\"sealed\":\"") == std::string::npos);  // acknowledged: scrubbed
}
