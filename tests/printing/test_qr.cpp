// QR codes: the matrix is drawn exactly, fits the paper, and (with zxing) decodes back to the payload.
#include <catch2/catch.hpp>

#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/qr.hpp"
#include "kiosk/core/printing/sample.hpp"

#ifdef KIOSK_HAVE_ZXING
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#endif

using namespace kiosk::printing;

namespace {

#ifdef KIOSK_HAVE_ZXING
std::string decode(const Bitmap& b) {
    std::vector<std::uint8_t> grey(static_cast<std::size_t>(b.width) * b.height);
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x)
            grey[static_cast<std::size_t>(y) * b.width + x] = b.black(x, y) ? 0 : 255;
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result r =
        ZXing::ReadBarcode({grey.data(), b.width, b.height, ZXing::ImageFormat::Lum}, hints);
    return r.isValid() ? r.text() : std::string("<no QR code found>");
}
#endif

}  // namespace

TEST_CASE("A QR code is drawn module by module with its quiet zone", "[printing]") {
    const QrResult qr = encode_qr("https://lesbases.anct.gouv.fr/lieux?commune=76575");
    REQUIRE(qr.ok());
    REQUIRE(qr.matrix.size >= 21);
    const int module = qr_module_size(qr.matrix, 368, 6);
    REQUIRE(module >= 3);
    const Bitmap b = render_qr(qr.matrix, module);
    CHECK(b.width == (qr.matrix.size + 2 * qr_quiet_zone) * module);
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x) {
            const int mx = x / module - qr_quiet_zone, my = y / module - qr_quiet_zone;
            const bool inside = mx >= 0 && my >= 0 && mx < qr.matrix.size && my < qr.matrix.size;
            REQUIRE(b.black(x, y) == (inside && qr.matrix.at(mx, my)));
        }
    // The finder pattern's corner: a dark 7×7 square outline.
    CHECK(qr.matrix.at(0, 0));
    CHECK(qr.matrix.at(6, 6));
    CHECK(!qr.matrix.at(1, 1));
}

TEST_CASE("QR payloads that cannot fit are refused with a message", "[printing]") {
    CHECK(!encode_qr("").ok());
    CHECK(!encode_qr(std::string(8000, 'x')).ok());
    Ticket t = sample_ticket();
    t.qr_payload = std::string(1500, 'x');  // encodes, but too many modules for 58 mm paper
    const RenderResult out = render_ticket(t, paper_58mm_dots);
    CHECK(!out.ok());
    CHECK(out.error.find("QR code") != std::string::npos);
}

#ifdef KIOSK_HAVE_ZXING
TEST_CASE("The QR code decodes back to its payload, alone and on the ticket", "[printing]") {
    const std::string payload = "https://lesbases.anct.gouv.fr/lieux?q=réseau&ville=Saint-Étienne";
    const QrResult qr = encode_qr(payload);
    REQUIRE(qr.ok());
    CHECK(decode(render_qr(qr.matrix, 4)) == payload);
    for (int width : {paper_58mm_dots, paper_80mm_dots}) {
        Ticket t = sample_ticket();
        t.qr_payload = payload;
        const RenderResult out = render_ticket(t, width);
        REQUIRE(out.ok());
        CHECK(decode(out.bitmap) == payload);
    }
}
#endif
