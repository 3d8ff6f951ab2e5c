// The real kiosk binary starts on a content folder where files were replaced by folders or damaged: it says
// why in its log and keeps what is good, never crashes (under Restart=always a crash would loop forever).
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>

#include <fstream>

#include "kiosk/core/files.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
struct Run {
    int status = -1;
    std::string out;
};
Run run(const std::string& cmd) {
    Run r;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    REQUIRE(p);
    char buf[1024];
    while (fgets(buf, sizeof buf, p)) r.out += buf;
    r.status = pclose(p);
    return r;
}
// A content folder made of the shipped one, with `broken` entries left for the test to fill.
void content_except(const std::filesystem::path& to, std::initializer_list<std::string> broken) {
    std::filesystem::create_directories(to);
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "content")) {
        const std::string name = e.path().filename().string();
        if (std::find(broken.begin(), broken.end(), name) == broken.end())
            std::filesystem::create_directory_symlink(e.path(), to / name);
    }
}
std::string config_for(const test::TempDir& dir, const std::filesystem::path& content) {
    std::string text = *read_file(test::source_dir() / "content/demo/kiosk.toml");
    text.replace(text.find("content = \"..\""), 14, "content = \"" + content.string() + "\"");
    text.replace(text.find("camera = \"replay:pass/demo\""), 27, "camera = \"none\"");
    const auto file = dir.path / "kiosk.toml";
    std::ofstream(file) << text;
    return file.string();
}
}  // namespace

TEST_CASE("the kiosk starts on content whose files are folders or damaged, and says why") {
    test::TempDir dir;
    const auto content = dir.path / "content";
    content_except(content, {"communes.tsv", "pass", "diagnostic"});
    std::filesystem::create_directories(content / "communes.tsv");
    std::filesystem::create_directories(content / "pass/issuers.toml");
    std::filesystem::create_directories(content / "diagnostic/diagnostic.toml");
    // An MBTiles file whose metadata has a NULL name.
    std::filesystem::create_directories(content / "map");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((content / "map/null.mbtiles").c_str(), &db) == SQLITE_OK);
    REQUIRE(
        sqlite3_exec(
            db,
            "CREATE TABLE metadata (name text, value text);"
            "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);"
            "INSERT INTO metadata VALUES (NULL, 'x'), ('format', 'png');",
            nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    const std::string cmd = "SDL_VIDEODRIVER=dummy " + (test::binary_dir() / "kiosk/app/kiosk").string() +
                            " --config " + config_for(dir, content) + " --data-dir " +
                            (dir.path / "data").string() + " --idle-seconds 1";
    const Run r = run(cmd);
    INFO(r.out);
    REQUIRE(WIFEXITED(r.status));  // not killed by a signal (SIGABRT before)
    CHECK(WEXITSTATUS(r.status) == 0);
    CHECK_THAT(r.out, Catch::Contains("idle-frames"));
    CHECK_THAT(r.out, Catch::Contains("communes.tsv: is a folder, not a file"));
    CHECK_THAT(r.out, Catch::Contains("issuers.toml: is a folder, not a file"));
    CHECK_THAT(r.out, Catch::Contains("diagnostic.toml: is a folder, not a file"));
    CHECK_THAT(r.out, Catch::Contains(" places, "));  // the places, which are good, are loaded
}
