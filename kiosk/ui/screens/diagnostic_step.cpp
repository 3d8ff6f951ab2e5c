// One step of the self-diagnostic: a question with big answers, or a small practical task measured kindly.
#include <cmath>

#include "../diagnostic_screens.hpp"
#include "../keyboard.hpp"

namespace kiosk::ui {

using namespace diagnostic;

const char* pictogram_named(const std::string& name) {
    if (name == "videocam") return icon::kVideocam;
    if (name == "send") return icon::kSend;
    if (name == "photo_camera") return icon::kPhotoCamera;
    if (name == "attach_file") return icon::kAttachFile;
    if (name == "search") return icon::kSearch;
    if (name == "email") return icon::kMail;
    if (name == "print") return icon::kPrint;
    return nullptr;
}

namespace {

// Millimetres on this screen: a 24-inch 16:9 screen is about 300 mm on its short side.
float px_per_mm(const Ui& ui) {
    return std::min(ui.display().x, ui.display().y) / 300.0f;
}

// "Je préfère passer" and "C'est difficile pour moi": below the task, or stacked on its right (`side`) when
// the task needs the height (the keyboard, in landscape).
constexpr float kSideColumnEm = 12.0f;
void task_exits(Ui& ui, journeys::DiagnosticJourney& j, const Rect& area, bool side) {
    const float e = ui.em();
    const Diagnostic& d = *j.content();
    ImVec2 size = side ? ImVec2(e * (kSideColumnEm - 1), e * 2.6f)
                       : ImVec2(std::min(area.width() * 0.45f, e * 13), e * 2.2f);
    size.y = std::max(ui.button_height(icon::kForward, ui.tr(d.text("skip")), size.x, size.y),
                      ui.button_height(icon::kHelp, ui.tr(d.text("give_up")), size.x, size.y));
    // Below the task at the bottom of the page, and never over it (larger text: the page scrolls).
    const float below = std::max(area.max.y - size.y - e * 0.4f, ui.page_bottom() + e * 0.5f);
    const ImVec2 skip =
        side ? ImVec2(area.max.x - e * 0.6f - size.x, area.min.y + e * 3.0f) : ImVec2(area.min.x + e, below);
    const ImVec2 give =
        side ? ImVec2(skip.x, skip.y + size.y + e * 0.6f) : ImVec2(area.max.x - e - size.x, below);
    if (ui.button("diag.skip", icon::kForward, ui.tr(d.text("skip")), ButtonKind::Tertiary, skip, size))
        ui.act("diagnostic.skip");
    if (ui.button("diag.give_up", icon::kHelp, ui.tr(d.text("give_up")), ButtonKind::Tertiary, give, size))
        ui.act("diagnostic.give_up");
}

bool exits_on_side(const Ui& ui, const diagnostic::Step& step) {
    // Beside the keyboard when it fits there with its keys at their smallest (not at a larger text size).
    return step.kind == StepKind::Typing && !ui.portrait() &&
           ui.display().x - ui.em() * (2 + kSideColumnEm) >= keyboard_min_width(ui);
}

void question(Ui& ui, journeys::DiagnosticJourney&, const diagnostic::Step& step, Rect area) {
    const float e = ui.em();
    const float w = std::min(area.width() - 2 * e, e * 26);
    const float x = area.min.x + (area.width() - w) * 0.5f;
    const float h = e * 2.4f, gap = e * 0.5f;
    float y = area.min.y;
    for (std::size_t i = 0; i < step.answers.size(); ++i) {
        const std::string id = "diag.answer." + std::to_string(i + 1);
        if (ui.button(id.c_str(), nullptr, ui.tr(step.answers[i].text), ButtonKind::Secondary, ImVec2(x, y),
                      ImVec2(w, h))) {
            ui.act("diagnostic.answer", i);
            return;
        }
        y += h + gap;
    }
}

// Round targets of decreasing size, one at a time, at places spread over the area.
void tap_targets(Ui& ui, journeys::DiagnosticJourney& j, const diagnostic::Step& step, Rect area) {
    const journeys::TaskProgress& t = j.task();
    if (t.index >= step.sizes_mm.size()) return;
    static const float spots[][2] = {{0.25f, 0.35f}, {0.7f, 0.6f},  {0.4f, 0.75f},
                                     {0.8f, 0.3f},   {0.15f, 0.7f}, {0.55f, 0.4f}};
    const float* spot = spots[t.index % 6];
    const float diameter = std::max(8.0f, static_cast<float>(step.sizes_mm[t.index]) * px_per_mm(ui));
    const ImVec2 c(area.min.x + area.width() * spot[0], area.min.y + area.height() * spot[1]);
    const int r = static_cast<int>(diameter * 0.5f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ui.shapes().disc(dl, c, r, color::kBlueFrance);
    auto next = [&](bool hit) { ui.act("diagnostic.tap", hit); };
    // The target first (it wins the touch), then the rest of the area: a touch there is a miss.
    ImGui::SetCursorScreenPos(ImVec2(c.x - r, c.y - r));
    if (ImGui::InvisibleButton("diag.tap.target", ImVec2(2.0f * r, 2.0f * r))) next(true);
    ui.register_hit("diag.tap.target", ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r));
    ui.last_item().small_ok = true;  // its shrinking size is what this task measures
    ImGui::SetCursorScreenPos(area.min);
    if (ImGui::InvisibleButton("diag.tap.miss", ImVec2(area.width(), area.height() - ui.em() * 3)))
        next(false);
    ui.register_hit("diag.tap.miss", area.min, ImVec2(area.max.x, area.min.y + ui.em() * 2));
    ui.last_item().backdrop = true;  // a touch beside the target
}

// Drag the letter onto the letter box.
void drag(Ui& ui, journeys::DiagnosticJourney&, const diagnostic::Step& step, Rect area) {
    const float e = ui.em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float box = e * 4.5f;
    const ImVec2 home(area.min.x + area.width() * 0.2f, area.min.y + area.height() * 0.35f);
    const ImVec2 place(area.min.x + area.width() * 0.78f, area.min.y + area.height() * 0.35f);
    const Fonts& f = ui.fonts();
    // the letter box: where to drop
    const ImVec2 p0(place.x - box * 0.6f, place.y - box * 0.6f),
        p1(place.x + box * 0.6f, place.y + box * 0.6f);
    ui.shapes().fill_round_rect(dl, p0, p1, ui.m().corner_card, color::kBlueFranceLight);
    ui.pictogram(icon::kMailbox, place, color::kBlueFrance);
    ui.text(f.body, color::kText, ui.tr(step.place), ImVec2(p0.x - e, p1.y + e * 0.3f), p1.x - p0.x + 2 * e,
            Align::Center);
    ui.add_item(Role::Image, "diag.drag.place", p0, p1, ui.tr(step.place));

    // the letter: follows the finger while held
    ImGui::SetCursorScreenPos(ImVec2(home.x - box * 0.5f, home.y - box * 0.5f));
    ImGui::InvisibleButton("diag.drag.item", ImVec2(box, box));
    ui.register_hit("diag.drag.item", ImVec2(home.x - box * 0.5f, home.y - box * 0.5f),
                    ImVec2(home.x + box * 0.5f, home.y + box * 0.5f));
    ImVec2 at = home;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemActive()) {
        at = ImVec2(home.x + io.MouseDelta.x * 0 + (io.MousePos.x - io.MouseClickedPos[0].x),
                    home.y + (io.MousePos.y - io.MouseClickedPos[0].y));
    }
    if (ImGui::IsItemDeactivated()) {
        const ImVec2 drop(home.x + (io.MousePos.x - io.MouseClickedPos[0].x),
                          home.y + (io.MousePos.y - io.MouseClickedPos[0].y));
        const bool inside = drop.x >= p0.x && drop.x <= p1.x && drop.y >= p0.y && drop.y <= p1.y;
        ui.act("diagnostic.drop", inside);
    }
    ui.shapes().fill_round_rect(dl, ImVec2(at.x - box * 0.5f, at.y - box * 0.5f),
                                ImVec2(at.x + box * 0.5f, at.y + box * 0.5f), ui.m().corner_card,
                                color::kBackground);
    ui.shapes().stroke_round_rect(dl, ImVec2(at.x - box * 0.5f, at.y - box * 0.5f),
                                  ImVec2(at.x + box * 0.5f, at.y + box * 0.5f), ui.m().corner_card,
                                  ui.m().border, color::kBlueFrance);
    ui.pictogram(icon::kMail, at, color::kBlueFrance);
    ui.text(f.body, color::kText, ui.tr(step.item), ImVec2(home.x - box, home.y + box * 0.5f + e * 0.3f),
            box * 2, Align::Center);
}

// A list taller than the screen: scroll, then touch the row asked for.
void scroll(Ui& ui, journeys::DiagnosticJourney&, const diagnostic::Step& step, Rect area) {
    const float e = ui.em();
    const float w = std::min(area.width() - 2 * e, e * 24);
    const float x = area.min.x + (area.width() - w) * 0.5f;
    const float row_h = e * 2.6f, gap = e * 0.5f;
    const float visible = std::min(area.height() - e * 3.5f, 3 * row_h + 2 * gap);  // never all rows at once
    ui.begin_scroll("diag.scroll.list", ImVec2(x, area.min.y), ImVec2(w, visible));
    const ImVec2 o = ImGui::GetCursorScreenPos();
    for (std::size_t i = 0; i < step.items.size(); ++i) {
        const std::string id = "diag.scroll.row." + std::to_string(i + 1);
        if (ui.button(id.c_str(), nullptr, ui.tr(step.items[i]), ButtonKind::Secondary,
                      ImVec2(o.x, o.y + i * (row_h + gap)), ImVec2(w - e * 0.7f, row_h)))
            ui.act("diagnostic.row", static_cast<int>(i));
    }
    ImGui::SetCursorScreenPos(o);
    ImGui::Dummy(ImVec2(w - e, step.items.size() * (row_h + gap)));
    ui.end_scroll();
}

void typing(Ui& ui, journeys::DiagnosticJourney& j, const diagnostic::Step& step, Rect area) {
    const float e = ui.em();
    const journeys::TaskProgress& t = j.task();
    std::string typed = t.typed;  // the widgets edit a copy; the journey is told what it became
    const Fonts& f = ui.fonts();
    const std::string& word = ui.tr(step.word);
    // The word, the field and "Valider" on one line; below, the keyboard as large as the room allows (the
    // ways out stand on its right in landscape, below it in portrait).
    const bool side = exits_on_side(ui, step);
    const float avail_w = area.width() - 2 * e - (side ? e * kSideColumnEm : 0);
    float kb_w = std::min(avail_w, e * 30);
    const float room = area.height() - e * 2.8f - (side ? e * 0.4f : e * 3.2f);
    while (kb_w > e * 12 && keyboard_height(ui, kb_w) > room) kb_w -= e * 0.5f;
    kb_w = std::min(std::max(kb_w, keyboard_min_width(ui)), area.width() - 2 * e);  // the page scrolls beyond
    const float x = area.min.x + e + std::max(0.0f, (avail_w - kb_w) * 0.5f);
    float y = area.min.y;
    const std::string show = format(ui.tr("diagnostic.typing.word"), {{"word", word}});
    const float show_w = f.title->CalcTextSizeA(f.title->FontSize, FLT_MAX, 0, show.c_str()).x + e;
    const float valid_w = std::max(
        e * 6.5f,
        ui.fonts()
                .bold
                ->CalcTextSizeA(e, FLT_MAX, 0,
                                (std::string(icon::kDone) + "  " + ui.tr("diagnostic.validate")).c_str())
                .x +
            e * 1.4f);
    // The word to type beside the field, or above it when it leaves the field too little room (larger text).
    const bool word_above = show_w > kb_w * 0.4f;
    if (word_above) {
        y += ui.text(f.title, color::kBlueFrance, show, ImVec2(x, y), kb_w) + e * 0.3f;
    } else {
        ui.line(f.title, color::kBlueFrance, show, ImVec2(x, y));
    }
    const float word_w = word_above ? 0.0f : show_w;
    const float field_w = kb_w - word_w - valid_w - e;
    text_field(ui, typed, "", Rect{ImVec2(x + word_w, y), ImVec2(x + word_w + field_w, y + e * 2.2f)});
    if (typed != t.typed) ui.act("diagnostic.typed", typed);
    if (ui.button("diag.typing.done", icon::kDone, ui.tr("diagnostic.validate"), ButtonKind::Primary,
                  ImVec2(x + kb_w - valid_w, y), ImVec2(valid_w, e * 2.2f))) {
        ui.act("diagnostic.typing_done", word);
        return;
    }
    y += e * 2.8f;
    const std::string before = typed;
    const float kb_h = keyboard_height(ui, kb_w);
    on_screen_keyboard(ui, typed, Rect{ImVec2(x, y), ImVec2(x + kb_w, y + kb_h)}, 24);
    if (typed != before) ui.act("diagnostic.typed", typed);
}

// Three messages: which one is a trap?
void pick(Ui& ui, journeys::DiagnosticJourney&, const diagnostic::Step& step, Rect area) {
    const float e = ui.em();
    const float w = std::min(area.width() - 2 * e, e * 30);
    const float x = area.min.x + (area.width() - w) * 0.5f;
    const float h = std::min(e * 3.4f, (area.height() - e * 3.5f) / 3 - e * 0.4f);
    float y = area.min.y;
    for (std::size_t i = 0; i < step.items.size(); ++i) {
        const std::string id = "diag.pick." + std::to_string(i + 1);
        if (ui.button(id.c_str(), icon::kMail, ui.tr(step.items[i]), ButtonKind::Secondary, ImVec2(x, y),
                      ImVec2(w, h))) {
            ui.act("diagnostic.pick", static_cast<int>(i));
            return;
        }
        y += h + e * 0.4f;
    }
}

// One pictogram at a time: what is it for?
void icons(Ui& ui, journeys::DiagnosticJourney& j, const diagnostic::Step& step, Rect area) {
    const float e = ui.em();
    const journeys::TaskProgress& t = j.task();
    if (t.index >= step.icons.size()) return;
    const IconItem& item = step.icons[t.index];
    const ImVec2 c(area.min.x + area.width() * 0.5f, area.min.y + ui.m().disc);
    ui.shapes().disc(ImGui::GetWindowDrawList(), c, ui.m().disc, color::kBlueFranceLight);
    if (const char* glyph = pictogram_named(item.icon)) ui.pictogram(glyph, c, color::kBlueFrance);
    const float w = std::min(area.width() - 2 * e, e * 22);
    const float x = area.min.x + (area.width() - w) * 0.5f;
    float y = area.min.y + 2.0f * ui.m().disc + e * 0.6f;
    for (std::size_t i = 0; i < item.choices.size(); ++i) {
        const std::string id = "diag.icons.choice." + std::to_string(i + 1);
        if (ui.button(id.c_str(), nullptr, ui.tr(item.choices[i]), ButtonKind::Secondary, ImVec2(x, y),
                      ImVec2(w, e * 2.2f))) {
            ui.act("diagnostic.icon", static_cast<int>(i));
            return;
        }
        y += e * 2.6f;
    }
}

}  // namespace

