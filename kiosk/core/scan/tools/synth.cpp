#include "kiosk/core/scan/tools/synth.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/TextUtfEncoding.h>

#include "kiosk/core/printing/qr.hpp"
#include "kiosk/core/scan/picture.hpp"

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#endif
#include <stb/stb_easy_font.h>
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace kiosk::scan::synth {

namespace {

using Rng = std::mt19937;
constexpr double kPi = std::numbers::pi;

float uni(Rng& rng, float a, float b) {
    return std::uniform_real_distribution<float>(a, b)(rng);
}

struct Image {
    int w = 0, h = 0;
    std::vector<float> p;  // 0..255
    Image() = default;
    Image(int w_, int h_, float v = 0) : w(w_), h(h_), p(std::size_t(w_) * h_, v) {}
    float& at(int x, int y) { return p[std::size_t(y) * w + x]; }
    float at(int x, int y) const { return p[std::size_t(y) * w + x]; }
    float sample(float x, float y) const {  // bilinear, clamped
        x = std::clamp(x, 0.f, float(w - 1));
        y = std::clamp(y, 0.f, float(h - 1));
        const int x0 = int(x), y0 = int(y);
        const int x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
        const float fx = x - float(x0), fy = y - float(y0);
        return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) +
               (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
    }
    // Exact coverage: a pixel half covered gets half the value.
    void fill_rect(float x0, float y0, float x1, float y1, float v) {
        for (int y = std::max(0, int(y0)); y < std::min(h, int(std::ceil(y1))); ++y) {
            const float cy = std::min(y1, float(y + 1)) - std::max(y0, float(y));
            for (int x = std::max(0, int(x0)); x < std::min(w, int(std::ceil(x1))); ++x) {
                const float c = cy * (std::min(x1, float(x + 1)) - std::max(x0, float(x)));
                if (c > 0) at(x, y) = at(x, y) * (1 - c) + v * c;
            }
        }
    }
    void ellipse(float cx, float cy, float rx, float ry, float v) {
        for (int y = std::max(0, int(cy - ry)); y < std::min(h, int(cy + ry + 1)); ++y)
            for (int x = std::max(0, int(cx - rx)); x < std::min(w, int(cx + rx + 1)); ++x) {
                const float d = (x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry);
                if (d < 1) at(x, y) = v;
            }
    }
};

void draw_text(Image& img, float x, float y, const std::string& text, float scale, float v) {
    static thread_local char buffer[60000];
    const int quads =
        stb_easy_font_print(0, 0, const_cast<char*>(text.c_str()), nullptr, buffer, sizeof buffer);
    for (int q = 0; q < quads; ++q) {
        const float* v0 = reinterpret_cast<const float*>(buffer + q * 64);
        const float* v2 = reinterpret_cast<const float*>(buffer + q * 64 + 32);
        img.fill_rect(x + v0[0] * scale, y + v0[1] * scale, x + v2[0] * scale, y + v2[1] * scale, v);
    }
}

using H = std::array<double, 9>;
using Quad = std::array<std::array<double, 2>, 4>;
H homography(const Quad& s, const Quad& d) {
    double a[8][9] = {};
    for (int i = 0; i < 4; ++i) {
        const double x = s[i][0], y = s[i][1], u = d[i][0], v = d[i][1];
        const double r1[9] = {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
        const double r2[9] = {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        std::copy(r1, r1 + 9, a[2 * i]);
        std::copy(r2, r2 + 9, a[2 * i + 1]);
    }
    for (int c = 0; c < 8; ++c) {
        int piv = c;
        for (int r = c + 1; r < 8; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
        std::swap(a[c], a[piv]);
        for (int r = 0; r < 8; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (int k = c; k < 9; ++k) a[r][k] -= f * a[c][k];
        }
    }
    H h{};
    for (int i = 0; i < 8; ++i) h[std::size_t(i)] = a[i][8] / a[i][i];
    h[8] = 1;
    return h;
}

void box_blur(Image& img, int r) {
    if (r <= 0) return;
    Image tmp(img.w, img.h);
    const float n = float(2 * r + 1);
    for (int y = 0; y < img.h; ++y) {
        float acc = 0;
        for (int x = -r; x <= r; ++x) acc += img.at(std::clamp(x, 0, img.w - 1), y);
        for (int x = 0; x < img.w; ++x) {
            tmp.at(x, y) = acc / n;
            acc += img.at(std::min(x + r + 1, img.w - 1), y) - img.at(std::max(x - r, 0), y);
        }
    }
    for (int x = 0; x < img.w; ++x) {
        float acc = 0;
        for (int y = -r; y <= r; ++y) acc += tmp.at(x, std::clamp(y, 0, img.h - 1));
        for (int y = 0; y < img.h; ++y) {
            img.at(x, y) = acc / n;
            acc += tmp.at(x, std::min(y + r + 1, img.h - 1)) - tmp.at(x, std::max(y - r, 0));
        }
    }
}

// A Gaussian of `sigma` (small sigmas: a 3-tap kernel, larger: three box blurs).
void gaussian_blur(Image& img, float sigma) {
    if (sigma <= 0.f) return;
    if (sigma < 0.9f) {
        const float w1 = std::exp(-1.f / (2 * sigma * sigma)), sum = 1 + 2 * w1;
        Image tmp(img.w, img.h);
        for (int y = 0; y < img.h; ++y)
            for (int x = 0; x < img.w; ++x)
                tmp.at(x, y) = (img.at(x, y) + w1 * (img.at(std::max(x - 1, 0), y) +
                                                     img.at(std::min(x + 1, img.w - 1), y))) /
                               sum;
        for (int y = 0; y < img.h; ++y)
            for (int x = 0; x < img.w; ++x)
                img.at(x, y) = (tmp.at(x, y) + w1 * (tmp.at(x, std::max(y - 1, 0)) +
                                                     tmp.at(x, std::min(y + 1, img.h - 1)))) /
                               sum;
        return;
    }
    const int r = std::max(1, int(std::lround((std::sqrt(4 * sigma * sigma + 1) - 1) / 2)));
    for (int i = 0; i < 3; ++i) box_blur(img, r);
}

// A linear motion blur of `length` pixels at `angle`, inside `box` (x0, y0, x1, y1) only.
void motion_blur(Image& img, float length, float angle, std::array<int, 4> box) {
    if (length < 1.f) return;
    const int taps = std::max(3, int(std::ceil(length * 1.5f)));
    const float dx = std::cos(angle) * length, dy = std::sin(angle) * length;
    const int m = int(std::ceil(length)) + 1;
    box = {std::max(0, box[0] - m), std::max(0, box[1] - m), std::min(img.w, box[2] + m),
           std::min(img.h, box[3] + m)};
    Image out = img;
    for (int y = box[1]; y < box[3]; ++y)
        for (int x = box[0]; x < box[2]; ++x) {
            float acc = 0;
            for (int t = 0; t < taps; ++t) {
                const float f = float(t) / float(taps - 1) - 0.5f;
                acc += img.sample(float(x) + f * dx, float(y) + f * dy);
            }
            out.at(x, y) = acc / float(taps);
        }
    img = std::move(out);
}

void add_noise(Image& img, float sigma, Rng& rng) {
    std::normal_distribution<float> n(0, sigma);
    for (float& v : img.p) v += n(rng);
}

void jpeg(Image& img, int quality) {
    std::vector<unsigned char> px(img.p.size());
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = (unsigned char)std::clamp(std::lround(img.p[i]), 0L, 255L);
    std::string bytes;
    stbi_write_jpg_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), std::size_t(size));
        },
        &bytes, img.w, img.h, 1, px.data(), quality);
    const auto pic = decode_picture(bytes);
    if (!pic) return;
    for (std::size_t i = 0; i < img.p.size(); ++i) img.p[i] = pic->pixels[i * 4];
}

// ---------------------------------------------------------------------------------------------------------
// What is photographed: a card in its own pixels, with where its code is.

struct Card {
    Image img;
    // The code's rectangle on the card (quiet zone excluded), and its module size in card pixels.
    float code_x = 0, code_y = 0, code_w = 0, code_h = 0, module = 1;
};

ZXing::BitMatrix zx_encode(ZXing::BarcodeFormat format, const std::string& text) {
    ZXing::MultiFormatWriter writer(format);
    writer.setMargin(0);
    if (format == ZXing::BarcodeFormat::QRCode || format == ZXing::BarcodeFormat::DataMatrix)
        writer.setEncoding(ZXing::CharacterSet::UTF8);
    return writer.encode(ZXing::TextUtfEncoding::FromUtf8(text), 0, 0);
}

// A pass as its issuer prints it: header band, lines of text, the amount, the QR code (libqrencode, as the
// kiosk prints its own) on the right. `dark`: a phone in dark mode (light modules on a dark screen).
Card pass_card(const std::string& payload, Rng& rng, bool dark, bool screen_grid) {
    const auto qr = printing::encode_qr(payload);
    const int n = qr.matrix.size;  // 41 for the 100-character payload
    const float module = 8;
    Card c;
    const float paper = dark ? 18.f : 242.f, ink = dark ? 225.f : 22.f;
    c.img = Image(800, 500, paper);
    c.img.fill_rect(0, 0, 800, 56, dark ? 55.f : 60.f);
    draw_text(c.img, 20, 14, "PASS NUMERIQUE", 3.5f, dark ? 200.f : 240.f);
    const float text_ink = dark ? 170.f : 70.f;
    draw_text(c.img, 20, 80, "Valable dans les lieux", 2.2f, text_ink);
    draw_text(c.img, 20, 104, "labellises APTIC", 2.2f, text_ink);
    for (int i = 0; i < 5; ++i)
        c.img.fill_rect(20, 150 + i * 30, 20 + uni(rng, 90, 300), 162 + i * 30, dark ? 90.f : 150.f);
    draw_text(c.img, 20, 380, "10 EUR", 7.f, ink);
    c.module = module;
    c.code_w = c.code_h = float(n) * module;
    c.code_x = 800 - 30 - c.code_w - 4 * module + 4 * module;
    c.code_y = 56 + (500 - 56 - c.code_h) / 2;
    c.img.fill_rect(c.code_x - 4 * module, c.code_y - 4 * module, c.code_x + c.code_w + 4 * module,
                    c.code_y + c.code_h + 4 * module, paper);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (qr.matrix.at(x, y))
                c.img.fill_rect(c.code_x + x * module, c.code_y + y * module, c.code_x + (x + 1) * module,
                                c.code_y + (y + 1) * module, ink);
    if (screen_grid)  // the screen's pixel grid: dark lines between its pixels (moiré once photographed)
        for (int y = 0; y < c.img.h; ++y)
            for (int x = 0; x < c.img.w; ++x)
                if (x % 3 == 2 || y % 3 == 2) c.img.at(x, y) *= 0.72f;
    return c;
}

// A generic card with a 2-D matrix (QR, DataMatrix) or a 1-D code.
Card code_card(const ZXing::BitMatrix& m, bool linear, float module, Rng& rng, const std::string& human) {
    Card c;
    if (linear) {
        const float width = float(m.width()) * module;
        c.img = Image(int(width + 24 * module + 80), int(std::max(220.f, width * 0.45f)), 240);
        c.img.fill_rect(0, 0, float(c.img.w), 40, 80);
        draw_text(c.img, 20, 60, human, 2.5f, 40);
        c.code_x = 12 * module + 40;
        c.code_y = 100;
        c.code_w = width;
        c.code_h = float(c.img.h) - 130;
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, 0))
                c.img.fill_rect(c.code_x + x * module, c.code_y, c.code_x + (x + 1) * module,
                                c.code_y + c.code_h, 25);
    } else {
        const float side = float(m.width()) * module;
        c.img = Image(int(side * 2.2f), int(side * 1.5f), 238);
        c.img.fill_rect(0, 0, float(c.img.w), side * 0.12f, 70);
        for (int i = 0; i < 4; ++i)
            c.img.fill_rect(16, side * 0.3f + i * 22, 16 + uni(rng, 40, side * 0.9f),
                            side * 0.3f + i * 22 + 10, 140);
        c.code_x = float(c.img.w) - side - 6 * module;
        c.code_y = (float(c.img.h) - side) / 2 + side * 0.05f;
        c.code_w = c.code_h = side;
        for (int y = 0; y < m.height(); ++y)
            for (int x = 0; x < m.width(); ++x)
                if (m.get(x, y))
                    c.img.fill_rect(c.code_x + x * module, c.code_y + y * module, c.code_x + (x + 1) * module,
                                    c.code_y + (y + 1) * module, 25);
    }
    c.module = module;
    return c;
}

