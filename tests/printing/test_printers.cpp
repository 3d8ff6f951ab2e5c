// Printer adapters: the factory, the folder printer (atomic PNG files), the ESC/POS byte stream, errors.
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <iterator>
#include <sys/resource.h>
#include <thread>

#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/png.hpp"
#include "kiosk/core/printing/sample.hpp"
#include "platform/printer/cups_printer.hpp"
#include "platform/printer/escpos_printer.hpp"
#include "platform/printer/fake_printer.hpp"
#include "platform/printer/folder_printer.hpp"
#include "test_support.hpp"

using namespace kiosk::platform;
using kiosk::printing::Bitmap;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// A small known pattern: 20 dots wide (3 bytes a row, the last padded), 5 rows.
Bitmap pattern() {
    Bitmap b(20, 5);
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 20; ++x)
            if ((x + y) % 3 == 0) b.set(x, y);
    return b;
}

}  // namespace

TEST_CASE("The factory makes each printer from its configuration string", "[printing]") {
    auto none = make_printer("none");
    CHECK(none.ok());
    CHECK(!none.printer);

    auto file = make_printer("file:/tmp/tickets");
    REQUIRE(file.ok());
    REQUIRE(file.printer);
    CHECK(file.printer->describe() == "file:/tmp/tickets");
    CHECK(file.printer->width_dots() == 576);

    auto esc = make_printer("escpos:/dev/usb/lp0?width=384&cut=full");
    REQUIRE(esc.ok());
    CHECK(esc.printer->describe() == "escpos:/dev/usb/lp0");
    CHECK(esc.printer->width_dots() == 384);

    auto cups = make_printer("cups:Ticket_80mm");
    REQUIRE(cups.ok());
    CHECK(cups.printer->describe() == "cups:Ticket_80mm");
}

TEST_CASE("Unknown printer kinds and bad options are refused with a clear message", "[printing]") {
    auto r = make_printer("laser:/dev/lp0");
    CHECK(!r.ok());
    CHECK(!r.printer);
    CHECK(r.error.find("unknown kind \"laser\"") != std::string::npos);
    CHECK(!make_printer("").ok());
    CHECK(!make_printer("usb").ok());
    CHECK(!make_printer("file:").ok());
    CHECK(!make_printer("escpos:lp0").ok());
    CHECK(!make_printer("cups:").ok());
    CHECK(make_printer("escpos:/dev/ttyS0?width=abc").error.find("width") != std::string::npos);
    CHECK(make_printer("escpos:/dev/ttyS0?baud=1234").error.find("baud") != std::string::npos);
    CHECK(make_printer("file:/tmp/t?colour=red").error.find("unknown option") != std::string::npos);
}

TEST_CASE("The folder printer writes numbered PNG tickets", "[printing]") {
    kiosk::test::TempDir tmp;
    const fs::path folder = tmp.path / "tickets" / "today";  // created on first print
    auto made = make_printer("file:" + folder.string() + "?width=384");
    REQUIRE(made.printer);
    TicketPrinter& printer = *made.printer;
    CHECK(printer.status().health == Health::ready);
    const auto ticket =
        kiosk::printing::render_ticket(kiosk::printing::sample_ticket(), printer.width_dots());
    REQUIRE(ticket.ok());
    for (int i = 0; i < 3; ++i) {
        const PrintResult r = printer.print(ticket.bitmap);
        REQUIRE(r.ok());
    }
    const auto files = files_in(folder);
    REQUIRE(files.size() == 3);
    CHECK(files[0].filename() == "ticket-000001.png");
    CHECK(files[2].filename() == "ticket-000003.png");
    CHECK(static_cast<FolderPrinter&>(printer).last_file() == files[2]);
    const auto png = kiosk::printing::read_png(files[1]);
    REQUIRE(png.ok());
    CHECK(png.width == 384);
    CHECK(png.height == ticket.bitmap.height);

    // A new printer on the same folder continues the numbering, never overwrites.
    FolderPrinter again(folder, 384);
    REQUIRE(again.print(ticket.bitmap).ok());
    CHECK(again.last_file().filename() == "ticket-000004.png");
}

