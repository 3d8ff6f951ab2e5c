#include "ui.hpp"

#include "about/about.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "../core/log.hpp"

namespace kiosk::ui {

Ui::Ui(Kiosk& kiosk, Fonts& fonts) : kiosk_(kiosk), fonts_(fonts) {
    std::vector<ConfigError> errors;
    keyboard_ = KeyboardLayout::load(kiosk_.config().content_dir, errors);
    for (const ConfigError& e : errors)
        log::error("keyboard: ", e.to_string(), " (the built-in layout is used)");
}

void Ui::begin_frame(TimePoint now, ImVec2 display) {
    now_ = now;
    display_ = display;
    hits_.clear();
    items_.clear();
    text_count_ = 0;
    clip_depth_ = 0;
    content_ = Rect{ImVec2(0, 0), display};
    page_ = Page::Ready;
    page_child_ = false;
    page_nested_.clear();
    last_drag_areas_ = std::move(drag_areas_);
    drag_areas_.clear();
}

Rect Ui::content_area() {
    if (page_ != Page::Ready || items_.footer.empty()) return content_;
    page_ = Page::Open;
    const float e = em();
    std::string key = std::string(screen_name(kiosk_.screen())) + "/" + std::to_string(static_cast<int>(e)) +
                      "/" + std::to_string(static_cast<int>(display_.x)) + "x" +
                      std::to_string(static_cast<int>(display_.y));
    const bool fresh = key != page_key_;
    if (fresh) {
        page_key_ = std::move(key);
        page_height_ = 0;
    }
    content_.min.y = std::ceil(content_.min.y);  // the clip is on whole pixels: none of it under the bars
    content_.max.y = std::floor(content_.max.y);
    page_view_ = content_;
    page_first_ = items_.items.size();
    const float room = content_.height();
    page_child_ = page_height_ > room + 1;
    if (!page_child_) return content_;
    // What the finger scrolls: the whole page between the bars, a list of its own scrolling by itself.
    add_item(Role::List, "page", content_.min, content_.max);
    if (fresh) ImGui::SetNextWindowScroll(ImVec2(0, 0));
    ImGui::SetCursorScreenPos(content_.min);
    ImGui::BeginChild("##page", ImVec2(content_.width(), room), false, ImGuiWindowFlags_NoScrollWithMouse);
    ImGuiIO& io = ImGui::GetIO();
    bool& dragging = dragging_["page"];
    // Hovered itself, not through a list of its own (which scrolls alone).
    const bool inside = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    const ImVec2 from = io.MouseClickedPos[0];
    bool in_drag_area = false;
    for (const Rect& r : last_drag_areas_)
        in_drag_area =
            in_drag_area || (from.x >= r.min.x && from.y >= r.min.y && from.x < r.max.x && from.y < r.max.y);
    if (!io.MouseDown[0])
        dragging = false;
    else if (!dragging && inside && !in_drag_area && ImGui::IsMouseDragging(0, e * 0.4f))
        dragging = true;
    if (dragging) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
    } else if (inside && io.MouseWheel != 0) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * e * 3);
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    content_.min = origin;
    content_.max = ImVec2(origin.x + page_view_.width(), origin.y + page_height_);
    return content_;
}

float Ui::page_bottom() const {
    float bottom = content_.min.y;
    std::size_t skip = 0;
    for (std::size_t i = page_first_; i < items_.items.size(); ++i) {
        while (skip < page_nested_.size() && page_nested_[skip] < i) ++skip;
        const ScreenItem& it = items_.items[i];
        const bool nested = skip < page_nested_.size() && page_nested_[skip] == i;
        // A backdrop (a touch beside a target) spans the room it is given: it does not make the page taller.
        if (it.in_bar || it.modal || it.backdrop || it.id == "page" || (nested && it.role != Role::List))
            continue;
        bottom = std::max(bottom, it.rect.y1);
    }
    return bottom;
}

