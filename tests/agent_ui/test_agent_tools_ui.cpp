// The agent page's tools in the real application, headless: the device's health rows, "Imprimer un test"
// through a network receipt printer on loopback (the ESC/POS bytes decoded back into the very ticket),
// "Synchroniser maintenant", cancelling the citizen's booking from supervised mode (a DELETE reaching a
// loopback hub through the bookings' outbox, journaled), the chime of a call for help played through SDL
// audio (the "disk" driver's file), a badge shown to the camera on the PIN screen, and a real crash leaving
// its signal for the next start.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <fstream>

#include "../booking/booking_hub.hpp"
#include "../booking/escpos_loopback.hpp"
#include "kiosk/core/badge.hpp"
#include "kiosk/core/help_chime.hpp"
#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/journeys/booking_journey.hpp"
#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/png.hpp"
#include "kiosk/core/printing/qr.hpp"
#include "kiosk/core/run_marker.hpp"
#include "platform/crash.hpp"
#include "platform/harness.hpp"
#include "agent_ui_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

bool has_action(Kiosk& kiosk, const std::string& action) {
    const auto a = test::journal_actions(kiosk);
    return std::find(a.begin(), a.end(), action) != a.end();
}

void to_pin(platform::Harness& h) {
    const ImVec2 corner = h.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) h.tap_at(corner.x, corner.y);
    REQUIRE(h.screen() == Screen::AgentPin);
}

void type_pin(platform::Harness& h) {
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(h.tap(k));
    REQUIRE(h.screen() == Screen::AgentHome);
}

bool shows(platform::Harness& h, const std::string& words) {
    for (const ScreenItem& item : h.app().items().items)
        if (item.text.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("Imprimer un test: the ESC/POS bytes decode into the test ticket's rendering, dot for dot") {
    test::LoopbackEscPosPrinter printer;
    printer.ready();
    test::TempDir data;
    Config config = test::demo_config(data.path);
    config.devices.printer = printer.spec();
    platform::Harness h(config, 1920, 1080);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    to_pin(h);
    type_pin(h);
    REQUIRE(h.wait_until([&] { return h.kiosk().find<journeys::AgentJourney>()->figures().health_loaded; }));
    // The health rows: each part in plain words (the demo replays its pass as a camera: frames come).
    CHECK(shows(h, h.kiosk().tr("agent.health.camera")));
    CHECK(shows(h, h.kiosk().tr("agent.health.crash_none")));
    const auto& health = h.kiosk().find<journeys::AgentJourney>()->figures().health;
    for (const char* part : {"disk", "network", "camera", "scanner", "content", "crash"})
        CHECK(std::any_of(health.begin(), health.end(), [&](const HealthLine& l) { return l.part == part; }));
    const WallTime before = h.wall_clock().now();
    REQUIRE(h.tap("agent.home.print_test"));
    REQUIRE(h.wait_print());
    const WallTime after = h.wall_clock().now();
    h.shot(test::agent_shots(), "agent-home-print-test");
    CHECK(has_action(h.kiosk(), "print.test"));

    const auto jobs = printer.wait_jobs(1);
    REQUIRE(jobs.size() >= 1);
    const test::EscPosDecoded job = test::decode_escpos(jobs.back());
    INFO(job.error);
    REQUIRE(job.ok());
    CHECK(job.cut == 66);
    bool same = false;
    for (WallTime at : {before, after}) {
        const printing::Ticket ticket = journeys::test_ticket(h.kiosk().translator(), h.kiosk().config(), at);
        const printing::RenderResult r = printing::render_ticket(ticket, printing::paper_80mm_dots);
        REQUIRE(r.ok());
        CHECK(r.missing.empty());  // every accent of the test line has its glyph
        if (r.bitmap.width != job.image.width || r.bitmap.height != job.image.height) continue;
        long differ = 0;
        for (int y = 0; y < r.bitmap.height; ++y)
            for (int x = 0; x < r.bitmap.width; ++x) differ += r.bitmap.black(x, y) != job.image.black(x, y);
        same = same || differ == 0;
    }
    CHECK(same);
}

TEST_CASE("Synchroniser maintenant from the agent page: the lines of each step, the bookings' included") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1280, 800);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    to_pin(h);
    type_pin(h);
    auto& agent = *h.kiosk().find<journeys::AgentJourney>();
    CHECK_FALSE(agent.sync().done);
    REQUIRE(h.tap("agent.home.sync"));
    REQUIRE(h.wait_until([&] { return agent.sync().done; }));
    h.wait(100ms);
    REQUIRE(agent.sync().lines.size() == 2);  // the outbox's and the bookings'
    CHECK(agent.sync().lines[0].find("Messages") == 0);
    CHECK(shows(h, h.kiosk().tr("agent.sync.done")));
    h.shot(test::agent_shots(), "agent-home-synced");
    CHECK(has_action(h.kiosk(), "sync"));
}

