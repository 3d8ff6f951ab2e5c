#include "kiosk/core/scan/decode.hpp"

#include <type_traits>
#include <algorithm>
#include <cmath>

#include <ZXing/ReadBarcode.h>

#include "kiosk/core/scan/zbar_read.hpp"
#include "kiosk/core/utf8.hpp"

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
        append_utf8(c, out);
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

// The code's outline: its module size (a pass is a version 6 QR code: `modules` = 41) and how far from a
// square it looks.
void measure_outline(const std::array<Point, 4>& c, int modules, Measures& m) {
    double side[4], sum = 0, lo = 1e9, hi = 0;
    for (int i = 0; i < 4; ++i) {
        const Point a = c[std::size_t(i)], b = c[std::size_t((i + 1) % 4)];
        side[i] = std::hypot(double(a.x - b.x), double(a.y - b.y));
        sum += side[i];
        lo = std::min(lo, side[i]);
        hi = std::max(hi, side[i]);
    }
    if (lo < 4) return;
    m.module_px = sum / 4 / modules;
    m.skew = hi / lo - 1;
    m.outline = c;
}

PixelRect outline_box(const std::array<Point, 4>& c, const Frame& frame) {
    int x0 = frame.width, y0 = frame.height, x1 = 0, y1 = 0;
    for (const Point& p : c) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
    x0 = std::clamp(x0, 0, frame.width - 1);
    y0 = std::clamp(y0, 0, frame.height - 1);
    x1 = std::clamp(x1, x0 + 1, frame.width);
    y1 = std::clamp(y1, y0 + 1, frame.height);
    return {x0, y0, x1 - x0, y1 - y0};
}

// Sharpness (the strongest edges against the contrast: a blurred picture has soft edges) and the share of
// saturated pixels, over `rect` (every other row).
void measure_area(const Frame& frame, const PixelRect& rect, Measures& m) {
    std::array<int, 256> lum{}, grad{};
    int n = 0, saturated = 0;
    for (int y = rect.y; y < rect.y + rect.h; y += 2) {
        const std::uint8_t* row = frame.lum.data() + std::size_t(y) * frame.width;
        for (int x = rect.x + 1; x + 1 < rect.x + rect.w; ++x) {
            ++lum[row[x]];
            ++grad[std::abs(int(row[x + 1]) - int(row[x - 1])) / 2];
            saturated += row[x] >= 250;
            ++n;
        }
    }
    if (n < 16) return;
    auto quantile = [n](const std::array<int, 256>& h, double q) {
        long need = std::lround(q * n), acc = 0;
        for (int i = 0; i < 256; ++i)
            if ((acc += h[std::size_t(i)]) >= need) return i;
        return 255;
    };
    const int contrast = quantile(lum, 0.98) - quantile(lum, 0.02);
    m.sharpness = double(quantile(grad, 0.995)) / std::max(16, contrast);
    m.saturated = double(saturated) / n;
}

