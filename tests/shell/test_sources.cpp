// Rules about the code itself that a reviewer would otherwise have to remember.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "kiosk/core/log.hpp"
#include "test_support.hpp"

TEST_CASE("the core includes neither imgui nor SDL") {
    int files = 0;
    for (const auto& f :
         std::filesystem::recursive_directory_iterator(kiosk::test::source_dir() / "kiosk/core")) {
        if (!f.is_regular_file()) continue;
        std::ifstream in(f.path());
        std::stringstream s;
        s << in.rdbuf();
        const std::string text = s.str();
        INFO(f.path().string());
        CHECK(text.find("#include <imgui") == std::string::npos);
        CHECK(text.find("#include \"imgui") == std::string::npos);
        CHECK(text.find("#include <SDL") == std::string::npos);
        ++files;
    }
    CHECK(files > 10);
}

TEST_CASE("the screens include no SDL") {
    for (const auto& f :
         std::filesystem::recursive_directory_iterator(kiosk::test::source_dir() / "kiosk/ui")) {
        if (!f.is_regular_file()) continue;
        std::ifstream in(f.path());
        std::stringstream s;
        s << in.rdbuf();
        INFO(f.path().string());
        CHECK(s.str().find("#include <SDL") == std::string::npos);
    }
}

TEST_CASE("a crash leaves a readable trace on stderr") {
    const auto exe = kiosk::test::binary_dir() / "kiosk/app/kiosk";
    const std::string cmd = exe.string() + " --crash-test 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    int status = pclose(p);
    CHECK(status != 0);
    CHECK_THAT(out, Catch::Contains("kiosk crit: fatal signal Segmentation fault"));
    CHECK_THAT(out, Catch::Contains("main"));  // a stack with names
    CHECK_THAT(out, Catch::Contains("end of stack"));
}

TEST_CASE("a crash writes no core file, even where the system would allow one") {
    kiosk::test::TempDir dir;
    const auto exe = kiosk::test::binary_dir() / "kiosk/app/kiosk";
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The most a system allows: cores unlimited, written into a folder the kiosk may write.
        rlimit all{};
        ::getrlimit(RLIMIT_CORE, &all);
        all.rlim_cur = all.rlim_max;
        ::setrlimit(RLIMIT_CORE, &all);
        if (::chdir(dir.path.c_str()) != 0) _exit(100);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDERR_FILENO);
        ::execl(exe.c_str(), exe.c_str(), "--crash-test", static_cast<char*>(nullptr));
        _exit(101);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGSEGV);
    CHECK_FALSE(WCOREDUMP(status));
    for (const auto& f : std::filesystem::directory_iterator(dir.path))
        CHECK(f.path().filename().string().rfind("core", 0) != 0);
}

TEST_CASE("with no display the kiosk plays its headless tour, writes every screen and exits") {
    kiosk::test::TempDir dir;
    const auto exe = kiosk::test::binary_dir() / "kiosk/app/kiosk";
    // No --headless: the kiosk must find out by itself that there is no screen (SDL would offer "offscreen").
    const std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY " + exe.string() +
                            " --size 1280x800 --data-dir " + (dir.path / "data").string() +
                            " --screenshots " + (dir.path / "shots").string() + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    const int status = pclose(p);
    INFO(out.substr(out.size() > 2000 ? out.size() - 2000 : 0));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK_THAT(out, Catch::Contains("no display found: playing the headless tour"));
    CHECK_THAT(out, Catch::Contains("screenshots in"));
    int pngs = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir.path / "shots"))
        if (f.path().extension() == ".png") ++pngs;
    CHECK(pngs >= 30);
    CHECK(std::filesystem::exists(dir.path /
                                  "shots/tickets/ticket-000001.png"));  // the demo prints to a folder
}

TEST_CASE("a log line is one line: control characters from a server's answer are escaped") {
    std::vector<std::string> lines;
    kiosk::log::set_sink([&](std::string_view line) { lines.emplace_back(line); });
    kiosk::log::error("online: unknown status \"x\n<2>kiosk crit: forged\r\x1b[2J\x7f\"");
    kiosk::log::set_sink({});
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] ==
          "<3>kiosk error: online: unknown status \"x\\x0a<2>kiosk crit: forged\\x0d\\x1b[2J\\x7f\"");
    for (char c : lines[0]) CHECK(static_cast<unsigned char>(c) >= 0x20);
    CHECK(kiosk::log::escape("café — ok") == "café — ok");  // UTF-8 is kept as is
}

TEST_CASE(
    "the licence is in the repository, and every package the kiosk is built from is in the third-party "
    "notice") {
    const auto root = kiosk::test::source_dir();
    std::ifstream licence(root / "LICENSE");
    std::string first;
    std::getline(licence, first);
    CHECK_THAT(first, Catch::Contains("GNU GENERAL PUBLIC LICENSE"));
    std::ifstream notice_file(root / "THIRD-PARTY.md"), deps_file(root / "scripts/install-deps.sh");
    std::stringstream notice, deps;
    notice << notice_file.rdbuf();
    deps << deps_file.rdbuf();
    REQUIRE_FALSE(notice.str().empty());
    std::istringstream words(deps.str());
    std::string w;
    int checked = 0;
    while (words >> w) {
        const bool library = w.size() > 4 && w.compare(w.size() - 4, 4, "-dev") == 0;
        if (!library && w.rfind("fonts-", 0) != 0) continue;
        INFO(w);
        CHECK(notice.str().find(w) != std::string::npos);
        ++checked;
    }
    CHECK(checked >= 18);
}