// A table, a counter, a hand's sleeve: a smooth background; `clutter` adds papers, text and objects.
Image background(Rng& rng, bool clutter) {
    Image bg(kWidth, kHeight);
    const float a = uni(rng, 50, 130), gy = uni(rng, -40, 40), gx = uni(rng, -30, 30);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) bg.at(x, y) = a + gy * float(y) / kHeight + gx * float(x) / kWidth;
    for (int k = 0; k < 2; ++k)
        bg.ellipse(uni(rng, 0, kWidth), uni(rng, 0, kHeight), uni(rng, 60, 250), uni(rng, 60, 250),
                   uni(rng, 40, 160));
    if (clutter) {
        for (int k = 0; k < 10; ++k) {  // papers and objects
            const float x = uni(rng, -100, kWidth), y = uni(rng, -100, kHeight);
            bg.fill_rect(x, y, x + uni(rng, 60, 400), y + uni(rng, 40, 300), uni(rng, 20, 250));
        }
        for (int k = 0; k < 6; ++k)  // printed text
            draw_text(bg, uni(rng, 0, kWidth - 300), uni(rng, 0, kHeight - 30),
                      k % 2 ? "Caisse d'allocations familiales 0123 456 789" : "REF 2025-000417 / AB12 CD34",
                      uni(rng, 1.5f, 3.5f), uni(rng, 0, 60));
        for (int k = 0; k < 2; ++k) {  // a keyboard, blinds: stripes and grids
            const float x0 = uni(rng, 0, kWidth - 300), y0 = uni(rng, 0, kHeight - 200);
            const float pitch = uni(rng, 5, 16);
            for (float x = x0; x < x0 + 300; x += pitch) bg.fill_rect(x, y0, x + pitch / 2, y0 + 200, 30);
        }
        for (int k = 0; k < 4; ++k)
            bg.ellipse(uni(rng, 0, kWidth), uni(rng, 0, kHeight), uni(rng, 10, 60), uni(rng, 10, 60),
                       uni(rng, 0, 255));
    }
    return bg;
}

