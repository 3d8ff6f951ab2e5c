#pragma once
// What every screen draws with: the model, the fonts, and touch-sized widgets laid out in em.
// Screens read the model and send events; they never change it directly.
#include <imgui.h>

#include <any>
#include <map>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "../core/journeys/agent_journey.hpp"
#include "../core/journeys/places_journey.hpp"
#include "../core/keyboard_layout.hpp"
#include "../core/printing/ticket_sink.hpp"
#include "../core/kiosk.hpp"
#include "../core/screen_items.hpp"
#include "theme.hpp"

namespace kiosk::ui {

struct Rect {
    ImVec2 min, max;
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
};

// Two fingers pinching since the last frame (given by the platform): their distance now over before, around
// their centre, and how far that centre moved.
struct Pinch {
    bool active = false;
    ImVec2 centre{0, 0}, pan{0, 0};
    float scale = 1;
};

enum class ButtonKind { Primary, Secondary, Tertiary };

// What the footer's reading and seeing buttons show (set by the app before each frame).
struct AccessView {
    int text_step = 0;      // 0: normal text, 1: ×1.4, 2: ×1.8
    bool strong = false;    // "Contraste renforcé" on
    bool speaking = false;  // "Écouter" is reading: the button says "Arrêter"
    bool can_speak = true;  // a voice and a sound output are there
};
enum class Align { Left, Center };

class Ui {
  public:
    Ui(Kiosk& kiosk, Fonts& fonts);  // reads the keyboard's layout from the content

    // Set by the app for each frame.
    void begin_frame(TimePoint now, ImVec2 display);
    TimePoint now() const { return now_; }
    ImVec2 display() const { return display_; }
    bool portrait() const { return display_.y > display_.x; }
    float em() const { return fonts_.em; }
    const Fonts& fonts() const { return fonts_; }
    Kiosk& kiosk() { return kiosk_; }
    const Kiosk& kiosk() const { return kiosk_; }
    const std::string& tr(std::string_view key) const { return kiosk_.tr(key); }
    std::string trn(std::string_view key, long n) const { return kiosk_.trn(key, n); }

    // What the person did, in order: a session event, or an intent for a journey (name and payload).
    struct Action {
        std::optional<Event> event;  // else `intent`
        Intent intent;
    };
    void send(Event event) { events_.push_back(Action{std::move(event), {}}); }
    void act(std::string name, std::any value = {}) {
        events_.push_back(Action{std::nullopt, Intent{std::move(name), std::move(value)}});
    }
    std::vector<Action> take_events() { return std::move(events_); }

    // Where each named control was last drawn: the test harness taps there.
    const std::map<std::string, Rect, std::less<>>& hits() const { return hits_; }
    // Everything the last frame showed (buttons, words, pictures), in drawing order.
    const ScreenItems& items() const { return items_; }
    // How far each scrolling region is scrolled, as last drawn (pixels).
    float scroll_of(std::string_view id) const {
        auto it = scroll_y_.find(id);
        return it == scroll_y_.end() ? 0.0f : it->second;
    }

    // Widgets. Each returns true when tapped. Sizes are in pixels computed from em by the caller.
    bool button(const char* id, const char* pictogram, std::string_view label, ButtonKind kind, ImVec2 pos,
                ImVec2 size);
    bool card(const char* id, const char* pictogram, std::string_view title, std::string_view text,
              ImVec2 pos, ImVec2 size);
    // "Étape 2 sur 4" centred at the top of a journey's screen; returns the height it took.
    float step_line(int step, int total, ImVec2 pos, float width);
    // The height a card needs for its pictogram and its words at `width` (a screen makes it at least that).
    float card_height(std::string_view title, std::string_view text, float width) const;
    // The height a button needs for its words wrapped at `width`, and at least `at_least`.
    float button_height(const char* pictogram, std::string_view label, float width, float at_least) const;
    // A choice that stays selected: blue, with a tick in place of its pictogram, when on.
    bool toggle(const char* id, const char* pictogram, std::string_view label, bool on, ImVec2 pos,
                ImVec2 size);
    // Wrapped text drawn at `pos`, `width` wide; returns its height.
    float text(ImFont* font, ImU32 color, std::string_view text, ImVec2 pos, float width,
               Align align = Align::Left);
    float text_height(ImFont* font, std::string_view text, float width) const;
    // One line cut with "…" to fit `width`.
    std::string fit_line(ImFont* font, const std::string& text, float width) const;
    // One line of words at `pos` (no wrapping), shortened with "…" beyond `max_width`, which the audit is
    // told. Returns its width.
    float line(ImFont* font, ImU32 color, const std::string& text, ImVec2 pos, float max_width = FLT_MAX);
    void pictogram(const char* glyph, ImVec2 center, ImU32 color,
                   bool hero = false);  // at the font's own size
    const Shapes& shapes() const { return fonts_.shapes; }
    const KeyboardLayout& keyboard_layout() const { return keyboard_; }
    const Metrics& m() const { return fonts_.m; }

    // The two-finger pinch of this frame, if any (set by the platform before the frame).
    void set_pinch(const Pinch& p) { pinch_ = p; }
    const Pinch& pinch() const { return pinch_; }
    // How far one finger dragged an area this frame (0, 0 when it does not): a drag begins beyond a small
    // threshold, and then whatever button the finger started on is not pressed. The area is registered for
    // the harness.
    ImVec2 drag_area(const char* id, ImVec2 min, ImVec2 max);

