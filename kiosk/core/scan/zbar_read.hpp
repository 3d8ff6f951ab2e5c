#pragma once
// ZBar (Debian libzbar) as the pipeline's second decoder: its own QR finder and its 1-D scanner, which
// read some frames zxing-cpp misses (and the other way round). One scanner per thread, created on first use.
#include <string>
#include <vector>

#include "kiosk/core/scan/frame.hpp"

namespace kiosk::scan {

// zbar_symbol_type_t values (zbar.h is included by zbar_read.cpp only).
inline constexpr int kZbarEan8 = 8, kZbarI25 = 25, kZbarEan13 = 13, kZbarQrCode = 64, kZbarCode128 = 128;

struct ZbarSymbol {
    std::string text;
    int type = 0;  // zbar_symbol_type_t (ZBAR_QRCODE = 64, ZBAR_CODE128 = 128, ZBAR_I25 = 25…)
    std::vector<std::pair<int, int>> points;  // its outline, in the pixels of the image given
};

struct ZbarOptions {
    bool qr = true, code128 = true, itf = true, ean = false;
    int density = 1;        // scan every n-th row and column (1 = all)
    bool all = false;       // every symbology ZBar knows (as zbarimg)
    bool inverted = false;  // also try the negative when nothing is read (phone screens in dark mode)
};

// Reads the 8-bit plane `lum` (stride = width). Never throws.
std::vector<ZbarSymbol> zbar_read(const std::uint8_t* lum, int width, int height, const ZbarOptions& options);

}  // namespace kiosk::scan
