#include "ui.hpp"

#include "about/about.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

void Ui::begin_frame(TimePoint now, ImVec2 display) {
    now_ = now;
    display_ = display;
    hits_.clear();
    content_ = Rect{ImVec2(0, 0), display};
}

void Ui::register_hit(std::string_view id, ImVec2 min, ImVec2 max) { hits_[std::string(id)] = Rect{min, max}; }

namespace {
// Lays out wrapped text line by line; draws it when `dl` is given. Returns the height.
float layout_text(ImDrawList* dl, ImFont* font, ImU32 col, std::string_view text, ImVec2 pos, float width,
                  Align align) {
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
            const char* line_end = wrap;
            while (line_end > s && (line_end[-1] == ' ')) --line_end;
            float x = pos.x;
            if (align == Align::Center) {
                float w = font->CalcTextSizeA(size, FLT_MAX, 0, s, line_end).x;
                x = pos.x + std::floor((width - w) * 0.5f);
            }
            if (dl) dl->AddText(font, size, ImVec2(x, y), col, s, line_end);
            y += line_h;
            s = wrap;
            while (s < para_end && *s == ' ') ++s;
        }
        s = nl ? nl + 1 : end;
    }
    return y - pos.y;
}
}  // namespace

float Ui::text_height(ImFont* font, std::string_view text, float width) const {
    return layout_text(nullptr, font, 0, text, ImVec2(0, 0), width, Align::Left);
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
    return layout_text(ImGui::GetWindowDrawList(), font, col, text, pos, width, align);
}

void Ui::pictogram(const char* glyph, ImVec2 center, ImU32 col, bool hero) {
    ImFont* f = hero ? fonts_.hero : fonts_.pictogram;
    ImVec2 sz = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, glyph);
    ImVec2 at(std::floor(center.x - sz.x * 0.5f), std::floor(center.y - sz.y * 0.5f));
    ImGui::GetWindowDrawList()->AddText(f, f->FontSize, at, col, glyph);
}

Ui::Touch Ui::touch_area(const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    const bool pressed = ImGui::InvisibleButton(id, size);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    register_hit(id, pos, max);
    return {pressed, ImGui::IsItemActive(), max};
}

bool Ui::button(const char* id, const char* glyph, std::string_view label, ButtonKind kind, ImVec2 pos, ImVec2 size) {
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
    float h = text_height(font, content, size.x - em()) - font->FontSize * 0.25f;
    float y = pos.y + (size.y - h) * 0.5f;
    text(font, fg, content, ImVec2(pos.x + em() * 0.5f, y), size.x - em(), Align::Center);
    return pressed;
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
    // pictogram in a soft disc
    ImVec2 c(pos.x + size.x * 0.5f, y + picto * 0.5f);
    sh.disc(dl, c, m.disc, color::kBlueFranceLight);
    pictogram(glyph, c, color::kBlueFrance);
    y += picto + e * 0.5f;
    y += text(fonts_.title, color::kBlueFrance, title, ImVec2(pos.x + pad, y), inner, Align::Center);
    if (!body.empty()) text(fonts_.body, color::kTextMention, body, ImVec2(pos.x + pad, y + e * 0.4f), inner, Align::Center);
    return pressed;
}

