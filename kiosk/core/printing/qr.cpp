#include "kiosk/core/printing/qr.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <qrencode.h>

namespace kiosk::printing {

QrResult encode_qr(std::string_view payload) {
    QrResult r;
    if (payload.empty()) {
        r.error = "QR code: empty payload";
        return r;
    }
    // QRcode_encodeData is reentrant (no global state) and takes bytes: UTF-8 goes through unchanged.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(payload.size()),
                          reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) {
        r.error = std::string("QR code: cannot encode (") +
                  (errno == ERANGE ? "payload too long" : std::strerror(errno)) + ")";
        return r;
    }
    r.matrix.size = code->width;
    r.matrix.dark.resize(static_cast<std::size_t>(code->width) * code->width);
    for (std::size_t i = 0; i < r.matrix.dark.size(); ++i) r.matrix.dark[i] = code->data[i] & 1;
    return r;
}

int qr_module_size(const QrMatrix& m, int max_width, int max_module) {
    if (m.size <= 0) return 0;
    const int fit = max_width / (m.size + 2 * qr_quiet_zone);
    return fit < max_module ? fit : max_module;
}

Bitmap render_qr(const QrMatrix& m, int module) {
    const int side = (m.size + 2 * qr_quiet_zone) * module;
    Bitmap b(side, side);
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            if (m.at(x, y))
                for (int dy = 0; dy < module; ++dy)
                    for (int dx = 0; dx < module; ++dx)
                        b.set((x + qr_quiet_zone) * module + dx, (y + qr_quiet_zone) * module + dy);
    return b;
}

}  // namespace kiosk::printing
