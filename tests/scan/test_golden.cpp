// The golden frames (tests/scan/golden, written by kiosk/core/scan/tools/make_golden.cpp): a minimum
// detection rate per category, with the same pipeline as the kiosk (decode_frame, default options: the guide
// frame, reduced resolution first, "try harder" only when something was seen). And frames where nothing may
// be read.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "kiosk/core/scan/decode.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "test_support.hpp"

using namespace kiosk::scan;

namespace {
struct Entry {
    std::string name, category, symbology;
};
std::vector<Entry> golden_index(const std::filesystem::path& dir) {
    std::vector<Entry> out;
    std::ifstream in(dir / "index.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Entry e;
        std::getline(fields, e.name, '\t');
        std::getline(fields, e.category, '\t');
        std::getline(fields, e.symbology, '\t');
        out.push_back(e);
    }
    return out;
}
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("Golden frames: minimum detection rate per category") {
    const auto dir = kiosk::test::source_dir() / "tests/scan/golden";
    const auto entries = golden_index(dir);
    REQUIRE(entries.size() >= 30);
    // Minimum rates (measured rates are in the benchmark's output and the scan report).
    const std::map<std::string, double> minimum = {
        {"plain", 1.0},  {"perspective", 0.85}, {"blur", 0.70},  {"lowlight", 0.85},
        {"glare", 0.70}, {"hidden", 0.70},      {"small", 0.70},
    };
    std::map<std::string, std::pair<int, int>> counts;  // read, total
    for (const Entry& e : entries) {
        LoadedFrame f = load_frame(dir / (e.name + ".png"));
        REQUIRE(f.ok());
        const std::string expected = slurp(dir / (e.name + ".txt"));
        DecodeOutcome out = decode_frame(f.frame, DecodeOptions{});
        auto& c = counts[e.category];
        ++c.second;
        if (out.code) {
            INFO(e.name << " (" << e.category << ", " << e.symbology << ")");
            CHECK(out.code->text == expected);  // a wrong read is never acceptable
            if (out.code->text == expected) ++c.first;
        } else {
            WARN(e.name << " (" << e.category << ", " << e.symbology << ") not read"
                        << (out.seen ? " (seen)" : ""));
        }
    }
    for (const auto& [category, c] : counts) {
        const double rate = double(c.first) / c.second;
        INFO(category << ": " << c.first << "/" << c.second);
        REQUIRE(minimum.count(category));
        CHECK(rate >= minimum.at(category));
    }
}

TEST_CASE("False positives: nothing is read in frames without a code") {
    const auto files = image_files(kiosk::test::source_dir() / "tests/scan/falsepositives");
    REQUIRE(files.size() >= 10);
    DecodeOptions options;
    options.slow_pass_always = true;  // the most tolerant setting must not invent codes either
    for (const auto& path : files) {
        LoadedFrame f = load_frame(path);
        REQUIRE(f.ok());
        DecodeOutcome out = decode_frame(f.frame, options);
        INFO(path.filename().string() << " read as " << (out.code ? out.code->text : std::string("nothing")));
        CHECK_FALSE(out.code);
    }
}
