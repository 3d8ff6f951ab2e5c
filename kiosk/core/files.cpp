#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <new>

namespace kiosk {

namespace {
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};
}  // namespace

std::optional<std::string> read_file(const std::filesystem::path& file, std::string* error,
                                     std::size_t max_bytes) {
    auto fail = [&](const std::string& why) -> std::optional<std::string> {
        if (error) *error = why;
        return std::nullopt;
    };
    // Checked on the open descriptor: a folder opens fine on Linux and then reports an absurd size.
    Fd in{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (in.fd < 0) return fail("cannot be opened");
    struct stat st {};
    if (::fstat(in.fd, &st) != 0) return fail("cannot be opened");
    if (S_ISDIR(st.st_mode)) return fail("is a folder, not a file");
    if (!S_ISREG(st.st_mode)) return fail("is not a regular file");
    const auto size = static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 0);
    if (size > max_bytes) return fail("is larger than " + std::to_string(max_bytes) + " bytes");
    std::string text;
    try {
        text.resize(size);
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t n = ::read(in.fd, text.data() + done, text.size() - done);
            if (n == 0) break;
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fail("read error");
            done += static_cast<std::size_t>(n);
        }
        text.resize(done);
        // The file may have grown since fstat, or report no size at all (/proc): read on to its end.
        char more[65536];
        for (;;) {
            const ssize_t n = ::read(in.fd, more, sizeof more);
            if (n == 0) break;
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fail("read error");
            if (static_cast<std::size_t>(n) > max_bytes - text.size())
                return fail("is larger than " + std::to_string(max_bytes) + " bytes");
            text.append(more, static_cast<std::size_t>(n));
        }
    } catch (const std::bad_alloc&) {
        return fail("is too large to be read");
    }
    return text;
}

std::optional<std::string> read_file_reporting(const std::filesystem::path& file,
                                               std::vector<std::string>& errors) {
    std::string why;
    std::optional<std::string> bytes = read_file(file, &why);
    if (!bytes)
        errors.push_back(file.string() + ": " + (why == "cannot be opened" ? "cannot open the file" : why));
    return bytes;
}

}  // namespace kiosk
