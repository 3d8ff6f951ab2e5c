#pragma once
// Frames with a code drawn in them, made with zxing-cpp's writers.
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/TextUtfEncoding.h>
#include <ZXing/CharacterSet.h>

#include "kiosk/core/scan/frame.hpp"

namespace kiosk::scan::test {

// A `width`×`height` light grey frame with `text` encoded as `format` at (x, y), `module` pixels per module.
inline Frame frame_with_code(const std::string& text, ZXing::BarcodeFormat format, int width = 640,
                             int height = 480, int module = 4) {
    Frame f;
    f.width = width;
    f.height = height;
    f.lum.assign(std::size_t(width) * height, 200);
    ZXing::MultiFormatWriter writer(format);
    writer.setMargin(0);
    if (format == ZXing::BarcodeFormat::QRCode || format == ZXing::BarcodeFormat::DataMatrix)
        writer.setEncoding(ZXing::CharacterSet::UTF8);
    ZXing::BitMatrix m = writer.encode(ZXing::TextUtfEncoding::FromUtf8(text), 0, 0);
    const int mh = (m.height() <= 2) ? 60 : m.height() * module;  // 1D: bars 60 modules tall
    const int mw = m.width() * module;
    const int x0 = (width - mw) / 2, y0 = (height - mh) / 2;
    for (int y = -4 * module; y < mh + 4 * module; ++y)  // white quiet zone
        for (int x = -10 * module; x < mw + 10 * module; ++x)
            if (x0 + x >= 0 && x0 + x < width && y0 + y >= 0 && y0 + y < height)
                f.lum[std::size_t(y0 + y) * width + x0 + x] = 250;
    for (int y = 0; y < mh; ++y)
        for (int x = 0; x < mw; ++x) {
            const int my = m.height() <= 2 ? 0 : y / module;
            if (m.get(x / module, my)) f.lum[std::size_t(y0 + y) * width + x0 + x] = 20;
        }
    return f;
}

inline Frame blank_frame(int width = 640, int height = 480, std::uint8_t v = 128) {
    Frame f;
    f.width = width;
    f.height = height;
    f.lum.assign(std::size_t(width) * height, v);
    return f;
}

}  // namespace kiosk::scan::test