bool Ui::toggle(const char* id, const char* glyph, std::string_view label, bool on, ImVec2 pos, ImVec2 size) {
    const auto [pressed, held, max] = touch_area(id, pos, size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Metrics& m = fonts_.m;
    const float e = em();
    const ImU32 fg = on ? color::kBackground : color::kBlueFrance;
    if (on || held) fonts_.shapes.fill_round_rect(dl, pos, max, m.corner_button, on ? color::kBlueFrance : color::kBlueFranceLight);
    fonts_.shapes.stroke_round_rect(dl, pos, max, m.corner_button, m.border, color::kBlueFrance);
    // The pictogram on the left (a tick instead when chosen), the words beside it.
    const float pad = e * 0.6f;
    const char* mark = on ? icon::kDone : glyph;
    if (mark) dl->AddText(fonts_.bold, e, ImVec2(pos.x + pad, std::floor(pos.y + (size.y - e * 1.15f) * 0.5f)), fg, mark);
    const float tx = pos.x + pad + (mark ? e * 1.8f : 0);
    const float tw = max.x - tx - pad;
    const float th = text_height(fonts_.bold, label, tw) - fonts_.bold->FontSize * 0.22f;
    dl->PushClipRect(pos, max, true);
    text(fonts_.bold, fg, label, ImVec2(tx, std::floor(pos.y + (size.y - th) * 0.5f)), tw);
    dl->PopClipRect();
    return pressed;
}

void Ui::begin_scroll(const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
    scroll_id_ = id;
    ImGuiIO& io = ImGui::GetIO();
    bool& dragging = dragging_[scroll_id_];
    const bool inside = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                               ImGuiHoveredFlags_ChildWindows);
    if (!io.MouseDown[0]) dragging = false;
    else if (!dragging && inside && ImGui::IsMouseDragging(0, em() * 0.4f)) dragging = true;
    if (dragging) {
        // One finger drags the list; whatever button the finger started on is not pressed.
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
    } else if (inside && io.MouseWheel != 0) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * em() * 3);
    }
    register_hit(id, pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

void Ui::end_scroll() {
    scroll_y_[scroll_id_] = ImGui::GetScrollY();
    ImGui::EndChild();
}

Rect Ui::header(bool show_language, bool show_home) {
    const float e = em();
    const float h = e * 2.9f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, h - 2), ImVec2(display_.x, h), color::kBorder);
    // The "bloc marque" spirit: a tricolour bar, then the kiosk's name and its site.
    const float m = e * 0.8f;
    dl->AddRectFilled(ImVec2(m, e * 0.55f), ImVec2(m + e * 0.25f, h - e * 0.55f), color::kBlueFrance);
    dl->AddRectFilled(ImVec2(m + e * 0.25f, e * 0.55f), ImVec2(m + e * 0.5f, h - e * 0.55f), color::kBorder);
    dl->AddRectFilled(ImVec2(m + e * 0.5f, e * 0.55f), ImVec2(m + e * 0.75f, h - e * 0.55f), color::kRedMarianne);
    const float tx = m + e * 1.2f;
    float right = display_.x - m;
    const ImVec2 bsize(e * 6.5f, e * 1.8f);
    const float by = (h - bsize.y) * 0.5f;
    if (show_home) {
        right -= bsize.x;
        if (button("header.home", icon::kHome, tr("nav.home"), ButtonKind::Secondary, ImVec2(right, by), bsize))
            send(ev::Home{});
        right -= e * 0.5f;
    }
    if (show_language) {
        const ImVec2 lsize(e * 7.5f, bsize.y);
        right -= lsize.x;
        if (button("header.language", icon::kLanguage, tr("language.name"), ButtonKind::Secondary,
                   ImVec2(right, by), lsize))
            send(ev::Open{Screen::Language});
    }
    // The kiosk's name and site, cut short where the buttons begin.
    const float room = right - tx - e * 0.5f;
    dl->AddText(fonts_.bold, e, ImVec2(tx, e * 0.3f), color::kText, fit_line(fonts_.bold, tr("app.name"), room).c_str());
    dl->AddText(fonts_.body, e, ImVec2(tx, e * 1.45f), color::kTextMention,
                fit_line(fonts_.body, kiosk_.config().site_name, room).c_str());
    content_.min.y = h;
    return content_;
}

void Ui::footer(bool show_back, bool show_finish, bool show_about) {
    const float e = em();
    const float h = e * 3.0f;
    const float top = display_.y - h;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, top), display_, color::kBackgroundAlt);
    const float m = e * 0.8f;
    const ImVec2 bsize(e * 7.0f, e * 2.0f);
    const float by = top + (h - bsize.y) * 0.5f;
    if (show_back && button("footer.back", icon::kBack, tr("nav.back"), ButtonKind::Secondary, ImVec2(m, by), bsize))
        send(ev::Back{});
    if (show_about) {
        ImVec2 asize(e * 7.0f, bsize.y);
        if (button("footer.about", icon::kInfo, tr("nav.about"), ButtonKind::Tertiary,
                   ImVec2(show_back ? m * 2 + bsize.x : m, by), asize))
            send(ev::Open{about::kScreen});
    }
    if (show_finish) {
        ImVec2 fsize(e * 9.0f, bsize.y);
        if (button("footer.finish", icon::kLogout, tr("nav.finish"), ButtonKind::Secondary,
                   ImVec2(display_.x - m - fsize.x, by), fsize))
            send(ev::Finish{});
    }
    content_.max.y = top;
}

}  // namespace kiosk::ui