void Ui::end_page() {
    if (page_ != Page::Open) {
        page_ = Page::Done;
        return;
    }
    page_ = Page::Done;
    // How tall the content is: the lowest of what the screen drew; of a list of its own, the list's box
    // (its rows scroll within it).
    const float bottom = page_bottom();
    page_nested_.clear();
    const float need = bottom - content_.min.y;
    const float room = page_view_.height();
    // Grows only while the screen and the size stay (content anchored to the page's bottom follows it).
    if (need > room + 1) page_height_ = std::min(std::max(page_height_, need), room * 20);
    if (!page_child_) return;
    ImGui::SetCursorScreenPos(content_.min);
    ImGui::Dummy(ImVec2(1, page_height_ + em() * 0.4f));
    scroll_y_["page"] = ImGui::GetScrollY();
    ImGui::EndChild();
    page_child_ = false;
}

void Ui::register_hit(std::string_view id, ImVec2 min, ImVec2 max) {
    hits_[std::string(id)] = Rect{min, max};
    add_item(Role::Button, std::string(id), min, max);
}

ScreenItem& Ui::add_item(Role role, std::string id, ImVec2 min, ImVec2 max, std::string text) {
    ScreenItem item;
    if (id.empty()) id = "text." + std::to_string(++text_count_);
    item.id = std::move(id);
    item.role = role;
    item.rect = Box{min.x, min.y, max.x, max.y};
    item.text = std::move(text);
    item.in_bar = in_bar_;
    // Inside a scrolling list or a pushed clip, what lies outside the clip is not seen.
    if (!scroll_id_.empty() || clip_depth_ > 0 || page_child_) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 c0 = dl->GetClipRectMin(), c1 = dl->GetClipRectMax();
        item.clip = Box{c0.x, c0.y, c1.x, c1.y};
        item.scrolls = !scroll_id_.empty() || (page_child_ && clip_depth_ == 0);
        if (page_ == Page::Open && (!scroll_id_.empty() || clip_depth_ > 0))
            page_nested_.push_back(items_.items.size());
    }
    items_.items.push_back(std::move(item));
    return items_.items.back();
}

void Ui::push_clip(ImVec2 min, ImVec2 max) {
    ImGui::GetWindowDrawList()->PushClipRect(min, max, true);
    ++clip_depth_;
}

void Ui::pop_clip() {
    ImGui::GetWindowDrawList()->PopClipRect();
    --clip_depth_;
}

namespace {
// Where wrapped text went: its height, the span of its lines, and whether a line is wider than allowed.
struct TextExtent {
    float height = 0;
    float x0 = FLT_MAX, x1 = -FLT_MAX;
    bool overflow = false;  // a word longer than the line, cut
};

// Lays out wrapped text line by line; draws it when `dl` is given.
TextExtent layout_text(ImDrawList* dl, ImFont* font, ImU32 col, std::string_view text, ImVec2 pos,
                       float width, Align align) {
    TextExtent ext;
    const float size = font->FontSize;
    const float line_h = std::floor(size * 1.22f);  // generous line spacing for readers with low vision
    const char* s = text.data();
    const char* end = s + text.size();
    float y = pos.y;
    while (s < end) {
        const char* nl = static_cast<const char*>(memchr(s, '\n', static_cast<size_t>(end - s)));
        const char* para_end = nl ? nl : end;
        if (s == para_end) y += line_h;  // empty line
        while (s < para_end) {
            const char* wrap = font->CalcWordWrapPositionA(1.0f, s, para_end, width);
            if (wrap == s) wrap = s + 1;  // a word longer than the line: cut it
            if (wrap < para_end && *wrap != ' ' && wrap[-1] != ' ') {
                // imgui breaks after any punctuation ("1." / "1)"): break at the last space, hyphen or slash
                // instead, and only cut the word when there is none.
                const char* b = wrap;
                while (b > s + 1 && b[-1] != ' ' && b[-1] != '-' && b[-1] != '/') --b;
                if (b > s + 1)
                    wrap = b;
                else
                    ext.overflow = true;  // a word longer than the line
            }
            const char* line_end = wrap;
            while (line_end > s && (line_end[-1] == ' ')) --line_end;
            const float w = font->CalcTextSizeA(size, FLT_MAX, 0, s, line_end).x;
            if (w > width + 0.5f) ext.overflow = true;
            float x = pos.x;
            if (align == Align::Center) x = pos.x + std::floor((width - w) * 0.5f);
            ext.x0 = std::min(ext.x0, x);
            ext.x1 = std::max(ext.x1, x + w);
            if (dl) dl->AddText(font, size, ImVec2(x, y), col, s, line_end);
            y += line_h;
            s = wrap;
            while (s < para_end && *s == ' ') ++s;
        }
        s = nl ? nl + 1 : end;
    }
    ext.height = y - pos.y;
    if (ext.x0 > ext.x1) ext.x0 = ext.x1 = pos.x;
    return ext;
}
}  // namespace