// QR finder patterns crossed by rows of the region (every 3rd; each row thresholded at its 32-pixel moving
// mean): how many rows cross one, and the module size they give (7 modules a pattern). Cheap, and it sees
// a code that is too small or too blurred for the decoders to locate.
void find_finders(const Frame& frame, const PixelRect& rect, Measures& m) {
    struct Hit {
        int x, y;
        double module;
    };
    std::vector<Hit> hits;
    std::vector<int> prefix(std::size_t(rect.w) + 1);
    for (int y = rect.y; y < rect.y + rect.h; y += 3) {
        const std::uint8_t* row = frame.lum.data() + std::size_t(y) * frame.width + rect.x;
        for (int x = 0; x < rect.w; ++x) prefix[std::size_t(x) + 1] = prefix[std::size_t(x)] + row[x];
        int runs[5] = {0, 0, 0, 0, 0}, count = 0, length = 0;
        bool dark = false, hit = false;
        for (int x = 0; x <= rect.w && !hit; ++x) {
            bool d = false;
            if (x < rect.w) {
                const int a = std::max(0, x - 16), b = std::min(rect.w, x + 16);
                d = row[x] * (b - a) + 8 * (b - a) < prefix[std::size_t(b)] - prefix[std::size_t(a)];
            }
            if (x < rect.w && d == dark) {
                ++length;
                continue;
            }
            if (count == 5) {
                std::copy(runs + 1, runs + 5, runs);
                count = 4;
            }
            runs[count++] = length;
            if (count == 5 && dark) {  // dark, light, dark, light, dark
                const double unit = (runs[0] + runs[1] + runs[2] + runs[3] + runs[4]) / 7.0;
                const auto near = [unit](int run, double want) {
                    return std::fabs(run - want * unit) <= unit * 0.7;
                };
                if (unit >= 1.2 && near(runs[0], 1) && near(runs[1], 1) && near(runs[2], 3) &&
                    near(runs[3], 1) && near(runs[4], 1)) {
                    hits.push_back({rect.x + x - int(3.5 * unit), y, unit});
                    hit = true;
                }
            }
            dark = d;
            length = 1;
        }
    }
    m.finders = int(hits.size());
    if (hits.size() < 2) return;
    // Hits grouped by place (one group a finder pattern); their module sizes differ when the code is tilted
    // (the far side looks smaller).
    struct Group {
        double x = 0, y = 0;
        std::vector<double> modules;
    };
    std::vector<Group> groups;
    for (const Hit& h : hits) {
        Group* g = nullptr;
        for (Group& c : groups)
            if (std::fabs(c.x - h.x) < 6 * h.module && std::fabs(c.y - h.y) < 9 * h.module) g = &c;
        if (!g) {
            groups.push_back({double(h.x), double(h.y), {}});
            g = &groups.back();
        }
        g->modules.push_back(h.module);
    }
    std::vector<double> medians, all;
    for (Group& g : groups) {
        if (g.modules.size() < 2) continue;  // a stray run, not a pattern
        std::sort(g.modules.begin(), g.modules.end());
        medians.push_back(g.modules[g.modules.size() / 2]);
        all.insert(all.end(), g.modules.begin(), g.modules.end());
    }
    if (all.empty()) return;
    std::sort(all.begin(), all.end());
    if (m.module_px <= 0) m.module_px = all[all.size() / 2];
    if (medians.size() >= 2 && m.skew <= 0) {
        const auto [lo, hi] = std::minmax_element(medians.begin(), medians.end());
        m.skew = *hi / *lo - 1;
    }
}

DecodeOutcome& finish(const Frame& frame, DecodeOutcome& out) {
    if (out.code && out.code->symbology == Symbology::QrCode && !out.measures.code_seen) {
        out.measures.code_seen = true;
        measure_outline(out.code->corners, 41, out.measures);
    }
    if (out.measures.code_seen && out.measures.module_px > 0)  // the code's own area, not the region's
        measure_area(frame, outline_box(out.measures.outline, frame), out.measures);
    if (!out.code) find_finders(frame, out.region, out.measures);
    return out;
}

// Runs zxing on `view` (the frame's `rect`, shrunk by `factor`, or enlarged when factor < 0); fills `out`.
bool read(const ZXing::ImageView& view, const PixelRect& rect, int factor, const ZXing::DecodeHints& hints,
          const DecodeOptions& options, DecodeOutcome& out) {
    ++out.passes;
    const ZXing::Results results = ZXing::ReadBarcodes(view, hints);
    auto to_frame = [&](ZXing::PointI p) {
        return factor >= 1 ? Point{rect.x + p.x * factor, rect.y + p.y * factor}
                           : Point{rect.x + p.x / -factor, rect.y + p.y / -factor};
    };
    for (const ZXing::Result& r : results) {
        const auto& pos = r.position();
        if (!out.measures.code_seen && r.format() == ZXing::BarcodeFormat::QRCode) {
            out.measures.code_seen = true;
            std::array<Point, 4> c{};
            for (int i = 0; i < 4; ++i) c[std::size_t(i)] = to_frame(pos[i]);
            measure_outline(c, 41, out.measures);
        }
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
        for (int i = 0; i < 4; ++i) d.corners[std::size_t(i)] = to_frame(pos[i]);
        out.code = std::move(d);
        return true;
    }
    return false;
}

