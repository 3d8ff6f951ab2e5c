#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "kiosk/core/scan/decoder.hpp"
#include "kiosk/core/scan/replay_source.hpp"
#include "kiosk/core/scan/source_runner.hpp"
#include "scan_test_util.hpp"
#include "test_support.hpp"
#include <fstream>

using namespace kiosk::scan;
using namespace std::chrono_literals;

TEST_CASE("decode_frame reads each symbology in the guide frame") {
    struct Case {
        const char* text;
        ZXing::BarcodeFormat format;
        Symbology expected;
    };
    const Case cases[] = {
        {"https://pass.example.fr/v/7F3K9Q2M", ZXing::BarcodeFormat::QRCode, Symbology::QrCode},
        {"PN-2024-000123", ZXing::BarcodeFormat::DataMatrix, Symbology::DataMatrix},
        {"PN123456789", ZXing::BarcodeFormat::Code128, Symbology::Code128},
        {"12345678901234", ZXing::BarcodeFormat::ITF, Symbology::Itf},
        {"3760123456784", ZXing::BarcodeFormat::EAN13, Symbology::Ean13},
        {"96385074", ZXing::BarcodeFormat::EAN8, Symbology::Ean8},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        Frame f = test::frame_with_code(c.text, c.format, 1280, 720, 4);
        DecodeOutcome out = decode_frame(f, DecodeOptions{});
        REQUIRE(out.code);
        CHECK(out.code->text == c.text);
        CHECK(out.code->symbology == c.expected);
        // The corners are in frame pixels, inside the frame.
        for (const Point& p : out.code->corners) {
            CHECK(p.x >= 0);
            CHECK(p.x < 1280);
            CHECK(p.y >= 0);
            CHECK(p.y < 720);
        }
    }
}