float Ui::text_height(ImFont* font, std::string_view text, float width) const {
    return layout_text(nullptr, font, 0, text, ImVec2(0, 0), width, Align::Left).height;
}

std::string Ui::fit_line(ImFont* font, const std::string& text, float width) const {
    const float size = font->FontSize;
    if (font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x <= width) return text;
    const std::string ellipsis = "\u2026";
    const float room = width - font->CalcTextSizeA(size, FLT_MAX, 0, ellipsis.c_str()).x;
    const char* end = text.c_str();
    float w = 0;
    while (*end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, end, nullptr);
        const float cw = font->GetCharAdvance(static_cast<ImWchar>(c));
        if (w + cw > room || n <= 0) break;
        w += cw;
        end += n;
    }
    std::string out(text.c_str(), end);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + ellipsis;
}

float Ui::text(ImFont* font, ImU32 col, std::string_view text, ImVec2 pos, float width, Align align) {
    const TextExtent ext = layout_text(ImGui::GetWindowDrawList(), font, col, text, pos, width, align);
    if (!text.empty()) {
        ScreenItem& item =
            add_item(font == fonts_.title ? Role::Heading : Role::Text, {}, ImVec2(ext.x0, pos.y),
                     ImVec2(ext.x1, pos.y + ext.height), std::string(text));
        item.cut = ext.overflow;
        item.ink = col;
    }
    return ext.height;
}

float Ui::line(ImFont* font, ImU32 col, const std::string& text, ImVec2 pos, float max_width) {
    if (text.empty()) return 0;
    const std::string shown = max_width < FLT_MAX ? fit_line(font, text, max_width) : text;
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, pos, col, shown.c_str());
    const ImVec2 sz = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, shown.c_str());
    ScreenItem& item = add_item(font == fonts_.title ? Role::Heading : Role::Text, {}, pos,
                                ImVec2(pos.x + sz.x, pos.y + sz.y), text);
    item.cut = shown != text;
    item.ink = col;
    return sz.x;
}

void Ui::pictogram(const char* glyph, ImVec2 center, ImU32 col, bool hero) {
    ImFont* f = hero ? fonts_.hero : fonts_.pictogram;
    ImVec2 sz = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, glyph);
    ImVec2 at(std::floor(center.x - sz.x * 0.5f), std::floor(center.y - sz.y * 0.5f));
    ImGui::GetWindowDrawList()->AddText(f, f->FontSize, at, col, glyph);
    add_item(Role::Image, "picture." + std::to_string(items_.items.size() + 1), at,
             ImVec2(at.x + sz.x, at.y + sz.y));
}

Ui::Touch Ui::touch_area(const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    const bool pressed = ImGui::InvisibleButton(id, size);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    register_hit(id, pos, max);
    return {pressed, ImGui::IsItemActive(), max};
}

