// The place ticket's words and codes, on a place that books online (the demo content has none): the date in
// words, never ISO; the week's hours; the phone; a QR code to OpenStreetMap and a second one to book, both
// read back from the printed image as a phone would.
#include <catch2/catch.hpp>

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <fstream>

#include "kiosk/core/journeys/place_ticket.hpp"
#include "kiosk/core/journeys/places_words.hpp"
#include "kiosk/core/printing/layout.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
std::vector<std::string> qr_codes(const printing::Bitmap& b) {
    std::vector<std::uint8_t> grey(static_cast<std::size_t>(b.width) * b.height);
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x)
            grey[static_cast<std::size_t>(y) * b.width + x] = b.black(x, y) ? 0 : 255;
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    ZXing::Results found =
        ZXing::ReadBarcodes({grey.data(), b.width, b.height, ZXing::ImageFormat::Lum}, hints);
    std::sort(found.begin(), found.end(), [](const ZXing::Result& a, const ZXing::Result& c) {
        return a.position().topLeft().y < c.position().topLeft().y;
    });
    std::vector<std::string> out;
    for (const auto& r : found) {
        const std::wstring t = r.text();
        out.emplace_back(t.begin(), t.end());
    }
    return out;
}
std::string all_text(const printing::Ticket& t) {
    std::string s = t.title + "\n";
    for (const printing::Block& b : t.blocks)
        if (const auto* l = std::get_if<printing::TextLine>(&b)) s += l->text + "\n";
    return s + t.footer;
}
}  // namespace

TEST_CASE("a place that books online gets a map code and a booking code, and its dates in words") {
    test::TempDir content, data;
    namespace fs = std::filesystem;
    fs::create_directories(content.path / "places");
    fs::copy_file(test::source_dir() / "tests/booking/data/one-place-v1.csv",
                  content.path / "places/one.csv");
    fs::create_directory_symlink(test::source_dir() / "content/standard", content.path / "standard");
    fs::create_symlink(test::source_dir() / "content/communes.tsv", content.path / "communes.tsv");
    const auto loaded = journeys::PlacesData::load(content.path, data.path,
                                                   std::chrono::system_clock::to_time_t(test::test_date()));
    REQUIRE(loaded->places.size() == 1);
    journeys::PlacesJourney journey(45.6075, 4.0653, "Montbrison", test::test_clock());  // the demo kiosk
    journey.set_data(loaded);
    journey.search_from_kiosk();
    REQUIRE(journey.results().size() == 1);
    const places::Place& p = *journey.place(journey.results()[0].id);
    REQUIRE_FALSE(p.booking_url.empty());

    for (const char* language : {"fr", "en"}) {
        INFO(language);
        const Translator t = test::shipped_translator(language);
        const printing::Ticket ticket = journeys::place_ticket(t, journey, journey.results()[0]);
        const std::string words = all_text(ticket);
        CHECK(words.find(p.name) != std::string::npos);
        CHECK(words.find("2026-11-24") == std::string::npos);  // never an ISO date
        CHECK(words.find(language == std::string("fr") ? "mardi 24 novembre" : "Tuesday, November 24") !=
              std::string::npos);
        CHECK(words.find(journeys::phone_words(p.phone)) != std::string::npos);
        CHECK(words.find(language == std::string("fr") ? "Vendredi" : "Friday") !=
              std::string::npos);  // the week
        CHECK(words.find(language == std::string("fr") ? "12 h" : "12:00") != std::string::npos);

        const printing::RenderResult r = printing::render_ticket(ticket, printing::paper_80mm_dots);
        REQUIRE(r.ok());
        CHECK(r.missing.empty());
        const std::vector<std::string> codes = qr_codes(r.bitmap);
        REQUIRE(codes.size() == 2);
        CHECK(codes[0] == journeys::openstreetmap_link(*p.latitude, *p.longitude));
        CHECK(codes[1] == p.booking_url);
        // 58 mm paper too: narrower, the same codes.
        const printing::RenderResult narrow = printing::render_ticket(ticket, printing::paper_58mm_dots);
        REQUIRE(narrow.ok());
        CHECK(qr_codes(narrow.bitmap) == codes);
    }
}

TEST_CASE("an OpenStreetMap link is written with a decimal point and five decimals") {
    CHECK(journeys::openstreetmap_link(45.6075, 4.0653) ==
          "https://www.openstreetmap.org/?mlat=45.60750&mlon=4.06530#map=18/45.60750/4.06530");
    CHECK(journeys::openstreetmap_link(-21.1151, 55.5364) ==
          "https://www.openstreetmap.org/?mlat=-21.11510&mlon=55.53640#map=18/-21.11510/55.53640");
}
