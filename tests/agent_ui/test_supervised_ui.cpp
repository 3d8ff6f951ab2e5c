// Supervised mode in the real application, headless: a citizen prints a place and asks for help; the agent
// unlocks, answers, takes over the citizen's journey under the "Mode accompagné" band, comes back to the
// agent space without the PIN, prints the ticket again and hands back; the citizen goes on where they were.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/core/journeys/agent_journey.hpp"
#include "platform/harness.hpp"
#include "agent_ui_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void unlock(platform::Harness& h) {
    const ImVec2 corner = h.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) h.tap_at(corner.x, corner.y);
    REQUIRE(h.screen() == Screen::AgentPin);
    for (const char* k : {"agent.pin.2", "agent.pin.4", "agent.pin.6", "agent.pin.8", "agent.pin.ok"})
        REQUIRE(h.tap(k));
    REQUIRE(h.screen() == Screen::AgentHome);
}

}  // namespace

TEST_CASE("help → unlock → take over → print again → lock: the citizen goes on where they were") {
    test::TempDir data, tickets;
    Config config = test::demo_config(data.path);
    config.devices.printer = "file:" + tickets.path.string();
    platform::Harness h(config, 1920, 1080);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.here"));
    REQUIRE(h.tap("places.result.1"));
    REQUIRE(h.screen() == Screen::PlacesDetail);
    REQUIRE(h.tap("places.print"));
    REQUIRE(h.wait_print());
    REQUIRE(std::filesystem::exists(tickets.path / "ticket-000001.png"));
    CHECK_FALSE(h.has("header.agent_space"));  // no band while no agent is in

    REQUIRE(h.tap("header.help"));
    REQUIRE(h.tap("help.ok"));
    unlock(h);
    REQUIRE(h.tap("agent.home.help_close"));
    REQUIRE(h.has("agent.home.reprint"));  // the citizen's ticket, ready to print again
    REQUIRE(h.tap("agent.home.takeover"));
    CHECK(h.screen() == Screen::PlacesDetail);  // the citizen's journey, nothing lost
    CHECK(h.kiosk().state().supervised());
    REQUIRE(h.has("header.agent_space"));  // the band: "Mode accompagné"
    h.shot(test::agent_shots(), "supervised-places-detail");
    REQUIRE(h.tap("footer.back"));  // the agent moves through the journey for the citizen
    CHECK(h.screen() == Screen::PlacesResults);
    REQUIRE(h.tap("header.agent_space"));  // back to the agent space, without the PIN
    CHECK(h.screen() == Screen::AgentHome);
    REQUIRE(h.tap("agent.home.reprint"));
    REQUIRE(h.wait_print());
    const auto copy = tickets.path / "ticket-000002.png";
    REQUIRE(std::filesystem::exists(copy));
    CHECK(read_file(copy) == read_file(tickets.path / "ticket-000001.png"));  // the same ticket
    h.shot(test::agent_shots(), "supervised-agent-home");
    REQUIRE(h.tap("agent.home.leave"));
    CHECK(h.screen() == Screen::PlacesResults);  // handed back where the agent left it
    CHECK_FALSE(h.kiosk().state().agent_in);
    CHECK_FALSE(h.has("header.agent_space"));
    CHECK(h.layout_problems().empty());
    const std::vector<std::string> journal = test::journal_actions(h.kiosk());
    const std::vector<std::string> expected = {"unlock.pin.ok", "unlock",      "help.closed",
                                               "takeover",      "print.again", "lock"};
    CHECK(journal == expected);
    CHECK(AuditJournal::verify(data.path / "audit.sqlite").ok);
}

TEST_CASE("Terminer la visite locks and wipes: the next person finds nothing, not even the ticket") {
    test::TempDir data, tickets;
    Config config = test::demo_config(data.path);
    config.devices.printer = "file:" + tickets.path.string();
    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    REQUIRE(h.tap("places.need.here"));
    REQUIRE(h.tap("places.result.1"));
    REQUIRE(h.tap("places.print"));
    REQUIRE(h.wait_print());
    unlock(h);
    REQUIRE(h.has("agent.home.reprint"));
    const unsigned long wipes = h.kiosk().wipe_count();
    REQUIRE(h.tap("agent.home.end_visit"));
    CHECK(h.screen() == Screen::Attract);
    CHECK(h.kiosk().wipe_count() == wipes + 1);
    CHECK_FALSE(h.kiosk().state().agent_in);
    // The next agent visit, on the next person's session: no ticket to print again.
    REQUIRE(h.tap("attract.start"));
    unlock(h);
    CHECK_FALSE(h.has("agent.home.reprint"));
    REQUIRE(h.tap("agent.home.takeover"));
    CHECK(h.screen() == Screen::Home);
    CHECK(h.kiosk().state().supervised());
}

TEST_CASE("supervised mode locks by itself after [agent] auto_lock_seconds untouched") {
    test::TempDir data;
    Config config = test::demo_config(data.path);
    config.agent_auto_lock = 45s;
    platform::Harness h(config, 1920, 1080);
    REQUIRE(h.tap("attract.start"));
    unlock(h);
    REQUIRE(h.tap("agent.home.takeover"));
    REQUIRE(h.kiosk().state().supervised());
    h.wait(44s);
    CHECK(h.kiosk().state().supervised());
    h.wait(2s);
    CHECK_FALSE(h.kiosk().state().agent_in);
    CHECK(h.screen() == Screen::Home);
    CHECK_FALSE(h.has("header.agent_space"));
    const std::vector<std::string> journal = test::journal_actions(h.kiosk());
    REQUIRE(journal.size() >= 2);
    CHECK(journal[journal.size() - 2] == "lock.auto");
    CHECK(journal.back() == "lock");
}
