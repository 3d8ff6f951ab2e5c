#pragma once
// What a printed ticket says, independent of any printer: a title, styled lines, separators, an optional QR
// code and an optional footer. Text is UTF-8 French (accents, ’, « », narrow no-break spaces U+202F, €).
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kiosk::printing {

enum class Style { heading, body, small, bold };
enum class Align { left, centre };

struct TextLine {
    std::string text;  // may contain '\n' (forced line breaks); long lines are word-wrapped
    Style style = Style::body;
    Align align = Align::left;
    std::string pictogram;  // a Material Icons glyph (UTF-8) drawn before the text, which is indented past it
};
struct Separator {};
// Vertical space, in fractions of the body line height (1.0 = one empty body line).
struct Space {
    double lines = 1.0;
};

// A QR code drawn centred where it stands among the blocks, with a small caption under it.
struct QrCode {
    std::string payload;
    std::string caption;
};

using Block = std::variant<TextLine, Separator, Space, QrCode>;

struct Ticket {
    std::string title;  // bold, large, centred, followed by a separator
    std::vector<Block> blocks;
    std::optional<std::string> qr_payload;  // e.g. a URL; drawn centred after the blocks
    std::string qr_caption;                 // small line under the QR code (may be empty)
    std::string footer;                     // small, centred, at the bottom (may be empty)

    Ticket& heading(std::string t) { return add(std::move(t), Style::heading); }
    Ticket& body(std::string t) { return add(std::move(t), Style::body); }
    Ticket& small(std::string t) { return add(std::move(t), Style::small); }
    Ticket& bold(std::string t) { return add(std::move(t), Style::bold); }
    Ticket& add(std::string t, Style s, Align a = Align::left) {
        blocks.emplace_back(TextLine{std::move(t), s, a});
        return *this;
    }
    // A line with a pictogram before it (left-aligned; wrapped lines keep the indent).
    Ticket& with_pictogram(std::string glyph, std::string t, Style s = Style::body) {
        blocks.emplace_back(TextLine{std::move(t), s, Align::left, std::move(glyph)});
        return *this;
    }
    Ticket& qr(std::string payload, std::string caption) {
        blocks.emplace_back(QrCode{std::move(payload), std::move(caption)});
        return *this;
    }
    Ticket& separator() {
        blocks.emplace_back(Separator{});
        return *this;
    }
    Ticket& space(double lines = 1.0) {
        blocks.emplace_back(Space{lines});
        return *this;
    }
};

}  // namespace kiosk::printing
