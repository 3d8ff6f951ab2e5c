#include "kiosk/core/scan/zbar_read.hpp"

#include <zbar.h>

namespace kiosk::scan {

using namespace zbar;
static_assert(kZbarQrCode == ZBAR_QRCODE && kZbarCode128 == ZBAR_CODE128 && kZbarI25 == ZBAR_I25 &&
              kZbarEan13 == ZBAR_EAN13 && kZbarEan8 == ZBAR_EAN8);

namespace {
struct Scanner {
    zbar_image_scanner_t* s = zbar_image_scanner_create();
    ZbarOptions applied{};
    bool configured = false;
    ~Scanner() { zbar_image_scanner_destroy(s); }
    void configure(const ZbarOptions& o) {
        if (configured && o.qr == applied.qr && o.code128 == applied.code128 && o.itf == applied.itf &&
            o.ean == applied.ean && o.density == applied.density && o.inverted == applied.inverted &&
            o.all == applied.all)
            return;
        zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_ENABLE, o.all);
        if (!o.all) {
            zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_ENABLE, o.qr);
            zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);  // the bytes as they are
            zbar_image_scanner_set_config(s, ZBAR_CODE128, ZBAR_CFG_ENABLE, o.code128);
            zbar_image_scanner_set_config(s, ZBAR_I25, ZBAR_CFG_ENABLE, o.itf);
            zbar_image_scanner_set_config(s, ZBAR_EAN13, ZBAR_CFG_ENABLE, o.ean);
            zbar_image_scanner_set_config(s, ZBAR_EAN8, ZBAR_CFG_ENABLE, o.ean);
        }
        zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
        zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_X_DENSITY, o.density);
        zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, o.density);
        zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_TEST_INVERTED, o.inverted);
        zbar_image_scanner_enable_cache(s, 0);
        applied = o;
        configured = true;
    }
};
}  // namespace

std::vector<ZbarSymbol> zbar_read(const std::uint8_t* lum, int width, int height,
                                  const ZbarOptions& options) {
    std::vector<ZbarSymbol> out;
    if (!lum || width <= 0 || height <= 0) return out;
    thread_local Scanner scanner;
    scanner.configure(options);
    zbar_image_t* image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, unsigned(width), unsigned(height));
    zbar_image_set_data(image, lum, static_cast<unsigned long>(width) * unsigned(height), nullptr);
    if (zbar_scan_image(scanner.s, image) > 0) {
        for (const zbar_symbol_t* sym = zbar_image_first_symbol(image); sym; sym = zbar_symbol_next(sym)) {
            ZbarSymbol z;
            z.type = int(zbar_symbol_get_type(sym));
            z.text.assign(zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym));
            for (unsigned i = 0; i < zbar_symbol_get_loc_size(sym); ++i)
                z.points.emplace_back(zbar_symbol_get_loc_x(sym, i), zbar_symbol_get_loc_y(sym, i));
            out.push_back(std::move(z));
        }
    }
    zbar_image_destroy(image);
    return out;
}

}  // namespace kiosk::scan
