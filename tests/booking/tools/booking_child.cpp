// The submit path of the kiosk's bookings, alone in a process that the kill -9 test stops at random moments:
// booking-submit-child DATA_DIR HUB_URL UPTO PUBLIC_KEY_BASE64
// seals and queues the requests 0 … UPTO-1 (those not yet in the outbox), drains the outbox to the hub until
// nothing is pending, then scrubs what the hub acknowledged. Exit 0 when all went; 1 on a problem.
#include <sodium.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "kiosk/core/booking/booking.hpp"

using namespace kiosk;

int main(int argc, char** argv) {
    if (argc != 5 || sodium_init() < 0) return 1;
    const std::filesystem::path data = argv[1];
    const std::string hub = argv[2];
    const int upto = std::stoi(argv[3]);
    const auto key = booking::decode_key(argv[4]);
    if (!key) return 1;
    auto wall = [] { return std::chrono::system_clock::now(); };
    auto secs = [&] {
        return std::chrono::duration_cast<std::chrono::seconds>(wall().time_since_epoch()).count();
    };
    outbox::Options options;
    options.backoff.base = std::chrono::milliseconds(5);
    options.backoff.cap = std::chrono::milliseconds(40);
    options.lease =
        std::chrono::milliseconds(150);  // a request claimed by a killed process is due again soon
    outbox::Outbox box(data / "bookings-outbox.sqlite", options);
    auto ledger = std::make_shared<booking::BookingLedger>(data / "bookings.sqlite");
    if (!box.ok() || !ledger->ok()) return 1;
    booking::Workshop w;
    w.id = "hub:s1";
    w.source = "hub";
    w.how = booking::HowToBook::Hub;
    w.starts = 29576 * 1440LL;
    for (int i = 0; i < upto; ++i) {
        const std::string k = "bk-kill-" + std::to_string(i);
        if (box.find(k)) continue;
        booking::Citizen c{"Zoé", "Testeur" + std::to_string(i), "0612345678", "", false};
        const std::string sealed =
            booking::seal(booking::citizen_json(c, booking::check_phone(c.phone)), *key);
        ledger->record(k, w.id, booking::BookingStatus::Queued, secs());
        if (box.enqueue(booking::kBookingKind, k,
                        booking::booking_payload(w, "kill-test", sealed, secs(), booking::kBookingMaxAge),
                        wall())
                .status == outbox::Enqueued::Failed)
            return 1;
    }
    booking::BookingSender sender(hub, "kiosk-token", ledger, secs, {}, 2000);
    const auto give_up = wall() + std::chrono::seconds(30);
    while (box.count(outbox::State::Pending) > 0 && wall() < give_up) {
        const auto report = box.drain(sender, wall());
        if (report.sent == 0) std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
    booking::scrub(data / "bookings-outbox.sqlite", booking::kBookingMaxAge, secs());
    return box.count(outbox::State::Pending) == 0 && box.count(outbox::State::Dead) == 0 ? 0 : 1;
}