TEST_CASE("Supervised mode cancels the citizen's booking: a DELETE through the bookings' outbox, journaled") {
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    test::TempDir data, content;
    // The demo content with a booking.toml pointing at the loopback hub.
    const auto shipped = test::source_dir() / "content";
    for (const auto& e : std::filesystem::directory_iterator(shipped))
        if (e.path().filename() != "booking")
            std::filesystem::create_directory_symlink(e.path(), content.path / e.path().filename());
    std::filesystem::create_directories(content.path / "booking");
    std::ofstream(content.path / "booking/booking.toml")
        << "sessions = \"demo/workshops.toml\"\n[hub]\nurl = \"" << hub.url()
        << "\"\ntoken = \"kiosk-token\"\npublic_key = \"r/QNXBgDOlHP2zNRkMPu5YDmm21t+0b5bJBAV1G2x2s=\"\n";
    Config config = test::demo_config(data.path);
    config.content_dir = content.path;
    platform::Harness h(config, 1920, 1080);
    REQUIRE(h.wait_background());
    auto& booking = *h.kiosk().find<journeys::BookingJourney>();
    REQUIRE(booking.ready());
    REQUIRE(h.tap("attract.start"));
    // The agent starts a journey with the person and books for them (typing on the kiosk's keyboard).
    to_pin(h);
    type_pin(h);
    REQUIRE(h.tap("agent.home.takeover"));
    REQUIRE(h.kiosk().state().supervised());
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.here"));
    const auto& results = h.app().places().results();
    std::size_t at = results.size();
    for (std::size_t i = 0; i < results.size(); ++i)
        if (h.app().places().place(results[i].id)->id == "163") at = i;  // the Centre Social, with workshops
    REQUIRE(at < results.size());
    if (!h.has("places.result." + std::to_string(at + 1)))
        h.drag("places.results", -h.app().fonts().em * 8 * static_cast<float>(at));
    REQUIRE(h.tap("places.result." + std::to_string(at + 1)));
    REQUIRE(h.tap("places.detail.workshops"));
    REQUIRE(h.screen() == journeys::kWorkshops);
    REQUIRE(h.tap("booking.session.1"));
    REQUIRE(h.tap("booking.start"));
    h.type("jean");
    REQUIRE(h.tap("booking.name.next"));
    h.type("dupont");
    REQUIRE(h.tap("booking.name.next"));
    REQUIRE(h.tap("booking.contact.none"));
    REQUIRE(h.tap("booking.confirm"));
    REQUIRE(h.wait_until([&] { return booking.status() == booking::BookingStatus::Confirmed; }));
    const std::string key = booking.key();
    REQUIRE(hub.booked().at(key).status == "confirmed");

    REQUIRE(h.tap("header.agent_space"));
    REQUIRE(h.screen() == Screen::AgentHome);
    REQUIRE(h.has("agent.home.booking_cancel"));
    h.shot(test::agent_shots(), "agent-home-booking");
    REQUIRE(h.tap("agent.home.booking_cancel"));
    REQUIRE(h.wait_until([&] { return booking.status() == booking::BookingStatus::Cancelled; }));
    CHECK(hub.booked().at(key).status == "cancelled");
    CHECK(booking.ledger()->status(key) == booking::BookingStatus::Cancelled);
    CHECK_FALSE(h.has("agent.home.booking_cancel"));  // once: no second cancellation
    CHECK(shows(h, h.kiosk().tr("agent.home.booking_cancelled")));
    h.shot(test::agent_shots(), "agent-home-booking-cancelled");
    h.kiosk().audit_flush();
    bool journaled = false;
    for (const auto& e : h.kiosk().journal().last(50))
        journaled = journaled || (e.action == "booking.cancel" && e.detail == key);
    CHECK(journaled);
    // Without an agent in, the same intent does nothing.
    REQUIRE(h.tap("agent.home.leave"));
    CHECK_FALSE(h.kiosk().state().agent_in);
    CHECK_FALSE(booking.can_cancel());
}

