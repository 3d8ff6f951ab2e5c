// `kiosk-pass scan FILE…`: the kiosk's own pipeline on picture files, with the verdict. Frames of the golden
// set are written as a PNG-free raw plane (name-1280x720.y8) and a JPEG-like PNM, and the real tool is run.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "kiosk/core/scan/tools/synth.hpp"
#include "test_support.hpp"

using namespace kiosk::scan;

namespace {
std::string run(const std::string& cmd) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    return out;
}
}  // namespace

TEST_CASE("kiosk-pass scan reads picture files through the kiosk's pipeline and gives the verdict") {
    const kiosk::test::TempDir tmp;
    const auto& dir = tmp.path;
    const synth::Signer signer =
        synth::signer_from((kiosk::test::source_dir() / "tests/pass/keys/demo-2025.sec").string());
    const synth::Sample pass = synth::make_sample("base", synth::kDevSeed, 1, signer);
    const synth::Sample none = synth::make_sample("fp-clutter", synth::kDevSeed, 0, signer);
    const auto raw = dir / "pass-1280x720.y8";
    std::ofstream(raw, std::ios::binary)
        .write(reinterpret_cast<const char*>(pass.frame.lum.data()), std::streamsize(pass.frame.lum.size()));
    const auto pgm = dir / "letter.pgm";
    {
        std::ofstream out(pgm, std::ios::binary);
        out << "P5\n1280 720\n255\n";
        out.write(reinterpret_cast<const char*>(none.frame.lum.data()),
                  std::streamsize(none.frame.lum.size()));
    }
    const std::string tool = std::string(KIOSK_BINARY_DIR) + "/kiosk/kiosk-pass";
    const std::string registry = (kiosk::test::source_dir() / "content/pass/issuers.toml").string();
    const std::string out =
        run(tool + " scan " + raw.string() + " " + pgm.string() + " " + (dir / "missing.png").string() +
            " --registry " + registry + " --date 2026-06-01 --offline 2>&1");
    INFO(out);
    // The pass: its 100 characters, and the demo issuer's verdict.
    CHECK(out.find(raw.string() + " (1280x720): QR Code \"" + pass.expected + "\"") != std::string::npos);
    CHECK(out.find("accepted demo") != std::string::npos);
    // The letter: nothing read, and the words the kiosk would show.
    CHECK(out.find(pgm.string() + " (1280x720): nothing read; the kiosk says scan.feedback.") !=
          std::string::npos);
    CHECK(out.find("missing.png: cannot read") != std::string::npos);
}
