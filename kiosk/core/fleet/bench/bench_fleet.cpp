// kiosk-bench-fleet: figures of the fleet client on a national-size content. Prints figures; asserts nothing.
//   kiosk-bench-fleet [--places N] [--repeat N] [--polls N] [--keep DIR]
// The content is the shipped one with N places (20 000 by default: places::write_national_places, the one
// kiosk-bench-national uses) and the whole gazetteer (content/communes.tsv). Then:
//   1. build + sign of the full bundle (kiosk-content bundle build/sign do the same);
//   2. apply time of the full bundle on an empty store (verify signature and sha256, copy, integrity_check,
//      rows' digest, fsync, rename, health check), median of --repeat runs, goal <= 1 s;
//   3. delta size for a 1 % change (1 % of the places renamed and 1 % of the communes' lines edited), goal
//      <= 5 % of the full bundle, and its apply time; and on a held-out change the sizes were not tuned on
//      (0.5 % of the places removed, 0.5 % new ones, 1 % of the communes' populations changed);
//   4. CPU per poll: --polls DDI polls of a loopback server (the thread's user+system time, getrusage).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/fleet/bundle.hpp"
#include "kiosk/core/fleet/content_store.hpp"
#include "kiosk/core/fleet/live_content.hpp"
#include "kiosk/core/fleet/ddi.hpp"
#include "kiosk/core/places/commune.hpp"
#include "kiosk/core/places/csv.hpp"
#include "kiosk/core/places/national_sample.hpp"
#include "tests/support/loopback_http.hpp"

namespace fs = std::filesystem;
using namespace kiosk;
using namespace kiosk::fleet;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Rewrites a CSV, `edit` deciding per data row: keep (true) with changes, or drop (false).
template <class Edit>
void edit_csv(const fs::path& file, Edit edit, std::vector<std::vector<std::string>> extra = {}) {
    std::vector<std::vector<std::string>> rows;
    {
        std::ifstream in(file, std::ios::binary);
        places::csv::Reader reader(in);
        places::csv::Record rec;
        std::string error;
        while (reader.next(rec, error)) rows.push_back(rec.fields);
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (i == 0 || edit(i, rows[i])) places::csv::write_record(out, rows[i], true);
    for (auto& r : extra) places::csv::write_record(out, r, true);
}

void edit_tsv(const fs::path& file, std::size_t every, std::size_t column, const std::string& suffix) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    in.close();
    std::ofstream out(file, std::ios::trunc);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string l = lines[i];
        if (i > 0 && i % every == 0) {
            std::size_t start = 0;
            for (std::size_t c = 0; c < column && start != std::string::npos; ++c)
                start = l.find('\t', start) + 1;
            const std::size_t end = l.find('\t', start);
            l = l.substr(0, end) + suffix + (end == std::string::npos ? "" : l.substr(end));
        }
        out << l << "\n";
    }
}

struct Apply {
    double ms = 0;
    bool ok = false;
    std::string why;
};

