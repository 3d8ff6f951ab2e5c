// kiosk-bench-scan [--golden DIR] [--repeat N] [--no-zbar]: decode time per frame (p50/p99) and detection
// rate on the golden frames with the kiosk's pipeline (ROI, reduced resolution first, try harder only when
// needed), zxing-cpp on the whole frame with "try harder" for reference, and zbarimg on the same files.
// Prints figures; asserts nothing.
#include <cmath>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/core/scan/decode.hpp"

using namespace kiosk::scan;
namespace fs = std::filesystem;

namespace {
struct Entry {
    std::string name, category;
    std::string expected;
    Frame frame;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(std::llround(p * double(v.size() - 1))))];
}

std::string run(const std::string& cmd) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

struct Row {
    const char* name;
    std::map<std::string, std::pair<int, int>> rate;
    std::vector<double> ms;
};

void print(const Row& r) {
    int ok = 0, all = 0;
    std::printf("%-34s", r.name);
    for (const auto& [cat, c] : r.rate) {
        std::printf(" %s %d/%d", cat.c_str(), c.first, c.second);
        ok += c.first;
        all += c.second;
    }
    std::printf("\n%-34s total %d/%d (%.0f %%)   time per frame p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", "",
                ok, all, all ? 100.0 * ok / all : 0.0, percentile(r.ms, 0.5), percentile(r.ms, 0.99),
                r.ms.empty() ? 0 : *std::max_element(r.ms.begin(), r.ms.end()));
}
}  // namespace

int main(int argc, char** argv) {
    fs::path golden = fs::path(KIOSK_SOURCE_DIR) / "tests/scan/golden";
    int repeat = 5;
    bool zbar = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--golden") && i + 1 < argc)
            golden = argv[++i];
        else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--no-zbar"))
            zbar = false;
        else {
            std::fprintf(stderr, "usage: kiosk-bench-scan [--golden DIR] [--repeat N] [--no-zbar]\n");
            return 2;
        }
    }
    std::vector<Entry> entries;
    std::ifstream index(golden / "index.tsv");
    std::string line;
    while (std::getline(index, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream f(line);
        Entry e;
        std::getline(f, e.name, '\t');
        std::getline(f, e.category, '\t');
        std::ifstream t(golden / (e.name + ".txt"), std::ios::binary);
        e.expected.assign(std::istreambuf_iterator<char>(t), {});
        LoadedFrame lf = load_frame(golden / (e.name + ".png"));
        if (!lf.ok()) {
            std::fprintf(stderr, "%s\n", lf.error.c_str());
            return 1;
        }
        e.frame = std::move(lf.frame);
        entries.push_back(std::move(e));
    }
    if (entries.empty()) {
        std::fprintf(stderr, "no golden frames in %s\n", golden.c_str());
        return 1;
    }
    std::printf("%zu golden frames (%dx%d) from %s, %d runs each\n\n", entries.size(), entries[0].frame.width,
                entries[0].frame.height, golden.c_str(), repeat);

    auto bench = [&](Row& row, const DecodeOptions& options) {
        for (const Entry& e : entries) {
            auto& c = row.rate[e.category];
            ++c.second;
            bool ok = false;
            for (int r = 0; r < repeat; ++r) {
                const auto t0 = std::chrono::steady_clock::now();
                DecodeOutcome out = decode_frame(e.frame, options);
                row.ms.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                ok = out.code && out.code->text == e.expected;
            }
            if (ok) ++c.first;
        }
    };
    Row kiosk_row{"kiosk pipeline (ROI, fast first)", {}, {}};
    bench(kiosk_row, DecodeOptions{});
    print(kiosk_row);
    {  // frames without any code (the common case in front of an idle kiosk): the cost of looking
        Row empty{"  frames without a code", {}, {}};
        Frame blank;
        blank.width = entries[0].frame.width;
        blank.height = entries[0].frame.height;
        blank.lum.assign(std::size_t(blank.width) * blank.height, 0);
        for (std::size_t i = 0; i < blank.lum.size(); ++i)
            blank.lum[i] = std::uint8_t(90 + (i % blank.width) / 40 + ((i * 2654435761u) >> 29));
        for (int r = 0; r < 50 * repeat; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            (void)decode_frame(blank, DecodeOptions{});
            empty.ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::printf("%-34s p50 %.2f ms  p99 %.2f ms\n", empty.name, percentile(empty.ms, 0.5),
                    percentile(empty.ms, 0.99));
    }
    DecodeOptions slow;
    slow.roi = Roi::full();
    slow.fast_max_side = 1 << 20;
    slow.slow_pass_always = true;
    Row full_row{"zxing whole frame, try harder", {}, {}};
    bench(full_row, slow);
    print(full_row);

    if (zbar) {
        if (run("command -v zbarimg").empty()) {
            std::printf("zbarimg: not installed (Debian: zbar-tools)\n");
            return 0;
        }
        Row z{"zbarimg (process per file)", {}, {}};
        for (const Entry& e : entries) {
            auto& c = z.rate[e.category];
            ++c.second;
            const fs::path png = golden / (e.name + ".png");
            const auto t0 = std::chrono::steady_clock::now();
            const std::string out = run("zbarimg --raw -q '" + png.string() + "' 2>/dev/null");
            z.ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            std::istringstream lines(out);
            std::string l;
            bool ok = false;
            while (std::getline(lines, l)) ok = ok || l == e.expected;
            if (ok) ++c.first;
        }
        print(z);
        std::printf(
            "  (zbarimg's time includes starting the process and reading the PNG; zbar reads no "
            "DataMatrix)\n");
    }
    return 0;
}