bool Ui::button(const char* id, const char* glyph, std::string_view label, ButtonKind kind, ImVec2 pos,
                ImVec2 size) {
    const auto [pressed, held, max] = touch_area(id, pos, size);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Metrics& m = fonts_.m;
    ImU32 bg = color::kBackground, fg = color::kBlueFrance;
    switch (kind) {
        case ButtonKind::Primary:
            bg = held ? color::kBlueFrancePressed : color::kBlueFrance;
            fg = color::kBackground;
            break;
        case ButtonKind::Secondary:
            bg = held ? color::kBlueFranceLight : color::kBackground;
            break;
        case ButtonKind::Tertiary:
            bg = held ? color::kBlueFranceLight : color::kBackgroundAlt;
            break;
    }
    if (bg != color::kBackground) fonts_.shapes.fill_round_rect(dl, pos, max, m.corner_button, bg);
    if (kind != ButtonKind::Primary)
        fonts_.shapes.stroke_round_rect(dl, pos, max, m.corner_button, m.border, color::kBlueFrance);

    ImFont* font = fonts_.bold;
    std::string content = glyph ? std::string(glyph) + "  " + std::string(label) : std::string(label);
    // Words that fit on one line within a thinner padding keep it (a key of the keyboard at a larger text
    // size) rather than wrapping or being cut.
    float pad = em() * 0.5f;
    const float one_line = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, content.c_str()).x;
    if (one_line > size.x - 2 * pad && one_line <= size.x - em() * 0.2f) pad = (size.x - one_line) * 0.5f;
    float h = text_height(font, content, size.x - 2 * pad) - font->FontSize * 0.25f;
    float y = pos.y + (size.y - h) * 0.5f;
    const TextExtent ext =
        layout_text(dl, font, fg, content, ImVec2(pos.x + pad, y), size.x - 2 * pad, Align::Center);
    ScreenItem& item = last_item();
    item.text = std::string(label);
    item.ink = fg;
    // Words taller than the button run out of it.
    item.cut = ext.overflow || h > size.y - font->FontSize * 0.2f;
    return pressed;
}

float Ui::step_line(int step, int total, ImVec2 pos, float width) {
    const std::string words =
        format(tr("journey.step"), {{"n", std::to_string(step)}, {"total", std::to_string(total)}});
    return text(fonts_.body, color::kTextMention, words, pos, width, Align::Center);
}

float Ui::card_height(std::string_view title, std::string_view body, float width) const {
    const float e = em();
    const float inner = width - 2 * e * 0.8f;
    const float title_h = text_height(fonts_.title, title, inner);
    const float body_h = body.empty() ? 0 : text_height(fonts_.body, body, inner);
    return e * 0.8f * 0.6f + 2.0f * fonts_.m.disc + e * 0.5f + title_h +
           (body.empty() ? 0 : e * 0.4f + body_h) + e * 0.3f + e * 0.3f;
}

float Ui::button_height(const char* glyph, std::string_view label, float width, float at_least) const {
    const std::string content = glyph ? std::string(glyph) + "  " + std::string(label) : std::string(label);
    return std::max(at_least, std::ceil(text_height(fonts_.bold, content, width - em()) + em() * 0.6f));
}

bool Ui::card(const char* id, const char* glyph, std::string_view title, std::string_view body, ImVec2 pos,
              ImVec2 size) {
    const auto [pressed, held, max] = touch_area(id, pos, size);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float e = em();
    const Metrics& m = fonts_.m;
    const Shapes& sh = fonts_.shapes;
    if (held) sh.fill_round_rect(dl, pos, max, m.corner_card, color::kBlueFranceLight);
    sh.stroke_round_rect(dl, pos, max, m.corner_card, m.border, color::kBorder);
    // A blue bar along the bottom says "this is a button" without relying on hover.
    dl->AddRectFilled(ImVec2(std::floor(pos.x + m.corner_card), std::floor(max.y - e * 0.3f)),
                      ImVec2(std::floor(max.x - m.corner_card), std::floor(max.y)), color::kBlueFrance);

    const float pad = e * 0.8f;
    const float inner = size.x - 2 * pad;
    const float picto = 2.0f * m.disc;
    float title_h = text_height(fonts_.title, title, inner);
    float body_h = body.empty() ? 0 : text_height(fonts_.body, body, inner);
    float total = picto + e * 0.5f + title_h + (body.empty() ? 0 : e * 0.4f + body_h);
    // Top-aligned, so that pictograms and titles line up across cards; centred when the card is short.
    float y = pos.y + std::max(pad * 0.6f, std::min(pad, (size.y - e * 0.3f - total) * 0.5f));
    const std::size_t index = items_.items.size() - 1;
    // pictogram in a soft disc
    ImVec2 c(pos.x + size.x * 0.5f, y + picto * 0.5f);
    sh.disc(dl, c, m.disc, color::kBlueFranceLight);
    pictogram(glyph, c, color::kBlueFrance);
    y += picto + e * 0.5f;
    const TextExtent t = layout_text(dl, fonts_.title, color::kBlueFrance, title, ImVec2(pos.x + pad, y),
                                     inner, Align::Center);
    y += t.height;
    bool overflow = t.overflow;
    if (!body.empty()) {
        const TextExtent b = layout_text(dl, fonts_.body, color::kTextMention, body,
                                         ImVec2(pos.x + pad, y + e * 0.4f), inner, Align::Center);
        overflow = overflow || b.overflow;
        y += e * 0.4f + b.height;
    }
    ScreenItem& item = items_.items[index];
    item.text = body.empty() ? std::string(title) : std::string(title) + "\n" + std::string(body);
    item.cut = overflow || y > max.y - e * 0.3f;
    item.ink = body.empty() ? color::kBlueFrance : color::kTextMention;  // the lighter of its inks
    return pressed;
}

