#include "platform/printer/folder_printer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "kiosk/core/printing/png.hpp"

namespace kiosk::platform {
namespace fs = std::filesystem;

namespace {

std::string ticket_name(long n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ticket-%06ld.png", n);
    return buf;
}

// The number after the highest ticket-NNNNNN.png already in the folder.
long next_number(const fs::path& folder) {
    long highest = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() < 12 || name.rfind("ticket-", 0) != 0 || name.substr(name.size() - 4) != ".png")
            continue;
        const std::string digits = name.substr(7, name.size() - 11);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
            digits.size() > 12)
            continue;
        highest = std::max(highest, std::atol(digits.c_str()));
    }
    return highest + 1;
}

// Renames without replacing an existing file: false with errno = EEXIST when `to` exists.
bool rename_no_replace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return false;
    // File systems without RENAME_NOREPLACE: a hard link fails on an existing name, then drop the temp name.
    if (::link(from.c_str(), to.c_str()) == 0) {
        ::unlink(from.c_str());
        return true;
    }
    return false;
}

}  // namespace

FolderPrinter::FolderPrinter(fs::path folder, int width, int dpi)
    : folder_(std::move(folder)), width_(width), dpi_(dpi) {}

fs::path FolderPrinter::last_file() const {
    std::lock_guard lock(mutex_);
    return last_;
}

PrinterStatus FolderPrinter::status() {
    std::error_code ec;
    if (!fs::is_directory(folder_, ec)) {
        const fs::path parent = folder_.parent_path().empty() ? fs::path(".") : folder_.parent_path();
        if (fs::exists(folder_, ec)) return {Health::not_found, folder_.string() + " is not a folder"};
        // print() creates it: fine if the nearest existing parent is writable.
        fs::path p = parent;
        while (!p.empty() && !fs::exists(p, ec) && p != p.parent_path()) p = p.parent_path();
        if (fs::is_directory(p, ec) && ::access(p.c_str(), W_OK) == 0) return {Health::ready, "ready"};
        return {Health::not_found, "cannot create the folder " + folder_.string()};
    }
    if (::access(folder_.c_str(), W_OK) != 0)
        return {Health::offline, "cannot write to " + folder_.string() + ": " + std::strerror(errno)};
    return {Health::ready, "ready"};
}

PrintResult FolderPrinter::print(const printing::Bitmap& ticket) {
    std::lock_guard lock(mutex_);
    if (ticket.empty()) return PrintResult::fail(PrintError::bad_ticket, "the ticket is empty");
    printing::PngBytes png = printing::encode_png(ticket, dpi_);
    if (!png.ok()) return PrintResult::fail(PrintError::failed, png.error);

    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec || !fs::is_directory(folder_))
        return PrintResult::fail(PrintError::cannot_write, "the folder " + folder_.string() + ": " +
                                                               (ec ? ec.message() : "is not a folder"));

    std::string tmp = (folder_ / ".ticket-XXXXXX.tmp").string();
    const int fd = ::mkostemps(tmp.data(), 4, O_CLOEXEC);
    if (fd < 0)
        return PrintResult::fail(PrintError::cannot_write, folder_.string() + ": " + std::strerror(errno));
    auto fail = [&](int err) {
        ::unlink(tmp.c_str());
        return PrintResult::fail(PrintError::cannot_write, folder_.string() + ": " + std::strerror(err));
    };
    std::size_t done = 0;
    while (done < png.bytes.size()) {
        const ssize_t n = ::write(fd, png.bytes.data() + done, png.bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            return fail(err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(err);
    }
    if (::close(fd) != 0) return fail(errno);

    for (long n = next_number(folder_), tries = 0; tries < 10000; ++n, ++tries) {
        const fs::path target = folder_ / ticket_name(n);
        if (rename_no_replace(tmp, target)) {
            last_ = target;
            return PrintResult::success();
        }
        if (errno != EEXIST) return fail(errno);
    }
    return fail(EEXIST);
}

}  // namespace kiosk::platform
