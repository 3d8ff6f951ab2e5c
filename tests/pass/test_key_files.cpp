// Issuer key files: a secret key is never readable by others, not even while it is being written.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "pass_test_support.hpp"

using namespace kiosk::pass;

namespace {
unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}
// The widest umask a shell may have: whatever a file gets is then what the code asked for.
struct OpenUmask {
    mode_t old = ::umask(0);
    ~OpenUmask() { ::umask(old); }
};
}  // namespace

TEST_CASE("a new file has its mode from its first moment, and an existing one is never opened") {
    kiosk::test::TempDir dir;
    OpenUmask open_umask;
    const auto file = dir.path / "issuer.sec.tmp";
    const int fd = create_new_file(file, 0600);
    REQUIRE(fd >= 0);
    struct stat st {};
    REQUIRE(::fstat(fd, &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);  // as created, before anything is written
    ::close(fd);
    CHECK(create_new_file(file, 0600) < 0);  // O_EXCL
    std::filesystem::create_symlink(dir.path / "elsewhere", dir.path / "link");
    CHECK(create_new_file(dir.path / "link", 0600) < 0);  // a symbolic link is not followed
    CHECK_FALSE(std::filesystem::exists(dir.path / "elsewhere"));
}

TEST_CASE("a secret key file is written with mode 0600 and never replaces an existing key") {
    kiosk::test::TempDir dir;
    OpenUmask open_umask;
    const SecretKey key = test::demo_secret();
    const auto file = dir.path / "issuer.sec";
    REQUIRE(write_secret_key(file, key, "test key") == "");
    CHECK(mode_of(file) == 0600);
    CHECK_FALSE(std::filesystem::exists(dir.path / "issuer.sec.tmp"));
    std::string why;
    CHECK(read_secret_key(file, &why) == key);
    CHECK_THAT(write_secret_key(file, key, "again"), Catch::Contains("exists already"));
    CHECK(read_secret_key(file, &why) == key);
}
