// The pass numérique in the real application, headless: a pass shown to a (replayed) camera, a cheque number
// typed on the keypad, refusals said in plain words, then the places that accept it.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <thread>

#include "kiosk/core/journeys/booking_journey.hpp"
#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/pass/payload.hpp"
#include "kiosk/core/pass/short_code.hpp"
#include "kiosk/core/printing/png.hpp"
#include "kiosk/core/printing/qr.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono;

namespace {

std::filesystem::path shots() {
    return test::binary_dir() / "screenshots/pass";
}

// A frame folder holding the QR code of a pass signed with the demo issuer's test key.
void write_pass_frame(const std::filesystem::path& folder, year_month from, year_month until) {
    std::string why;
    auto key = pass::read_secret_key(test::source_dir() / "tests/pass/keys/demo-2025.sec", &why);
    REQUIRE(key);
    pass::SignedPass p;
    p.issuer_code = 1;
    p.serial = 777;
    p.value = {pass::Unit::Euros, 2000};
    p.first_month = from;
    p.last_month = until;
    const std::string payload = pass::sign_payload(p, *key);
    printing::QrResult qr = printing::encode_qr(payload);
    REQUIRE(qr.ok());
    // Like a camera picture: the code in the middle of a 1280×720 frame, inside the guide frame.
    const printing::Bitmap code = printing::render_qr(qr.matrix, 6);
    printing::Bitmap frame(1280, 720);
    const int ox = (frame.width - code.width) / 2, oy = (frame.height - code.height) / 2;
    for (int y = 0; y < code.height; ++y)
        for (int x = 0; x < code.width; ++x)
            if (code.black(x, y))
                frame.bits[static_cast<std::size_t>(oy + y) * frame.row_bytes() + (ox + x) / 8] |=
                    static_cast<std::uint8_t>(0x80 >> ((ox + x) % 8));
    std::filesystem::create_directories(folder);
    REQUIRE(printing::write_png(frame, folder / "frame-01.png", 0).empty());
}

// The month of the pinned date the harness runs on, `months` later (or earlier).
year_month pinned_month(int months = 0) {
    const year_month_day d{floor<days>(platform::pinned_date())};
    return d.year() / d.month() + std::chrono::months{months};
}

struct Run {
    test::TempDir data;
    Config config;
    std::unique_ptr<platform::Harness> h;
    explicit Run(const std::string& camera = "") {
        config = test::demo_config(data.path);
        if (!camera.empty()) config.devices.camera = camera;
        h = std::make_unique<platform::Harness>(config, 1920, 1080);
        REQUIRE(h->wait_background());
        REQUIRE(h->app().pass().ready());
        REQUIRE(h->tap("attract.start"));
        REQUIRE(h->tap("home.pass"));
        REQUIRE(h->tap("journey.pass.start"));
        // a replayed pass may already be read by now
        REQUIRE((h->screen() == Screen::PassScan || h->screen() == Screen::PassResult));
    }
    bool result_shown() {
        return h->wait_until([&] { return h->screen() == Screen::PassResult; });
    }
    const pass::Verdict& verdict() { return *h->app().pass().verdict(); }
    std::string cheque() const { return platform::demo_cheque(config, platform::pinned_date()); }
    void type(const std::string& digits) {
        for (char c : digits) REQUIRE(h->tap(std::string("pass.key.") + c));
        REQUIRE(h->tap("pass.scan.check"));
    }
};

}  // namespace

TEST_CASE("a signed pass shown to the camera is read, checked and said in words, then its places") {
    Run run;  // the demo configuration replays the demo pass
    CHECK(run.h->app().scan_view().has_camera);
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::Accepted);
    CHECK(run.verdict().value);
    CHECK(run.h->has("pass.result.places"));
    run.h->shot(shots(), "accepted");
    REQUIRE(run.h->tap("pass.result.places"));
    REQUIRE(run.h->screen() == Screen::PlacesWhere);
    CHECK(run.h->app().places().query().pass_only);
    REQUIRE(run.h->tap("places.where.here"));
    for (const auto& r : run.h->app().places().results())
        CHECK(run.h->app().places().place(r.id)->accepts_pass);
}

TEST_CASE("an expired pass is refused kindly, with what to do next") {
    test::TempDir frames;
    write_pass_frame(frames.path, pinned_month(-24), pinned_month(-13));  // ended a year ago
    Run run("replay:" + frames.path.string());
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::Expired);
    CHECK_FALSE(run.h->has("pass.result.places"));
    CHECK(run.h->has("pass.result.another"));
    run.h->shot(shots(), "expired");
}