bool Ui::toggle(const char* id, const char* glyph, std::string_view label, bool on, ImVec2 pos, ImVec2 size) {
    const auto [pressed, held, max] = touch_area(id, pos, size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Metrics& m = fonts_.m;
    const float e = em();
    const ImU32 fg = on ? color::kBackground : color::kBlueFrance;
    if (on || held)
        fonts_.shapes.fill_round_rect(dl, pos, max, m.corner_button,
                                      on ? color::kBlueFrance : color::kBlueFranceLight);
    fonts_.shapes.stroke_round_rect(dl, pos, max, m.corner_button, m.border, color::kBlueFrance);
    // The pictogram on the left (a tick instead when chosen), the words beside it.
    const float pad = e * 0.6f;
    const char* mark = on ? icon::kDone : glyph;
    if (mark)
        dl->AddText(fonts_.bold, e, ImVec2(pos.x + pad, std::floor(pos.y + (size.y - e * 1.15f) * 0.5f)), fg,
                    mark);
    const float tx = pos.x + pad + (mark ? e * 1.8f : 0);
    const float tw = max.x - tx - pad;
    const float th = text_height(fonts_.bold, label, tw) - fonts_.bold->FontSize * 0.22f;
    ScreenItem& item = last_item();
    item.text = std::string(label);
    item.selected = on;
    item.ink = fg;
    dl->PushClipRect(pos, max, true);
    const TextExtent ext = layout_text(dl, fonts_.bold, fg, label,
                                       ImVec2(tx, std::floor(pos.y + (size.y - th) * 0.5f)), tw, Align::Left);
    dl->PopClipRect();
    item.cut = ext.overflow || th > size.y - fonts_.bold->FontSize * 0.2f;
    return pressed;
}

void Ui::begin_scroll(const char* id, ImVec2 pos, ImVec2 size) {
    size.y = std::max(size.y, em() * 3.6f);  // never squeezed to nothing: the page scrolls instead
    ImGui::SetCursorScreenPos(pos);
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
    scroll_id_ = id;
    ImGuiIO& io = ImGui::GetIO();
    bool& dragging = dragging_[scroll_id_];
    const bool inside = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                               ImGuiHoveredFlags_ChildWindows);
    if (!io.MouseDown[0])
        dragging = false;
    else if (!dragging && inside && ImGui::IsMouseDragging(0, em() * 0.4f))
        dragging = true;
    if (dragging) {
        // One finger drags the list; whatever button the finger started on is not pressed.
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
    } else if (inside && io.MouseWheel != 0) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * em() * 3);
    }
    hits_[std::string(id)] = Rect{pos, ImVec2(pos.x + size.x, pos.y + size.y)};
    add_item(Role::List, id, pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

ImVec2 Ui::drag_area(const char* id, ImVec2 min, ImVec2 max) {
    ImGuiIO& io = ImGui::GetIO();
    bool& dragging = dragging_[id];
    const ImVec2 from = io.MouseClickedPos[0];
    const bool began_inside = from.x >= min.x && from.y >= min.y && from.x < max.x && from.y < max.y;
    if (!io.MouseDown[0])
        dragging = false;
    else if (!dragging && began_inside && ImGui::IsMouseDragging(0, em() * 0.4f))
        dragging = true;
    hits_[std::string(id)] = Rect{min, max};
    drag_areas_.push_back(Rect{min, max});
    if (!dragging) return ImVec2(0, 0);
    if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();  // the finger drags: it taps nothing
    return io.MouseDelta;
}

void Ui::end_scroll() {
    scroll_y_[scroll_id_] = ImGui::GetScrollY();
    scroll_id_.clear();
    ImGui::EndChild();
}

Rect Ui::header(bool show_language, bool show_home) {
    const float e = em();
    const float m = e * 0.8f;
    const float tx = m + e * 1.2f;
    ImVec2 bsize(e * 6.5f, e * 1.8f);
    ImVec2 lsize(e * 7.5f, bsize.y);
    // "Besoin d'aide ?" on every citizen screen, first of the header's buttons: calls an agent, the
    // journey stays where it is.
    const std::string& help = tr("help.button");
    const ImVec2 hsize(
        std::max(e * 6.5f, fonts_.bold->CalcTextSizeA(e, FLT_MAX, 0, help.c_str()).x + e * 3.2f), bsize.y);
    // Supervised mode: the header turns light blue, says an agent is in ("Mode accompagné — Marie Dupont" in
    // place of the site) and has « Espace agent », back to the agent space without the PIN.
    const bool supervised = kiosk_.state().supervised();
    const std::string& space = tr("supervised.agent_space");
    ImVec2 ssize(supervised ? fonts_.bold->CalcTextSizeA(e, FLT_MAX, 0, space.c_str()).x + e * 3.2f : 0,
                 bsize.y);
    float others_w =
        (show_home ? bsize.x + e * 0.5f : 0) + (show_language ? lsize.x + e * 0.5f : 0) + hsize.x;
    if (others_w > display_.x - 2 * m) {
        // Larger text: Accueil and the language as wide as their words, so that the row holds them.
        auto snug = [&](const char* glyph, const std::string& label) {
            const std::string s = std::string(glyph) + "  " + label;
            return std::ceil(fonts_.bold->CalcTextSizeA(e, FLT_MAX, 0, s.c_str()).x + e * 1.4f);
        };
        bsize.x = std::min(bsize.x, snug(icon::kHome, tr("nav.home")));
        lsize.x = std::min(lsize.x, snug(icon::kLanguage, tr("language.name")));
        others_w = (show_home ? bsize.x + e * 0.5f : 0) + (show_language ? lsize.x + e * 0.5f : 0) + hsize.x;
    }
    float buttons_w = others_w + (supervised ? ssize.x + e * 0.5f : 0);
    // The kiosk's name and its site are never cut: when they do not fit beside the buttons (a narrow
    // portrait screen, a long site name), the buttons go on a row of their own below them.
    const std::string& name = tr("app.name");
    const std::string& agent = kiosk_.agent_name();
    const std::string site = !supervised     ? kiosk_.config().site_name
                             : agent.empty() ? tr("supervised.banner_anonymous")
                                             : format(tr("supervised.banner"), {{"name", agent}});
    ImFont* site_font = supervised ? fonts_.bold : fonts_.body;
    const float words_w = std::max(fonts_.bold->CalcTextSizeA(e, FLT_MAX, 0, name.c_str()).x,
                                   site_font->CalcTextSizeA(e, FLT_MAX, 0, site.c_str()).x);
    // Where « Espace agent » would push the buttons onto a second row (and the citizen's screen down), it
    // keeps its pictogram only: the band's words already say an agent is in.
    if (supervised && tx + words_w + e * 0.5f > display_.x - m - buttons_w) {
        ssize.x = bsize.y * 1.3f;
        buttons_w = others_w + ssize.x + e * 0.5f;
    }
    const bool two_rows = buttons_w > 0 && tx + words_w + e * 0.5f > display_.x - m - buttons_w;
    const float row = e * 2.9f;
    const float h = two_rows ? row + bsize.y + e * 0.5f : row;
    in_bar_ = true;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (supervised) dl->AddRectFilled(ImVec2(0, 0), ImVec2(display_.x, h - 2), color::kBlueFranceLight);
    dl->AddRectFilled(ImVec2(0, h - 2), ImVec2(display_.x, h), color::kBorder);
    // The "bloc marque" spirit: a tricolour bar, then the kiosk's name and its site.
    dl->AddRectFilled(ImVec2(m, e * 0.55f), ImVec2(m + e * 0.25f, row - e * 0.55f), color::kBlueFrance);
    dl->AddRectFilled(ImVec2(m + e * 0.25f, e * 0.55f), ImVec2(m + e * 0.5f, row - e * 0.55f),
                      color::kFlagWhite);
    dl->AddRectFilled(ImVec2(m + e * 0.5f, e * 0.55f), ImVec2(m + e * 0.75f, row - e * 0.55f),
                      color::kFlagRed);
    float right = display_.x - m;
    const float by = two_rows ? row - e * 0.1f : (row - bsize.y) * 0.5f;
    if (show_home) {
        right -= bsize.x;
        if (button("header.home", icon::kHome, tr("nav.home"), ButtonKind::Secondary, ImVec2(right, by),
                   bsize))
            send(ev::Home{});
        right -= e * 0.5f;
    }
    if (show_language) {
        right -= lsize.x;
        if (button("header.language", icon::kLanguage, tr("language.name"), ButtonKind::Secondary,
                   ImVec2(right, by), lsize))
            send(ev::Open{Screen::Language});
    }
    right -= (show_language ? e * 0.5f : 0) + hsize.x;
    if (button("header.help", icon::kHelp, help, ButtonKind::Primary, ImVec2(right, by), hsize))
        act("help.call");
    // With two rows (a narrow screen), the second is full: « Espace agent » goes at the end of the first.
    float words_end = two_rows ? display_.x - m : right;
    if (supervised) {
        ImVec2 at(0, by);
        if (two_rows) {
            words_end -= ssize.x + e * 0.5f;
            at = ImVec2(display_.x - m - ssize.x, (row - ssize.y) * 0.5f);
        } else {
            right -= e * 0.5f + ssize.x;
            at.x = right;
            words_end = right;
        }
        const bool icon_only = ssize.x < bsize.y * 1.5f;
        if (button("header.agent_space", icon::kSettings,
                   icon_only ? std::string_view() : std::string_view(space), ButtonKind::Secondary, at,
                   ssize))
            send(ev::AgentSpace{});
    }
    // Still cut short where the screen ends, should a site name be longer than the screen is wide.
    const float room = words_end - tx - e * 0.5f;
    line(fonts_.bold, color::kText, name, ImVec2(tx, e * 0.3f), room);
    line(site_font, supervised ? color::kText : color::kTextMention, site, ImVec2(tx, e * 1.45f), room);
    in_bar_ = false;
    items_.header = Box{0, 0, display_.x, h};
    content_.min.y = h;
    return content_;
}

void Ui::footer(bool show_back, bool show_finish, bool show_about, float reserve_left) {
    const float e = em();
    const float row_h = e * 3.0f;
    const float m = e * 0.8f;
    ImVec2 bsize(e * 7.0f, e * 2.0f);
    ImVec2 asize(e * 7.0f, bsize.y);
    ImVec2 fsize(e * 9.0f, bsize.y);
    // The access buttons go between Retour (or À propos, or a screen's own button there) and Terminer: the
    // same on every screen of a size, so the room is that of the fullest footer.
    auto room_left = [&] {
        return m + std::max({bsize.x, show_back && show_about ? bsize.x + m + asize.x : 0.0f, reserve_left}) +
               m;
    };
    float left = room_left();
    float right = display_.x - m - fsize.x - m;
    float extra = access_buttons(left, right, -1, row_h);
    if (extra > 0) {
        // Larger text: Retour, À propos and Terminer as wide as their words, so that the access buttons
        // stay on the footer's row rather than taking a second one from the screen.
        auto snug = [&](const char* glyph, const std::string& label) {
            const std::string s = std::string(glyph) + "  " + label;
            return std::ceil(fonts_.bold->CalcTextSizeA(e, FLT_MAX, 0, s.c_str()).x + e * 1.4f);
        };
        bsize.x = std::min(bsize.x, snug(icon::kBack, tr("nav.back")));
        asize.x = std::min(asize.x, snug(icon::kInfo, tr("nav.about")));
        fsize.x = std::min(fsize.x, snug(icon::kLogout, tr("nav.finish")));
        left = room_left();
        right = display_.x - m - fsize.x - m;
        extra = access_buttons(left, right, -1, row_h);
    }
    const float h = row_h + extra;
    const float top = display_.y - h;
    in_bar_ = true;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, top), display_, color::kBackgroundAlt);
    const float by = display_.y - row_h + (row_h - bsize.y) * 0.5f;
    if (show_back &&
        button("footer.back", icon::kBack, tr("nav.back"), ButtonKind::Secondary, ImVec2(m, by), bsize))
        send(ev::Back{});
    if (show_about) {
        if (button("footer.about", icon::kInfo, tr("nav.about"), ButtonKind::Tertiary,
                   ImVec2(show_back ? m * 2 + bsize.x : m, by), asize))
            send(ev::Open{about::kScreen});
    }
    if (show_finish) {
        if (button("footer.finish", icon::kLogout, tr("nav.finish"), ButtonKind::Secondary,
                   ImVec2(display_.x - m - fsize.x, by), fsize))
            send(ev::Finish{});
    }
    access_buttons(left, right, extra > 0 ? top : display_.y - row_h, row_h);
    in_bar_ = false;
    items_.footer = Box{0, top, display_.x, display_.y};
    content_.max.y = top;
}

