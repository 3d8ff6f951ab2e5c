// make_golden <folder>: writes <folder>/golden/ (camera-like frames of generated pass vouchers, NNNN.png with
// NNNN.txt holding the expected text, and index.tsv: name, category, symbology) and <folder>/falsepositives/
// (frames where nothing may be read). Deterministic: the same program writes the same files.
//   make_golden tests/scan
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/TextUtfEncoding.h>

#include <zlib.h>

#include "kiosk/core/scan/tools/synth.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stb/stb_easy_font.h>
#pragma GCC diagnostic pop

namespace fs = std::filesystem;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<float> p;  // 0..255
    Image(int w_, int h_, float v = 0) : w(w_), h(h_), p(std::size_t(w_) * h_, v) {}
    float& at(int x, int y) { return p[std::size_t(y) * w + x]; }
    float at(int x, int y) const { return p[std::size_t(y) * w + x]; }
    float sample(float x, float y) const {  // bilinear, clamped
        x = std::clamp(x, 0.f, float(w - 1));
        y = std::clamp(y, 0.f, float(h - 1));
        int x0 = int(x), y0 = int(y);
        int x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
        float fx = x - x0, fy = y - y0;
        return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) +
               (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
    }
    // Exact coverage: a pixel half covered gets half the value (bars keep their widths).
    void fill_rect(float x0, float y0, float x1, float y1, float v) {
        for (int y = std::max(0, int(y0)); y < std::min(h, int(std::ceil(y1))); ++y) {
            const float cy = std::min(y1, float(y + 1)) - std::max(y0, float(y));
            for (int x = std::max(0, int(x0)); x < std::min(w, int(std::ceil(x1))); ++x) {
                const float c = cy * (std::min(x1, float(x + 1)) - std::max(x0, float(x)));
                if (c > 0) at(x, y) = at(x, y) * (1 - c) + v * c;
            }
        }
    }
};

// Text with stb_easy_font (a pixel font): `scale` pixels per font unit.
void draw_text(Image& img, float x, float y, const std::string& text, float scale, float v) {
    static char buffer[99999];
    int quads = stb_easy_font_print(0, 0, const_cast<char*>(text.c_str()), nullptr, buffer, sizeof buffer);
    for (int q = 0; q < quads; ++q) {
        const float* v0 = reinterpret_cast<const float*>(buffer + q * 64);
        const float* v2 = reinterpret_cast<const float*>(buffer + q * 64 + 32);
        img.fill_rect(x + v0[0] * scale, y + v0[1] * scale, x + v2[0] * scale, y + v2[1] * scale, v);
    }
}

// 3×3 homography mapping 4 source points to 4 destination points.
using H = std::array<double, 9>;
H homography(const std::array<std::array<double, 2>, 4>& s, const std::array<std::array<double, 2>, 4>& d) {
    double a[8][9] = {};
    for (int i = 0; i < 4; ++i) {
        double x = s[i][0], y = s[i][1], u = d[i][0], v = d[i][1];
        double r1[9] = {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
        double r2[9] = {0, 0, 0, x, y, 1, -v * x, -v * y, v};
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
            double f = a[r][c] / a[c][c];
            for (int k = c; k < 9; ++k) a[r][k] -= f * a[c][k];
        }
    }
    H h;
    for (int i = 0; i < 8; ++i) h[std::size_t(i)] = a[i][8] / a[i][i];
    h[8] = 1;
    return h;
}

struct Voucher {
    Image card{900, 560, 245};
};