ZXing::ImageView view_of(const Frame& frame, const PixelRect& rect) {  // no copy: the ROI inside the frame
    return ZXing::ImageView(frame.lum.data() + std::size_t(rect.y) * frame.width + rect.x, rect.w, rect.h,
                            ZXing::ImageFormat::Lum, frame.width);
}

ZXing::DecodeHints hints_for(ZXing::BarcodeFormats formats, bool harder) {
    ZXing::DecodeHints hints;
    hints.setFormats(formats)
        .setTryHarder(harder)
        .setTryRotate(harder)
        .setTryDownscale(false)
        .setReturnErrors(true)
        .setMaxNumberOfSymbols(1);
    return hints;
}

Symbology from_zbar(int type) {
    switch (type) {
        case kZbarQrCode:
            return Symbology::QrCode;
        case kZbarCode128:
            return Symbology::Code128;
        case kZbarI25:
            return Symbology::Itf;
        case kZbarEan13:
            return Symbology::Ean13;
        case kZbarEan8:
            return Symbology::Ean8;
        default:
            return Symbology::Other;
    }
}

bool read_zbar(const Frame& frame, const PixelRect& rect, const DecodeOptions& options, DecodeOutcome& out) {
    ++out.passes;
    ZbarOptions z;
    z.qr = options.zbar_qr && (options.formats & kQrCode);
    z.code128 = options.formats & kCode128;
    z.itf = options.formats & kItf;
    z.ean = options.formats & (kEan13 | kEan8);
    z.inverted = true;
    z.density = std::max(1, options.zbar_density);
    const Frame roi = crop_and_shrink(frame, rect, 1);  // zbar wants a packed plane
    for (ZbarSymbol& sym : zbar_read(roi.lum.data(), roi.width, roi.height, z)) {
        if (int(sym.text.size()) < options.min_text_length || !valid_utf8(sym.text)) {
            out.seen = true;
            continue;
        }
        Decoded d;
        d.text = std::move(sym.text);
        d.symbology = from_zbar(sym.type);
        if (d.symbology == Symbology::Other) continue;
        if (sym.points.size() >= 4)  // zbar gives a QR's corners, a 1-D code's scan points
            for (std::size_t i = 0; i < 4; ++i)
                d.corners[i] = {rect.x + sym.points[i].first, rect.y + sym.points[i].second};
        if (!out.measures.code_seen && d.symbology == Symbology::QrCode && sym.points.size() == 4) {
            out.measures.code_seen = true;
            measure_outline(d.corners, 41, out.measures);
        }
        out.code = std::move(d);
        return true;
    }
    return false;
}

// The region's negative (a phone in dark mode: light modules on a dark screen).
Frame negative(const Frame& frame, const PixelRect& rect) {
    Frame f = crop_and_shrink(frame, rect, 1);
    for (std::uint8_t& v : f.lum) v = std::uint8_t(255 - v);
    return f;
}

