#pragma once
// Renders a Ticket into a 1-bit bitmap of the printer's width with FreeType (Noto Sans from Debian):
// word-wrapped UTF-8 French, large print (body ≥ 24 dots at 203 dpi, about 3 mm), separators, QR code.
//
// Thread-safety: a TicketRenderer owns its own FT_Library and faces (no global state). Its const methods
// lock an internal mutex, so one renderer may be shared between threads (calls are serialised); separate
// renderers run in parallel. Typical use: one renderer on the printing worker thread.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/printing/bitmap.hpp"
#include "kiosk/core/printing/ticket.hpp"

namespace kiosk::printing {

inline constexpr int paper_58mm_dots = 384;  // 48 mm printable at 203 dpi
inline constexpr int paper_80mm_dots = 576;  // 72 mm printable at 203 dpi

struct LayoutOptions {
    int width = paper_80mm_dots;  // dots
    int dpi = 203;
    int margin = 12;    // left and right, dots
    int top = 16;       // blank dots before the title
    int bottom = 24;    // blank dots after the footer
    int title_px = 48;  // pixel sizes (em) per style
    int heading_px = 40;
    int body_px = 32;  // ≥ 24 at 203 dpi: 4 mm em, readable without glasses for most
    int small_px = 26;
    int qr_max_module = 8;     // dots per module at most (8 dots ≈ 1 mm: easy for phone cameras)
    int qr_min_module = 3;     // below this phones struggle: the QR code is refused as too long
    int ink_threshold = 100;   // grey → 1 bit (below 128: slightly bolder strokes)
    std::string font_regular;  // empty = Debian's Noto Sans (build_info.hpp)
    std::string font_bold;
    std::string font_icons;  // pictograms (Material Icons, Debian's fonts-material-design-icons-iconfont)

    // Sizes suited to a paper width: 384 dots (58 mm) or 576 dots (80 mm), or anything in between.
    static LayoutOptions for_width(int dots);
};

struct RenderResult {
    Bitmap bitmap;
    std::string error;              // empty on success (fonts missing, QR too long…)
    std::vector<char32_t> missing;  // characters drawn as a box because the font lacks them
    bool ok() const { return error.empty(); }
};

class TicketRenderer {
  public:
    explicit TicketRenderer(LayoutOptions options = {});
    ~TicketRenderer();
    TicketRenderer(const TicketRenderer&) = delete;
    TicketRenderer& operator=(const TicketRenderer&) = delete;

    // Empty when the fonts loaded; else why not (render() then fails with the same message).
    const std::string& error() const { return error_; }
    const LayoutOptions& options() const { return options_; }

    RenderResult render(const Ticket& ticket) const;

    // Word wrapping as render() does it: UTF-8 lines no wider than `max_width` dots (0 = the text width).
    // Breaks at spaces (and after a hyphen), never at no-break spaces (U+00A0, U+202F, U+2007, U+2060);
    // a word longer than the line is cut between characters. '\n' forces a break.
    std::vector<std::string> wrap(std::string_view text, Style style, int max_width = 0) const;
    int text_width(std::string_view text, Style style) const;  // dots
    int line_height(Style style) const;                        // dots
    // Characters of `text` that the style's font has no glyph for (FreeType glyph index 0); controls ignored.
    std::vector<char32_t> missing_glyphs(std::string_view text, Style style) const;
    // The width available to text (paper width less margins).
    int text_area() const { return options_.width - 2 * options_.margin; }

    struct Impl;

  private:
    LayoutOptions options_;
    std::string error_;
    std::unique_ptr<Impl> impl_;
    mutable std::mutex mutex_;
};

// One call: a renderer for the width, then render (loads the fonts each time; keep a renderer to reuse).
RenderResult render_ticket(const Ticket& ticket, int width_dots = paper_80mm_dots);

}  // namespace kiosk::printing