// The voucher: header band, "République française"-like lines, amount, and the code on the right.
Image make_card(const ZXing::BitMatrix& m, bool linear, std::mt19937& rng, bool accent_layout) {
    Image card(900, 560, 244);
    card.fill_rect(0, 0, 900, 70, 60);  // dark header band
    draw_text(card, 24, 18, "PASS NUMERIQUE", 4.f, 240);
    std::uniform_int_distribution<int> len(10, 40);
    draw_text(card, 24, 100, "Valable dans les lieux labellises", 2.2f, 70);
    draw_text(card, 24, 130, "Apte - France Services", 2.2f, 70);
    draw_text(card, 24, 420, "10 EUR", 7.f, 30);
    for (int i = 0; i < 5; ++i) card.fill_rect(24, 180 + i * 34, 24 + len(rng) * 9, 196 + i * 34, 150);
    if (accent_layout) card.fill_rect(0, 540, 900, 560, 120);
    // The code with its quiet zone.
    if (linear) {
        const float module = 500.f / float(m.width() + 20);
        const float x0 = 385, y0 = 240, hgt = 200;
        card.fill_rect(x0 - 10 * module, y0 - 20, x0 + (m.width() + 10) * module, y0 + hgt + 20, 250);
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, 0)) card.fill_rect(x0 + x * module, y0, x0 + (x + 1) * module, y0 + hgt, 25);
        draw_text(card, x0, y0 + hgt + 30, "", 2.f, 40);
    } else {
        const float side = 360;
        const float module = side / float(std::max(m.width(), m.height()));
        const float x0 = 500, y0 = 120;
        card.fill_rect(x0 - 4 * module, y0 - 4 * module, x0 + side + 4 * module, y0 + side + 4 * module, 250);
        for (int y = 0; y < m.height(); ++y)
            for (int x = 0; x < m.width(); ++x)
                if (m.get(x, y))
                    card.fill_rect(x0 + x * module, y0 + y * module, x0 + (x + 1) * module,
                                   y0 + (y + 1) * module, 25);
    }
    return card;
}

void box_blur(Image& img, int r) {
    if (r <= 0) return;
    Image tmp(img.w, img.h);
    for (int y = 0; y < img.h; ++y) {
        float acc = 0;
        for (int x = -r; x <= r; ++x) acc += img.at(std::clamp(x, 0, img.w - 1), y);
        for (int x = 0; x < img.w; ++x) {
            tmp.at(x, y) = acc / float(2 * r + 1);
            acc += img.at(std::min(x + r + 1, img.w - 1), y) - img.at(std::max(x - r, 0), y);
        }
    }
    for (int x = 0; x < img.w; ++x) {
        float acc = 0;
        for (int y = -r; y <= r; ++y) acc += tmp.at(x, std::clamp(y, 0, img.h - 1));
        for (int y = 0; y < img.h; ++y) {
            img.at(x, y) = acc / float(2 * r + 1);
            acc += tmp.at(x, std::min(y + r + 1, img.h - 1)) - tmp.at(x, std::max(y - r, 0));
        }
    }
}

void gaussian_blur(Image& img, float sigma) {  // three box blurs
    int r = std::max(1, int(std::lround(std::sqrt(12 * sigma * sigma / 3 + 1) / 2)));
    for (int i = 0; i < 3; ++i) box_blur(img, r);
}

// A table-like background: smooth gradient and soft blotches.
Image background(int w, int h, std::mt19937& rng) {
    std::uniform_real_distribution<float> u(0, 1);
    Image bg(w, h);
    float a = 60 + 60 * u(rng), gx = (u(rng) - 0.5f) * 60, gy = (u(rng) - 0.5f) * 60;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            bg.at(x, y) = std::round(a + gy * y / h);  // rows of one value: PNG stores them almost for free
    (void)gx;
    for (int k = 0; k < 2; ++k) {
        float cx = u(rng) * w, cy = u(rng) * h, rad = 60 + u(rng) * 200, amp = (u(rng) - 0.5f) * 50;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                float d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (rad * rad);
                if (d2 < 9)
                    bg.at(x, y) +=
                        std::round(amp * std::exp(-d2) / 4) * 4;  // in steps, as a camera's codec would
            }
    }
    return bg;
}

struct Shot {
    float cx, cy;          // card centre in the frame
    float width;           // card width in the frame (pixels)
    float angle;           // in-plane rotation (radians)
    float tilt_x, tilt_y;  // keystone: relative shrink of one side
};