TEST_CASE("a cheque number typed on the keypad: a good one, then a mistyped one") {
    Run run("none");
    CHECK_FALSE(run.h->app().scan_view().has_camera);
    run.h->shot(shots(), "no-camera");
    const std::string good = run.cheque();
    run.type(good);
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::ToConfirm);  // offline rules only: plausible, never "valable"
    CHECK(run.verdict().plausible);
    run.h->shot(shots(), "cheque-plausible");
    REQUIRE(run.h->tap("pass.result.another"));
    REQUIRE(run.h->screen() == Screen::PassScan);
    CHECK(run.h->app().pass().typed().empty());
    std::string mistyped = good;
    mistyped.back() =
        mistyped.back() == '9' ? '0' : static_cast<char>(mistyped.back() + 1);  // wrong check digit
    run.type(mistyped);
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::Unreadable);
    run.h->shot(shots(), "mistyped");
}

TEST_CASE("at the default level the log holds no cheque number, no verdict and no trail of screens") {
    std::vector<std::string> lines;
    log::set_sink([&](std::string_view line) { lines.emplace_back(line); });
    {
        Run run("none");
        run.type("726000012344");
        REQUIRE(run.result_shown());
        CHECK(run.verdict().reason == pass::Reason::ToConfirm);
        REQUIRE(run.h->tap("footer.finish"));
    }
    log::set_sink({});
    REQUIRE_FALSE(lines.empty());  // the kiosk did log (start, wipe)
    for (const std::string& l : lines) {
        INFO(l);
        CHECK(l.find("726000012344") == std::string::npos);
        CHECK(l.find("pass: accepted") == std::string::npos);
        CHECK(l.find("checked offline") == std::string::npos);
        CHECK(l.find("screen: ") == std::string::npos);
    }
}

TEST_CASE("the pass journey is forgotten with the session") {
    Run run("none");
    run.type(run.cheque());
    REQUIRE(run.result_shown());
    REQUIRE(run.h->tap("footer.finish"));
    CHECK_FALSE(run.h->app().pass().verdict());
    CHECK(run.h->app().pass().typed().empty());
}

TEST_CASE("the last camera picture is wiped with the session, never shown to the next citizen") {
    test::TempDir frames;
    std::filesystem::create_directories(frames.path);
    REQUIRE(printing::write_png(printing::Bitmap(1280, 720), frames.path / "frame-01.png", 0)
                .empty());  // no code in it
    Run run("replay:" + frames.path.string());
    REQUIRE(run.h->wait_until([&] { return run.h->app().scan_view().preview != nullptr; }));
    CHECK(run.h->app().scan_view().preview_w > 0);
    REQUIRE(run.h->tap("footer.finish"));
    REQUIRE(run.h->kiosk().wipe_count() == 1);
    CHECK(run.h->app().scan_view().preview == nullptr);
    CHECK(run.h->app().scan_view().preview_w == 0);
}

