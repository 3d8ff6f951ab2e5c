// The self-diagnostic in the real application, headless, as three kinds of people, with real taps, drags and
// keys.
#include <catch2/catch.hpp>

#include <ZXing/ReadBarcode.h>

#include "kiosk/core/diagnostic/payload.hpp"
#include "kiosk/core/diagnostic/stats.hpp"
#include "kiosk/core/printing/png.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using diagnostic::Level;

namespace {

struct Run {
    test::TempDir data, tickets;
    Config config;
    std::unique_ptr<platform::Harness> h;
    explicit Run(bool printer = true, int w = 1920, int height = 1080) {
        config = test::demo_config(data.path);
        if (printer) config.devices.printer = "file:" + tickets.path.string();
        h = std::make_unique<platform::Harness>(config, w, height);
        REQUIRE(h->wait_background());
        REQUIRE(h->app().diagnostic().ready());
    }
    void start() {
        REQUIRE(h->tap("attract.start"));
        REQUIRE(h->tap("home.diagnostic"));
        REQUIRE(h->tap("journey.diagnostic.start"));
        REQUIRE(h->screen() == Screen::DiagnosticStep);
    }
    const diagnostic::DiagnosticResult& result() { return *h->app().diagnostic().result(); }
};

std::string name_of(platform::Profile p) {
    return p == platform::Profile::Novice       ? "novice"
           : p == platform::Profile::Autonomous ? "autonomous"
                                                : "partial";
}

std::string read_qr(const std::filesystem::path& png) {
    printing::PngImage img = printing::read_png(png);
    REQUIRE(img.ok());
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result r =
        ZXing::ReadBarcode({img.grey.data(), img.width, img.height, ZXing::ImageFormat::Lum}, hints);
    if (!r.isValid()) return {};
    const std::wstring text = r.text();
    return std::string(text.begin(), text.end());  // the payload is plain ASCII
}

}  // namespace

TEST_CASE("three people take the diagnostic and get the level that fits them, then places for their needs") {
    const std::pair<platform::Profile, Level> cases[] = {
        {platform::Profile::Novice, Level::Accompagne},
        {platform::Profile::PartlyAutonomous, Level::Partiel},
        {platform::Profile::Autonomous, Level::Autonome}};
    for (auto [profile, expected] : cases) {
        Run run;
        run.start();
        const std::string who = name_of(profile);
        const auto dir = test::binary_dir() / "screenshots/diagnostic";
        int n = 0;
        platform::play_diagnostic(*run.h, profile, [&](const std::string& id) {
            char num[16];  // room for any int: gcc -Werror=format-truncation
            std::snprintf(num, sizeof num, "%02d", ++n);
            run.h->shot(dir, who + "-" + num + "-" + id);
        });
        INFO(who);
        REQUIRE(run.h->screen() == Screen::DiagnosticResult);
        run.h->shot(dir, who + "-result");
        const diagnostic::DiagnosticResult& r = run.result();
        CHECK(r.finished);
        CHECK(r.overall == expected);
        CHECK(r.steps <= 10);
        CHECK(n <= 11);  // ten steps at most (the typing step is shot twice)
        if (profile == platform::Profile::Autonomous) {
            CHECK(r.services == 0);
            CHECK(r.needs.empty());
        } else {
            CHECK(r.services != 0);
            CHECK_FALSE(r.need_keys.empty());
        }
        if (profile == platform::Profile::Novice) {
            CHECK(r.level(diagnostic::Domain::Touch) == Level::Accompagne);
            CHECK(r.strengths.empty());
        }
        // Anonymous statistics, kept after the visit: one person is not stored (groups of 5), only waits in
        // memory.
        CHECK(diagnostic::read_stats(run.h->kiosk().store()).finished == 0);
        CHECK(run.h->kiosk().store().waiting("diag.finished") == 1);

        // One tap: the places search, already filtered on these needs.
        REQUIRE(run.h->tap("diag.result.places"));
        REQUIRE(run.h->screen() == Screen::PlacesWhere);
        CHECK(run.h->app().places().query().services == r.services);
        REQUIRE(run.h->tap("places.where.here"));
        REQUIRE(run.h->screen() == Screen::PlacesResults);
        for (const auto& place : run.h->app().places().results()) {
            if (r.services) CHECK((run.h->app().places().place(place.id)->services & r.services) != 0);
        }
        run.h->shot(dir, who + "-places");
    }
}

