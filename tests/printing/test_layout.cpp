// Ticket layout: every French character has a glyph, long lines wrap within the paper, large print, PNG out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/png.hpp"
#include "kiosk/core/printing/sample.hpp"
#include "kiosk/core/printing/utf8.hpp"
#include "test_support.hpp"

using namespace kiosk::printing;
namespace fs = std::filesystem;

namespace {

const char* const french_sample =
    "àâäçéèêëîïôöùûüÿœæ ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ « Bonjour » l’été, 12\u202F€, 14\u202Fh\u202F30, n°\u00A03 — "
    "c’est‑à‑dire ; « Êtes-vous là ? » … 0123456789 @ & % ( ) [ ] / - + = ' \" ! ? : , . € ’ ‘ “ ” – — …";

std::string words_of(const std::vector<std::string>& lines) {
    std::string all;
    for (const std::string& l : lines) all += l + " ";
    std::istringstream in(all);
    std::string w, out;
    while (in >> w) out += w + "|";
    return out;
}

}  // namespace

TEST_CASE("Every character of French text has a glyph in every style", "[printing]") {
    TicketRenderer r;
    REQUIRE(r.error().empty());
    for (Style s : {Style::heading, Style::body, Style::small, Style::bold}) {
        INFO("style " << static_cast<int>(s));
        CHECK(r.missing_glyphs(french_sample, s).empty());
    }
    const RenderResult out = r.render(sample_ticket());
    REQUIRE(out.ok());
    CHECK(out.missing.empty());
}

TEST_CASE("Missing glyphs are reported", "[printing]") {
    TicketRenderer r;
    const auto missing = r.missing_glyphs("abc \U0001F600", Style::body);  // an emoji: not in Noto Sans
    REQUIRE(missing.size() == 1);
    CHECK(missing[0] == U'\U0001F600');
}

TEST_CASE("Long French lines wrap within the paper and keep every word", "[printing]") {
    for (int width : {paper_58mm_dots, paper_80mm_dots}) {
        TicketRenderer r(LayoutOptions::for_width(width));
        REQUIRE(r.error().empty());
        const std::string text =
            "Pour créer votre compte sur le site des impôts, munissez-vous de votre numéro fiscal et de "
            "votre "
            "dernier avis d’imposition : « c’est très simple », nous dit Françoise, 78\u202Fans.";
        const auto lines = r.wrap(text, Style::body);
        INFO("width " << width);
        CHECK(lines.size() >= 4);
        for (const std::string& l : lines) {
            INFO(l);
            CHECK(r.text_width(l, Style::body) <= r.text_area());
            CHECK(!l.empty());
            CHECK(l.front() != ' ');
            CHECK(l.back() != ' ');
        }
        CHECK(words_of(lines) == words_of({text}));
        // Never broken at a narrow no-break space: «\u202Fc’est and 78\u202Fans stay on one line.
        bool found_age = false;
        for (const std::string& l : lines) found_age |= l.find("78\u202Fans.") != std::string::npos;
        CHECK(found_age);
    }
    {
        // Nor next to a slash or hyphen set off by narrow no-break spaces (dates, ranges).
        TicketRenderer r(LayoutOptions::for_width(paper_58mm_dots));
        bool whole_date = false;
        for (const std::string& l :
             r.wrap("Rendez-vous le 14\u202F/\u202F03\u202F/\u202F2025 de 9\u202Fh\u202F–\u202F12\u202Fh",
                    Style::body)) {
            INFO(l);
            CHECK(l.rfind("\u202F", 0) != 0);
            whole_date |= l.find("14\u202F/\u202F03\u202F/\u202F2025") != std::string::npos;
        }
        CHECK(whole_date);
    }
}

TEST_CASE("A word longer than the line is cut between characters", "[printing]") {
    TicketRenderer r(LayoutOptions::for_width(paper_58mm_dots));
    const std::string url =
        "https://www.service-public.fr/particuliers/vosdroits/F1234567890abcdefghijklmnopqrstuvwxyz";
    const auto lines = r.wrap(url, Style::body);
    REQUIRE(lines.size() >= 2);
    std::string joined;
    for (const std::string& l : lines) {
        CHECK(r.text_width(l, Style::body) <= r.text_area());
        joined += l;
    }
    CHECK(joined == url);
}