TEST_CASE("a USB scanner on a serial port reads a cheque, as the camera would") {
    // A pseudo-terminal stands in for the scanner: the kiosk opens its other end as the serial device.
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(grantpt(master) == 0);
    REQUIRE(unlockpt(master) == 0);
    const std::string device = ptsname(master);
    test::TempDir data;
    Config config = test::demo_config(data.path);
    config.devices.camera = "none";
    config.devices.scanner = "serial:" + device;
    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.pass"));
    REQUIRE(h.tap("journey.pass.start"));
    REQUIRE(h.screen() == Screen::PassScan);
    h.wait_until([] { return false; }, std::chrono::seconds(1));  // the scanner's port is opened
    const std::string cheque = platform::demo_cheque(config, h.wall_clock().now());
    const std::string line = cheque + "\r\n";
    REQUIRE(write(master, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
    REQUIRE(h.wait_until([&] { return h.screen() == Screen::PassResult; }));
    CHECK(h.app().pass().verdict()->reason == pass::Reason::ToConfirm);
    CHECK(h.app().pass().checked_code() == cheque);
    close(master);
}

TEST_CASE("a USB scanner typing as a keyboard: its fast burst is a code, a person's typing is not") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    config.devices.camera = "none";
    config.devices.scanner = "keyboard";
    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.pass"));
    REQUIRE(h.tap("journey.pass.start"));
    REQUIRE(h.screen() == Screen::PassScan);
    // A person types slowly: nothing is checked.
    for (char c : std::string("7260")) {
        h.runner().text(std::string(1, c).c_str());
        std::this_thread::sleep_for(std::chrono::milliseconds(120));
    }
    h.runner().key(SDL_SCANCODE_RETURN);
    CHECK(h.screen() == Screen::PassScan);
    // The scanner types the whole number at once, then Enter.
    const std::string cheque = platform::demo_cheque(config, h.wall_clock().now());
    for (char c : cheque) {
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        e.text.text[0] = c;
        SDL_PushEvent(&e);
    }
    SDL_Event enter{};
    enter.type = SDL_KEYDOWN;
    enter.key.keysym.scancode = SDL_SCANCODE_RETURN;
    SDL_PushEvent(&enter);
    REQUIRE(h.wait_until([&] { return h.screen() == Screen::PassResult; }));
    CHECK(h.app().pass().checked_code() == cheque);
}

TEST_CASE("a seat booked with the pass spends it: the next reading says déjà utilisé") {
    Run run;  // the demo camera shows the demo pass
    REQUIRE(run.result_shown());
    REQUIRE(run.verdict().reason == pass::Reason::Accepted);
    auto& h = *run.h;
    auto& journey = *h.kiosk().find<journeys::PassJourney>();
    CHECK(journey.spent() == journeys::PassJourney::Spent::No);  // reading spends nothing
    // Home → Lieu → Près d'ici → the Centre Social de Montbrison (its sessions accept the pass) → book.
    REQUIRE(h.tap("header.home"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.here"));
    const auto& results = h.app().places().results();
    std::size_t at = results.size();
    for (std::size_t i = 0; i < results.size(); ++i)
        if (h.app().places().place(results[i].id)->id == "163") at = i;
    REQUIRE(at < results.size());
    if (!h.has("places.result." + std::to_string(at + 1)))
        h.drag("places.results", -h.app().fonts().em * 8 * static_cast<float>(at));
    REQUIRE(h.tap("places.result." + std::to_string(at + 1)));
    REQUIRE(h.tap("places.detail.workshops"));
    auto& booking = *h.kiosk().find<journeys::BookingJourney>();
    REQUIRE(h.tap("booking.session.1"));
    REQUIRE(booking.selected());
    REQUIRE(booking.selected()->workshop.pass_accepted);
    REQUIRE(h.tap("booking.start"));
    h.type("jean");
    REQUIRE(h.tap("booking.name.next"));
    h.type("martin");
    REQUIRE(h.tap("booking.name.next"));
    for (char c : std::string("0612345678")) REQUIRE(h.tap(std::string("kbd.") + c));
    REQUIRE(h.tap("booking.contact.next"));
    REQUIRE(h.tap("booking.confirm"));
    REQUIRE(h.wait_until([&] { return h.screen() == journeys::kBookingDone; }));
    REQUIRE(h.wait_until([&] { return journey.spent() == journeys::PassJourney::Spent::Recorded; }));
    const pass::Journal& journal = *journey.content()->journal;
    const auto row = journal.find("demo", run.verdict().pass_id);
    REQUIRE(row);
    CHECK(row->status == "accepted");

    // The next citizen (or the same one again) shows the same pass: déjà utilisé.
    REQUIRE(h.tap("footer.finish"));
    h.wait(std::chrono::seconds(12));  // "Merci, à bientôt", then the attract screen
    REQUIRE(h.screen() == Screen::Attract);
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.pass"));
    REQUIRE(h.tap("journey.pass.start"));
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::AlreadyUsed);
    CHECK(journey.spent() == journeys::PassJourney::Spent::No);
    h.shot(shots(), "already-used");
    CHECK(journal.count() == 1);
}

TEST_CASE("a booking at a place that does not take the pass, or without a pass read, spends nothing") {
    Run run("none");
    auto& h = *run.h;
    auto& journey = *h.kiosk().find<journeys::PassJourney>();
    journey.spend("booking test");  // no pass read in this session
    CHECK(journey.spent() == journeys::PassJourney::Spent::No);
    CHECK(journey.content()->journal->count() == 0);
}

TEST_CASE("the short code under the QR code, typed on its large keys, is plausible, a slip is said") {
    Run run("none");
    auto& h = *run.h;
    REQUIRE(h.tap("pass.scan.code"));
    REQUIRE(h.screen() == journeys::kPassCode);
    pass::SignedPass p;
    p.issuer_code = 1;
    p.serial = 31337;
    p.value = {pass::Unit::Euros, 1500};
    p.first_month = pinned_month(-2);
    p.last_month = pinned_month(6);
    const std::string code = pass::short_code(p);
    std::string symbols;
    for (char c : code)
        if (c != '-') symbols += c;
    // One symbol short first: "Vérifiez le code", then the whole code.
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i)
        REQUIRE(h.tap(std::string("pass.code.key.") + symbols[i]));
    REQUIRE(h.tap("pass.code.check"));
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::Unreadable);
    h.shot(shots(), "code-missing");
    REQUIRE(h.tap("pass.result.another"));
    REQUIRE(h.tap("pass.scan.code"));
    CHECK(h.app().pass().typed_code().empty());
    for (char c : symbols) REQUIRE(h.tap(std::string("pass.code.key.") + c));
    CHECK(h.app().pass().typed_code() == symbols);
    h.shot(shots(), "code-typed");
    REQUIRE(h.tap("pass.code.erase"));
    REQUIRE(h.tap(std::string("pass.code.key.") + symbols.back()));
    REQUIRE(h.tap("pass.code.check"));
    REQUIRE(run.result_shown());
    CHECK(run.verdict().reason == pass::Reason::ToConfirm);
    CHECK(run.verdict().plausible);
    CHECK(run.verdict().pass_id == "1-31337");
    h.shot(shots(), "code-plausible");
}
