#pragma once
// The screens of the self-diagnostic: one step at a time (questions and practical tasks), then the result.
#include <functional>
#include <string>

#include "kiosk/core/journeys/diagnostic_journey.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "ui.hpp"

namespace kiosk::ui {

// Prints a ticket (on a worker) and says how it went; provided by the app.
struct PrintState {
    enum class Kind { None, Printing, Printed, Failed, NoPrinter } kind = Kind::None;
    std::string message;
};

void draw_diagnostic_step(Ui& ui, journeys::DiagnosticJourney& journey);
void draw_diagnostic_result(Ui& ui, journeys::DiagnosticJourney& journey,
                            const PrintState& print, const std::function<void()>& print_ticket);

// The Material Icons glyph for an icon name used in the diagnostic's content ("videocam"…), or nullptr.
const char* pictogram_named(const std::string& name);

}  // namespace kiosk::ui
