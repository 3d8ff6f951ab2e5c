#include "kiosk/core/scan/decode.hpp"

#include <type_traits>
#include <algorithm>

#include <ZXing/ReadBarcode.h>

namespace kiosk::scan {

const char* symbology_name(Symbology s) {
    switch (s) {
        case Symbology::QrCode:
            return "QR Code";
        case Symbology::DataMatrix:
            return "DataMatrix";
        case Symbology::Code128:
            return "Code 128";
        case Symbology::Itf:
            return "ITF";
        case Symbology::Ean13:
            return "EAN-13";
        case Symbology::Ean8:
            return "EAN-8";
        case Symbology::Keyboard:
            return "keyboard scanner";
        case Symbology::Serial:
            return "serial scanner";
        case Symbology::Other:
            break;
    }
    return "other";
}

std::string to_utf8(const std::wstring& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<std::uint32_t>(static_cast<std::make_unsigned_t<wchar_t>>(text[i]));
        if constexpr (sizeof(wchar_t) == 2) {  // UTF-16 surrogates (not on Linux, kept for completeness)
            if (c >= 0xD800 && c < 0xDC00 && i + 1 < text.size()) {
                auto lo = static_cast<std::uint32_t>(static_cast<std::make_unsigned_t<wchar_t>>(text[i + 1]));
                if (lo >= 0xDC00 && lo < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                    ++i;
                }
            }
        }
        if (c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) c = 0xFFFD;
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        } else {
            out += char(0xF0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3F));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

namespace {

ZXing::BarcodeFormats zx_formats(unsigned f) {
    ZXing::BarcodeFormats out;
    if (f & kQrCode) out |= ZXing::BarcodeFormat::QRCode;
    if (f & kDataMatrix) out |= ZXing::BarcodeFormat::DataMatrix;
    if (f & kCode128) out |= ZXing::BarcodeFormat::Code128;
    if (f & kItf) out |= ZXing::BarcodeFormat::ITF;
    if (f & kEan13) out |= ZXing::BarcodeFormat::EAN13;
    if (f & kEan8) out |= ZXing::BarcodeFormat::EAN8;
    return out;
}

Symbology from_zx(ZXing::BarcodeFormat f) {
    switch (f) {
        case ZXing::BarcodeFormat::QRCode:
            return Symbology::QrCode;
        case ZXing::BarcodeFormat::DataMatrix:
            return Symbology::DataMatrix;
        case ZXing::BarcodeFormat::Code128:
            return Symbology::Code128;
        case ZXing::BarcodeFormat::ITF:
            return Symbology::Itf;
        case ZXing::BarcodeFormat::EAN13:
            return Symbology::Ean13;
        case ZXing::BarcodeFormat::EAN8:
            return Symbology::Ean8;
        default:
            return Symbology::Other;
    }
}

// Runs zxing on `view` (the frame's `rect`, shrunk by `factor`); fills `out`.
bool read(const ZXing::ImageView& view, const PixelRect& rect, int factor, const ZXing::DecodeHints& hints,
          const DecodeOptions& options, DecodeOutcome& out) {
    const ZXing::Results results = ZXing::ReadBarcodes(view, hints);
    for (const ZXing::Result& r : results) {
        if (!r.isValid()) {
            out.seen = true;
            continue;
        }
        std::string text = to_utf8(r.text());
        if (int(text.size()) < options.min_text_length) {
            out.seen = true;
            continue;
        }
        Decoded d;
        d.text = std::move(text);
        d.symbology = from_zx(r.format());
        const auto& pos = r.position();
        for (int i = 0; i < 4; ++i)
            d.corners[std::size_t(i)] = {rect.x + pos[i].x * factor, rect.y + pos[i].y * factor};
        out.code = std::move(d);
        return true;
    }
    return false;
}

ZXing::ImageView view_of(const Frame& frame, const PixelRect& rect) {  // no copy: the ROI inside the frame
    return ZXing::ImageView(frame.lum.data() + std::size_t(rect.y) * frame.width + rect.x, rect.w, rect.h,
                            ZXing::ImageFormat::Lum, frame.width);
}

}  // namespace

DecodeOutcome decode_frame(const Frame& frame, const DecodeOptions& options) {
    DecodeOutcome out;
    if (frame.empty()) return out;
    const PixelRect rect = to_pixels(options.roi, frame.width, frame.height);
    const ZXing::BarcodeFormats formats = zx_formats(options.formats);

    const ZXing::BarcodeFormats matrix = zx_formats(options.formats & (kQrCode | kDataMatrix));
    const ZXing::BarcodeFormats linear = zx_formats(options.formats & ~unsigned(kQrCode | kDataMatrix));

    // Pass 1 (fast): 2D codes in the ROI at reduced resolution; 1D codes on a few rows of the ROI at full
    // resolution (row scans are cheap, and bars need the resolution). No rotation, no "try harder".
    out.passes = 1;
    if (!matrix.empty()) {
        int factor = 1;
        while (std::max(rect.w, rect.h) / factor > options.fast_max_side) ++factor;
        ZXing::DecodeHints hints;
        hints.setFormats(matrix)
            .setTryHarder(false)
            .setTryRotate(false)
            .setTryDownscale(false)
            .setReturnErrors(true)
            .setMaxNumberOfSymbols(1);
        if (factor == 1) {
            if (read(view_of(frame, rect), rect, 1, hints, options, out)) return out;
        } else {
            const Frame small = crop_and_shrink(frame, rect, factor);
            const ZXing::ImageView view(small.lum.data(), small.width, small.height, ZXing::ImageFormat::Lum);
            if (read(view, rect, factor, hints, options, out)) return out;
        }
    }
    if (!linear.empty()) {
        ZXing::DecodeHints hints;
        hints.setFormats(linear)
            .setTryHarder(false)
            .setTryRotate(false)
            .setTryDownscale(false)
            .setReturnErrors(true)
            .setMaxNumberOfSymbols(1);
        if (read(view_of(frame, rect), rect, 1, hints, options, out)) return out;
    }
    // Pass 2, only when needed (pass 1 saw a code it could not read): full resolution, try harder, rotations,
    // zxing's own pyramid.
    if (!options.slow_pass || (!out.seen && !options.slow_pass_always)) return out;
    {
        ZXing::DecodeHints hints;
        hints.setFormats(formats)
            .setTryHarder(true)
            .setTryRotate(true)
            .setTryDownscale(true)
            .setReturnErrors(true)
            .setMaxNumberOfSymbols(1);
        out.passes = 2;
        read(view_of(frame, rect), rect, 1, hints, options, out);
    }
    return out;
}

}  // namespace kiosk::scan