TEST_CASE("decode_frame gives UTF-8 text") {
    Frame f = test::frame_with_code("Pass numérique €", ZXing::BarcodeFormat::QRCode, 640, 480, 5);
    DecodeOutcome out = decode_frame(f, DecodeOptions{});
    REQUIRE(out.code);
    CHECK(out.code->text == "Pass numérique €");
    CHECK(to_utf8(L"\u00e9\u20ac\U0001F600") == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

TEST_CASE("decode_frame only looks inside the region of interest and for the formats asked") {
    Frame f = test::frame_with_code("PN-ROI-0042", ZXing::BarcodeFormat::QRCode, 640, 480, 5);
    DecodeOptions left;
    left.roi = {0.f, 0.f, 0.25f, 1.f};  // the code is in the middle: not in this strip
    left.slow_pass_always = true;
    CHECK_FALSE(decode_frame(f, left).code);
    DecodeOptions centre;
    centre.roi = {0.25f, 0.2f, 0.5f, 0.6f};
    REQUIRE(decode_frame(f, centre).code);
    DecodeOptions only_1d;
    only_1d.formats = kCode128 | kItf;
    only_1d.slow_pass_always = true;
    CHECK_FALSE(decode_frame(f, only_1d).code);
}

TEST_CASE("crop_and_shrink and to_pixels") {
    Frame f = test::blank_frame(8, 4, 0);
    for (int i = 0; i < 32; ++i) f.lum[std::size_t(i)] = std::uint8_t(i * 4);
    PixelRect r = to_pixels({0.5f, 0.f, 0.5f, 1.f}, 8, 4);
    CHECK(r.x == 4);
    CHECK(r.w == 4);
    CHECK(r.h == 4);
    Frame half = crop_and_shrink(f, r, 2);
    REQUIRE(half.width == 2);
    REQUIRE(half.height == 2);
    CHECK(int(half.lum[0]) == (16 + 20 + 48 + 52 + 2) / 4);
    PixelRect out = to_pixels({-1.f, 2.f, 5.f, 5.f}, 8, 4);  // clamped, never empty
    CHECK(out.w >= 1);
    CHECK(out.h >= 1);
    CHECK(out.x + out.w <= 8);
    CHECK(out.y + out.h <= 4);
}

TEST_CASE("The decoder worker delivers results on the UI thread, once per code") {
    kiosk::RunQueue ui;
    kiosk::TaskRunner tasks{ui};
    std::vector<ScanResult> results;
    std::vector<Feedback> feedback;
    const auto ui_thread = std::this_thread::get_id();
    bool on_ui = true;
    Decoder decoder(
        tasks, DecoderOptions{},
        [&](const ScanResult& r) {
            on_ui = on_ui && std::this_thread::get_id() == ui_thread;
            results.push_back(r);
        },
        [&](Feedback f) { feedback.push_back(f); });

    auto code =
        std::make_shared<Frame>(test::frame_with_code("PN-777-ABC", ZXing::BarcodeFormat::DataMatrix));
    for (int i = 0; i < 3; ++i) {
        auto f = std::make_shared<Frame>(*code);
        f->timestamp = kiosk::scan::Clock::now();
        f->sequence = static_cast<std::uint64_t>(i) + 1;
        decoder.submit(f);
        REQUIRE(decoder.wait_idle(5s));
    }
    CHECK(results.empty());  // nothing runs until the UI thread drains the queue
    ui.run_pending();
    REQUIRE(results.size() == 1);  // the same code held up is read once
    CHECK(results[0].text == "PN-777-ABC");
    CHECK(results[0].symbology == Symbology::DataMatrix);
    CHECK(on_ui);
    CHECK(decoder.feedback() == Feedback::Read);
    REQUIRE(!feedback.empty());
    CHECK(feedback.back() == Feedback::Read);

    decoder.submit_text("SCAN-0001", Symbology::Keyboard);
    ui.run_pending();
    REQUIRE(results.size() == 2);
    CHECK(results[1].text == "SCAN-0001");
    CHECK(results[1].symbology == Symbology::Keyboard);
}

TEST_CASE("Frames arriving while the decoder is busy are dropped, the latest wins") {
    kiosk::RunQueue ui;
    kiosk::TaskRunner tasks{ui};
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::vector<std::uint64_t> decoded;
    std::mutex m;
    DecoderOptions options;
    options.decode_fn = [&](const Frame& f, const DecodeOptions&) {
        released.wait();
        std::lock_guard lock(m);
        decoded.push_back(f.sequence);
        return DecodeOutcome{};
    };
    Decoder decoder(tasks, options, [](const ScanResult&) {});
    for (std::uint64_t i = 1; i <= 50; ++i) {
        auto f = std::make_shared<Frame>(test::blank_frame(16, 16));
        f->sequence = i;
        decoder.submit(f);
        if (i == 1) {  // let the worker take the first one, then it is stuck in decode_fn
            for (int k = 0; k < 1000; ++k) {
                if (decoder.stats().submitted == 1 && !decoder.wait_idle(1ms)) break;
            }
        }
    }
    release.set_value();
    REQUIRE(decoder.wait_idle(5s));
    const DecoderStats s = decoder.stats();
    CHECK(s.submitted == 50);
    CHECK(s.decoded + s.dropped == 50);
    CHECK(s.decoded <= 2);  // the first one, then only the latest
    std::lock_guard lock(m);
    REQUIRE(!decoded.empty());
    CHECK(decoded.back() == 50);
}

TEST_CASE("Feedback goes from nothing to unsteady to read") {
    kiosk::RunQueue ui;
    kiosk::TaskRunner tasks{ui};
    DecoderOptions options;
    int step = 0;
    options.decode_fn = [&](const Frame&, const DecodeOptions&) {
        DecodeOutcome o;
        if (step == 1) o.seen = true;
        if (step == 2) o.code = Decoded{"PN-1", Symbology::QrCode, {}};
        return o;
    };
    Decoder decoder(tasks, options, [](const ScanResult&) {});
    auto t0 = kiosk::scan::Clock::now();
    auto submit_at = [&](int s, std::chrono::milliseconds at) {
        step = s;
        auto f = std::make_shared<Frame>(test::blank_frame(16, 16));
        f->timestamp = t0 + at;
        decoder.submit(f);
        REQUIRE(decoder.wait_idle(5s));
    };
    submit_at(0, 0ms);
    CHECK(decoder.feedback() == Feedback::NoCode);
    submit_at(1, 100ms);
    CHECK(decoder.feedback() == Feedback::Unsteady);
    submit_at(0, 200ms);  // a frame where it is not seen: still "ne bougez plus" for a moment
    CHECK(decoder.feedback() == Feedback::Unsteady);
    submit_at(0, 2000ms);
    CHECK(decoder.feedback() == Feedback::NoCode);
    submit_at(2, 2100ms);
    CHECK(decoder.feedback() == Feedback::Read);
    submit_at(0, 2500ms);
    CHECK(decoder.feedback() == Feedback::Read);
    submit_at(0, 5000ms);
    CHECK(decoder.feedback() == Feedback::NoCode);
    CHECK(std::string(feedback_key(Feedback::Read)) == "scan.feedback.read");
}

TEST_CASE("A replayed folder goes through the runner to the decoder and the preview") {
    kiosk::test::TempDir dir;
    kiosk::RunQueue ui;
    kiosk::TaskRunner tasks{ui};
    Frame f = test::frame_with_code("PN-REPLAY-9", ZXing::BarcodeFormat::QRCode, 320, 240, 3);
    // a raw plane, the size in its name
    {
        std::ofstream out(dir.path / "0001-320x240.y8", std::ios::binary);
        out.write(reinterpret_cast<const char*>(f.lum.data()), std::streamsize(f.lum.size()));
    }
    std::vector<ScanResult> results;
    std::vector<SourceStatus> statuses;
    int previews = 0;
    Decoder decoder(tasks, DecoderOptions{}, [&](const ScanResult& r) { results.push_back(r); });
    RunnerOptions ro;
    ro.on_status = [&](const SourceStatus& s) { statuses.push_back(s); };
    ro.on_preview = [&] { ++previews; };
    SourceRunner runner(std::make_unique<ReplaySource>(std::vector<std::filesystem::path>{dir.path},
                                                       ReplayOptions{1ms, false}),
                        decoder, ui, ro);
    runner.start();
    for (int i = 0; i < 500 && !runner.status().ended; ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(runner.status().ended);
    REQUIRE(decoder.wait_idle(5s));
    ui.run_pending();
    REQUIRE(results.size() == 1);
    CHECK(results[0].text == "PN-REPLAY-9");
    CHECK(results[0].frame_sequence == 1);
    CHECK(previews == 1);
    FramePtr p = runner.preview();
    REQUIRE(p);
    CHECK(p->width == 320);
    REQUIRE(!statuses.empty());
    CHECK(statuses.front().open);
    CHECK(statuses.back().ended);
    runner.forget_frames();  // the wipe
    CHECK_FALSE(runner.preview());
    runner.stop();
}

TEST_CASE("A replay of a missing file says which") {
    ReplaySource source(std::vector<std::filesystem::path>{"/nonexistent/frame.png"});
    const std::string error = source.open();
    CHECK(error.find("/nonexistent/frame.png") != std::string::npos);
    CHECK_FALSE(source.is_open());
    LoadedFrame raw = load_frame("/nonexistent/no-size.y8");
    CHECK_FALSE(raw.ok());
}

TEST_CASE("a PNM frame whose header sizes overflow is refused with a reason, not read") {
    kiosk::test::TempDir dir;
    const auto path = dir.path / "huge.pgm";
    std::ofstream(path, std::ios::binary) << "P5 99999999999 1 255\n" << std::string(4, '\0');
    LoadedFrame f = load_frame(path);
    CHECK(f.frame.empty());
    CHECK(f.error.find("at most 8192") != std::string::npos);
    const auto ok = dir.path / "small.pgm";
    std::ofstream(ok, std::ios::binary) << "P5\n# a comment\n2 2\n255\n" << std::string(4, '\x80');
    const auto deep =
        dir.path / "deep.ppm";  // 16 bits a sample: stb_image reads past its buffer (fuzz_replay_names)
    std::ofstream(deep, std::ios::binary) << "P6\n3 4\n256\n" << std::string(8, '\x01');
    CHECK_FALSE(load_frame(deep).error.empty());
    LoadedFrame g = load_frame(ok);
    CHECK(g.error.empty());
    CHECK(g.frame.width == 2);
    // A comment right after a number: stb_image starts it there ("4#…"), so the largest value it reads is
    // the 4888 behind it, 16 bits a sample (found by fuzz_replay_names in CI).
    const auto hidden = dir.path / "hidden.ppm";
    std::ofstream(hidden, std::ios::binary) << "P6 6\n4#4 255\n#\r\f4888\n" << std::string(64, '\x01');
    CHECK_FALSE(load_frame(hidden).error.empty());
    const auto plain = dir.path / "plain.ppm";  // the same with the comment on a line of its own: 8 bits
    std::ofstream(plain, std::ios::binary) << "P6 2\n2 #4888\n255\n" << std::string(12, '\x01');
    LoadedFrame p = load_frame(plain);
    CHECK(p.error.empty());
    CHECK(p.frame.width == 2);
}

TEST_CASE("The decoder confirms a 1-D number over two frames and advises from the measures meanwhile") {
    kiosk::RunQueue ui;
    kiosk::TaskRunner tasks{ui};
    DecoderOptions options;
    int step = 0;
    options.decode_fn = [&](const Frame&, const DecodeOptions&) {
        DecodeOutcome o;
        if (step == 1) {  // a code seen at 1.5 px a module: too far
            o.seen = true;
            o.measures.module_px = 1.5;
        }
        if (step == 2) o.code = Decoded{"726123456789", Symbology::Code128, {}};
        return o;
    };
    std::vector<std::string> results;
    Decoder decoder(tasks, options, [&](const ScanResult& r) { results.push_back(r.text); });
    const auto t0 = kiosk::scan::Clock::now();
    auto submit_at = [&](int s, std::chrono::milliseconds at) {
        step = s;
        auto f = std::make_shared<Frame>(test::blank_frame(16, 16));
        f->timestamp = t0 + at;
        decoder.submit(f);
        REQUIRE(decoder.wait_idle(5s));
        ui.run_pending();
    };
    submit_at(1, 0ms);
    CHECK(decoder.feedback() == Feedback::TooSmall);
    submit_at(2, 100ms);  // read once: not yet given, "hold still"
    CHECK(results.empty());
    CHECK(decoder.feedback() == Feedback::Unsteady);
    submit_at(2, 150ms);  // read again, the same: confirmed
    REQUIRE(results.size() == 1);
    CHECK(results[0] == "726123456789");
    CHECK(decoder.feedback() == Feedback::Read);
    submit_at(2, 200ms);  // still in view: not given twice
    CHECK(results.size() == 1);
}