struct Pose {
    float cx = 0, cy = 0;          // where the code's centre lands in the frame
    float module_px = 3;           // code module size in the frame
    float roll = 0;                // in-plane rotation (radians)
    float tilt_x = 0, tilt_y = 0;  // keystone
    float bend = 0;                // curved card: bulge in card heights
};

// Photographs `card` onto `frame` at `pose`; returns the frame-space bounding box of the card.
std::array<int, 4> photograph(const Card& card, Image& frame, const Pose& pose) {
    const double scale = pose.module_px / card.module;
    const double cw = card.img.w * scale, ch = card.img.h * scale;
    // The card's corners around the code's centre, in frame pixels before rotation.
    const double qx = (card.code_x + card.code_w / 2) * scale, qy = (card.code_y + card.code_h / 2) * scale;
    Quad local = {{{-qx, -qy}, {cw - qx, -qy}, {cw - qx, ch - qy}, {-qx, ch - qy}}};
    // Keystone: the top side (tilt_y) or the right side (tilt_x) seen further away.
    for (int i : {0, 1}) local[std::size_t(i)][0] *= 1 - pose.tilt_y;
    for (int i : {1, 2}) local[std::size_t(i)][1] *= 1 - pose.tilt_x;
    Quad quad{};
    const double cr = std::cos(pose.roll), sr = std::sin(pose.roll);
    for (std::size_t i = 0; i < 4; ++i)
        quad[i] = {pose.cx + local[i][0] * cr - local[i][1] * sr,
                   pose.cy + local[i][0] * sr + local[i][1] * cr};
    const Quad rect = {
        {{0, 0}, {double(card.img.w), 0}, {double(card.img.w), double(card.img.h)}, {0, double(card.img.h)}}};
    const H hm = homography(quad, rect);  // frame → card
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const auto& q : quad) {
        x0 = std::min(x0, q[0]);
        y0 = std::min(y0, q[1]);
        x1 = std::max(x1, q[0]);
        y1 = std::max(y1, q[1]);
    }
    const double margin = pose.bend * ch + 4;
    const std::array<int, 4> box = {std::max(0, int(x0 - margin)), std::max(0, int(y0 - margin)),
                                    std::min(frame.w, int(x1 + margin) + 1),
                                    std::min(frame.h, int(y1 + margin) + 1)};
    const float bend_px = pose.bend * float(card.img.h);
    for (int y = box[1]; y < box[3]; ++y)
        for (int x = box[0]; x < box[2]; ++x) {
            float acc = 0;
            int inside = 0;
            for (int s = 0; s < 4; ++s) {
                const double fx = x + 0.25 + 0.5 * (s & 1), fy = y + 0.25 + 0.5 * (s >> 1);
                const double den = hm[6] * fx + hm[7] * fy + hm[8];
                double u = (hm[0] * fx + hm[1] * fy + hm[2]) / den,
                       v = (hm[3] * fx + hm[4] * fy + hm[5]) / den;
                if (bend_px > 0) {  // a cylinder: the middle bulges, the sides fall away and shrink
                    const double t = 2 * u / card.img.w - 1;
                    v += bend_px * (1 - t * t) - bend_px / 2;
                    u = card.img.w * 0.5 * (1 + std::sin(t * 0.5) / std::sin(0.5));
                }
                if (u >= 0 && v >= 0 && u < card.img.w - 1 && v < card.img.h - 1) {
                    acc += card.img.sample(float(u), float(v));
                    ++inside;
                } else {
                    acc += frame.at(x, y);
                }
            }
            if (inside) frame.at(x, y) = acc / 4;
        }
    return box;
}

