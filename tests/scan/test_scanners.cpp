#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/videodev2.h>
#include <unistd.h>

#include "kiosk/core/scan/decoder.hpp"
#include "kiosk/core/scan/source_runner.hpp"
#include "platform/scanner/serial_source.hpp"
#include "platform/scanner/v4l2_source.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
// A pseudo-terminal standing in for the scanner: we write on the master, the source reads the slave.
struct Pty {
    int master = -1;
    std::string slave;
    Pty() {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) slave = ptsname(master);
    }
    ~Pty() {
        if (master >= 0) ::close(master);
    }
    void write(const std::string& s) const {
        REQUIRE(::write(master, s.data(), s.size()) == ssize_t(s.size()));
    }
};
}  // namespace

TEST_CASE("Serial scanner: lines ending in CR, LF or CR LF are codes") {
    Pty pty;
    REQUIRE(!pty.slave.empty());
    platform::SerialSource source({pty.slave, 115200});
    REQUIRE(source.open() == "");
    CHECK(source.next(20ms).kind == scan::SourceItem::Kind::Nothing);
    pty.write("PN123456\r\nSECOND\rTHIRD\n");
    std::vector<std::string> got;
    for (int i = 0; i < 50 && got.size() < 3; ++i) {
        scan::SourceItem item = source.next(100ms);
        REQUIRE(item.kind != scan::SourceItem::Kind::Error);
        if (item.kind == scan::SourceItem::Kind::Text) {
            CHECK(item.symbology == scan::Symbology::Serial);
            got.push_back(item.text);
        }
    }
    CHECK(got == std::vector<std::string>{"PN123456", "SECOND", "THIRD"});
    pty.write("PART");  // no end of line yet: nothing
    CHECK(source.next(30ms).kind == scan::SourceItem::Kind::Nothing);
    pty.write("IAL\r\n");
    scan::SourceItem item = source.next(500ms);
    REQUIRE(item.kind == scan::SourceItem::Kind::Text);
    CHECK(item.text == "PARTIAL");
}