TEST_CASE("The folder printer refuses a folder it cannot write", "[printing]") {
    kiosk::test::TempDir tmp;
    std::ofstream(tmp.path / "a-file") << "not a folder";
    FolderPrinter printer(tmp.path / "a-file" / "tickets");  // works even as root: a file is in the way
    CHECK(printer.status().health != Health::ready);
    const PrintResult r = printer.print(pattern());
    CHECK(!r.ok());
    CHECK(r.error == PrintError::cannot_write);
    CHECK(r.message.rfind("cannot write: ", 0) == 0);
    CHECK(r.message.find("a-file") != std::string::npos);
    CHECK(!printer.print(Bitmap()).ok());
}

TEST_CASE("The folder printer never leaves a partial ticket when the disk is full", "[printing]") {
    kiosk::test::TempDir tmp;
    FolderPrinter printer(tmp.path);
    const auto ticket = kiosk::printing::render_ticket(kiosk::printing::sample_ticket(), 576);
    REQUIRE(ticket.ok());
    REQUIRE(kiosk::printing::encode_png(ticket.bitmap).bytes.size() > 2048);
    // A file size limit stands in for a full disk: writes past 1 KiB fail (EFBIG) like ENOSPC would.
    rlimit old{};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 1024;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    const PrintResult r = printer.print(ticket.bitmap);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);
    CHECK(!r.ok());
    CHECK(r.error == PrintError::cannot_write);
    INFO(r.message);
    CHECK(files_in(tmp.path).empty());  // neither a ticket nor a temporary file is left
    // Once there is room again, printing works.
    REQUIRE(printer.print(ticket.bitmap).ok());
    CHECK(files_in(tmp.path).size() == 1);
}

TEST_CASE("The ESC/POS job is ESC @, GS v 0 bands, then feed and cut", "[printing]") {
    const Bitmap b = pattern();
    EscPosOptions o;
    o.band_rows = 2;  // 5 rows: bands of 2, 2 and 1
    const auto job = escpos_job(b, o);
    std::vector<std::uint8_t> expected = {0x1B, 0x40};
    for (int y0 : {0, 2, 4}) {
        const int rows = std::min(2, 5 - y0);
        expected.insert(expected.end(), {0x1D, 0x76, 0x30, 0x00, 3, 0, static_cast<std::uint8_t>(rows), 0});
        for (int y = y0; y < y0 + rows; ++y) expected.insert(expected.end(), b.row(y), b.row(y) + 3);
    }
    expected.insert(expected.end(), {0x1D, 0x56, 0x42, 0x00});
    CHECK(job == expected);
    // Row 0: dots 0, 3, 6, … black → 1001 0010 0100 1001 0010 0000 (padding white).
    CHECK(std::vector<std::uint8_t>(b.row(0), b.row(0) + 3) == std::vector<std::uint8_t>{0x92, 0x49, 0x20});

    o.cut = Cut::full;
    const auto full = escpos_job(b, o);
    CHECK(std::vector<std::uint8_t>(full.end() - 4, full.end()) ==
          std::vector<std::uint8_t>{0x1D, 0x56, 0x41, 0x00});
    o.cut = Cut::none;
    const auto feed = escpos_job(b, o);
    CHECK(std::vector<std::uint8_t>(feed.end() - 3, feed.end()) == std::vector<std::uint8_t>{0x1B, 0x64, 4});
}

TEST_CASE("The ESC/POS printer writes the exact byte stream to its device file", "[printing]") {
    kiosk::test::TempDir tmp;
    const fs::path device = tmp.path / "lp0";
    std::ofstream(device).close();  // a regular file stands in for /dev/usb/lp0
    auto made = make_printer("escpos:" + device.string() + "?width=384");
    REQUIRE(made.printer);
    const auto ticket = kiosk::printing::render_ticket(kiosk::printing::sample_ticket(), 384);
    REQUIRE(ticket.ok());
    REQUIRE(made.printer->print(ticket.bitmap).ok());
    const auto bytes = read_all(device);
    EscPosOptions o;
    o.width = 384;
    CHECK(bytes == escpos_job(ticket.bitmap, o));
    // Header of the first band: 48 bytes a row, 128 rows.
    REQUIRE(bytes.size() > 10);
    CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 10) ==
          std::vector<std::uint8_t>{0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 48, 0, 128, 0});
    const int bands = (ticket.bitmap.height + 127) / 128;
    CHECK(bytes.size() == 2u + bands * 8u + 48u * ticket.bitmap.height + 4u);
    CHECK(made.printer->status().health == Health::unknown);  // a file cannot answer DLE EOT
}