// A thumb over the code's corner (bottom right: where a card is held), `depth` in code sides.
void thumb(Image& img, const Pose& pose, float code_side_px, float depth, float shade) {
    const float c = std::cos(pose.roll), s = std::sin(pose.roll);
    const float lx = code_side_px * (0.5f - depth * 0.35f) + code_side_px * 0.25f,
                ly = code_side_px * (0.5f - depth * 0.35f) + code_side_px * 0.25f;
    const float cx = pose.cx + lx * c - ly * s, cy = pose.cy + lx * s + ly * c;
    const float rx = code_side_px * 0.45f, ry = code_side_px * 0.28f, a = pose.roll + float(kPi) / 4;
    for (int y = std::max(0, int(cy - rx)); y < std::min(img.h, int(cy + rx)); ++y)
        for (int x = std::max(0, int(cx - rx)); x < std::min(img.w, int(cx + rx)); ++x) {
            const float dx = float(x) - cx, dy = float(y) - cy;
            const float u = dx * std::cos(a) + dy * std::sin(a), v = -dx * std::sin(a) + dy * std::cos(a);
            const float d2 = u * u / (ry * ry) + v * v / (rx * rx);
            if (d2 < 1) img.at(x, y) = shade - 40 * d2 + 15 * (v / rx);
        }
}

