#pragma once
// What the agent UI tests share: where their screenshots go, and the audit journal's actions, oldest first.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/kiosk.hpp"
#include "test_support.hpp"

namespace kiosk::test {

inline std::filesystem::path agent_shots() {
    return binary_dir() / "screenshots/agent";
}

inline std::vector<std::string> journal_actions(Kiosk& kiosk) {
    kiosk.audit_flush();
    std::vector<std::string> out;
    auto entries = kiosk.journal().last(100);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) out.push_back(it->action);
    return out;
}

}  // namespace kiosk::test
