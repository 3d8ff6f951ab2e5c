// Rules about the code itself that a reviewer would otherwise have to remember.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

TEST_CASE("the core includes neither imgui nor SDL") {
    int files = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(kiosk::test::source_dir() / "kiosk/core")) {
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
    for (const auto& f : std::filesystem::recursive_directory_iterator(kiosk::test::source_dir() / "kiosk/ui")) {
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

TEST_CASE("with no display the kiosk plays its headless tour, writes every screen and exits") {
    kiosk::test::TempDir dir;
    const auto exe = kiosk::test::binary_dir() / "kiosk/app/kiosk";
    // No --headless: the kiosk must find out by itself that there is no screen (SDL would offer "offscreen").
    const std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY " + exe.string() + " --size 1280x800 --data-dir " +
                            (dir.path / "data").string() + " --screenshots " + (dir.path / "shots").string() + " 2>&1";
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
    CHECK(std::filesystem::exists(dir.path / "shots/tickets/ticket-000001.png"));  // the demo prints to a folder
}
