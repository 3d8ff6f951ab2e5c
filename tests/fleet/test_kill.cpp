// kill -9 of the real tool (`kiosk-content bundle fetch`: the kiosk's own poll of a static host, download
// and install) at 100 random moments: the store must hold the old or the new content, each whole, never a
// mix, and must open (what the kiosk does at start) every time.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include <algorithm>
#include <random>

#include "fleet_support.hpp"

using namespace kiosk;
using namespace kiosk::fleet;
using kiosk::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

pid_t spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

int wait_exit(pid_t pid, bool& killed) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    killed = WIFSIGNALED(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("kill -9 at 100 random moments of download and install leaves the old or the new content, whole") {
    TempDir tmp;
    const fs::path content = tmp.path / "content";
    fs::create_directories(content);
    kiosk::test::small_content(content);
    kiosk::test::Signer signer(tmp.path);
    kiosk::test::Nginx nginx(tmp.path);
    constexpr int kLast = 6;
    for (int v = 1; v <= kLast; ++v) {
        if (v > 1) std::ofstream(content / "diagnostic/fleet-version.txt") << v;  // each version differs
        nginx.publish(signer.build(content, v, "content-" + std::to_string(v)));
    }
    const fs::path store_dir = tmp.path / "store", downloads = tmp.path / "downloads";
    auto reset = [&] {
        fs::remove_all(store_dir);
        fs::remove_all(downloads);
        ContentStore s(store_dir);
        REQUIRE(s.install(BundleFiles::at(tmp.path, "content-1"), signer.options()).ok());
    };
    auto publish_channel = [&](int v) {
        json c = {{"version", v}, {"rollout_percent", 100}, {"artifacts", json::array()}};
        const BundleFiles b = BundleFiles::at(tmp.path, "content-" + std::to_string(v));
        for (const fs::path& p : {b.payload, b.manifest, b.signature})
            c["artifacts"].push_back({{"filename", p.filename().string()},
                                      {"sha256", sha256_file(p)},
                                      {"size", fs::file_size(p)},
                                      {"url", p.filename().string()}});
        std::ofstream(nginx.www() / "channel.json.tmp") << c.dump();
        fs::rename(nginx.www() / "channel.json.tmp", nginx.www() / "channel.json");
    };
    const std::string tool = (kiosk::test::binary_dir() / "kiosk/kiosk-content").string();
    const std::vector<std::string> fetch = {tool,
                                            "bundle",
                                            "fetch",
                                            nginx.url("channel.json"),
                                            "--store",
                                            store_dir.string(),
                                            "--key",
                                            (tmp.path / "public.key").string(),
                                            "--download-dir",
                                            downloads.string(),
                                            "--app-version",
                                            "1.0.0"};
    // Whole runs, unkilled: the median is the span of the random moments.
    std::vector<long> spans;
    for (int i = 0; i < 3; ++i) {
        reset();
        publish_channel(2);
        const auto t0 = std::chrono::steady_clock::now();
        bool killed = false;
        REQUIRE(wait_exit(spawn(fetch), killed) == 0);
        spans.push_back(static_cast<long>(
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
                .count()));
        REQUIRE(ContentStore(store_dir).current()->version == 2);
    }
    std::sort(spans.begin(), spans.end());
    const long whole = spans[1];
    bool killed = false;

    reset();
    int target = 2, kills = 0, old_kept = 0, new_taken = 0;
    std::mt19937 rng(20261201);
    std::uniform_int_distribution<long> moment(0, whole * 11 / 10);
    publish_channel(target);
    for (int i = 0; kills < 100 && i < 400; ++i) {
        const pid_t pid = spawn(fetch);
        std::this_thread::sleep_for(std::chrono::microseconds(moment(rng)));
        ::kill(pid, SIGKILL);
        wait_exit(pid, killed);
        if (killed) ++kills;
        // What the kiosk does at start: open the store (it recovers), check what is current.
        bool status_killed = false;
        REQUIRE(wait_exit(spawn({tool, "bundle", "status", "--store", store_dir.string()}), status_killed) ==
                0);
        ContentStore store(store_dir);
        const auto cur = store.current();
        REQUIRE(cur);
        INFO("attempt " << i << ", target " << target);
        REQUIRE((cur->version == target - 1 || cur->version == target));
        REQUIRE(ContentStore::check(*cur).empty());  // whole: integrity and the signed rows' digest
        REQUIRE(fs::is_empty(store_dir / "staging"));
        if (cur->version == target) {
            if (killed) ++new_taken;
            if (++target > kLast) {
                reset();
                target = 2;
            }
            publish_channel(target);
        } else if (killed) {
            ++old_kept;
        }
    }
    CHECK(kills >= 100);
    CHECK(old_kept > 0);   // kills landed before the swap…
    CHECK(new_taken > 0);  // …and after it
}