void glare(Image& img, float cx, float cy, float rx, float ry, float amp) {
    for (int y = std::max(0, int(cy - 3 * ry)); y < std::min(img.h, int(cy + 3 * ry)); ++y)
        for (int x = std::max(0, int(cx - 3 * rx)); x < std::min(img.w, int(cx + 3 * rx)); ++x) {
            const float d2 = (x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry);
            img.at(x, y) += amp * std::exp(-d2 * 1.2f);
        }
}

Frame to_frame(const Image& img) {
    Frame f;
    f.width = img.w;
    f.height = img.h;
    f.lum.resize(img.p.size());
    for (std::size_t i = 0; i < img.p.size(); ++i)
        f.lum[i] = std::uint8_t(std::clamp(std::lround(img.p[i]), 0L, 255L));
    return f;
}

// The app's guide region (kiosk/core/journeys/pass_journey.hpp: 0.2, 0.15, 0.6, 0.7) in frame pixels.
constexpr float kGuideX0 = 0.2f * kWidth, kGuideX1 = 0.8f * kWidth, kGuideY0 = 0.15f * kHeight,
                kGuideY1 = 0.85f * kHeight;

// A code centre inside the guide region, the code (of `side` pixels, rolled) entirely inside it when it fits.
void place_in_guide(Pose& pose, float side, Rng& rng) {
    const float half = side * 0.5f * (std::fabs(std::cos(pose.roll)) + std::fabs(std::sin(pose.roll)));
    const float mx = std::max(0.f, (kGuideX1 - kGuideX0) / 2 - half),
                my = std::max(0.f, (kGuideY1 - kGuideY0) / 2 - half);
    pose.cx = (kGuideX0 + kGuideX1) / 2 + uni(rng, -mx, mx);
    pose.cy = (kGuideY0 + kGuideY1) / 2 + uni(rng, -my, my);
}

std::string signed_payload(const Signer& signer, Rng& rng) {
    pass::SignedPass p;
    p.issuer_code = signer.issuer_code;
    p.serial = rng() % 16'000'000u;
    p.value = {pass::Unit::Euros, 1000 + 500 * long(rng() % 4)};
    p.first_month = std::chrono::year{2025} / std::chrono::January;
    p.last_month = std::chrono::year{2027} / std::chrono::December;
    return pass::sign_payload(p, signer.key);
}

std::string cheque_number(Rng& rng) {  // the demo #APTIC rules: 12 digits, "7", the year, Luhn
    std::string s = "726";
    while (s.size() < 11) s += char('0' + rng() % 10);
    int sum = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        int d = s[s.size() - 1 - i] - '0';
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return s + char('0' + (10 - sum % 10) % 10);
}

// The camera: softness, light, sensor noise, 8 bits.
void camera(Image& img, Rng& rng, float softness, float gain, float noise) {
    gaussian_blur(img, softness);
    if (gain != 1.f)
        for (float& v : img.p) v = v * gain;
    add_noise(img, noise, rng);
}

