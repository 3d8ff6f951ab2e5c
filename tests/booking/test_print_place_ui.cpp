// Printing a place from the screens, in the real application headless: four taps from home to a ticket for
// the nearest place open now, the ticket's words and QR codes read back, and a printer that fails said
// kindly.
#include <catch2/catch.hpp>

#include <ZXing/ReadBarcode.h>

#include <algorithm>

#include "kiosk/core/journeys/place_ticket.hpp"
#include "kiosk/core/journeys/places_words.hpp"
#include "kiosk/core/printing/png.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

struct Visit {
    test::TempDir data, tickets;
    std::unique_ptr<platform::Harness> h;
    int taps = 0;
    explicit Visit(const std::string& printer = {}, int w = 1280, int height = 800) {
        Config config = test::demo_config(data.path);
        config.devices.printer = printer.empty() ? "file:" + tickets.path.string() : printer;
        h = std::make_unique<platform::Harness>(config, w, height);
        REQUIRE(h->wait_background());
        REQUIRE(h->tap("attract.start"));  // the session's start, not a step of the journey
    }
    bool tap(const std::string& id) {  // a citizen's tap, counted
        if (!h->has(id)) return false;
        ++taps;
        return h->tap(id);
    }
    journeys::PlacesJourney& places() { return h->app().places(); }
    std::filesystem::path shots() { return test::binary_dir() / "screenshots/booking"; }
};

// Every QR code on a ticket image, top to bottom.
std::vector<std::string> read_qr_codes(const std::filesystem::path& png) {
    const printing::PngImage img = printing::read_png(png);
    REQUIRE(img.ok());
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    ZXing::Results found =
        ZXing::ReadBarcodes({img.grey.data(), img.width, img.height, ZXing::ImageFormat::Lum}, hints);
    std::sort(found.begin(), found.end(), [](const ZXing::Result& a, const ZXing::Result& b) {
        return a.position().topLeft().y < b.position().topLeft().y;
    });
    std::vector<std::string> out;
    for (const auto& r : found)
        if (r.isValid()) {
            const std::wstring text = r.text();
            out.emplace_back(text.begin(), text.end());  // the links are plain ASCII
        }
    return out;
}

}  // namespace

TEST_CASE("four taps from home to a printed ticket for the nearest place open now") {
    Visit v;
    REQUIRE(v.tap("home.places"));
    REQUIRE(v.h->screen() == Screen::PlacesNeed);
    REQUIRE(v.tap("places.need.here"));
    REQUIRE(v.h->screen() == Screen::PlacesResults);
    const auto& results = v.places().results();
    REQUIRE_FALSE(results.empty());
    // The nearest place open now (the pinned date is a Tuesday at 10:00), as the citizen sees it in the list.
    std::size_t open = results.size();
    for (std::size_t i = 0; i < results.size() && open == results.size(); ++i)
        if (journeys::is_open(results[i])) open = i;
    REQUIRE(open < results.size());
    const std::uint32_t id = results[open].id;
    v.h->shot(v.shots(), "four-taps-results");
    REQUIRE(v.tap("places.result." + std::to_string(open + 1)));
    REQUIRE(v.h->screen() == Screen::PlacesDetail);
    REQUIRE(v.places().selected() == id);
    INFO("print state " << static_cast<int>(v.places().print_state().kind) << " can "
                        << v.places().can_print());
    REQUIRE(v.tap("places.print"));
    REQUIRE(v.h->wait_print());
    CHECK(v.places().print_state().kind == printing::PrintState::Kind::Printed);
    CHECK(v.taps == 4);
    v.h->shot(v.shots(), "four-taps-printed");

    const auto ticket = v.tickets.path / "ticket-000001.png";
    REQUIRE(std::filesystem::exists(ticket));
    const places::Place& p = *v.places().place(id);
    REQUIRE(p.latitude);
    const std::vector<std::string> codes = read_qr_codes(ticket);
    REQUIRE_FALSE(codes.empty());
    CHECK(codes.front() == journeys::openstreetmap_link(*p.latitude, *p.longitude));
    CHECK_THAT(codes.front(), Catch::StartsWith("https://www.openstreetmap.org/?mlat="));
    CHECK(codes.size() == (p.booking_url.empty() ? 1u : 2u));
    if (!p.booking_url.empty()) CHECK(codes.back() == p.booking_url);

    // Printed again from the same screen: a second copy.
    REQUIRE(v.h->tap("places.print"));
    REQUIRE(v.h->wait_print());
    CHECK(std::filesystem::exists(v.tickets.path / "ticket-000002.png"));
}
