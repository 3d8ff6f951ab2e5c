// ESC/POS on a two-way link: the DLE EOT answers parsed, and a network printer (a loopback TCP server in the
// test speaking the printer's side) asked before each job; a job decoded back into the ticket's image.
#include <catch2/catch.hpp>

#include "escpos_loopback.hpp"
#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/sample.hpp"
#include "platform/printer/escpos_printer.hpp"

using namespace kiosk;
using namespace kiosk::platform;

namespace {
EscPosStatusBytes answers(int online, int offline, int error, int paper) {
    EscPosStatusBytes a;
    a.online = online < 0 ? -1 : (online | 0x12);
    a.offline = offline < 0 ? -1 : (offline | 0x12);
    a.error = error < 0 ? -1 : (error | 0x12);
    a.paper = paper < 0 ? -1 : (paper | 0x12);
    return a;
}
std::unique_ptr<TicketPrinter> printer_for_spec(const std::string& spec) {
    MakePrinterResult made = make_printer(spec);
    REQUIRE(made.ok());
    REQUIRE(made.printer);
    return std::move(made.printer);
}
std::unique_ptr<TicketPrinter> printer_for(const test::LoopbackEscPosPrinter& p) {
    return printer_for_spec(p.spec());
}
}  // namespace

TEST_CASE("each DLE EOT answer says what the printer needs") {
    CHECK(escpos_status_from(answers(0, 0, 0, 0)).health == Health::ready);
    CHECK(escpos_status_from(answers(-1, -1, -1, -1)).health == Health::unknown);
    // n = 1: offline.
    CHECK(escpos_status_from(answers(0x08, 0, 0, 0)).health == Health::offline);
    // n = 2: cover open, stopped at paper end, error.
    CHECK(escpos_status_from(answers(0x08, 0x04, 0, 0)).health == Health::cover_open);
    CHECK(escpos_status_from(answers(0x08, 0x20, 0, 0)).health == Health::no_paper);
    CHECK(escpos_status_from(answers(0x08, 0x40, 0, 0)).health == Health::offline);
    // n = 3: autocutter, mechanical, unrecoverable, auto-recoverable errors.
    for (int bit : {0x04, 0x08, 0x20, 0x40}) {
        const PrinterStatus s = escpos_status_from(answers(0x08, 0x40, bit, 0));
        CHECK(s.health == Health::offline);
        CHECK_THAT(s.message, Catch::Contains("DLE EOT 3"));
    }
    CHECK_THAT(escpos_status_from(answers(0x08, 0x40, 0x08, 0)).message, Catch::Contains("autocutter"));
    // n = 4: near end still prints; end does not.
    CHECK(escpos_status_from(answers(0, 0, 0, 0x0C)).health == Health::paper_low);
    CHECK(escpos_status_from(answers(0, 0, 0, 0x0C)).can_print());
    CHECK(escpos_status_from(answers(0x08, 0x20, 0, 0x6C)).health == Health::no_paper);
    CHECK_FALSE(escpos_status_from(answers(0x08, 0x20, 0, 0x60)).can_print());
    // No paper wins over a cover left open at the same time (the agent reloads and closes it).
    CHECK(escpos_status_from(answers(0x08, 0x24, 0, 0x60)).health == Health::no_paper);
}

TEST_CASE("escpos-tcp: host and port are checked") {
    CHECK(make_printer("escpos-tcp:192.168.1.50:9100").ok());
    CHECK(make_printer("escpos-tcp:[::1]:9100").ok());
    CHECK(make_printer("escpos-tcp:printer.local:9100?width=384&cut=full").ok());
    CHECK(make_printer("escpos-tcp:printer.local:9100").printer->describe() ==
          "escpos-tcp:printer.local:9100");
    for (const char* bad :
         {"escpos-tcp:", "escpos-tcp:host", "escpos-tcp::9100", "escpos-tcp:host:0", "escpos-tcp:host:70000",
          "escpos-tcp:host:port", "escpos-tcp:host:9100?baud=9600"}) {
        INFO(bad);
        const MakePrinterResult r = make_printer(bad);
        CHECK_FALSE(r.ok());
        CHECK_FALSE(r.printer);
    }
}

