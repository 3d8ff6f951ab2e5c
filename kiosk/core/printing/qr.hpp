#pragma once
// QR codes with libqrencode: error correction level M, byte mode (UTF-8), a 4-module quiet zone.
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/printing/bitmap.hpp"

namespace kiosk::printing {

struct QrMatrix {
    int size = 0;                     // modules per side (without quiet zone)
    std::vector<unsigned char> dark;  // size × size, 1 = dark module
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

struct QrResult {
    QrMatrix matrix;
    std::string error;  // empty on success
    bool ok() const { return error.empty(); }
};

inline constexpr int qr_quiet_zone = 4;  // modules, as the standard asks

QrResult encode_qr(std::string_view payload);

// The module size (dots) that fits `max_width` dots with the quiet zone, at most `max_module` (0 = does not
// fit even at 1 dot per module).
int qr_module_size(const QrMatrix& m, int max_width, int max_module);

// The matrix drawn at `module` dots per module, quiet zone included (white).
Bitmap render_qr(const QrMatrix& m, int module);

}  // namespace kiosk::printing