void draw_diagnostic_step(Ui& ui, journeys::DiagnosticJourney& journey) {
    const float e = ui.em();
    bool step_help_hidden = false;  // the typing task needs the height for its keyboard
    ui.header(true, true);
    ui.footer(false, true, false, e * 8.0f);  // "Précédent" stands where "Retour" would
    const Fonts& f = ui.fonts();
    const diagnostic::Step* step = journey.step();
    if (step && step->kind == StepKind::Typing) step_help_hidden = true;
    if (!step) {  // done (or not started): the result, or back to the start screen
        ui.send(journey.result() ? Event{ev::Open{Screen::DiagnosticResult}} : Event{ev::Back{}});
        return;
    }
    // "Précédent" in the footer: one step back, or the start screen from the first step.
    const ImVec2 bsize(e * 8.0f, e * 2.0f);
    if (ui.button("diag.previous", icon::kBack, ui.tr("diagnostic.previous"), ButtonKind::Secondary,
                  ImVec2(e * 0.8f, ui.display().y - e * 3.0f + (e * 3.0f - bsize.y) * 0.5f), bsize)) {
        ui.act("diagnostic.previous");
        return;
    }
    ui.last_item().in_bar = true;         // in the footer, where "Retour" stands on other screens
    const Rect area = ui.content_area();  // after "Précédent": the page (when it scrolls) holds the rest

    const float m = e * 1.2f;
    const float width = area.width() - 2 * m;
    float y = area.min.y + e * 0.5f;
    const Progress p = journey.progress();
    const std::string progress =
        format(ui.tr(journey.content()->text("progress")),
               {{"n", std::to_string(p.step)}, {"total", std::to_string(p.at_most)}});
    y += ui.text(f.body, color::kTextMention, progress, ImVec2(m, y), width, Align::Center);
    y += ui.text(f.title, color::kText, ui.tr(step->title), ImVec2(m, y), width, Align::Center);
    if (!step->help.empty() && !step_help_hidden)
        y += ui.text(f.body, color::kTextMention, ui.tr(step->help), ImVec2(m, y), width, Align::Center);
    y += e * 0.6f;
    const Rect task{ImVec2(area.min.x, y), ImVec2(area.max.x, area.max.y)};

    switch (step->kind) {
        case StepKind::Question:
            question(ui, journey, *step, task);
            return;
        case StepKind::TapTargets:
            tap_targets(ui, journey, *step, task);
            break;
        case StepKind::Drag:
            drag(ui, journey, *step, task);
            break;
        case StepKind::Scroll:
            scroll(ui, journey, *step, task);
            break;
        case StepKind::Typing:
            typing(ui, journey, *step, task);
            break;
        case StepKind::Pick:
            pick(ui, journey, *step, task);
            break;
        case StepKind::Icons:
            icons(ui, journey, *step, task);
            break;
    }
    if (journey.step() == step) task_exits(ui, journey, task, exits_on_side(ui, *step));
}

}  // namespace kiosk::ui
