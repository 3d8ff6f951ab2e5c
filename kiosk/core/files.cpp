#include "files.hpp"

#include <fstream>

namespace kiosk {

std::optional<std::string> read_file(const std::filesystem::path& file, std::string* error) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) {
        if (error) *error = "cannot be opened";
        return std::nullopt;
    }
    const std::streamoff size = in.tellg();
    std::string text(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    in.seekg(0);
    if (size > 0 && !in.read(text.data(), size)) {
        if (error) *error = "read error";
        return std::nullopt;
    }
    return text;
}

}  // namespace kiosk
