#pragma once
// Shared by the libFuzzer targets: the source tree (content, schemas), a quiet log, and a scratch file in
// tmpfs for the parsers that read a path.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <sanitizer/lsan_interface.h>
#include <unistd.h>

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/log.hpp"

namespace kiosk::fuzz {

inline std::filesystem::path source_dir() {
    return KIOSK_SOURCE_DIR;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Once per process: only errors are logged, so that the fuzzer's own output stays readable.
inline void quiet() {
    static const bool done = (log::set_min_level(log::Level::Error), true);
    (void)done;
}

// The shipped catalogs (content/i18n), loaded once. libgettextpo 0.21 keeps a copy of each file name it lexes
// and never frees it (po-lex.c, lex_start): loading is kept out of the leak check, the inputs' runs are not.
inline const Translator& shipped_translator() {
    static const Translator& t = []() -> const Translator& {
        static Translator tr;
        __lsan::ScopedDisabler not_a_leak_of_ours;
        std::vector<std::string> errors;
        tr.load_folder(source_dir() / "content/i18n", "fr", errors);
        return tr;
    }();
    return t;
}

// A folder of this process in tmpfs (/dev/shm when it exists), created once, removed at exit.
inline const std::filesystem::path& scratch_dir() {
    static const struct Dir {
        std::filesystem::path path;
        Dir() {
            std::error_code ec;
            const std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                                   ? std::filesystem::path("/dev/shm")
                                                   : std::filesystem::temp_directory_path();
            path = base / ("kiosk-fuzz-" + std::to_string(::getpid()));
            std::filesystem::create_directories(path, ec);
        }
        ~Dir() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    } dir;
    return dir.path;
}

// Writes `bytes` to scratch_dir()/name (replacing it) and returns the path.
inline std::filesystem::path write_scratch(const std::string& name, std::string_view bytes) {
    const std::filesystem::path p = scratch_dir() / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    return p;
}

// Reads little pieces of the input as numbers, then hands out the rest (structured inputs).
struct Bytes {
    const std::uint8_t* data;
    std::size_t size;
    std::uint8_t u8() {
        if (size == 0) return 0;
        --size;
        return *data++;
    }
    std::uint16_t u16() { return std::uint16_t(u8() | (u8() << 8)); }
    std::string_view rest() { return {reinterpret_cast<const char*>(data), size}; }
};

}  // namespace kiosk::fuzz