    // A region that scrolls when dragged with one finger (or the wheel). Returns its inner width.
    void begin_scroll(const char* id, ImVec2 pos, ImVec2 size);
    void end_scroll();

    // The common frame of citizen screens: a header with the site, a footer with Retour / Terminer.
    // Returns the content rectangle between them.
    Rect header(bool show_language, bool show_home);
    // `reserve_left`: the width a screen's own button takes where "Retour" stands ("Précédent").
    void footer(bool show_back, bool show_finish, bool show_about = false, float reserve_left = 0);
    // The content rectangle between the bars. The first call of a frame (after footer()) opens the page:
    // when what the screen drew last time was taller than the room between the bars (larger text, a small
    // screen), the content is drawn in a region that scrolls with one finger, and the rectangle returned is
    // the whole page, as tall as its content, moved by the scrolling. The app closes it after the screen.
    Rect content_area();
    void end_page();  // called by the app after each screen
    bool page_scrolls() const { return page_child_; }
    // The bottom of what the screen has drawn on its page so far (a list of its own counts as its box).
    float page_bottom() const;
    // "Écouter", "Texte plus grand", "Contraste renforcé": drawn by footer() on every citizen screen.
    void set_access(const AccessView& a) { access_ = a; }
    // The same three buttons on a screen without a footer (the attract screen), centred between `left` and
    // `right` on a row `row_h` tall from `top`. Returns the row's height.
    float access_row(float left, float right, float top, float row_h);
    const AccessView& access() const { return access_; }

    void register_hit(std::string_view id, ImVec2 min, ImVec2 max);
    // Adds what was just drawn to the frame's items; inside a scrolling list or a clip, with its clip.
    ScreenItem& add_item(Role role, std::string id, ImVec2 min, ImVec2 max, std::string text = {});
    ScreenItem& last_item() { return items_.items.back(); }
    void push_clip(ImVec2 min, ImVec2 max);  // draws and registers cut to this rectangle
    void pop_clip();
    bool pressed_in_agent_corner() const;  // the current press began in the agent corner

  private:
    // An invisible touchable area, registered for the harness: tapped this frame, held down, bottom-right
    // corner.
    struct Touch {
        bool pressed, held;
        ImVec2 max;
    };
    Touch touch_area(const char* id, ImVec2 pos, ImVec2 size);

    Kiosk& kiosk_;
    Fonts& fonts_;
    TimePoint now_{};
    ImVec2 display_{};
    Rect content_{};
    std::vector<Action> events_;
    std::map<std::string, Rect, std::less<>> hits_;
    ScreenItems items_;
    KeyboardLayout keyboard_;
    int text_count_ = 0;
    int clip_depth_ = 0;
    bool in_bar_ = false;  // drawing the header or the footer
    std::map<std::string, bool, std::less<>> dragging_;
    Pinch pinch_;
    std::map<std::string, float, std::less<>> scroll_y_;
    std::string scroll_id_;
    AccessView access_;
    // The footer's access buttons between `left` and `right` (or on a row of their own from `top`); returns
    // the height of the row they took above the footer's own (0 when they fit beside its buttons).
    float access_buttons(float left, float right, float top, float row_h);
    // The page (see content_area()): not begun, open (a child region when it scrolls), or done this frame.
    enum class Page { Ready, Open, Done } page_ = Page::Done;
    bool page_child_ = false;
    std::string page_key_;   // the screen and the text size the height below was measured for
    float page_height_ = 0;  // the content's height last frame, when taller than the room (else 0)
    Rect page_view_{};       // the room between the bars
    std::size_t page_first_ = 0;
    std::vector<std::size_t> page_nested_;            // items drawn within a list or a clip of the page's own
    std::vector<Rect> drag_areas_, last_drag_areas_;  // a drag that begins in one is not the page's
};

// Printing a ticket, the same on every screen that prints. `intent` names the journey's print intent
// ("places.print"); its ".retry" and ".agent" follow a failure. The words say how it went, kindly (never the
// technical detail, which is logged): empty when there is nothing to say.
std::string print_status_words(const Ui& ui, const printing::PrintState& state);
ImU32 print_status_color(const printing::PrintState& state);
// Draws the print buttons from `pos` leftwards to right, each `size`, `gap` apart: "Imprimer" (or "Imprimer
// encore" once printed; nothing without a printer), or after a failure "Réessayer" and "Appeler un agent"
// (only "Réessayer" once the agent is called). Returns how many buttons were drawn.
int print_buttons(Ui& ui, const printing::PrintState& state, const std::string& intent,
                  const std::string& label, ImVec2 pos, ImVec2 size, float gap,
                  ButtonKind kind = ButtonKind::Primary);
int print_button_count(const printing::PrintState& state);

// Screens: one function each, named after what the citizen sees.
void draw_attract(Ui& ui);
void draw_home(Ui& ui);
void draw_language(Ui& ui);
void draw_journey_start(Ui& ui, Screen screen, Screen first_step);  // first_step: where its button leads
void draw_goodbye(Ui& ui);
void draw_still_there(Ui& ui);  // overlay over any screen
void draw_help_call(Ui& ui);    // "Un agent arrive", over the citizen's screen after "Besoin d'aide ?"
void draw_agent_pin(Ui& ui, const journeys::AgentPinPad& pad);
void draw_agent_home(Ui& ui, const journeys::AgentJourney& agent, const journeys::PlacesJourney& places);

}  // namespace kiosk::ui
