// libFuzzer target: the frames of a replayed camera (`[devices] camera = "replay:<folder>"`): a file name,
// whose raw "*-WxH.y8" size is read from the name, and its bytes (raw plane, or PNG/JPEG/BMP/PGM for
// stb_image). Input: the name up to the first NUL (a '/' is replaced, an extension may be forced by the first
// byte), then the file's bytes.
#include "fuzz_support.hpp"
#include "kiosk/core/scan/frame.hpp"
#include "kiosk/core/scan/replay_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kiosk::fuzz::quiet();
    kiosk::fuzz::Bytes in{data, size};
    static const char* const kExtensions[] = {"", ".y8", ".gray", ".png", ".jpg", ".bmp", ".pgm"};
    const char* ext = kExtensions[in.u8() % std::size(kExtensions)];
    const std::string_view rest = in.rest();
    const std::size_t nul = rest.find('\0');
    std::string name(rest.substr(0, std::min<std::size_t>(nul, 200)));
    for (char& c : name)
        if (c == '/') c = '_';
    name += ext;
    if (name.empty() || name == "." || name == "..") return 0;
    const std::string_view bytes = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
    const std::filesystem::path dir = kiosk::fuzz::scratch_dir() / "frames";
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir, ec);
    const std::filesystem::path file = dir / name;
    {
        std::ofstream out(file, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
    }
    // (stb_image may hand back a W×0 image as loaded: the decoder skips empty frames.)
    (void)kiosk::scan::load_frame(file);
    // The folder as the replaying camera opens it.
    kiosk::scan::ReplaySource source(std::vector<std::filesystem::path>{dir},
                                     {.interval = std::chrono::milliseconds(0)});
    (void)source.open();
    (void)source.next(std::chrono::milliseconds(0));
    source.close();
    return 0;
}