TEST_CASE("A call for help plays the chime through SDL audio, on a task") {
    test::TempDir data;
    const std::filesystem::path played = data.path / "chime.raw";
    setenv("SDL_AUDIODRIVER", "disk", 1);  // SDL's "disk" driver writes what it plays into a file
    setenv("SDL_DISKAUDIOFILE", played.c_str(), 1);
    std::vector<double> s;
    std::size_t start = 0;
    // What the driver wrote so far, and where the sound starts in it (the device plays silence first).
    auto heard = [&] {
        std::ifstream in(played, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        s.clear();
        for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
            s.push_back(static_cast<std::int16_t>((static_cast<unsigned char>(bytes[i + 1]) << 8) |
                                                  static_cast<unsigned char>(bytes[i])));
        start = 0;
        while (start < s.size() && std::abs(s[start]) < 500) ++start;
        return start + kChimeRate / 10 < s.size();
    };
    {
        platform::Harness h(test::demo_config(data.path), 1280, 800);
        REQUIRE(h.wait_background());
        REQUIRE(h.tap("attract.start"));
        REQUIRE(h.tap("header.help"));
        REQUIRE(h.wait_until(heard, 30s));
    }
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    REQUIRE(heard());
    auto power = [&](double f) {
        const double w = 2 * 3.14159265358979323846 * f / kChimeRate, c = 2 * std::cos(w);
        double s1 = 0, s2 = 0;
        for (std::size_t i = start; i < start + kChimeRate / 10; ++i) {
            const double s0 = s[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    };
    CHECK(power(kChimeTones[0]) > 20 * power(kChimeTones[1]));
}

TEST_CASE("A badge shown to the camera on the PIN screen is read as the scanner's would be") {
    test::TempDir data, camera;
    const badge::Keys keys = badge::new_keys();
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(platform::pinned_date().time_since_epoch()).count();
    const std::string text =
        badge::sign({"FS-0421", "Marie Dupont", now - 86400, now + 30 * 86400}, keys.secret_key);
    REQUIRE_FALSE(text.empty());
    // The badge's QR code as the camera sees it: a picture in a replayed folder.
    const printing::QrResult qr = printing::encode_qr(text);
    REQUIRE(qr.ok());
    // In the middle of a 1280x720 picture, inside the guide frame the decoder looks in.
    const printing::Bitmap code = printing::render_qr(qr.matrix, 5);
    REQUIRE(code.width < 400);
    printing::Bitmap picture(1280, 720);
    for (int y = 0; y < code.height; ++y)
        for (int x = 0; x < code.width; ++x)
            if (code.black(x, y)) picture.set(640 - code.width / 2 + x, 360 - code.height / 2 + y);
    REQUIRE(printing::write_png(picture, camera.path / "badge.png").empty());
    Config config = test::demo_config(data.path);
    config.agent_badge_public_key = keys.public_key;
    config.devices.camera = "replay:" + camera.path.string();
    platform::Harness h(config, 1920, 1080);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    to_pin(h);
    auto& agent = *h.kiosk().find<journeys::AgentJourney>();
    CHECK(agent.camera_reading());
    REQUIRE(h.wait_until([&] { return !agent.badge_needed(); }, 30s));
    CHECK(agent.pad().badge_name == "Marie Dupont");
    CHECK(agent.pad().message_key == "agent.badge.ok");
    h.shot(test::agent_shots(), "agent-pin-badge-camera");
    type_pin(h);
    CHECK(h.kiosk().agent_name() == "Marie Dupont");
    CHECK_FALSE(agent.camera_reading());  // the camera is closed once the PIN screen is left
    CHECK(has_action(h.kiosk(), "unlock.badge.ok"));
}

TEST_CASE("A real crash leaves its signal in the marker, and the next start shows it on the agent page") {
    test::TempDir data;
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The child: the kiosk's marker and crash handler, then a fatal signal as a bug would raise it.
        RunMarker marker(data.path, 1764000000);
        platform::set_crash_note((data.path / "running").string());
        platform::install_crash_handler();
        std::raise(SIGSEGV);
        _exit(0);  // never reached
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    const auto left = RunMarker::parse([&] {
        std::ifstream in(data.path / "running");
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }());
    REQUIRE(left);
    CHECK(left->signal == "SIGSEGV");
    CHECK(left->started_at == 1764000000);

    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    REQUIRE(h.wait_background());
    CHECK(h.kiosk().run_marker().crashed_last_time());
    REQUIRE(h.tap("attract.start"));
    to_pin(h);
    type_pin(h);
    auto& agent = *h.kiosk().find<journeys::AgentJourney>();
    REQUIRE(h.wait_until([&] { return agent.figures().health_loaded; }));
    h.wait(100ms);
    CHECK(shows(h, "SIGSEGV"));
    for (const HealthLine& l : agent.figures().health)
        if (l.part == "crash") CHECK(l.state == HealthState::Attention);
    h.shot(test::agent_shots(), "agent-home-after-crash");
}
