// "À propos": who runs this kiosk, what it keeps, and the free software and data it is made of.
#include "about.hpp"

#include "../app.hpp"

#include "build_info.hpp"

namespace kiosk::ui {

namespace {
void draw_about(Ui& ui) {
    const float e = ui.em();
    ui.header(false, true);
    ui.footer(true, true);
    const Rect area = ui.content_area();
    const Fonts& f = ui.fonts();
    const Config& cfg = ui.kiosk().config();

    const float m = e * 1.2f;
    const float width = std::min(area.width() - 2 * m, 36 * e);
    const float x = (area.width() - width) * 0.5f;
    float y = area.min.y + e * 0.9f;
    y += ui.text(f.title, color::kText, ui.tr("about.title"), ImVec2(x, y), width, Align::Center) + e * 0.6f;

    ui.begin_scroll("about.text", ImVec2(x, y), ImVec2(width, area.max.y - y - e * 0.4f));
    const float inner = width - e * 1.2f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 start = p;
    auto section = [&](const std::string& heading, const std::string& body) {
        p.y += ui.text(f.bold, color::kBlueFrance, heading, p, inner) + e * 0.2f;
        p.y += ui.text(f.body, color::kText, body, p, inner) + e * 0.8f;
    };
    section(ui.tr("about.site.heading"),
            format(ui.tr("about.site.body"),
                   {{"site", cfg.site_name},
                    {"id", cfg.kiosk_id},
                    {"commune", cfg.commune_name.empty() ? cfg.commune_code : cfg.commune_name}}));
    section(ui.tr("about.privacy.heading"), ui.tr("about.privacy.body"));
    section(ui.tr("about.data.heading"), ui.tr("about.data.body"));
    section(ui.tr("about.software.heading"),
            format(ui.tr("about.software.body"), {{"version", build::version}}));
    section(ui.tr("about.licence.heading"), ui.tr("about.licence.body"));
    section(ui.tr("about.fonts.heading"), ui.tr("about.fonts.body"));
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(inner, p.y - start.y));  // tells the region how tall its content is
    ui.end_scroll();
}

}  // namespace

void add_about_room(Kiosk& kiosk, App& app) {
    kiosk.emplace<about::AboutJourney>();
    app.add_screen(about::kScreen, draw_about);
}

}  // namespace kiosk::ui
