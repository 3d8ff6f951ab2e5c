#pragma once
// PNG files of tickets (previews, the folder printer, CUPS): 1-bit greyscale, with the printer's resolution.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/printing/bitmap.hpp"

namespace kiosk::printing {

struct PngBytes {
    std::vector<std::uint8_t> bytes;
    std::string error;
    bool ok() const { return error.empty(); }
};

// Encodes in memory (black dots → black pixels). `dpi` > 0 is stored in the pHYs chunk.
PngBytes encode_png(const Bitmap& bitmap, int dpi = 203);

// Writes `path` directly (no temp file: see the folder printer for atomic writes). Returns an error or "".
std::string write_png(const Bitmap& bitmap, const std::filesystem::path& path, int dpi = 203);

struct PngImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> grey;  // 8-bit luminance, 0 = black, 255 = white
    std::string error;
    bool ok() const { return error.empty(); }
};

// Reads any PNG as 8-bit grey (for tests and previews).
PngImage read_png(const std::filesystem::path& path);

}  // namespace kiosk::printing