TEST_CASE("Serial scanner: missing device, bad speed, and through the runner") {
    platform::SerialSource missing({"/dev/nonexistent-scanner", 9600});
    const std::string error = missing.open();
    CHECK(error.find("/dev/nonexistent-scanner") != std::string::npos);
    CHECK_FALSE(missing.is_open());
    platform::SerialSource odd({"/dev/null", 12345});
    CHECK(odd.open().find("12345") != std::string::npos);

    Pty pty;
    RunQueue ui;
    TaskRunner tasks{ui};
    std::vector<scan::ScanResult> results;
    scan::Decoder decoder(tasks, scan::DecoderOptions{},
                          [&](const scan::ScanResult& r) { results.push_back(r); });
    scan::SourceRunner runner(
        std::make_unique<platform::SerialSource>(platform::SerialOptions{pty.slave, 9600}), decoder, ui,
        scan::RunnerOptions{2000ms, 20ms, {}, {}});
    runner.start();
    for (int i = 0; i < 100 && !runner.status().open; ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(runner.status().open);
    pty.write("9876543210\r\n");
    for (int i = 0; i < 200 && results.empty(); ++i) {
        std::this_thread::sleep_for(10ms);
        ui.run_pending();
    }
    runner.stop();
    REQUIRE(results.size() == 1);
    CHECK(results[0].text == "9876543210");
    CHECK(decoder.feedback() == scan::Feedback::Read);
}

TEST_CASE("Camera: a missing device gives a clear error and can be retried") {
    platform::V4l2Source camera({"/dev/video-nonexistent", 1280, 720, platform::PixelFormat::Yuyv, 3});
    const std::string e1 = camera.open();
    CHECK(e1.find("/dev/video-nonexistent") != std::string::npos);
    CHECK(e1.find("introuvable") != std::string::npos);
    CHECK_FALSE(camera.is_open());
    CHECK(camera.next(1ms).kind == scan::SourceItem::Kind::Error);
    CHECK(camera.open() == e1);  // again: same answer, nothing leaked or stuck
    platform::V4l2Source not_a_camera({"/dev/null", 640, 480, platform::PixelFormat::Grey, 3});
    CHECK_FALSE(not_a_camera.open().empty());
    CHECK_FALSE(not_a_camera.is_open());
}

TEST_CASE("Camera: pixel conversions to luminance") {
    // YUYV: Y0 U Y1 V, with padding at the end of each row (stride 10 for 4 pixels)
    const std::uint8_t yuyv[] = {10, 128, 20, 128, 30, 128, 40, 128, 0xEE, 0xEE,
                                 50, 1,   60, 2,   70, 3,   80, 4,   0xEE, 0xEE};
    std::uint8_t out[8] = {};
    platform::lum_from_yuyv(yuyv, 4, 2, 10, out);
    CHECK(std::vector<int>(out, out + 8) == std::vector<int>{10, 20, 30, 40, 50, 60, 70, 80});
    const std::uint8_t grey[] = {1, 2, 3, 9, 4, 5, 6, 9};
    std::uint8_t g[6] = {};
    platform::lum_from_grey(grey, 3, 2, 4, g);
    CHECK(std::vector<int>(g, g + 6) == std::vector<int>{1, 2, 3, 4, 5, 6});
    platform::lum_from_yuyv(yuyv, 4, 1, 0, out);  // stride 0: packed rows
    CHECK(int(out[3]) == 40);
    platform::PixelFormat f;
    CHECK(platform::parse_pixel_format("MJPG", f));
    CHECK(f == platform::PixelFormat::Mjpg);
    CHECK(platform::parse_pixel_format("grey", f));
    CHECK(f == platform::PixelFormat::Grey);
    CHECK_FALSE(platform::parse_pixel_format("rgb3", f));
}

TEST_CASE("Camera: what the driver answers is checked before a byte of its buffers is read") {
    using platform::check_buffer_length;
    using platform::check_dequeued;
    using platform::check_format;
    using platform::DequeuedCheck;
    platform::FrameGeometry g;
    // A YUYV frame is two bytes per pixel: 1280x720 packed is 1 843 200 bytes, not 921 600.
    REQUIRE(check_format(V4L2_PIX_FMT_YUYV, 1280, 720, 0, g) == "");
    CHECK(g.stride == 2560);
    CHECK(g.frame_bytes == 2560u * 720u);
    REQUIRE(check_format(V4L2_PIX_FMT_YUYV, 1280, 720, 2560 + 64, g) == "");  // padded rows
    CHECK(g.frame_bytes == (2560u + 64u) * 719u + 2560u);
    REQUIRE(check_format(V4L2_PIX_FMT_GREY, 640, 480, 0, g) == "");
    CHECK(g.frame_bytes == 640u * 480u);
    // Answers that do not add up are refused in words, never read.
    CHECK_FALSE(
        check_format(V4L2_PIX_FMT_YUYV, 1280, 720, 1280, g).empty());  // a row narrower than its pixels
    CHECK_FALSE(check_format(V4L2_PIX_FMT_YUYV, 0, 720, 0, g).empty());
    CHECK_FALSE(check_format(V4L2_PIX_FMT_GREY, 100000, 100000, 0, g).empty());
    CHECK_FALSE(check_format(V4L2_PIX_FMT_MJPEG, 1280, 720, 0, g).empty());
    CHECK_FALSE(check_format(V4L2_PIX_FMT_GREY, 640, 480, 0xFFFFFFFFu, g).empty());

    REQUIRE(check_format(V4L2_PIX_FMT_YUYV, 1280, 720, 0, g) == "");
    CHECK(check_buffer_length(g, 2560u * 720u) == "");
    CHECK_FALSE(check_buffer_length(g, 1280u * 720u).empty());  // mapped too small for a frame
    const std::vector<std::size_t> lengths{2560u * 720u, 2560u * 720u, 2560u * 720u};
    CHECK(check_dequeued(g, 1, 2560u * 720u, lengths) == DequeuedCheck::Ok);
    CHECK(check_dequeued(g, 2, 0, lengths) == DequeuedCheck::Ok);                   // the driver does not say
    CHECK(check_dequeued(g, 0, 1280u * 720u, lengths) == DequeuedCheck::Short);     // half a YUYV frame
    CHECK(check_dequeued(g, 3, 2560u * 720u, lengths) == DequeuedCheck::BadIndex);  // never mapped
    CHECK(check_dequeued(g, 0xFFFFFFFFu, 0, lengths) == DequeuedCheck::BadIndex);
    const std::vector<std::size_t> short_map{1000, 1000, 1000};
    CHECK(check_dequeued(g, 0, 0xFFFFFFFFu, short_map) == DequeuedCheck::Short);  // more used than mapped
}
