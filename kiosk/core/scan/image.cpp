// Loading frames from files (stb_image, compiled here with static linkage so nothing else has to link libstb)
// and the crops the decoder uses.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <regex>

#include "kiosk/core/scan/frame.hpp"
#include "kiosk/core/scan/picture.hpp"

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_HDR
#define STBI_NO_LINEAR
// Only the formats a replayed frame may have, each at most 8192 a side: a TGA header claiming a huge picture
// kept stb_image busy for seconds (found by fuzz_replay_names).
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_ONLY_PNM
#define STBI_MAX_DIMENSIONS 8192
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#endif
// stb_image copies 0 bytes to a null buffer for an empty IDAT chunk before any data (memcpy(NULL, p, 0):
// harmless, but undefined, and UBSan stops on it; found by fuzz_replay_names). Not ours to change: that one
// check is off inside stb_image only.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((no_sanitize("nonnull-attribute"))), apply_to = function)
#endif
#include <stb/stb_image.h>
#if defined(__clang__)
#pragma clang attribute pop
#endif
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace kiosk::scan {

std::optional<RgbaPicture> decode_picture(std::string_view encoded) {
    if (encoded.empty() || encoded.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
    int w = 0, h = 0, channels = 0;
    unsigned char* data = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(encoded.data()),
                                                static_cast<int>(encoded.size()), &w, &h, &channels, 4);
    if (!data) return std::nullopt;
    RgbaPicture out;
    out.width = w;
    out.height = h;
    out.pixels.assign(data, data + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    stbi_image_free(data);
    return out;
}

PixelRect to_pixels(const Roi& roi, int width, int height) {
    PixelRect r;
    if (width <= 0 || height <= 0) return r;
    auto clampf = [](float v) { return std::clamp(v, 0.f, 1.f); };
    float x0 = clampf(roi.x), y0 = clampf(roi.y);
    float x1 = clampf(roi.x + roi.w), y1 = clampf(roi.y + roi.h);
    r.x = std::min(int(x0 * width), width - 1);
    r.y = std::min(int(y0 * height), height - 1);
    r.w = std::max(1, int(x1 * width) - r.x);
    r.h = std::max(1, int(y1 * height) - r.y);
    r.w = std::min(r.w, width - r.x);
    r.h = std::min(r.h, height - r.y);
    return r;
}

Frame crop_and_shrink(const Frame& frame, PixelRect rect, int factor) {
    Frame out;
    out.timestamp = frame.timestamp;
    out.sequence = frame.sequence;
    if (frame.empty() || rect.w <= 0 || rect.h <= 0) return out;
    factor = std::max(1, factor);
    out.width = rect.w / factor;
    out.height = rect.h / factor;
    if (out.width <= 0 || out.height <= 0) return Frame{};
    out.lum.resize(std::size_t(out.width) * out.height);
    const std::uint8_t* src = frame.lum.data();
    if (factor == 1) {
        for (int y = 0; y < out.height; ++y)
            std::copy_n(src + std::size_t(rect.y + y) * frame.width + rect.x, out.width,
                        out.lum.data() + std::size_t(y) * out.width);
        return out;
    }
    if (factor == 2) {  // the common case, kept simple enough for the compiler to vectorise
        for (int y = 0; y < out.height; ++y) {
            const std::uint8_t* r0 = src + std::size_t(rect.y + 2 * y) * frame.width + rect.x;
            const std::uint8_t* r1 = r0 + frame.width;
            std::uint8_t* d = out.lum.data() + std::size_t(y) * out.width;
            for (int x = 0; x < out.width; ++x)
                d[x] = std::uint8_t((r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1] + 2) >> 2);
        }
        return out;
    }
    const int area = factor * factor;
    for (int y = 0; y < out.height; ++y) {
        std::uint8_t* d = out.lum.data() + std::size_t(y) * out.width;
        for (int x = 0; x < out.width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < factor; ++dy) {
                const std::uint8_t* s =
                    src + std::size_t(rect.y + y * factor + dy) * frame.width + rect.x + x * factor;
                for (int dx = 0; dx < factor; ++dx) sum += s[dx];
            }
            d[x] = std::uint8_t((sum + area / 2) / area);
        }
    }
    return out;
}