Sample pass_sample(const std::string& cat, Rng& rng, const Signer& signer) {
    Sample s;
    s.category = cat;
    const bool cheque = cat == "cheque";
    Pose pose;
    pose.module_px = cat == "small" ? uni(rng, 2.3f, 3.0f) : uni(rng, 2.3f, 6.0f);
    pose.roll = uni(rng, -0.17f, 0.17f);
    pose.tilt_x = uni(rng, -0.08f, 0.08f);
    pose.tilt_y = uni(rng, -0.08f, 0.08f);
    if (cat == "roll" || cheque) {
        pose.roll = uni(rng, -float(kPi) / 4, float(kPi) / 4);
        if (!cheque) {
            pose.tilt_x = uni(rng, -0.35f, 0.35f);
            pose.tilt_y = uni(rng, -0.35f, 0.35f);
        }
    }
    if (cat == "curved") pose.bend = uni(rng, 0.015f, 0.05f);  // 1–3 modules of bow across the code
    Card card;
    if (cheque) {
        s.expected = cheque_number(rng);
        const bool itf = rng() % 3 == 0;
        s.symbology = itf ? "itf" : "code128";
        pose.module_px = uni(rng, 1.6f, 4.0f);
        card =
            code_card(zx_encode(itf ? ZXing::BarcodeFormat::ITF : ZXing::BarcodeFormat::Code128, s.expected),
                      true, 4, rng, "Cheque APTIC  " + s.expected);
    } else {
        s.expected = signed_payload(signer, rng);
        s.symbology = "qr";
        card = pass_card(s.expected, rng, cat == "screen-dark", cat == "screen-dark");
    }
    s.module_px = pose.module_px;
    const float code_side = std::max(card.code_w, card.code_h) * pose.module_px / card.module;
    place_in_guide(pose, cheque ? code_side * 0.7f : code_side, rng);
    Image img = background(rng, cat == "clutter");
    if (cat == "screen-dark")  // the room darker than the phone's screen
        for (float& v : img.p) v *= 0.6f;
    const auto box = photograph(card, img, pose);
    float softness = uni(rng, 0.45f, 0.8f), gain = 1.f, noise = uni(rng, 1.5f, 3.5f);
    if (cat == "motion") {
        const float length = uni(rng, 2.f, 10.f);
        motion_blur(img, length, uni(rng, 0, float(kPi)), box);
    }
    if (cat == "defocus") softness = uni(rng, 1.0f, 2.4f);
    if (cat == "noise") noise = uni(rng, 8.f, 20.f);
    if (cat == "lowlight") {
        gain = uni(rng, 0.12f, 0.3f);
        noise = uni(rng, 2.5f, 5.f);
    }
    if (cat == "glare") {
        const float r = code_side * uni(rng, 0.15f, 0.35f);
        glare(img, pose.cx + uni(rng, -0.3f, 0.3f) * code_side, pose.cy + uni(rng, -0.3f, 0.3f) * code_side,
              r, r * uni(rng, 0.5f, 1.2f), uni(rng, 150, 320));
        for (float& v : img.p) v = std::min(v, 255.f);  // the sensor saturates
    }
    if (cat == "finger") thumb(img, pose, code_side, uni(rng, 0.05f, 0.3f), uni(rng, 120, 190));
    camera(img, rng, softness, gain, noise);
    if (cat == "jpeg") jpeg(img, int(uni(rng, 10, 35)));
    s.frame = to_frame(img);
    return s;
}

