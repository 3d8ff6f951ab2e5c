#include "run_marker.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "log.hpp"

namespace kiosk {

namespace {
std::optional<std::string> read_small(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text(4096, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}
void write_whole(const std::filesystem::path& file, const std::string& text) {
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) return;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
}
}  // namespace

std::optional<LastCrash> RunMarker::parse(const std::string& text) {
    std::istringstream in(text);
    std::string word;
    LastCrash c;
    bool any = false;
    while (in >> word) {
        if (word == "started" || word == "found") {
            std::string n;
            in >> n;
            char* end = nullptr;
            const long long v = std::strtoll(n.c_str(), &end, 10);
            if (n.empty() || *end != '\0' || v < 0) continue;
            (word == "started" ? c.started_at : c.found_at) = v;
            any = true;
        } else if (word == "signal") {
            in >> c.signal;
            if (c.signal.size() > 16 || c.signal.rfind("SIG", 0) != 0) c.signal.clear();
            any = true;
        }
    }
    if (!any) return std::nullopt;
    return c;
}

RunMarker::RunMarker(const std::filesystem::path& data_dir, std::int64_t now_unix) {
    if (data_dir.empty()) return;
    marker_ = data_dir / "running";
    saved_ = data_dir / "last-crash";
    if (const auto left = read_small(marker_)) {
        LastCrash c = parse(*left).value_or(LastCrash{});
        c.found_at = now_unix;
        last_ = c;
        crashed_now_ = true;
        write_whole(saved_, "started " + std::to_string(c.started_at) + "\nfound " +
                                std::to_string(now_unix) + "\n" +
                                (c.signal.empty() ? "" : "signal " + c.signal + "\n"));
        log::warn("the previous run did not end cleanly",
                  c.signal.empty() ? " (killed or power cut)" : " (" + c.signal + ")");
    } else if (const auto saved = read_small(saved_)) {
        last_ = parse(*saved);
    }
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    fd_ = ::open(marker_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    if (fd_ < 0) return;
    const std::string line = "started " + std::to_string(now_unix) + "\n";
    if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        log::warn("cannot write ", marker_.string());
}

RunMarker::~RunMarker() {
    if (fd_ >= 0) ::close(fd_);
    if (!marker_.empty()) {
        std::error_code ec;
        std::filesystem::remove(marker_, ec);
    }
}

}  // namespace kiosk
