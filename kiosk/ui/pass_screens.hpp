#pragma once
// The screens of the pass numérique: show the code (or type the number), then what it is worth.
#include <functional>
#include <string>

#include "kiosk/core/journeys/pass_journey.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "textures.hpp"
#include "ui.hpp"

namespace kiosk::ui {

// What the scan screen shows of the camera; filled by the app from the scanning pipeline.
struct ScanView {
    bool has_camera = false;
    std::string camera_problem;  // why the camera cannot be used, for the logs and the agent
    ImTextureID preview = nullptr;
    int preview_w = 0, preview_h = 0;
    std::string feedback_key;  // "scan.feedback.none" / ".steady" / ".read"
    float roi_x = 0.2f, roi_y = 0.15f, roi_w = 0.6f,
          roi_h = 0.7f;  // the guide frame, in fractions of the picture
};

void draw_pass_scan(Ui& ui, const journeys::PassJourney& journey, const ScanView& scan);
void draw_pass_result(Ui& ui, journeys::PassJourney& journey);
void draw_pass_code(Ui& ui, const journeys::PassJourney& journey);  // the short code under the QR code

}  // namespace kiosk::ui