Sample false_sample(const std::string& cat, Rng& rng, int index) {
    Sample s;
    s.category = cat;
    Image img = background(rng, true);
    if (cat == "fp-clutter") {
        s.expect = Expect::Nothing;
        s.symbology = "none";
        switch (index % 5) {
            case 0: {  // a letter
                const float scale = uni(rng, 2.f, 4.f);
                img.fill_rect(100, 40, 1180, 700, 235);
                const char* lines[] = {"Madame, Monsieur,",
                                       "Votre demande de pass numerique est enregistree.",
                                       "IBAN FR76 3000 6000 0112 3456 7890 189",
                                       "Reference 2024-000123-PN",
                                       "1234567890 0987654321 7261 2345 6789",
                                       "||| ||| |||| || | ||| || |"};
                for (int i = 0; i < 6; ++i)
                    draw_text(img, 130, 70 + i * 12 * scale * 1.5f, lines[i], scale, 30);
                break;
            }
            case 1:  // faces
                for (int k = 0; k < 2; ++k) {
                    const float cx = uni(rng, 300, 980), cy = uni(rng, 250, 470);
                    img.ellipse(cx, cy, 160, 220, 170);
                    img.ellipse(cx, cy - 160, 150, 80, 40);
                    for (int e = -1; e <= 1; e += 2) img.ellipse(cx + e * 60, cy - 40, 22, 10, 30);
                    img.fill_rect(cx - 50, cy + 100, cx + 50, cy + 115, 80);
                }
                break;
            case 2: {  // a checkerboard / tiles
                const int cell = 8 + int(rng() % 30);
                for (int y = 100; y < 620; ++y)
                    for (int x = 200; x < 1080; ++x)
                        if (((x / cell) + (y / cell)) % 2) img.at(x, y) = 30;
                break;
            }
            case 3: {  // a QR-like texture without finder patterns
                for (int y = 150; y < 570; y += 6)
                    for (int x = 350; x < 930; x += 6)
                        if (rng() % 2) img.fill_rect(float(x), float(y), float(x + 6), float(y + 6), 25);
                break;
            }
            default: {  // a blank pass (the code area empty)
                ZXing::BitMatrix none(41, 41);
                Card card = code_card(none, false, 8, rng, "");
                Pose pose;
                pose.module_px = uni(rng, 3, 6);
                place_in_guide(pose, 41 * pose.module_px, rng);
                photograph(card, img, pose);
                break;
            }
        }
    } else {  // fp-othercode: a web address QR, an EAN-13, a DataMatrix
        s.expect = Expect::OtherCode;
        Card card;
        Pose pose;
        pose.roll = uni(rng, -0.3f, 0.3f);
        pose.module_px = uni(rng, 2.5f, 5.f);
        switch (index % 3) {
            case 0:
                s.symbology = "qr";
                s.expected = "https://www.service-public.fr/particuliers/vosdroits/F" +
                             std::to_string(1000 + rng() % 9000);
                card = code_card(zx_encode(ZXing::BarcodeFormat::QRCode, s.expected), false, 8, rng, "");
                break;
            case 1: {
                s.symbology = "ean13";
                std::string d = "3";
                while (d.size() < 12) d += char('0' + rng() % 10);
                int sum = 0;
                for (std::size_t i = 0; i < 12; ++i) sum += (d[i] - '0') * (i % 2 ? 3 : 1);
                s.expected = d + char('0' + (10 - sum % 10) % 10);
                pose.module_px = uni(rng, 1.8f, 3.5f);
                card =
                    code_card(zx_encode(ZXing::BarcodeFormat::EAN13, s.expected), true, 4, rng, s.expected);
                break;
            }
            default:
                s.symbology = "datamatrix";
                s.expected = "FR-COLIS-" + std::to_string(100000 + rng() % 900000);
                card = code_card(zx_encode(ZXing::BarcodeFormat::DataMatrix, s.expected), false, 8, rng, "");
                break;
        }
        s.module_px = pose.module_px;
        place_in_guide(pose, std::max(card.code_w, card.code_h) * pose.module_px / card.module * 0.7f, rng);
        photograph(card, img, pose);
    }
    camera(img, rng, uni(rng, 0.45f, 0.8f), 1.f, uni(rng, 1.5f, 3.5f));
    s.frame = to_frame(img);
    return s;
}

}  // namespace

const std::vector<std::string>& pass_classes() {
    static const std::vector<std::string> c = {"base",   "small",       "roll",     "motion", "defocus",
                                               "jpeg",   "noise",       "lowlight", "glare",  "finger",
                                               "curved", "screen-dark", "clutter",  "cheque"};
    return c;
}

const std::vector<std::string>& false_classes() {
    static const std::vector<std::string> c = {"fp-clutter", "fp-othercode"};
    return c;
}

Signer signer_from(const std::string& secret_key_file) {
    Signer s;
    if (auto key = pass::read_secret_key(secret_key_file)) {
        s.key = *key;
    } else {
        std::array<std::uint8_t, 32> seed{};
        seed[0] = 42;
        s.key = pass::keypair_from_seed(seed).secret_key;
    }
    return s;
}

Sample make_sample(const std::string& category, std::uint32_t seed, int index, const Signer& signer) {
    std::uint32_t h = seed;
    for (char c : category) h = h * 16777619u ^ std::uint8_t(c);
    Rng rng(h ^ (std::uint32_t(index) * 2654435761u));
    Sample s = category.rfind("fp-", 0) == 0 ? false_sample(category, rng, index)
                                             : pass_sample(category, rng, signer);
    s.name = category + "-" + std::to_string(index);
    return s;
}

std::vector<Sample> make_set(std::uint32_t seed, int per_class, const Signer& signer) {
    std::vector<Sample> out;
    for (const auto* classes : {&pass_classes(), &false_classes()})
        for (const std::string& c : *classes)
            for (int i = 0; i < per_class; ++i) out.push_back(make_sample(c, seed, i, signer));
    return out;
}

Sample make_variation(const Variation& v, std::uint32_t seed, const Signer& signer) {
    Rng rng(seed);
    Sample s;
    s.category = "variation";
    s.name = "variation";
    s.symbology = "qr";
    s.module_px = v.module_px;
    s.expected = signed_payload(signer, rng);
    const Card card = pass_card(s.expected, rng, false, false);
    Pose pose;
    pose.cx = (kGuideX0 + kGuideX1) / 2;
    pose.cy = (kGuideY0 + kGuideY1) / 2;
    pose.module_px = float(v.module_px);
    pose.roll = float(v.roll);
    pose.tilt_x = float(v.tilt);
    Image img = background(rng, false);
    const auto box = photograph(card, img, pose);
    motion_blur(img, float(v.motion_px), 0.3f, box);
    const float side = 41 * float(v.module_px);
    if (v.glare > 0) {
        glare(img, pose.cx, pose.cy, side * float(v.glare) / 2, side * float(v.glare) / 2, 400);
        for (float& p : img.p) p = std::min(p, 255.f);
    }
    camera(img, rng, float(v.defocus), 1.f, 2.f);
    s.frame = to_frame(img);
    return s;
}