// The region sharpened (unsharp mask against a 5×5 box mean, amount 1.5): soft edges steeper again.
Frame sharpened(const Frame& frame, const PixelRect& rect) {
    Frame f = crop_and_shrink(frame, rect, 1);
    const int w = f.width, h = f.height;
    if (w < 5 || h < 5) return f;
    std::vector<int> col(std::size_t(w) * h);  // vertical 5-sums
    for (int x = 0; x < w; ++x) {
        int acc = 0;
        for (int y = 0; y < 5; ++y) acc += f.lum[std::size_t(y) * w + x];
        for (int y = 0; y < h; ++y) {
            col[std::size_t(std::clamp(y + 2, 2, h - 3)) * w + x] = acc;
            if (y + 2 >= 2 && y + 5 < h)
                acc += f.lum[std::size_t(y + 5) * w + x] - f.lum[std::size_t(y) * w + x];
        }
    }
    Frame out = f;
    for (int y = 2; y < h - 2; ++y) {
        const int* c = col.data() + std::size_t(y) * w;
        int acc = c[0] + c[1] + c[2] + c[3] + c[4];
        for (int x = 2; x < w - 2; ++x) {
            const int v = f.lum[std::size_t(y) * w + x];
            out.lum[std::size_t(y) * w + x] = std::uint8_t(std::clamp(v + (3 * (25 * v - acc)) / 50, 0, 255));
            if (x + 3 < w) acc += c[x + 3] - c[x - 2];
        }
    }
    return out;
}

// The region's window turned by `degrees` about its centre (nearest pixel; outside the frame: mid grey).
Frame rotated(const Frame& frame, const PixelRect& rect, double degrees) {
    Frame f;
    f.width = rect.w;
    f.height = rect.h;
    f.lum.assign(std::size_t(f.width) * f.height, 128);
    const double a = degrees * 3.14159265358979 / 180, c = std::cos(a), s = std::sin(a);
    const double cx = rect.x + rect.w / 2.0, cy = rect.y + rect.h / 2.0;
    const int fx = int(std::lround(c * 65536)), fy = int(std::lround(s * 65536));
    for (int y = 0; y < f.height; ++y) {
        const double dy = y - rect.h / 2.0, dx0 = -rect.w / 2.0;
        long sx = std::lround((cx + dx0 * c - dy * s) * 65536),
             sy = std::lround((cy + dx0 * s + dy * c) * 65536);
        std::uint8_t* d = f.lum.data() + std::size_t(y) * f.width;
        for (int x = 0; x < f.width; ++x, sx += fx, sy += fy) {
            const long px = sx >> 16, py = sy >> 16;
            if (px >= 0 && py >= 0 && px < frame.width && py < frame.height)
                d[x] = frame.lum[std::size_t(py) * frame.width + std::size_t(px)];
        }
    }
    return f;
}

// The centre of the region enlarged twice (bilinear): modules of 2–3 pixels become 4–6.
Frame zoomed(const Frame& frame, const PixelRect& rect) {
    Frame f;
    f.width = rect.w * 2;
    f.height = rect.h * 2;
    f.lum.resize(std::size_t(f.width) * f.height);
    for (int y = 0; y < f.height; ++y) {
        const int sy = rect.y + y / 2, sy1 = std::min(sy + (y & 1), frame.height - 1);
        const std::uint8_t* r0 = frame.lum.data() + std::size_t(sy) * frame.width;
        const std::uint8_t* r1 = frame.lum.data() + std::size_t(sy1) * frame.width;
        std::uint8_t* d = f.lum.data() + std::size_t(y) * f.width;
        for (int x = 0; x < f.width; ++x) {
            const int sx = rect.x + x / 2, sx1 = std::min(sx + (x & 1), frame.width - 1);
            d[x] = std::uint8_t((r0[sx] + r0[sx1] + r1[sx] + r1[sx1] + 2) >> 2);
        }
    }
    return f;
}

}  // namespace