TEST_CASE("a network printer is asked DLE EOT 1 to 4 before the job, which decodes back into the ticket") {
    test::LoopbackEscPosPrinter printer;
    printer.ready();
    auto p = printer_for(printer);
    CHECK(p->status().health == Health::ready);
    const printing::RenderResult r = printing::render_ticket(printing::sample_ticket(), p->width_dots());
    REQUIRE(r.ok());
    REQUIRE(p->print(r.bitmap).ok());
    const auto jobs = printer.wait_jobs(2);
    REQUIRE(jobs.size() == 2);  // the status question's connection, then the job's
    const test::EscPosDecoded status_only = test::decode_escpos(jobs[0]);
    CHECK(status_only.questions == std::vector<int>{1, 2, 3, 4});
    CHECK(status_only.bands == 0);
    const test::EscPosDecoded job = test::decode_escpos(jobs[1]);
    REQUIRE(job.ok());
    CHECK(job.questions == std::vector<int>{1, 2, 3, 4});
    CHECK(job.initialised);
    CHECK(job.cut == 66);  // partial cut: the ticket stays hanging
    REQUIRE(job.image.width == r.bitmap.width);
    REQUIRE(job.image.height == r.bitmap.height);
    CHECK(job.image.bits == r.bitmap.bits);
    CHECK(job.bands == (r.bitmap.height + 127) / 128);
}

TEST_CASE("a network printer out of paper, open, offline or in error refuses the job and says why") {
    struct Case {
        int n, bits;
        PrintError error;
        Health health;
    };
    for (const Case& c : {Case{4, 0x60, PrintError::no_paper, Health::no_paper},
                          Case{2, 0x20, PrintError::no_paper, Health::no_paper},
                          Case{2, 0x04, PrintError::cover_open, Health::cover_open},
                          Case{1, 0x08, PrintError::offline, Health::offline},
                          Case{3, 0x08, PrintError::offline, Health::offline}}) {
        INFO("DLE EOT " << c.n << " = " << c.bits);
        test::LoopbackEscPosPrinter printer;
        printer.ready();
        printer.answer(c.n, c.bits);
        auto p = printer_for(printer);
        CHECK(p->status().health == c.health);
        printing::Bitmap ticket(576, 40);
        ticket.set(3, 3);
        const PrintResult r = p->print(ticket);
        CHECK(r.error == c.error);
        CHECK_THAT(r.message, Catch::Contains("127.0.0.1"));
        const auto jobs = printer.wait_jobs(2);
        REQUIRE(jobs.size() == 2);
        CHECK(test::decode_escpos(jobs[1]).bands == 0);  // nothing printed
    }
}

TEST_CASE("paper running low still prints, a silent printer is tried, a closed port is not found") {
    {
        test::LoopbackEscPosPrinter printer;
        printer.ready();
        printer.answer(4, 0x0C);
        auto p = printer_for(printer);
        CHECK(p->status().health == Health::paper_low);
        printing::Bitmap ticket(576, 8);
        CHECK(p->print(ticket).ok());
    }
    {
        test::LoopbackEscPosPrinter printer;  // answers nothing, as printers with status off do
        auto p = printer_for(printer);
        CHECK(p->status().health == Health::unknown);
        printing::Bitmap ticket(576, 8);
        ticket.set(0, 0);
        CHECK(p->print(ticket).ok());
        const auto jobs = printer.wait_jobs(2);
        REQUIRE(jobs.size() == 2);
        CHECK(test::decode_escpos(jobs[1]).questions == std::vector<int>{1});  // silent once: silent always
        CHECK(test::decode_escpos(jobs[1]).image.black(0, 0));
    }
    int port = 0;
    { port = test::LoopbackEscPosPrinter().port(); }  // listened on, then closed
    auto made = make_printer("escpos-tcp:127.0.0.1:" + std::to_string(port));
    REQUIRE(made.printer);
    const PrintResult r = made.printer->print(printing::Bitmap(576, 8));
    CHECK(r.error == PrintError::not_found);
    CHECK(made.printer->status().health == Health::not_found);
}

TEST_CASE(
    "on a serial port the printer is asked too: out of paper refuses, then the job goes once it is in") {
    test::LoopbackSerialPrinter printer;
    printer.ready();
    printer.answer(4, 0x60);
    auto p = printer_for_spec(printer.spec());
    CHECK(p->status().health == Health::no_paper);
    printing::Bitmap ticket(576, 64);
    for (int x = 0; x < 576; x += 3) ticket.set(x, x % 64);
    CHECK(p->print(ticket).error == PrintError::no_paper);
    printer.answer(4, 0);
    REQUIRE(p->print(ticket).ok());
    const test::EscPosDecoded all = test::decode_escpos(printer.received());
    INFO(all.error);
    REQUIRE(all.ok());
    // Three rounds of questions (status, the refused job, the job), one image.
    CHECK(all.questions == std::vector<int>{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4});
    REQUIRE(all.image.height == 64);
    CHECK(all.image.bits == ticket.bits);
}