Apply apply(const fs::path& store_dir, const BundleFiles& base, const BundleFiles* delta,
            const InstallOptions& o) {
    fs::remove_all(store_dir);
    ContentStore store(store_dir);
    if (delta && !store.install(base, o).ok()) return {0, false, "base"};
    const auto t0 = Clock::now();
    const InstallResult r = store.install(delta ? *delta : base, o);
    return {ms_since(t0), r.ok(), r.problem.en};
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 20'000;
    int repeat = 3, polls = 200;
    std::string keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--places")
            count = static_cast<std::size_t>(std::atol(argv[i + 1]));
        else if (a == "--repeat")
            repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--polls")
            polls = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--keep")
            keep = argv[i + 1];
        else {
            std::cerr << "usage: kiosk-bench-fleet [--places N] [--repeat N] [--polls N] [--keep DIR]\n";
            return 64;
        }
    }
    const fs::path source = fs::path(KIOSK_SOURCE_DIR) / "content";
    char tmpl[] = "/tmp/kiosk-bench-fleet-XXXXXX";
    const fs::path work = keep.empty() ? fs::path(mkdtemp(tmpl)) : fs::path(keep);
    fs::create_directories(work);
    const fs::path content = work / "content";
    fs::remove_all(content);
    fs::create_directories(content / "places");
    for (const auto& e : fs::directory_iterator(source)) {
        const std::string n = e.path().filename().string();
        if (n != "places" && n != "tools") fs::copy(e.path(), content / n, fs::copy_options::recursive);
    }
    std::vector<std::string> errors;
    const auto communes = places::load_communes(source / "communes.tsv", errors);
    const fs::path csv = content / "places/national-v1.csv";
    places::write_national_places(source, csv, count, communes);
    std::size_t commune_lines = 0;
    {
        std::ifstream in(content / "communes.tsv");
        for (std::string l; std::getline(in, l);) ++commune_lines;
    }
    std::printf("content: %zu places, %zu gazetteer lines (%zu communes loaded)\n", count, commune_lines - 1,
                communes.size());

    generate_keys(work / "secret.key", work / "public.key");
    std::string e;
    const SecretKey sk = *read_secret_key(work / "secret.key", e);
    InstallOptions o;
    o.trusted_key = *read_public_key(work / "public.key", e);
    o.app_version = "1.0.0";

    auto build = [&](std::int64_t v, const std::string& stem) {
        const BundleFiles f = BundleFiles::at(work, stem);
        BuildOptions b;
        b.version = v;
        build_bundle(content, f, b);
        sign_bundle(f, sk);
        return f;
    };
    auto t0 = Clock::now();
    const BundleFiles v1 = build(1, "content-1");
    const double build_ms = ms_since(t0);
    const auto full = fs::file_size(v1.payload);
    std::printf("build + sign full bundle: %.0f ms, %.1f MB\n", build_ms, static_cast<double>(full) / 1e6);

    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const Apply a = apply(work / "store", v1, nullptr, o);
        if (!a.ok) {
            std::printf("apply failed: %s\n", a.why.c_str());
            return 1;
        }
        times.push_back(a.ms);
    }
    std::printf(
        "apply full bundle (verify, copy, integrity_check, digest, fsync, swap, health): median %.0f ms "
        "of %d (goal <= 1000 ms)\n",
        median(times), repeat);

    // The running kiosk's side (FleetJourney): the slot turned into a content folder, then the health check
    // (every journey's content loaded with its own loader).
    {
        ContentStore store(work / "store");
        const auto cur = store.current();
        std::vector<double> folder_ms, check_ms;
        std::string why;
        for (int i = 0; i < repeat && cur; ++i) {
            fs::remove_all(work / "live");
            const auto t = Clock::now();
            const auto live = live_folder(*cur, work / "live", why);
            folder_ms.push_back(ms_since(t));
            if (!live) break;
            const auto c = Clock::now();
            why = check_content_folder(*live, work / "health");
            check_ms.push_back(ms_since(c));
            if (!why.empty()) break;
        }
        if (!why.empty() || folder_ms.empty())
            std::printf("live content folder failed: %s\n", why.c_str());
        else
            std::printf(
                "running kiosk: content folder from the slot median %.0f ms, health check (every journey's "
                "content loads) median %.0f ms, of %d\n",
                median(folder_ms), median(check_ms), repeat);
    }

    // 1 % change (development set): 1 % of the places renamed, 1 % of the gazetteer's names edited.
    fs::copy_file(csv, work / "national-v1.csv.orig", fs::copy_options::overwrite_existing);
    fs::copy_file(content / "communes.tsv", work / "communes.tsv.orig", fs::copy_options::overwrite_existing);
    edit_csv(csv, [](std::size_t i, std::vector<std::string>& r) {
        if (i % 100 == 0) r[2] += " (nouveau nom)";
        return true;
    });
    edit_tsv(content / "communes.tsv", 100, 1, "-Nouveau");
    const BundleFiles v2 = build(2, "content-2");
    const BundleFiles d12 = BundleFiles::at(work, "delta-1-2");
    diff_bundles(v1, v2, d12);
    sign_bundle(d12, sk);
    const auto dsize = fs::file_size(d12.payload);
    times.clear();
    for (int i = 0; i < repeat; ++i) times.push_back(apply(work / "store", v1, &d12, o).ms);
    std::printf(
        "delta for a 1 %% change: %.1f KB = %.2f %% of the full bundle (goal <= 5 %%), apply median %.0f "
        "ms\n",
        static_cast<double>(dsize) / 1e3, 100.0 * static_cast<double>(dsize) / static_cast<double>(full),
        median(times));

    // Held-out change: from the original content, 0.5 % of the places removed, 0.5 % new ones (copies of
    // others under new ids, elsewhere), 1 % of the communes' populations changed.
    fs::copy_file(work / "national-v1.csv.orig", csv, fs::copy_options::overwrite_existing);
    fs::copy_file(work / "communes.tsv.orig", content / "communes.tsv", fs::copy_options::overwrite_existing);
    std::vector<std::vector<std::string>> added;
    edit_csv(csv, [&](std::size_t i, std::vector<std::string>& r) {
        if (i % 200 == 7) return false;
        if (i % 200 == 101) {
            auto copy = r;
            copy[0] = "held-out-" + std::to_string(i);
            copy[8] = std::to_string(std::atof(copy[8].c_str()) + 0.01);
            added.push_back(copy);
        }
        return true;
    });
    edit_csv(
        csv, [](std::size_t, std::vector<std::string>&) { return true; }, added);
    edit_tsv(content / "communes.tsv", 100, 4, "1");
    const BundleFiles v3 = build(3, "content-3");
    const BundleFiles d13 = BundleFiles::at(work, "delta-1-3");
    diff_bundles(v1, v3, d13);
    const auto hsize = fs::file_size(d13.payload);
    std::printf("held-out change (0.5 %% removed, 0.5 %% added, 1 %% populations): delta %.1f KB = %.2f %%\n",
                static_cast<double>(hsize) / 1e3,
                100.0 * static_cast<double>(hsize) / static_cast<double>(full));

    // CPU per poll: the DDI poll (GET, JSON parse) of a loopback server, no action pending.
    kiosk::test::LoopbackHttpServer server([](const kiosk::test::HttpRequest&) {
        return kiosk::test::HttpAnswer{200, R"({"config":{"polling":{"sleep":"00:05:00"}},"_links":{}})",
                                       "application/hal+json"};
    });
    FleetSettings s;
    s.server = server.url("");
    s.controller_id = "bench";
    s.http.target_token = "t";
    s.download_dir = work / "downloads";
    s.install = o;
    ContentStore store(work / "store");
    FleetClient client(s, store);
    Task task;
    const PollOutcome first = client.poll_once(task);  // the first one opens libcurl and sends configData
    if (!first.reached) std::printf("poll: %s\n", first.error.c_str());
    rusage r0{}, r1{};
    getrusage(RUSAGE_THREAD, &r0);
    t0 = Clock::now();
    int reached = 0;
    for (int i = 0; i < polls; ++i) reached += client.poll_once(task).reached;
    const double wall = ms_since(t0);
    getrusage(RUSAGE_THREAD, &r1);
    auto us = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec);
    };
    const double cpu = (us(r1.ru_utime) - us(r0.ru_utime)) + (us(r1.ru_stime) - us(r0.ru_stime));
    std::printf(
        "poll (GET + JSON, loopback): %d/%d reached, CPU %.0f us per poll (user+system of the polling "
        "thread), wall %.2f ms per poll; at the default 5 min sleep: %.6f %% of one core\n",
        reached, polls, cpu / polls, wall / polls, 100.0 * cpu / polls / 300e6);
    if (keep.empty()) fs::remove_all(work);
    return 0;
}