Image photograph(const Image& card, int w, int h, const Shot& s, std::mt19937& rng) {
    Image frame = background(w, h, rng);
    const float cw = s.width, ch = s.width * card.h / card.w;
    std::array<std::array<double, 2>, 4> local = {
        {{-cw / 2, -ch / 2}, {cw / 2, -ch / 2}, {cw / 2, ch / 2}, {-cw / 2, ch / 2}}};
    // keystone: the top (tilt_y) or right (tilt_x) side shorter
    local[0][0] *= 1 - s.tilt_y;
    local[1][0] *= 1 - s.tilt_y;
    local[1][1] *= 1 - s.tilt_x;
    local[2][1] *= 1 - s.tilt_x;
    std::array<std::array<double, 2>, 4> quad;
    for (int i = 0; i < 4; ++i) {
        double x = local[i][0], y = local[i][1];
        quad[i] = {s.cx + x * std::cos(s.angle) - y * std::sin(s.angle),
                   s.cy + x * std::sin(s.angle) + y * std::cos(s.angle)};
    }
    const std::array<std::array<double, 2>, 4> rect = {
        {{0, 0}, {double(card.w), 0}, {double(card.w), double(card.h)}, {0, double(card.h)}}};
    const H hm = homography(quad, rect);  // frame → card
    // Supersample 2×2 for a camera-like antialiasing.
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float acc = 0;
            int inside = 0;
            for (int sy = 0; sy < 2; ++sy)
                for (int sx = 0; sx < 2; ++sx) {
                    double fx = x + 0.25 + 0.5 * sx, fy = y + 0.25 + 0.5 * sy;
                    double den = hm[6] * fx + hm[7] * fy + hm[8];
                    double u = (hm[0] * fx + hm[1] * fy + hm[2]) / den,
                           v = (hm[3] * fx + hm[4] * fy + hm[5]) / den;
                    if (u >= 0 && v >= 0 && u < card.w - 1 && v < card.h - 1) {
                        acc += card.sample(float(u), float(v));
                        ++inside;
                    } else {
                        acc += frame.at(x, y);
                    }
                }
            if (inside) frame.at(x, y) = acc / 4;
        }
    return frame;
}

void add_noise(Image& img, float sigma, std::mt19937& rng) {
    std::normal_distribution<float> n(0, sigma);
    for (float& v : img.p) v += n(rng);
}

// Noise in 3×3 blocks (a camera's denoiser and codec leave it blotchy; it also keeps the PNG files small).
void add_block_noise(Image& img, float sigma, std::mt19937& rng) {
    std::normal_distribution<float> n(0, sigma);
    for (int by = 0; by < img.h; by += 3)
        for (int bx = 0; bx < img.w; bx += 3) {
            float v = std::round(n(rng));
            for (int y = by; y < std::min(by + 3, img.h); ++y)
                for (int x = bx; x < std::min(bx + 3, img.w); ++x) img.at(x, y) += v;
        }
}

void light(Image& img, float gain, float offset, float vignette) {
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            float dx = (x - img.w / 2.f) / img.w, dy = (y - img.h / 2.f) / img.h;
            img.at(x, y) = img.at(x, y) * gain * (1 - vignette * (dx * dx + dy * dy) * 2) + offset;
        }
}

void glare(Image& img, float cx, float cy, float rx, float ry, float amp) {
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            float d2 = (x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry);
            if (d2 < 6) img.at(x, y) += amp * std::exp(-d2 * 1.5f);
        }
}

// A thumb: a rounded, shaded blob from the edge.
void thumb(Image& img, float cx, float cy, float rx, float ry, float angle) {
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            float dx = x - cx, dy = y - cy;
            float u = dx * std::cos(angle) + dy * std::sin(angle),
                  v = -dx * std::sin(angle) + dy * std::cos(angle);
            float d2 = u * u / (rx * rx) + v * v / (ry * ry);
            if (d2 < 1) img.at(x, y) = 150 - 40 * d2 + 20 * (u / rx);
        }
}