Clip make_clip(std::uint32_t seed, int index, const Signer& signer) {
    Rng rng(seed * 747796405u + std::uint32_t(index) * 2891336453u + 1);
    Clip clip;
    clip.name = "clip-" + std::to_string(index);
    static const int rates[] = {15, 20, 25, 30};
    clip.fps = rates[rng() % 4];
    const float seconds = uni(rng, 2.f, 4.f);
    const int frames = int(seconds * float(clip.fps));
    clip.expected = signed_payload(signer, rng);
    const bool dark = rng() % 6 == 0;
    const Card card = pass_card(clip.expected, rng, dark, dark);
    const Image bg = background(rng, rng() % 2 == 0);
    // The hand: comes in from an edge over ~0.5 s, then held with a tremor (4–10 Hz) and slow drift; the
    // module size grows as the pass approaches, then wanders.
    const float tx = uni(rng, 0.4f, 0.6f) * kWidth, ty = uni(rng, 0.4f, 0.6f) * kHeight;
    const float sx = rng() % 2 ? -200.f : kWidth + 200.f, sy = uni(rng, 0, kHeight);
    const float arrive = uni(rng, 0.3f, 0.9f);
    const float m0 = uni(rng, 1.8f, 3.f), m1 = uni(rng, 2.3f, 5.5f);
    const float tremor = uni(rng, 2.f, 14.f), freq1 = uni(rng, 4.f, 10.f), freq2 = uni(rng, 1.f, 3.f);
    const float ph1 = uni(rng, 0, 6.28f), ph2 = uni(rng, 0, 6.28f), ph3 = uni(rng, 0, 6.28f);
    const float roll0 = uni(rng, -0.5f, 0.5f), roll_amp = uni(rng, 0.02f, 0.12f);
    const float exposure = 1.f / uni(rng, 30.f, 90.f);
    const float glare_at = rng() % 4 == 0 ? uni(rng, 0.f, seconds) : -10.f;
    const float light = rng() % 4 == 0 ? uni(rng, 0.25f, 0.5f) : 1.f;
    auto where = [&](float t, float& x, float& y, float& m, float& roll) {
        const float k = std::clamp(t / arrive, 0.f, 1.f), e = 1 - (1 - k) * (1 - k) * (1 - k);
        x = sx + (tx - sx) * e + tremor * std::sin(6.283f * freq1 * t + ph1) +
            tremor * 1.5f * std::sin(6.283f * freq2 * t + ph2);
        y = sy + (ty - sy) * e + tremor * std::cos(6.283f * freq1 * 1.3f * t + ph3) +
            tremor * std::sin(6.283f * freq2 * 0.7f * t);
        m = m0 + (m1 - m0) * e + 0.2f * std::sin(6.283f * 0.5f * t + ph2);
        roll = roll0 + roll_amp * std::sin(6.283f * freq2 * t + ph1);
    };
    for (int i = 0; i < frames; ++i) {
        const float t = float(i) / float(clip.fps);
        float x, y, m, roll, x2, y2, m2, roll2;
        where(t, x, y, m, roll);
        where(t + exposure, x2, y2, m2, roll2);
        Image img = bg;
        Pose pose;
        pose.cx = x;
        pose.cy = y;
        pose.module_px = m;
        pose.roll = roll;
        pose.tilt_x = 0.05f * std::sin(t * 2.1f + ph3);
        const auto box = photograph(card, img, pose);
        const float dx = x2 - x, dy = y2 - y;
        motion_blur(img, std::sqrt(dx * dx + dy * dy), std::atan2(dy, dx), box);
        if (std::fabs(t - glare_at) < 0.4f) {
            const float side = 41 * m;
            glare(img, x, y, side * 0.25f, side * 0.2f, 260);
            for (float& v : img.p) v = std::min(v, 255.f);
        }
        camera(img, rng, 0.6f, light, light < 1.f ? 4.f : 2.5f);
        Frame f = to_frame(img);
        f.sequence = std::uint64_t(i + 1);
        f.timestamp =
            Clock::time_point{} + std::chrono::seconds(1) + std::chrono::microseconds(std::int64_t(1e6 * t));
        clip.frames.push_back(std::move(f));
    }
    return clip;
}

}  // namespace kiosk::scan::synth
