#include "kiosk/core/printing/layout.hpp"

#include <cmath>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <unordered_map>
#include <variant>

#include "build_info.hpp"
#include "kiosk/core/printing/qr.hpp"
#include "kiosk/core/printing/utf8.hpp"

namespace kiosk::printing {
namespace {

enum FaceId { f_title, f_heading, f_body, f_small, f_bold, f_icon, f_count };

FaceId face_of(Style s) {
    switch (s) {
        case Style::heading:
            return f_heading;
        case Style::small:
            return f_small;
        case Style::bold:
            return f_bold;
        case Style::body:
            break;
    }
    return f_body;
}

constexpr FT_Int32 load_flags = FT_LOAD_TARGET_LIGHT;

bool invisible(char32_t c) {
    return c == U'\u200B' || c == U'\u2060' || c == U'\uFEFF' || c == U'\u00AD' || c == U'\r' || c == U'\t';
}
// Spaces of any kind, breaking or not: a hyphen or slash next to one is not a place to break.
bool spacing(char32_t c) {
    return c == U' ' || c == U'\u00A0' || c == U'\u202F' || c == U'\u2007' || c == U'\u2060' ||
           c == U'\u2009';
}
bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

std::u32string trim_right(std::u32string_view s) {
    std::size_t n = s.size();
    while (n > 0 && s[n - 1] == U' ') --n;
    return std::u32string(s.substr(0, n));
}

// The paper grows downwards as the ticket is drawn.
struct Canvas {
    InkImage img;
    explicit Canvas(int width) : img(width, 0) {}
    void ensure(int rows) {
        if (rows > img.height) {
            img.height = rows;
            img.ink.resize(static_cast<std::size_t>(img.width) * rows, 0);
        }
    }
    void fill(int x0, int y0, int w, int h) {
        ensure(y0 + h);
        for (int y = std::max(0, y0); y < y0 + h; ++y)
            for (int x = std::max(0, x0); x < std::min(img.width, x0 + w); ++x) img.at(x, y) = 255;
    }
};

}  // namespace

struct TicketRenderer::Impl {
    struct Face {
        FT_Face face = nullptr;
        int ascender = 0, height = 0;                 // dots
        std::unordered_map<char32_t, long> advances;  // 26.6
    };
    FT_Library lib = nullptr;
    Face faces[f_count];

    ~Impl() {
        for (Face& f : faces)
            if (f.face) FT_Done_Face(f.face);
        if (lib) FT_Done_FreeType(lib);
    }

    std::string load(FaceId id, const std::string& path, int px) {
        Face& f = faces[id];
        if (FT_Error e = FT_New_Face(lib, path.c_str(), 0, &f.face)) {
            f.face = nullptr;
            return "cannot load the font " + path + " (FreeType error " + std::to_string(e) + ")";
        }
        FT_Set_Pixel_Sizes(f.face, 0, static_cast<FT_UInt>(px));
        f.ascender = static_cast<int>((f.face->size->metrics.ascender + 63) >> 6);
        f.height = static_cast<int>((f.face->size->metrics.height + 63) >> 6);
        return {};
    }

    long advance(Face& f, char32_t c) {
        if (invisible(c)) return 0;
        auto it = f.advances.find(c);
        if (it != f.advances.end()) return it->second;
        long a = 0;
        if (FT_Load_Glyph(f.face, FT_Get_Char_Index(f.face, c), load_flags) == 0)
            a = f.face->glyph->advance.x;
        f.advances.emplace(c, a);
        return a;
    }

    long measure(Face& f, std::u32string_view s) {
        long w = 0;
        for (char32_t c : s) w += advance(f, c);
        return w;
    }

    static bool break_before(std::u32string_view p, std::size_t start, std::size_t i) {
        if (i <= start) return false;
        const char32_t prev = p[i - 1];
        if (prev == U' ') return p[i] != U' ';
        // After a hyphen inside a word (Saint-Denis, peut-être) or a slash (web addresses).
        if ((prev == U'-' || prev == U'/') && i - 1 > start && !spacing(p[i]) && !spacing(p[i - 2]))
            return true;
        return false;
    }

    void wrap_paragraph(Face& f, std::u32string_view p, long max26, std::vector<std::u32string>& out) {
        const std::size_t n = p.size();
        std::size_t start = 0;
        while (start < n && p[start] == U' ') ++start;
        if (start >= n) {
            out.emplace_back();
            return;
        }
        while (start < n) {
            long w = 0;
            std::size_t brk = start;
            bool cut = false;
            for (std::size_t i = start; i < n; ++i) {
                if (break_before(p, start, i)) brk = i;
                w += advance(f, p[i]);
                if (p[i] != U' ' && w > max26 && i > start) {
                    const std::size_t end = brk > start ? brk : i;
                    out.push_back(trim_right(p.substr(start, end - start)));
                    start = end;
                    while (start < n && p[start] == U' ') ++start;
                    cut = true;
                    break;
                }
            }
            if (!cut) {
                out.push_back(trim_right(p.substr(start)));
                break;
            }
        }
    }

