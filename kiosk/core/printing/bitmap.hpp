#pragma once
// A 1-bit image as thermal printers take it: rows of packed bytes, most significant bit first, 1 = black.
#include <cstdint>
#include <vector>

namespace kiosk::printing {

struct Bitmap {
    int width = 0;                   // dots
    int height = 0;                  // rows
    std::vector<std::uint8_t> bits;  // height × row_bytes(), MSB = leftmost dot, 1 = black

    Bitmap() = default;
    Bitmap(int w, int h) : width(w), height(h), bits(static_cast<std::size_t>(row_bytes()) * h, 0) {}

    int row_bytes() const { return (width + 7) / 8; }
    bool empty() const { return width <= 0 || height <= 0; }
    bool black(int x, int y) const {
        return (bits[static_cast<std::size_t>(y) * row_bytes() + x / 8] >> (7 - x % 8)) & 1;
    }
    void set(int x, int y, bool black = true) {
        std::uint8_t& b = bits[static_cast<std::size_t>(y) * row_bytes() + x / 8];
        const std::uint8_t mask = static_cast<std::uint8_t>(0x80u >> (x % 8));
        b = black ? (b | mask) : (b & ~mask);
    }
    const std::uint8_t* row(int y) const { return bits.data() + static_cast<std::size_t>(y) * row_bytes(); }
    long count_black() const;
};

// An 8-bit grey canvas used while drawing: each value is ink coverage, 0 = paper (white), 255 = full ink.
struct InkImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> ink;
    InkImage() = default;
    InkImage(int w, int h) : width(w), height(h), ink(static_cast<std::size_t>(w) * h, 0) {}
    std::uint8_t& at(int x, int y) { return ink[static_cast<std::size_t>(y) * width + x]; }
    std::uint8_t at(int x, int y) const { return ink[static_cast<std::size_t>(y) * width + x]; }
};

// Thermal heads print dots, not greys. Text is thresholded (crisp edges; a threshold below 128 makes strokes
// a little bolder, which reads better on thermal paper); pictures would be dithered (Floyd–Steinberg).
Bitmap threshold(const InkImage& image, int threshold = 100);
Bitmap dither(const InkImage& image);

}  // namespace kiosk::printing