// An 8-bit grey PNG with zlib at level 9 and the best filter per row (far smaller than stb_image_write).
bool save(const Image& img, const fs::path& path) {
    const std::size_t stride = std::size_t(img.w);
    std::vector<unsigned char> px(img.p.size());
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = (unsigned char)std::clamp(std::lround(img.p[i]), 0L, 255L);
    std::vector<unsigned char> raw;
    raw.reserve((stride + 1) * img.h);
    std::vector<unsigned char> zero(stride, 0), cand(stride), best(stride);
    for (int y = 0; y < img.h; ++y) {
        const unsigned char* row = &px[y * stride];
        const unsigned char* up = y ? &px[(y - 1) * stride] : zero.data();
        long best_cost = -1;
        int best_filter = 0;
        for (int f = 0; f < 5; ++f) {
            long cost = 0;
            for (std::size_t x = 0; x < stride; ++x) {
                int a = x ? row[x - 1] : 0, b = up[x], c = x ? up[x - 1] : 0, pred = 0;
                if (f == 1)
                    pred = a;
                else if (f == 2)
                    pred = b;
                else if (f == 3)
                    pred = (a + b) / 2;
                else if (f == 4) {
                    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                    pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                }
                cand[x] = (unsigned char)(row[x] - pred);
                cost += std::abs((signed char)cand[x]);
            }
            if (best_cost < 0 || cost < best_cost) {
                best_cost = cost;
                best_filter = f;
                best = cand;
            }
        }
        raw.push_back((unsigned char)best_filter);
        raw.insert(raw.end(), best.begin(), best.end());
    }
    uLongf zlen = compressBound(uLong(raw.size()));
    std::vector<unsigned char> z(zlen);
    if (compress2(z.data(), &zlen, raw.data(), uLong(raw.size()), 9) != Z_OK) return false;
    z.resize(zlen);
    std::ofstream out(path, std::ios::binary);
    auto be32 = [&](std::uint32_t v) {
        unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                              (unsigned char)v};
        out.write((char*)b, 4);
    };
    auto chunk = [&](const char* type, const unsigned char* data, std::size_t len) {
        be32(std::uint32_t(len));
        out.write(type, 4);
        if (len) out.write((const char*)data, std::streamsize(len));
        uLong crc = crc32(0, (const Bytef*)type, 4);
        if (len) crc = crc32(crc, data, uInt(len));
        be32(std::uint32_t(crc));
    };
    out.write("\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = {(unsigned char)(img.w >> 24),
                              (unsigned char)(img.w >> 16),
                              (unsigned char)(img.w >> 8),
                              (unsigned char)img.w,
                              (unsigned char)(img.h >> 24),
                              (unsigned char)(img.h >> 16),
                              (unsigned char)(img.h >> 8),
                              (unsigned char)img.h,
                              8,
                              0,
                              0,
                              0,
                              0};
    chunk("IHDR", ihdr, 13);
    chunk("IDAT", z.data(), z.size());
    chunk("IEND", nullptr, 0);
    return bool(out);
}

struct Payload {
    std::string text;
    ZXing::BarcodeFormat format;
    const char* name;
};

}  // namespace