    std::vector<std::u32string> wrap(Face& f, std::u32string_view text, long max26) {
        std::vector<std::u32string> out;
        std::size_t pos = 0;
        while (true) {
            const std::size_t nl = text.find(U'\n', pos);
            wrap_paragraph(f, text.substr(pos, nl == std::u32string_view::npos ? nl : nl - pos), max26, out);
            if (nl == std::u32string_view::npos) break;
            pos = nl + 1;
        }
        return out;
    }

    void draw(Face& f, Canvas& canvas, std::u32string_view s, int x, int top,
              std::vector<char32_t>& missing) {
        const int baseline = top + f.ascender;
        canvas.ensure(top + f.height);
        long pen = static_cast<long>(x) << 6;
        bool first = true;
        for (char32_t c : s) {
            if (invisible(c)) continue;
            const FT_UInt idx = FT_Get_Char_Index(f.face, c);
            if (idx == 0 && !is_control(c) && std::find(missing.begin(), missing.end(), c) == missing.end())
                missing.push_back(c);
            if (FT_Load_Glyph(f.face, idx, load_flags | FT_LOAD_RENDER) != 0) continue;
            const FT_GlyphSlot g = f.face->glyph;
            const FT_Bitmap& bm = g->bitmap;
            // A glyph whose ink starts left of its origin (À, j…) must not spill into the margin.
            if (first && bm.width > 0) {
                if (g->bitmap_left < 0) pen -= static_cast<long>(g->bitmap_left) * 64;
                first = false;
            }
            const int x0 = static_cast<int>((pen + 32) >> 6) + g->bitmap_left;
            const int y0 = baseline - g->bitmap_top;
            if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
                canvas.ensure(y0 + static_cast<int>(bm.rows));
                for (unsigned r = 0; r < bm.rows; ++r) {
                    const int y = y0 + static_cast<int>(r);
                    if (y < 0) continue;
                    const unsigned char* src = bm.buffer + static_cast<long>(r) * bm.pitch;
                    for (unsigned col = 0; col < bm.width; ++col) {
                        const int xx = x0 + static_cast<int>(col);
                        if (xx < 0 || xx >= canvas.img.width) continue;
                        std::uint8_t& dst = canvas.img.at(xx, y);
                        dst = std::max<std::uint8_t>(dst, src[col]);
                    }
                }
            }
            pen += g->advance.x;
        }
    }
};

LayoutOptions LayoutOptions::for_width(int dots) {
    LayoutOptions o;
    o.width = dots;
    if (dots <= paper_58mm_dots) {
        o.margin = 8;
        o.title_px = 40;
        o.heading_px = 34;
        o.body_px = 28;
        o.small_px = 24;
        o.qr_max_module = 6;
    } else if (dots < paper_80mm_dots) {
        o.margin = 10;
        o.title_px = 44;
        o.heading_px = 36;
        o.body_px = 30;
        o.small_px = 25;
        o.qr_max_module = 7;
    }
    return o;
}

TicketRenderer::TicketRenderer(LayoutOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
    if (options_.font_regular.empty()) options_.font_regular = kiosk::build::font_regular;
    if (options_.font_bold.empty()) options_.font_bold = kiosk::build::font_bold;
    if (options_.font_icons.empty()) options_.font_icons = kiosk::build::font_icons;
    if (options_.width < 64 || options_.width > 4096 || text_area() < 32) {
        error_ = "ticket width out of range: " + std::to_string(options_.width) + " dots";
        return;
    }
    if (FT_Init_FreeType(&impl_->lib) != 0) {
        impl_->lib = nullptr;
        error_ = "cannot initialise FreeType";
        return;
    }
    const struct {
        FaceId id;
        const std::string& path;
        int px;
    } specs[] = {
        {f_title, options_.font_bold, options_.title_px},
        {f_heading, options_.font_bold, options_.heading_px},
        {f_body, options_.font_regular, options_.body_px},
        {f_small, options_.font_regular, options_.small_px},
        {f_bold, options_.font_bold, options_.body_px},
        {f_icon, options_.font_icons, options_.heading_px},
    };
    for (const auto& s : specs) {
        std::string e = impl_->load(s.id, s.path, s.px);
        if (!e.empty()) {
            error_ = e;
            return;
        }
    }
}

TicketRenderer::~TicketRenderer() = default;

std::vector<std::string> TicketRenderer::wrap(std::string_view text, Style style, int max_width) const {
    std::vector<std::string> out;
    if (!error_.empty()) return out;
    std::lock_guard lock(mutex_);
    const long max26 =
        static_cast<long>(max_width > 0 ? max_width : text_area() - std::max(2, options_.body_px / 10)) << 6;
    for (const std::u32string& l : impl_->wrap(impl_->faces[face_of(style)], decode_utf8(text), max26))
        out.push_back(encode_utf8(l));
    return out;
}

int TicketRenderer::text_width(std::string_view text, Style style) const {
    if (!error_.empty()) return 0;
    std::lock_guard lock(mutex_);
    return static_cast<int>((impl_->measure(impl_->faces[face_of(style)], decode_utf8(text)) + 63) >> 6);
}