TEST_CASE("Forced line breaks and empty lines are kept", "[printing]") {
    TicketRenderer r;
    const auto lines = r.wrap("Lundi\n\nMardi", Style::body);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "Lundi");
    CHECK(lines[1].empty());
    CHECK(lines[2] == "Mardi");
}

TEST_CASE("Print is large: body text at least 24 dots at 203 dpi", "[printing]") {
    for (int width : {paper_58mm_dots, paper_80mm_dots}) {
        const LayoutOptions o = LayoutOptions::for_width(width);
        CHECK(o.body_px >= 24);
        CHECK(o.small_px >= 24);
        CHECK(o.heading_px > o.body_px);
        TicketRenderer r(o);
        // A capital letter's height is about 0.71 em in Noto Sans: measure the ink of "H".
        Ticket t;
        t.body("H");
        const RenderResult out = r.render(t);
        REQUIRE(out.ok());
        int top = -1, bottom = -1;
        for (int y = 0; y < out.bitmap.height; ++y)
            for (int x = 0; x < out.bitmap.width; ++x)
                if (out.bitmap.black(x, y)) {
                    if (top < 0) top = y;
                    bottom = y;
                }
        CHECK(bottom - top + 1 >= 17);  // ≥ 2 mm capitals
    }
}

TEST_CASE("The sample ticket renders at the paper width and writes a readable PNG", "[printing]") {
    const fs::path out_dir = kiosk::test::binary_dir() / "printing";
    fs::create_directories(out_dir);
    for (int width : {paper_58mm_dots, paper_80mm_dots}) {
        const RenderResult out = render_ticket(sample_ticket(), width);
        REQUIRE(out.ok());
        CHECK(out.bitmap.width == width);
        CHECK(out.bitmap.height > 400);
        CHECK(out.bitmap.count_black() > 1000);
        // Nothing drawn in the side margins: no text cut at the edge.
        const int margin = LayoutOptions::for_width(width).margin;
        for (int y = 0; y < out.bitmap.height; ++y)
            for (int x = 0; x < margin; ++x) {
                INFO("x " << x << " y " << y);
                REQUIRE(!out.bitmap.black(x, y));
                REQUIRE(!out.bitmap.black(width - 1 - x, y));
            }
        const fs::path png = out_dir / ("sample-ticket-" + std::to_string(width) + ".png");
        REQUIRE(write_png(out.bitmap, png) == "");
        const PngImage back = read_png(png);
        REQUIRE(back.ok());
        CHECK(back.width == out.bitmap.width);
        CHECK(back.height == out.bitmap.height);
        long differ = 0;
        for (int y = 0; y < back.height; ++y)
            for (int x = 0; x < back.width; ++x)
                differ +=
                    (back.grey[static_cast<std::size_t>(y) * back.width + x] < 128) != out.bitmap.black(x, y);
        CHECK(differ == 0);
    }
}

TEST_CASE("Missing fonts and unwritable PNG paths give errors, not crashes", "[printing]") {
    LayoutOptions o;
    o.font_regular = "/nonexistent/font.ttf";
    TicketRenderer r(o);
    CHECK(!r.error().empty());
    CHECK(!r.render(sample_ticket()).ok());
    CHECK(r.wrap("abc", Style::body).empty());

    Bitmap b(16, 16);
    CHECK(write_png(b, "/nonexistent/folder/x.png") != "");
    CHECK(!read_png("/nonexistent/folder/x.png").ok());
    CHECK(!encode_png(Bitmap()).ok());
}

TEST_CASE("UTF-8 decoding survives invalid bytes", "[printing]") {
    CHECK(decode_utf8("é€") == U"é€");
    CHECK(decode_utf8("a\xFF"
                      "b") == U"a\uFFFDb");
    CHECK(decode_utf8("\xE2\x82") == U"\uFFFD\uFFFD");
    CHECK(encode_utf8(U"« l’été »") == "« l’été »");
}
