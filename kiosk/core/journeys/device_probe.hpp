#pragma once
// The agent page's look at the camera and the scanner, run by a task (never while drawing): the camera is
// opened for about a second, its frames counted and the last one decoded, then closed; a serial scanner is
// opened and closed. The pass screen is not shown meanwhile, so the devices are free.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/core/health.hpp"
#include "kiosk/core/scan/code_source.hpp"
#include "kiosk/core/tasks.hpp"

namespace kiosk::journeys {

using SourceMaker = std::function<std::unique_ptr<scan::CodeSource>(std::string& error)>;

// `camera` empty: none configured. Stops early when the task is cancelled.
CameraProbe probe_camera(const SourceMaker& camera, const Task& task,
                         std::chrono::milliseconds window = std::chrono::milliseconds(1000));
// `serial` empty and `keyboard`: a scanner typing as a keyboard (nothing to open); both empty: none.
ScannerFacts probe_scanner(const SourceMaker& serial, bool keyboard);

}  // namespace kiosk::journeys
