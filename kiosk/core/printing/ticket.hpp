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
};
struct Separator {};
// Vertical space, in fractions of the body line height (1.0 = one empty body line).
struct Space {
    double lines = 1.0;
};

using Block = std::variant<TextLine, Separator, Space>;

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