float Ui::access_row(float left, float right, float top, float row_h) {
    in_bar_ = true;
    access_buttons(left, right, top, row_h);
    in_bar_ = false;
    return row_h;
}

float Ui::access_buttons(float left, float right, float top, float row_h) {
    const float e = em();
    const float gap = e * 0.5f;
    const std::string* text_label = &tr("access.text.bigger");
    if (access_.text_step == 1) text_label = &tr("access.text.biggest");
    if (access_.text_step >= 2) text_label = &tr("access.text.normal");
    const std::string& listen = access_.speaking ? tr("access.stop") : tr("access.listen");
    const std::string& contrast = tr("access.contrast");
    auto width = [&](const char* glyph, const std::string& label) {
        const std::string s = std::string(glyph) + "  " + label;
        return std::ceil(fonts_.bold->CalcTextSizeA(e, FLT_MAX, 0, s.c_str()).x + e * 1.2f);
    };
    // With their words when they fit, else their pictograms only (2 em squares; their words are still
    // read aloud and told to the harness); on a second row above the footer when even those do not fit.
    const float w_listen =
        std::max(width(icon::kVolume, tr("access.listen")), width(icon::kStop, tr("access.stop")));
    float w_text = 0;
    for (const char* key : {"access.text.bigger", "access.text.biggest", "access.text.normal"})
        w_text = std::max(w_text, width(icon::kTextSize, tr(key)));
    const float w_contrast = width(icon::kContrast, contrast);
    const int count = access_.can_speak ? 3 : 2;
    const float room = right - left;
    const float worded = (access_.can_speak ? w_listen + gap : 0) + w_text + gap + w_contrast;
    const float square = std::ceil(e * 2.2f);  // the pictogram (1.15 em) within the buttons' padding
    const float squares = count * square + (count - 1) * gap;
    const bool words = worded <= room;
    const bool beside = squares <= room;
    const float second_row = e * 2.6f;            // a narrow portrait screen: above the footer's buttons
    if (top < 0) return beside ? 0 : second_row;  // measuring only
    const float h = std::ceil(e * 2.0f);
    const float y = top + ((beside ? row_h : second_row) - h) * 0.5f;
    const float total = words ? worded : squares;
    float x = beside ? left + std::floor((room - total) * 0.5f) : std::floor((display_.x - total) * 0.5f);
    auto draw = [&](const char* id, const char* glyph, const std::string& label, float w, bool on) {
        const ButtonKind kind = on ? ButtonKind::Primary : ButtonKind::Secondary;
        const bool tapped = words ? button(id, glyph, label, kind, ImVec2(x, y), ImVec2(w, h))
                                  : button(id, nullptr, glyph, kind, ImVec2(x, y), ImVec2(square, h));
        last_item().text = label;
        last_item().selected = on;
        x += (words ? w : square) + gap;
        if (tapped) act(id);
    };
    if (access_.can_speak)
        draw("access.listen", access_.speaking ? icon::kStop : icon::kVolume, listen, w_listen,
             access_.speaking);
    draw("access.text", icon::kTextSize, *text_label, w_text, access_.text_step > 0);
    draw("access.contrast", icon::kContrast, contrast, w_contrast, access_.strong);
    return beside ? 0 : second_row;
}

}  // namespace kiosk::ui
