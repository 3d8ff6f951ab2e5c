#include "kiosk/core/printing/bitmap.hpp"

#include <algorithm>

namespace kiosk::printing {

long Bitmap::count_black() const {
    long n = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) n += black(x, y);
    return n;
}

Bitmap threshold(const InkImage& image, int threshold) {
    Bitmap out(image.width, image.height);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (image.at(x, y) >= threshold) out.set(x, y);
    return out;
}

Bitmap dither(const InkImage& image) {
    Bitmap out(image.width, image.height);
    const int w = image.width;
    std::vector<int> cur(w + 2, 0), next(w + 2, 0);
    for (int y = 0; y < image.height; ++y) {
        std::fill(next.begin(), next.end(), 0);
        for (int x = 0; x < w; ++x) {
            const int v = image.at(x, y) + cur[x + 1];
            const int q = v >= 128 ? 255 : 0;
            if (q) out.set(x, y);
            const int e = v - q;
            cur[x + 2] += e * 7 / 16;
            next[x] += e * 3 / 16;
            next[x + 1] += e * 5 / 16;
            next[x + 2] += e / 16;
        }
        std::swap(cur, next);
    }
    return out;
}

}  // namespace kiosk::printing
