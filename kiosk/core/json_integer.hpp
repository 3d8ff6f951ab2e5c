#pragma once
// An integer member of a JSON object (nlohmann::json), checked: it must be stored as an integer and fit in T.
// Anything else throws std::runtime_error, which the callers' catch turns into a refusal. A float such as
// 1e56 converted by get<int>() would be undefined behaviour (the fleet fuzzer found one in a manifest).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace kiosk {

template <class T>
T json_integer(const nlohmann::json& j, const char* key) {
    const nlohmann::json& v = j.at(key);
    if (!v.is_number_integer()) throw std::runtime_error(std::string(key) + ": not an integer");
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (!std::in_range<T>(u)) throw std::runtime_error(std::string(key) + ": out of range");
        return static_cast<T>(u);
    }
    const auto s = v.get<std::int64_t>();
    if (!std::in_range<T>(s)) throw std::runtime_error(std::string(key) + ": out of range");
    return static_cast<T>(s);
}

}  // namespace kiosk