constexpr int kMaxRawSide = 8192;  // well above any camera the kiosk drives

// stb_image reads a PNM header's numbers into an int without an overflow check (signed overflow on
// "P5 99999999999 1 255"): the header is read here first, and a side beyond kMaxRawSide is refused.
bool pnm_header_fits(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char head[2] = {};
    if (!in.read(head, 2) || head[0] != 'P' || head[1] < '1' || head[1] > '7') return true;  // not PNM
    const int fields = (head[1] == '1' || head[1] == '4') ? 2 : 3;  // width, height, then the largest value
    // As stb_image reads it: the character after a number stays current, so "4#…" starts a comment.
    int c = in.get();
    for (int field = 0; field < fields; ++field) {
        while (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '#') {
            if (c == '#')
                while (c != EOF && c != '\n' && c != '\r') c = in.get();  // as stb_image ends a comment
            else
                c = in.get();
        }
        long value = 0;
        int digits = 0;
        for (; c >= '0' && c <= '9'; c = in.get()) {
            if (++digits > 6) return false;
            value = value * 10 + (c - '0');
        }
        if (digits == 0 || value > (field < 2 ? kMaxRawSide : 255))
            return false;  // 8-bit only: stb mishandles 16-bit PNM
    }
    return true;
}

LoadedFrame load_frame(const std::filesystem::path& path, int raw_width, int raw_height) {
    LoadedFrame r;
    const std::string ext = path.extension().string();
    if (ext == ".y8" || ext == ".gray") {
        int w = raw_width, h = raw_height;
        std::smatch m;
        const std::string stem = path.stem().string();
        static const std::regex size_re(R"((\d+)x(\d+)$)");
        if ((w <= 0 || h <= 0) && std::regex_search(stem, m, size_re)) {
            // Parsed without exceptions: a name such as x-99999999999x2.y8 is an error, not
            // std::out_of_range.
            const std::string ws = m[1], hs = m[2];
            if (std::from_chars(ws.data(), ws.data() + ws.size(), w).ec != std::errc{}) w = -1;
            if (std::from_chars(hs.data(), hs.data() + hs.size(), h).ec != std::errc{}) h = -1;
        }
        if (w <= 0 || h <= 0 || w > kMaxRawSide || h > kMaxRawSide) {
            r.error = path.string() + ": raw frame without a size of at most " + std::to_string(kMaxRawSide) +
                      " a side (name it like name-640x480.y8)";
            return r;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            r.error = path.string() + ": cannot open";
            return r;
        }
        r.frame.lum.resize(std::size_t(w) * h);
        in.read(reinterpret_cast<char*>(r.frame.lum.data()), std::streamsize(r.frame.lum.size()));
        if (in.gcount() != std::streamsize(r.frame.lum.size())) {
            r.error = path.string() + ": shorter than " + std::to_string(w) + "x" + std::to_string(h);
            return r;
        }
        r.frame.width = w;
        r.frame.height = h;
        return r;
    }
    if (!pnm_header_fits(path)) {
        r.error = path.string() + ": image header without a size of at most " + std::to_string(kMaxRawSide) +
                  " a side, 8 bits a sample";
        return r;
    }
    int w = 0, h = 0, channels = 0;
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 1);
    if (!data) {
        const char* why = stbi_failure_reason();
        r.error = path.string() + ": " + (why ? why : "cannot read the image");
        return r;
    }
    r.frame.width = w;
    r.frame.height = h;
    r.frame.lum.assign(data, data + std::size_t(w) * h);
    stbi_image_free(data);
    return r;
}

}  // namespace kiosk::scan