int TicketRenderer::line_height(Style style) const {
    if (!error_.empty()) return 0;
    return impl_->faces[face_of(style)].height;
}

std::vector<char32_t> TicketRenderer::missing_glyphs(std::string_view text, Style style) const {
    std::vector<char32_t> out;
    if (!error_.empty()) return out;
    std::lock_guard lock(mutex_);
    FT_Face face = impl_->faces[face_of(style)].face;
    for (char32_t c : decode_utf8(text)) {
        if (is_control(c) || invisible(c) || c == U'\n') continue;
        if (FT_Get_Char_Index(face, c) == 0 && std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(c);
    }
    return out;
}

RenderResult TicketRenderer::render(const Ticket& ticket) const {
    RenderResult r;
    if (!error_.empty()) {
        r.error = error_;
        return r;
    }
    std::lock_guard lock(mutex_);
    Impl& im = *impl_;
    const LayoutOptions& o = options_;
    const int area = text_area();
    // A little slack on the right: ink may reach past the last glyph's advance, or the first was shifted.
    const long max26 = static_cast<long>(area - std::max(2, o.body_px / 10)) << 6;
    const int body_h = im.faces[f_body].height;
    Canvas canvas(o.width);
    int y = o.top;

    auto text = [&](FaceId id, std::string_view utf8, Align align, std::string_view glyph = {}) {
        Impl::Face& f = im.faces[id];
        int indent = 0;
        if (!glyph.empty()) {
            // The pictogram sits on the first line, its middle on the line's middle; the text is indented.
            Impl::Face& icon = im.faces[f_icon];
            const std::u32string g = decode_utf8(glyph);
            const int gw = static_cast<int>((im.measure(icon, g) + 63) >> 6);
            const int top = y + (f.height - icon.height) / 2;
            im.draw(icon, canvas, g, o.margin, std::max(0, top), r.missing);
            indent = gw + o.body_px / 3;
        }
        const long width26 = max26 - (static_cast<long>(indent) << 6);
        for (const std::u32string& line : im.wrap(f, decode_utf8(utf8), width26)) {
            int x = o.margin + indent;
            if (align == Align::centre) {
                const int w = static_cast<int>((im.measure(f, line) + 63) >> 6);
                x += std::max(0, (area - indent - w) / 2);
            }
            im.draw(f, canvas, line, x, y, r.missing);
            y += f.height;
        }
    };
    // A QR code centred at y, then its caption; false (r.error set) when it cannot be drawn.
    auto qr_code = [&](const std::string& payload, const std::string& caption) {
        QrResult qr = encode_qr(payload);
        if (!qr.ok()) {
            r.error = qr.error;
            return false;
        }
        const int module = qr_module_size(qr.matrix, area, o.qr_max_module);
        if (module < o.qr_min_module) {
            r.error = "QR code: the payload is too long for the paper (" + std::to_string(payload.size()) +
                      " bytes)";
            return false;
        }
        const Bitmap code = render_qr(qr.matrix, module);
        const int x0 = o.margin + (area - code.width) / 2;
        canvas.ensure(y + code.height);
        for (int yy = 0; yy < code.height; ++yy)
            for (int xx = 0; xx < code.width; ++xx)
                if (code.black(xx, yy)) canvas.img.at(x0 + xx, y + yy) = 255;
        y += code.height;  // the quiet zone is already white space above and below
        if (!caption.empty()) text(f_small, caption, Align::centre);
        return true;
    };
    auto rule = [&] {
        y += body_h / 3;
        canvas.fill(o.margin, y, area, 3);
        y += 3 + body_h / 3;
    };

    if (!ticket.title.empty()) {
        text(f_title, ticket.title, Align::centre);
        rule();
    }
    bool first = true;
    for (const Block& b : ticket.blocks) {
        if (const auto* t = std::get_if<TextLine>(&b)) {
            if (t->style == Style::heading && !first) y += body_h / 3;  // air above a heading
            text(face_of(t->style), t->text, t->align, t->pictogram);
        } else if (std::holds_alternative<Separator>(b)) {
            rule();
        } else if (const auto* s = std::get_if<Space>(&b)) {
            y += static_cast<int>(std::lround(std::max(0.0, s->lines) * body_h));
        } else if (const auto* q = std::get_if<QrCode>(&b)) {
            if (!qr_code(q->payload, q->caption)) return r;
        }
        first = false;
    }
    if (ticket.qr_payload && !qr_code(*ticket.qr_payload, ticket.qr_caption)) return r;
    if (!ticket.footer.empty()) {
        y += body_h / 2;
        text(f_small, ticket.footer, Align::centre);
    }
    y += o.bottom;
    canvas.ensure(y);
    r.bitmap = threshold(canvas.img, o.ink_threshold);
    return r;
}

RenderResult render_ticket(const Ticket& ticket, int width_dots) {
    return TicketRenderer(LayoutOptions::for_width(width_dots)).render(ticket);
}

}  // namespace kiosk::printing
