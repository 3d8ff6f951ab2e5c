#include "kiosk/core/printing/png.hpp"

#include <cmath>
#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace kiosk::printing {
namespace {

struct WriteCtx {
    std::vector<std::uint8_t>* out;
    char message[256];
};

void on_write(png_structp png, png_bytep data, png_size_t len) {
    auto* ctx = static_cast<WriteCtx*>(png_get_io_ptr(png));
    ctx->out->insert(ctx->out->end(), data, data + len);
}
void on_flush(png_structp) {}
void on_error(png_structp png, png_const_charp msg) {
    auto* ctx = static_cast<WriteCtx*>(png_get_error_ptr(png));
    std::snprintf(ctx->message, sizeof ctx->message, "%s", msg);
    png_longjmp(png, 1);
}
void on_warning(png_structp, png_const_charp) {}

}  // namespace

// libpng reports errors with longjmp: every object with a destructor lives outside this function's frame.
static bool encode_into(const Bitmap& bitmap, int dpi, std::vector<std::uint8_t>& row, WriteCtx& ctx) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, &ctx, on_write, on_flush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(bitmap.width), static_cast<png_uint_32>(bitmap.height),
                 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        const auto ppm = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    for (int y = 0; y < bitmap.height; ++y) {
        // In a grey PNG, 0 is black: invert the printer's "1 = black".
        const std::uint8_t* src = bitmap.row(y);
        for (int i = 0; i < bitmap.row_bytes(); ++i) row[i] = static_cast<std::uint8_t>(~src[i]);
        png_write_row(png, row.data());
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

PngBytes encode_png(const Bitmap& bitmap, int dpi) {
    PngBytes r;
    if (bitmap.empty()) {
        r.error = "PNG: empty image";
        return r;
    }
    std::vector<std::uint8_t> row(static_cast<std::size_t>(bitmap.row_bytes()));
    WriteCtx ctx{&r.bytes, {}};
    if (!encode_into(bitmap, dpi, row, ctx)) {
        r.bytes.clear();
        r.error = std::string("PNG: cannot encode: ") + (ctx.message[0] ? ctx.message : "out of memory");
    }
    return r;
}

std::string write_png(const Bitmap& bitmap, const std::filesystem::path& path, int dpi) {
    PngBytes png = encode_png(bitmap, dpi);
    if (!png.ok()) return png.error;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return "cannot write " + path.string() + ": " + std::strerror(errno);
    const bool written = std::fwrite(png.bytes.data(), 1, png.bytes.size(), f) == png.bytes.size();
    const int write_errno = errno;
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed)
        return "cannot write " + path.string() + ": " + std::strerror(written ? errno : write_errno);
    return {};
}

PngImage read_png(const std::filesystem::path& path) {
    PngImage r;
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        r.error = "cannot read " + path.string() + ": " + image.message;
        return r;
    }
    image.format = PNG_FORMAT_GRAY;
    r.width = static_cast<int>(image.width);
    r.height = static_cast<int>(image.height);
    r.grey.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, r.grey.data(), 0, nullptr)) {
        r.error = "cannot read " + path.string() + ": " + image.message;
        r.grey.clear();
    }
    png_image_free(&image);
    return r;
}

}  // namespace kiosk::printing
