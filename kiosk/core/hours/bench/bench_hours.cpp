// kiosk-bench-hours: parse and evaluate the fixture values (real French open data + edge cases), print
// per-string parse and evaluate times (mean, p50, p99) and throughput, beside opening_hours.js doing the
// same work (content/tools/opening-hours/bench.mjs, run with node when present), and the ratios.
// Evaluate = status_at(t) + next_change(t, 400 days) at one instant, as getState + getNextChange.
// Usage: kiosk-bench-hours [fixtures.json] [--no-node]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/hours/opening_hours.hpp"

using namespace kiosk::hours;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
    double mean = 0, p50 = 0, p99 = 0;
};

Stats stats(std::vector<double> ns) {
    Stats s;
    if (ns.empty()) return s;
    std::sort(ns.begin(), ns.end());
    for (double v : ns) s.mean += v;
    s.mean /= static_cast<double>(ns.size());
    s.p50 = ns[ns.size() / 2];
    s.p99 = ns[std::min(ns.size() - 1, ns.size() * 99 / 100)];
    return s;
}

void print(const char* what, const Stats& s) {
    std::printf("  %-9s mean %10.0f ns   p50 %10.0f ns   p99 %10.0f ns   %12.0f strings/s\n", what, s.mean,
                s.p50, s.p99, 1e9 / s.mean);
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path source = KIOSK_SOURCE_DIR;
    std::filesystem::path fixture = source / "tests/hours/data/opening_hours_fixtures.json";
    bool run_node = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--no-node")
            run_node = false;
        else
            fixture = a;
    }
    std::ifstream in(fixture);
    if (!in) {
        std::cerr << "cannot read " << fixture << "\n";
        return 1;
    }
    const nlohmann::json fx = nlohmann::json::parse(in);
    std::vector<std::string> values;
    for (const auto& c : fx["cases"]) {
        bool corrected = false;
        for (const auto& s : c["sources"])
            corrected = corrected || s.get<std::string>() == "corrected-by-reference";
        if (c["ok"].get<bool>() && !corrected) values.push_back(c["value"].get<std::string>());
    }
    std::vector<LocalDateTime> instants;
    for (const auto& s : fx["instants"]) {
        int y, mo, d, h, mi;
        std::sscanf(s.get<std::string>().c_str(), "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi);
        instants.push_back(make_local(y, mo, d, h, mi));
    }
    const int limit_days = fx["next_change_limit_days"].get<int>();

    constexpr int kParseRepeat = 2000;
    constexpr int kEvalRepeat = 200;
    std::vector<double> parse_ns, eval_ns;
    long sink = 0;
    for (const std::string& v : values) {  // warm-up
        sink += OpeningHours::parse(v).understood();
    }
    for (const std::string& v : values) {
        auto t0 = Clock::now();
        for (int r = 0; r < kParseRepeat; ++r) {
            OpeningHours oh = OpeningHours::parse(v);
            sink += oh.understood();
        }
        parse_ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() /
                           kParseRepeat);
        const OpeningHours oh = OpeningHours::parse(v);
        t0 = Clock::now();
        for (int r = 0; r < kEvalRepeat; ++r) {
            for (const LocalDateTime& t : instants) {
                sink += oh.status_at(t).open();
                const auto n = oh.next_change(t, limit_days);
                sink += n ? n->minute : -1;
            }
        }
        eval_ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() /
                          (double(kEvalRepeat) * double(instants.size())));
    }
    const Stats p = stats(parse_ns), e = stats(eval_ns);
    std::printf("kiosk_hours (C++): %zu strings, %zu instants each (sink %ld)\n", values.size(),
                instants.size(), sink);
    print("parse", p);
    print("evaluate", e);

    const std::filesystem::path script = source / "content/tools/opening-hours/bench.mjs";
    const std::string command = "cd '" + script.parent_path().string() +
                                "' && TZ=Europe/Paris node bench.mjs '" + fixture.string() + "'";
    const bool have_modules = std::filesystem::exists(script.parent_path() / "node_modules/opening_hours");
    if (!run_node || !have_modules) {
        std::printf("\nopening_hours.js: not run%s. Run it with:\n  (cd %s && npm ci) && %s\n",
                    run_node ? " (node_modules missing)" : "", script.parent_path().c_str(), command.c_str());
        return 0;
    }
    std::string out;
    if (FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r")) {
        char buf[4096];
        while (std::fgets(buf, sizeof buf, pipe)) out += buf;
        pclose(pipe);
    }
    nlohmann::json js;
    try {
        js = nlohmann::json::parse(out);
    } catch (const std::exception&) {
        std::printf("\nopening_hours.js: could not run `%s`\n", command.c_str());
        return 0;
    }
    const Stats jp{js["parse"]["mean"], js["parse"]["p50"], js["parse"]["p99"]};
    const Stats je{js["evaluate"]["mean"], js["evaluate"]["p50"], js["evaluate"]["p99"]};
    std::printf("\n%s: %d strings, %d instants each\n", js["implementation"].get<std::string>().c_str(),
                js["strings"].get<int>(), js["instants"].get<int>());
    print("parse", jp);
    print("evaluate", je);
    std::printf(
        "\nratio (opening_hours.js / kiosk_hours), on means: parse %.0f×, evaluate %.0f×   (p50: %.0f×, "
        "%.0f×)\n",
        jp.mean / p.mean, je.mean / e.mean, jp.p50 / p.p50, je.p50 / e.p50);
    std::printf("goals: parse ≥ 50× %s, evaluate ≥ 20× %s\n", jp.mean / p.mean >= 50 ? "met" : "NOT met",
                je.mean / e.mean >= 20 ? "met" : "NOT met");
    return 0;
}
