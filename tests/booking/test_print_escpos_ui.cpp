// A place printed from the screens on a network receipt printer (a loopback TCP server speaking the printer's
// side): the ESC/POS bytes decoded back into an image equal the PNG rendering of the same ticket, dot for
// dot; a printer out of paper is said kindly with "Réessayer" and "Appeler un agent", and the screen never
// waits.
#include <catch2/catch.hpp>

#include "escpos_loopback.hpp"
#include "kiosk/core/journeys/place_ticket.hpp"
#include "kiosk/core/journeys/places_words.hpp"
#include "kiosk/core/printing/layout.hpp"
#include "kiosk/core/printing/png.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using Kind = printing::PrintState::Kind;

namespace {
struct Visit {
    test::TempDir data;
    std::unique_ptr<platform::Harness> h;
    explicit Visit(const std::string& printer) {
        Config config = test::demo_config(data.path);
        config.devices.printer = printer;
        h = std::make_unique<platform::Harness>(config, 1280, 800);
        REQUIRE(h->wait_background());
        REQUIRE(h->tap("attract.start"));
    }
    journeys::PlacesJourney& places() { return h->app().places(); }
    void to_first_place() {
        REQUIRE(h->tap("home.places"));
        REQUIRE(h->tap("places.need.here"));
        REQUIRE(h->tap("places.result.1"));
        REQUIRE(h->screen() == Screen::PlacesDetail);
    }
    bool shows(const std::string& words) const {
        for (const ScreenItem& item : h->app().items().items)
            if (item.text.find(words) != std::string::npos) return true;
        return false;
    }
    std::filesystem::path shots() { return test::binary_dir() / "screenshots/booking"; }
};
}  // namespace

TEST_CASE("the ESC/POS stream of a place ticket decodes into the PNG rendering, dot for dot") {
    test::LoopbackEscPosPrinter printer;
    printer.ready();
    Visit v(printer.spec());
    v.to_first_place();
    REQUIRE(v.h->tap("places.print"));
    REQUIRE(v.h->wait_print());
    REQUIRE(v.places().print_state().kind == Kind::Printed);

    const auto jobs = printer.wait_jobs(1);
    REQUIRE(jobs.size() == 1);
    const test::EscPosDecoded job = test::decode_escpos(jobs[0]);
    INFO(job.error);
    REQUIRE(job.ok());
    CHECK(job.questions == std::vector<int>{1, 2, 3, 4});
    CHECK(job.cut == 66);

    // The same ticket (same place, same time) rendered to PNG, as the file: printer and previews do.
    const journeys::PlaceResult* r = v.places().result_of(*v.places().selected());
    REQUIRE(r);
    const printing::Ticket ticket = journeys::place_ticket(v.h->kiosk().translator(), v.places(), *r);
    const printing::RenderResult rendered = printing::render_ticket(ticket, printing::paper_80mm_dots);
    REQUIRE(rendered.ok());
    CHECK(rendered.missing.empty());  // every accent and pictogram has its glyph
    const std::filesystem::path png = v.data.path / "ticket.png";
    REQUIRE(printing::write_png(rendered.bitmap, png).empty());
    const printing::PngImage image = printing::read_png(png);
    REQUIRE(image.ok());
    REQUIRE(job.image.width == image.width);
    REQUIRE(job.image.height == image.height);
    long differ = 0, black = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const bool png_black = image.grey[static_cast<std::size_t>(y) * image.width + x] < 128;
            differ += png_black != job.image.black(x, y);
            black += png_black;
        }
    CHECK(differ == 0);
    CHECK(black > 20'000);  // words, pictograms and a QR code, not a blank strip
    CHECK(image.height > 1500);
}