TEST_CASE("The ESC/POS printer reports a missing device and a ticket too wide", "[printing]") {
    kiosk::test::TempDir tmp;
    EscPosPrinter missing((tmp.path / "usb" / "lp9").string());
    const PrintResult r = missing.print(pattern());
    CHECK(r.error == PrintError::not_found);
    CHECK(r.message.rfind("printer not found: ", 0) == 0);
    CHECK(r.message.find("lp9") != std::string::npos);
    CHECK(missing.status().health == Health::not_found);

    const fs::path device = tmp.path / "lp0";
    std::ofstream(device).close();
    EscPosOptions narrow;
    narrow.width = 16;
    CHECK(EscPosPrinter(device.string(), narrow).print(pattern()).error == PrintError::bad_ticket);
    CHECK(fs::file_size(device) == 0);
}

TEST_CASE("DLE EOT answers are read as paper, cover and error states", "[printing]") {
    CHECK(escpos_status_from(-1, -1).health == Health::unknown);
    CHECK(escpos_status_from(0x12, 0x12).health == Health::ready);
    CHECK(escpos_status_from(0x12, 0x12 | 0x60).health == Health::no_paper);
    CHECK(escpos_status_from(0x12 | 0x20, 0x12).health == Health::no_paper);
    CHECK(escpos_status_from(0x12 | 0x04, 0x12).health == Health::cover_open);
    CHECK(escpos_status_from(0x12 | 0x40, 0x12).health == Health::offline);
    CHECK(escpos_status_from(0x12, 0x12 | 0x0C).health == Health::paper_low);
    CHECK(PrintResult::fail(PrintError::no_paper, "").message == "no paper");
}

TEST_CASE("A CUPS queue that does not exist is reported, not a crash", "[printing]") {
    CupsPrinter printer("kiosk-test-no-such-queue");
    const PrintResult r = printer.print(pattern());
    CHECK(!r.ok());
    CHECK(r.error == PrintError::not_found);
    CHECK(r.message.find("kiosk-test-no-such-queue") != std::string::npos);
    CHECK(printer.status().health == Health::not_found);
}

TEST_CASE("The fake printer keeps tickets and fails on demand", "[printing]") {
    FakePrinter fake(384);
    REQUIRE(fake.print(pattern()).ok());
    CHECK(fake.printed().size() == 1);
    fake.fail_with(PrintResult::fail(PrintError::no_paper, ""));
    CHECK(fake.print(pattern()).message == "no paper");
    CHECK(fake.printed().size() == 1);
}

TEST_CASE("Tickets are rendered and printed from worker threads", "[printing]") {
    kiosk::test::TempDir tmp;
    FolderPrinter printer(tmp.path, 384);  // one printer shared by the workers
    std::vector<std::thread> workers;
    int ok[4] = {0, 0, 0, 0};  // not vector<bool>: its elements share bytes
    for (int w = 0; w < 4; ++w)
        workers.emplace_back([&, w] {
            kiosk::printing::TicketRenderer renderer(kiosk::printing::LayoutOptions::for_width(384));
            kiosk::printing::Ticket t;
            t.title = "Ticket " + std::to_string(w);
            t.body("Imprimé depuis un fil de travail");
            const auto r = renderer.render(t);
            ok[w] = r.ok() && printer.print(r.bitmap).ok() && printer.print(r.bitmap).ok();
        });
    for (std::thread& t : workers) t.join();
    for (int w = 0; w < 4; ++w) CHECK(ok[w]);
    const auto files = files_in(tmp.path);
    REQUIRE(files.size() == 8);
    CHECK(files.back().filename() == "ticket-000008.png");
}
