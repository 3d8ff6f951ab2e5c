#pragma once
// A PNG or JPEG held in memory, decoded to RGBA (stb_image, compiled in image.cpp): map tiles are decoded
// this way on a worker, so that the UI thread only uploads pixels.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kiosk::scan {

struct RgbaPicture {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // width × height × 4 bytes: R, G, B, A
};

// Nothing when the bytes are not a PNG, JPEG, BMP or PNM picture of at most 8192 pixels a side.
std::optional<RgbaPicture> decode_picture(std::string_view encoded);

}  // namespace kiosk::scan