TEST_CASE("out of paper: said kindly, an agent can be called, and the ticket prints once the paper is in") {
    test::LoopbackEscPosPrinter printer;
    printer.ready();
    printer.answer(4, 0x60);
    Visit v(printer.spec());
    v.to_first_place();
    REQUIRE(v.h->tap("places.print"));
    REQUIRE(v.h->wait_print());
    const printing::PrintState& s = v.places().print_state();
    REQUIRE(s.kind == Kind::Failed);
    CHECK(s.problem == printing::PrintProblem::no_paper);
    CHECK_THAT(s.message, Catch::Contains("no paper"));  // the detail, for the log
    v.h->wait(std::chrono::milliseconds(100));
    CHECK(v.shows("L’imprimante n’a plus de papier. Un agent peut vous aider."));
    for (const char* technical : {"paper", "printer", "127.0.0.1", "DLE"}) CHECK_FALSE(v.shows(technical));
    CHECK(v.h->has("places.print.retry"));
    CHECK(v.h->has("places.print.agent"));
    v.h->shot(v.shots(), "no-paper");

    REQUIRE(v.h->tap("places.print.agent"));
    CHECK(v.places().print_state().agent_called);
    CHECK(v.h->kiosk().help_call());  // a real call for help, as « Besoin d'aide ? » sends
    CHECK(v.shows("Un agent arrive"));
    REQUIRE(v.h->tap("help.ok"));
    CHECK(v.shows("Un agent est prévenu"));
    CHECK_FALSE(v.h->has("places.print.agent"));
    v.h->shot(v.shots(), "agent-called");

    printer.answer(4, 0);  // the agent put paper in
    REQUIRE(v.h->tap("places.print.retry"));
    REQUIRE(v.h->wait_print());
    CHECK(v.places().print_state().kind == Kind::Printed);
    CHECK(v.shows("Votre ticket est imprimé"));
    const auto jobs = printer.wait_jobs(2);
    REQUIRE(jobs.size() == 2);
    CHECK(test::decode_escpos(jobs[0]).bands == 0);
    CHECK(test::decode_escpos(jobs[1]).bands > 0);
}

TEST_CASE("a printer that does not answer is said kindly, and printing never holds the screen") {
    {
        Visit v("escpos:/nonexistent/lp0");
        v.to_first_place();
        REQUIRE(v.h->tap("places.print"));
        REQUIRE(v.h->wait_print());
        CHECK(v.places().print_state().kind == Kind::Failed);
        CHECK_THAT(v.places().print_state().message, Catch::Contains("printer not found"));  // for the log
        v.h->wait(std::chrono::milliseconds(100));
        CHECK(v.shows("L’imprimante ne répond pas. Un agent peut vous aider."));
        CHECK_FALSE(v.shows("not found"));
        CHECK_FALSE(v.shows("/nonexistent"));
    }
    {
        test::LoopbackEscPosPrinter printer;
        printer.ready();
        printer.delay_answers(300);  // four questions: more than a second before the job goes
        Visit v(printer.spec());
        v.to_first_place();
        REQUIRE(v.h->tap("places.print"));
        CHECK(v.places().print_state().kind == Kind::Printing);
        CHECK(v.shows("Impression en cours"));
        // The citizen can go on meanwhile: the map opens while the ticket is being printed.
        REQUIRE(v.h->tap("places.detail.map"));
        CHECK(v.h->screen() == Screen::PlacesMap);
        REQUIRE(v.h->wait_print());
        CHECK(v.places().print_state().kind == Kind::Printed);
        CHECK(printer.wait_jobs(1).size() == 1);
    }
}

TEST_CASE("the agent sees what the printer says of itself, with its technical words") {
    test::LoopbackEscPosPrinter printer;
    printer.ready();
    printer.answer(4, 0x60);
    test::TempDir data;
    Config config = test::demo_config(data.path);
    config.devices.printer = printer.spec();
    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    const ImVec2 corner = h.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) h.tap_at(corner.x, corner.y);
    REQUIRE(h.screen() == Screen::AgentPin);
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(h.tap(k));
    REQUIRE(h.screen() == Screen::AgentHome);
    REQUIRE(
        h.wait_until([&] { return h.kiosk().find<journeys::AgentJourney>()->printer_check().has_value(); }));
    h.wait(std::chrono::milliseconds(100));
    bool said = false, detail = false;
    for (const ScreenItem& item : h.app().items().items) {
        said = said || item.text.find("Plus de papier : remettez un rouleau.") != std::string::npos;
        detail = detail || item.text.find("DLE EOT 4") != std::string::npos;
    }
    CHECK(said);
    CHECK(detail);
    h.shot(test::binary_dir() / "screenshots/booking", "agent-home-no-paper");
}