TEST_CASE("the printed summary carries the result in its QR code, and no name") {
    Run run;
    run.start();
    platform::play_diagnostic(*run.h, platform::Profile::PartlyAutonomous);
    REQUIRE(run.h->screen() == Screen::DiagnosticResult);
    REQUIRE(run.h->tap("diagnostic.print"));
    REQUIRE(run.h->wait_print());
    CHECK(run.h->app().print_state().kind == ui::PrintState::Kind::Printed);
    const auto ticket = run.tickets.path / "ticket-000001.png";
    REQUIRE(std::filesystem::exists(ticket));
    const std::string payload = read_qr(ticket);
    INFO(payload);
    std::string why;
    const auto decoded = diagnostic::decode_payload(payload, &why);
    REQUIRE(decoded);
    const auto& r = run.result();
    CHECK(decoded->overall == r.overall);
    for (diagnostic::Domain d : diagnostic::kAllDomains)
        CHECK(decoded->levels[static_cast<std::size_t>(d)] == r.level(d));
    CHECK(decoded->services == r.services);
    run.h->shot(test::binary_dir() / "screenshots/diagnostic", "printed");
}

TEST_CASE("without a printer there is no print button, and a broken printer says so kindly") {
    {
        Run run(false);
        run.start();
        platform::play_diagnostic(*run.h, platform::Profile::Autonomous);
        REQUIRE(run.h->screen() == Screen::DiagnosticResult);
        CHECK_FALSE(run.h->has("diagnostic.print"));
        CHECK(run.h->has("diag.result.places"));
    }
    {
        test::TempDir data;
        Config config = test::demo_config(data.path);
        config.devices.printer = "escpos:/nonexistent/lp0";
        platform::Harness h(config, 1280, 800);
        REQUIRE(h.wait_background());
        REQUIRE(h.tap("attract.start"));
        REQUIRE(h.tap("home.diagnostic"));
        REQUIRE(h.tap("journey.diagnostic.start"));
        platform::play_diagnostic(h, platform::Profile::Novice);
        REQUIRE(h.tap("diagnostic.print"));
        REQUIRE(h.wait_print());
        CHECK(h.app().print_state().kind == ui::PrintState::Kind::Failed);
        CHECK_THAT(h.app().print_state().message, Catch::Contains("printer not found"));  // the log's detail
        h.wait(std::chrono::milliseconds(100));
        bool kind = false;
        for (const ScreenItem& item : h.app().items().items) {
            CHECK(item.text.find("not found") == std::string::npos);  // never the raw English error
            kind = kind || item.text.find("L’imprimante ne répond pas.") != std::string::npos;
        }
        CHECK(kind);
        CHECK(h.has("diagnostic.print.retry"));
        CHECK(h.has("diagnostic.print.agent"));
        h.shot(test::binary_dir() / "screenshots/diagnostic", "print-failed");
    }
}

TEST_CASE("going back a step, and the wipe forgets the diagnostic") {
    Run run;
    run.start();
    REQUIRE(run.h->tap("diag.answer.1"));
    CHECK(run.h->app().diagnostic().progress().step == 2);
    REQUIRE(run.h->tap("diag.previous"));
    CHECK(run.h->app().diagnostic().progress().step == 1);
    REQUIRE(run.h->tap("diag.previous"));
    CHECK(run.h->screen() == Screen::DiagnosticStart);
    REQUIRE(run.h->tap("journey.diagnostic.start"));
    platform::play_diagnostic(*run.h, platform::Profile::PartlyAutonomous);
    REQUIRE(run.h->app().diagnostic().result());
    REQUIRE(run.h->tap("footer.finish"));
    CHECK_FALSE(run.h->app().diagnostic().result());
    CHECK_FALSE(run.h->app().diagnostic().running());
}