DecodeOutcome decode_frame(const Frame& frame, const DecodeOptions& options) {
    DecodeOutcome out;
    if (frame.empty()) return out;
    const PixelRect rect = to_pixels(options.roi, frame.width, frame.height);
    const ZXing::BarcodeFormats formats = zx_formats(options.formats);
    if (formats.empty()) return out;
    measure_area(frame, rect, out.measures);
    out.region = rect;
    unsigned steps = options.steps;
    if (!options.slow_pass) steps &= kStepRoi | kStepShrunk;
    if (steps & kStepRoi)
        if (read(view_of(frame, rect), rect, 1, hints_for(formats, false), options, out))
            return finish(frame, out);
    if (steps & kStepZbar)
        if (read_zbar(frame, rect, options, out)) return finish(frame, out);
    if (steps & kStepInverted) {
        const Frame neg = negative(frame, rect);
        const ZXing::ImageView view(neg.lum.data(), neg.width, neg.height, ZXing::ImageFormat::Lum);
        const ZXing::BarcodeFormats matrix = zx_formats(options.formats & (kQrCode | kDataMatrix));
        if (!matrix.empty() && read(view, rect, 1, hints_for(matrix, false), options, out))
            return finish(frame, out);
    }
    if (steps & kStepHarder)
        if (read(view_of(frame, rect), rect, 1, hints_for(formats, true), options, out))
            return finish(frame, out);
    if (steps & kStepShrunk) {
        int factor = 1;
        while (std::max(rect.w, rect.h) / factor > options.fast_max_side) ++factor;
        const Frame small = crop_and_shrink(frame, rect, factor);
        const ZXing::ImageView view(small.lum.data(), small.width, small.height, ZXing::ImageFormat::Lum);
        if (!small.empty() && read(view, rect, factor, hints_for(formats, false), options, out))
            return finish(frame, out);
    }
    if (steps & kStepGlobal) {
        ZXing::DecodeHints hints = hints_for(formats, false);
        hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
        if (read(view_of(frame, rect), rect, 1, hints, options, out)) return finish(frame, out);
    }
    if (steps & kStepZoom) {
        const PixelRect centre{rect.x + rect.w / 4, rect.y + rect.h / 4, rect.w / 2, rect.h / 2};
        const Frame big = zoomed(frame, centre);
        const ZXing::ImageView view(big.lum.data(), big.width, big.height, ZXing::ImageFormat::Lum);
        const ZXing::BarcodeFormats matrix = zx_formats(options.formats & (kQrCode | kDataMatrix));
        if (!matrix.empty() && read(view, centre, -2, hints_for(matrix, false), options, out))
            return finish(frame, out);
    }
    if (steps & kStepSharpened) {
        const Frame sharp = sharpened(frame, rect);
        const ZXing::ImageView view(sharp.lum.data(), sharp.width, sharp.height, ZXing::ImageFormat::Lum);
        const ZXing::BarcodeFormats matrix = zx_formats(options.formats & (kQrCode | kDataMatrix));
        if (!matrix.empty() && read(view, rect, 1, hints_for(matrix, false), options, out))
            return finish(frame, out);
    }
    if (steps & kStepRotated) {
        const ZXing::BarcodeFormats linear = zx_formats(options.formats & ~unsigned(kQrCode | kDataMatrix));
        for (const double degrees : {45.0, -45.0}) {
            if (linear.empty()) break;
            const Frame turned = rotated(frame, rect, degrees);
            const ZXing::ImageView view(turned.lum.data(), turned.width, turned.height,
                                        ZXing::ImageFormat::Lum);
            const PixelRect none{0, 0, 0, 0};
            if (read(view, none, 1, hints_for(linear, false), options, out)) {
                // Corners back into the frame: turned by `degrees` about the region's centre.
                const double a = degrees * 3.14159265358979 / 180, c = std::cos(a), s = std::sin(a);
                for (Point& p : out.code->corners) {
                    const double dx = p.x - rect.w / 2.0, dy = p.y - rect.h / 2.0;
                    p = {int(std::lround(rect.x + rect.w / 2.0 + dx * c - dy * s)),
                         int(std::lround(rect.y + rect.h / 2.0 + dx * s + dy * c))};
                }
                return finish(frame, out);
            }
        }
    }
    if (options.slow_pass && options.slow_pass_always) {  // zxing-cpp at its most tolerant, on the region
        ZXing::DecodeHints hints = hints_for(formats, true);
        hints.setTryDownscale(true);
        if (read(view_of(frame, rect), rect, 1, hints, options, out)) return finish(frame, out);
    }
    return finish(frame, out);
}

}  // namespace kiosk::scan
