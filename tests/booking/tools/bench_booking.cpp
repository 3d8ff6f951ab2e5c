// kiosk-bench-booking [--bookings N]: 1,000 booking requests sealed, queued and drained against a hub on
// loopback (tests/booking/booking_hub.hpp): the time and the peak memory; the same with a 500 on every 10th
// request; then the frame time (p50 / p99) of the real application headless while its outbox drains, beside
// the same screen with nothing to send.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "booking_hub.hpp"
#include "kiosk/core/booking/booking.hpp"
#include "kiosk/core/journeys/booking_journey.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1,
                      static_cast<std::size_t>(std::llround(p * static_cast<double>(v.size() - 1))))];
}

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::vector<outbox::NewMessage> requests(int n, const booking::PublicKey& key, const std::string& prefix) {
    std::vector<outbox::NewMessage> out;
    booking::Workshop w;
    w.id = "hub:s1";
    w.how = booking::HowToBook::Hub;
    for (int i = 0; i < n; ++i) {
        booking::Citizen c{"Zoé", "Martin" + std::to_string(i), "0612345678", "", false};
        const std::string sealed =
            booking::seal(booking::citizen_json(c, booking::check_phone(c.phone)), key);
        out.push_back({booking::kBookingKind, prefix + std::to_string(i),
                       booking::booking_payload(w, "bench", sealed, 1795510800, booking::kBookingMaxAge)});
    }
    return out;
}

void drain_all(int n, int fault_every) {
    test::TempDir dir;
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    if (fault_every) hub.fault_every(fault_every, {500, test::BookingHub::Fault::None, 0});
    outbox::Options o;
    o.backoff.base = std::chrono::milliseconds(1);
    o.backoff.cap = std::chrono::milliseconds(2);
    outbox::Outbox box(dir.path / "bookings-outbox.sqlite", o);
    auto ledger = std::make_shared<booking::BookingLedger>(dir.path / "bookings.sqlite");
    booking::BookingSender sender(hub.url(), "kiosk-token", ledger, [] { return std::int64_t{0}; });
    const auto key = *booking::decode_key("r/QNXBgDOlHP2zNRkMPu5YDmm21t+0b5bJBAV1G2x2s=");
    auto t0 = Clock::now();
    const auto batch = requests(n, key, "bk-bench-");
    const double seal_ms = ms_since(t0);
    t0 = Clock::now();
    for (const auto& m : batch) box.enqueue(m.kind, m.key, m.payload, {});
    const double queue_ms = ms_since(t0);
    t0 = Clock::now();
    auto now = std::chrono::system_clock::now();
    while (box.count(outbox::State::Pending) > 0) {
        box.drain(sender, now, 50);
        now += std::chrono::milliseconds(5);
    }
    const double drain_ms = ms_since(t0);
    std::printf(
        "%d bookings%s: sealed in %.0f ms, queued (one durable write each) in %.0f ms, drained in %.0f ms "
        "(%.0f a second); %zu booked at the hub, %d requests\n",
        n, fault_every ? " (a 500 on every 10th request)" : "", seal_ms, queue_ms, drain_ms,
        n / (drain_ms / 1000.0), hub.booked().size(), hub.requests());
}

}  // namespace

int main(int argc, char** argv) {
    int n = 1000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--bookings") n = std::atoi(argv[i + 1]);
    drain_all(n, 0);
    drain_all(n, 10);
    std::printf("peak memory (RSS) after the drains: %.1f MiB\n", peak_rss_kib() / 1024.0);

    // The real application while its bookings' outbox drains.
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    test::TempDir data, content;
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "content"))
        if (e.path().filename() != "booking")
            std::filesystem::create_directory_symlink(e.path(), content.path / e.path().filename());
    std::filesystem::create_directories(content.path / "booking");
    std::ofstream(content.path / "booking/booking.toml")
        << "sessions = \"demo/workshops.toml\"\n[hub]\nurl = \"" << hub.url()
        << "\"\ntoken = \"kiosk-token\"\npublic_key = \"r/QNXBgDOlHP2zNRkMPu5YDmm21t+0b5bJBAV1G2x2s=\"\n";
    ConfigResult cfg = load_config(test::source_dir() / "content/demo/kiosk.toml");
    cfg.config.data_dir = data.path;
    cfg.config.content_dir = content.path;
    platform::Harness h(cfg.config, 1920, 1080);
    h.wait_background();
    auto& journey = *h.kiosk().find<journeys::BookingJourney>();
    h.tap("attract.start");
    auto frames = [&](int count, const std::function<bool()>& go_on) {
        h.runner().reset_stats();
        for (int i = 0; i < count && go_on(); ++i) {  // a frame each 16 ms of the (hand-moved) clock
            h.app().request_frames(1);
            h.wait(std::chrono::milliseconds(16));
        }
        std::vector<double> all;
        for (auto& [_, v] : h.runner().stats().ms_by_screen) all.insert(all.end(), v.begin(), v.end());
        return all;
    };
    const auto idle = frames(300, [] { return true; });
    const auto key = *booking::decode_key("r/QNXBgDOlHP2zNRkMPu5YDmm21t+0b5bJBAV1G2x2s=");
    journey.outbox()->enqueue_all(requests(n, key, "bk-ui-"), h.wall_clock().now());
    const auto t0 = Clock::now();
    const auto busy = frames(20000, [&] { return journey.outbox()->count(outbox::State::Pending) > 0; });
    const double drain_ms = ms_since(t0);
    const auto after = frames(300, [] { return true; });
    std::printf(
        "frame time, home at 1920x1080: nothing to send p50 %.2f ms p99 %.2f ms (%zu frames); while %d "
        "bookings drain p50 %.2f ms p99 %.2f ms (%zu frames, drained in %.0f ms, %zu booked); nothing to "
        "send again p50 %.2f ms p99 %.2f ms\n",
        percentile(idle, 0.5), percentile(idle, 0.99), idle.size(), n, percentile(busy, 0.5),
        percentile(busy, 0.99), busy.size(), drain_ms, hub.booked().size(), percentile(after, 0.5),
        percentile(after, 0.99));
    std::printf("peak memory (RSS) at the end: %.1f MiB\n", peak_rss_kib() / 1024.0);
    return hub.booked().size() == static_cast<std::size_t>(n) ? 0 : 1;
}