// make_golden --synth DIR [--set dev|heldout] [--per-class N] [--clips N] [--key FILE]: the camera-like
// golden set of synth.hpp written as files (DIR/<set>/<class>-<n>.png, .txt with the expected text, and
// index.tsv; clips as DIR/clips/clip-<n>/NNN.png), to look at them or give them to other decoders.
int write_synth(int argc, char** argv) {
    std::string which = "dev", key = "tests/pass/keys/demo-2025.sec";
    int per_class = 10, clips = 0;
    const fs::path dir = argv[2];
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--set")
            which = v;
        else if (a == "--per-class")
            per_class = std::max(1, std::atoi(v.c_str()));
        else if (a == "--clips")
            clips = std::max(0, std::atoi(v.c_str()));
        else if (a == "--key")
            key = v;
    }
    const auto signer = kiosk::scan::synth::signer_from(key);
    const std::uint32_t seed =
        which == "heldout" ? kiosk::scan::synth::kHeldOutSeed : kiosk::scan::synth::kDevSeed;
    auto to_image = [](const kiosk::scan::Frame& f) {
        Image img(f.width, f.height);
        for (std::size_t i = 0; i < f.lum.size(); ++i) img.p[i] = f.lum[i];
        return img;
    };
    const fs::path out = dir / which;
    fs::create_directories(out);
    std::ofstream index(out / "index.tsv");
    index << "# name\tclass\texpect\tsymbology\tmodule_px\n";
    int n = 0;
    for (const auto& s : kiosk::scan::synth::make_set(seed, per_class, signer)) {
        if (!save(to_image(s.frame), out / (s.name + ".png"))) return 1;
        std::ofstream(out / (s.name + ".txt"), std::ios::binary) << s.expected;
        const char* expect = s.expect == kiosk::scan::synth::Expect::Pass      ? "pass"
                             : s.expect == kiosk::scan::synth::Expect::Nothing ? "nothing"
                                                                               : "other";
        index << s.name << '\t' << s.category << '\t' << expect << '\t' << s.symbology << '\t' << s.module_px
              << '\n';
        ++n;
    }
    for (int c = 0; c < clips; ++c) {
        const auto clip = kiosk::scan::synth::make_clip(seed, c, signer);
        const fs::path cd = dir / "clips" / clip.name;
        fs::create_directories(cd);
        std::ofstream(cd / "expected.txt", std::ios::binary) << clip.expected;
        std::ofstream(cd / "fps.txt") << clip.fps << "\n";
        for (std::size_t i = 0; i < clip.frames.size(); ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "%03d.png", int(i + 1) % 1000);
            if (!save(to_image(clip.frames[i]), cd / name)) return 1;
        }
    }
    std::printf("%d frames in %s, %d clips\n", n, out.c_str(), clips);
    return 0;
}

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--synth") return write_synth(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr,
                     "usage: make_golden <folder>   (writes <folder>/golden and <folder>/falsepositives)\n");
        return 2;
    }
    const fs::path golden = fs::path(argv[1]) / "golden", fp = fs::path(argv[1]) / "falsepositives";
    fs::create_directories(golden);
    fs::create_directories(fp);
    for (const fs::path& dir : {golden, fp})
        for (const auto& e : fs::directory_iterator(dir)) fs::remove(e.path());

    std::mt19937 rng(20240917);
    std::uniform_real_distribution<float> u(0, 1);
    const char alnum[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    auto code = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += alnum[rng() % 32];
        return s;
    };
    auto digits = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += char('0' + rng() % 10);
        return s;
    };
    const std::vector<std::string> categories = {"plain", "perspective", "blur", "lowlight",
                                                 "glare", "hidden",      "small"};
    const int per_category = 7;
    std::ofstream index(golden / "index.tsv");
    index << "# name\tcategory\tsymbology\n";
    int n = 0;
    for (const std::string& cat : categories) {
        for (int k = 0; k < per_category; ++k) {
            Payload p;
            switch (k % 3) {
                case 0:
                    p = {"https://pass.example.fr/v/" + code(10), ZXing::BarcodeFormat::QRCode, "qr"};
                    break;
                case 1:
                    p = {"PN" + digits(4) + "-" + code(8), ZXing::BarcodeFormat::DataMatrix, "datamatrix"};
                    break;
                default:
                    p = {"PN" + digits(10), ZXing::BarcodeFormat::Code128, "code128"};
                    break;
            }
            if (cat == "plain" && k == 6) p.text = "Pass numérique n°" + digits(6);  // UTF-8 in a QR code
            const bool linear = p.format == ZXing::BarcodeFormat::Code128;
            ZXing::MultiFormatWriter writer(p.format);
            writer.setMargin(0);
            if (!linear) writer.setEncoding(ZXing::CharacterSet::UTF8);
            if (p.format == ZXing::BarcodeFormat::QRCode) writer.setEccLevel(cat == "hidden" ? 8 : 4);
            const ZXing::BitMatrix m = writer.encode(ZXing::TextUtfEncoding::FromUtf8(p.text), 0, 0);
            Image card = make_card(m, linear, rng, k % 2 == 1);
            if (std::getenv("MAKE_GOLDEN_CARDS"))
                save(card, fs::path(std::getenv("MAKE_GOLDEN_CARDS")) / (std::to_string(n + 1) + ".png"));

            const int w = 1280, h = 720;
            Shot s{w / 2.f + (u(rng) - 0.5f) * 120,
                   h / 2.f + (u(rng) - 0.5f) * 80,
                   760 + u(rng) * 160,
                   (u(rng) - 0.5f) * 0.15f,
                   0,
                   0};
            if (cat == "perspective") {
                s.angle = (u(rng) - 0.5f) * 0.6f;
                s.tilt_x = (u(rng) - 0.5f) * 0.5f;
                s.tilt_y = (u(rng) - 0.5f) * 0.5f;
            }
            if (cat == "small") s.width = 380 + u(rng) * 120;
            Image frame = photograph(card, w, h, s, rng);
            float noise = 0.f;
            if (cat == "blur")
                gaussian_blur(frame, 1.5f + 0.35f * k);
            else
                box_blur(frame, 1);  // a camera's slight softness
            if (cat == "lowlight") {
                light(frame, 0.22f + 0.02f * k, 4, 0.8f);
                noise = 2.f;
            } else {
                light(frame, 0.95f, 0, 0.f);
            }
            if (cat == "glare")
                glare(frame, s.cx + (u(rng) - 0.2f) * s.width * 0.4f, s.cy + (u(rng) - 0.5f) * 120,
                      60 + u(rng) * 80, 40 + u(rng) * 60, 120 + u(rng) * 80);
            if (cat == "hidden") {
                // a thumb over the code's lower edge (1D: over the lower half of the bars)
                float side = s.width * 360 / 900;
                thumb(frame, s.cx + s.width * 0.22f + (u(rng) - 0.5f) * side * 0.3f, s.cy + side * 0.55f,
                      side * 0.16f, side * 0.35f, 0.3f);
            }
            if (noise > 0) add_block_noise(frame, noise, rng);
            char name[16];
            std::snprintf(name, sizeof name, "%04d", ++n);
            if (!save(frame, golden / (std::string(name) + ".png"))) return 1;
            std::ofstream(golden / (std::string(name) + ".txt"), std::ios::binary) << p.text;
            index << name << '\t' << cat << '\t' << p.name << '\n';
        }
    }

    // False positives: noise, text, face-like shapes, grids, stripes — nothing may be read.
    int f = 0;
    auto put = [&](const Image& img) {
        char name[16];
        std::snprintf(name, sizeof name, "%04d", ++f);
        return save(img, fp / (std::string(name) + ".png"));
    };
    const int w = 1280, h = 720;
    {  // sensor noise on grey, dark and bright
        for (float level : {30.f, 128.f}) {
            Image img(w / 2, h / 2, level);  // pure noise does not compress: half size
            add_noise(img, 12, rng);
            put(img);
        }
        Image bg = background(w, h, rng);
        put(bg);
    }
    {  // salt and pepper blocks (a QR-like texture without finder patterns)
        Image img(w, h, 200);
        for (int y = 0; y < h; y += 8)
            for (int x = 0; x < w; x += 8)
                if (rng() % 2) img.fill_rect(x, y, x + 8, y + 8, 30);
        gaussian_blur(img, 0.8f);
        put(img);
    }
    for (int t = 0; t < 2; ++t) {  // text: a letter
        Image img(w, h, 235);
        const char* lines[] = {"Madame, Monsieur,",
                               "Votre demande de pass numerique a bien ete enregistree.",
                               "Merci de vous presenter muni d'une piece d'identite",
                               "au guichet France Services.",
                               "IBAN FR76 3000 6000 0112 3456 7890 189",
                               "Reference 2024-000123-PN",
                               "1234567890 0987654321 1122334455",
                               "||| ||| |||| || | ||| || |"};
        float scale = t == 0 ? 2.5f : 4.f;
        for (int i = 0; i < 8; ++i) draw_text(img, 40, 40 + i * 12 * scale * 1.6f, lines[i], scale, 30);
        gaussian_blur(img, 0.8f);

        put(img);
    }
    for (int t = 0; t < 2; ++t) {  // faces: head, eyes, mouth, hair
        Image img = background(w, h, rng);
        for (int k = 0; k < 2; ++k) {
            float cx = 350 + 580 * k + t * 40, cy = 360, rx = 170, ry = 230;
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    float d2 = (x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry);
                    if (d2 < 1) img.at(x, y) = 170 - 30 * d2;
                    if (d2 < 1 && y < cy - ry * 0.6f) img.at(x, y) = 40;
                }
            for (int e = -1; e <= 1; e += 2)
                img.fill_rect(cx + e * 60 - 25, cy - 50, cx + e * 60 + 25, cy - 30, 30);
            img.fill_rect(cx - 50, cy + 100, cx + 50, cy + 115, 80);
            img.fill_rect(cx - 8, cy - 10, cx + 8, cy + 50, 140);
        }
        gaussian_blur(img, 2.f);

        put(img);
    }
    for (int cell : {12, 40}) {  // checkerboards
        Image img(w, h, 220);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (((x / cell) + (y / cell)) % 2) img.at(x, y) = 30;
        gaussian_blur(img, 1.f);

        put(img);
    }
    {  // a square grid of lines (graph paper, a window)
        Image img(w, h, 230);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (x % 24 < 2 || y % 24 < 2) img.at(x, y) = 60;
        gaussian_blur(img, 0.8f);

        put(img);
    }
    {  // regular vertical stripes (blinds, a radiator)
        Image img(w, h, 210);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (x % 18 < 9) img.at(x, y) = 50;
        gaussian_blur(img, 1.f);

        put(img);
    }
    {  // a half-finished voucher: the card with its code area blank
        ZXing::BitMatrix none(21, 21);
        Image card = make_card(none, false, rng, false);
        Image img = photograph(card, w, h, Shot{640, 360, 820, 0.05f, 0, 0}, rng);
        gaussian_blur(img, 0.7f);

        put(img);
    }
    std::printf("%d golden frames in %s, %d false-positive frames in %s\n", n, golden.c_str(), f, fp.c_str());
    return 0;
}
