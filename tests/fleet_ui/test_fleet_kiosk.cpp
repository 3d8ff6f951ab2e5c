// The fleet in the running kiosk (the app's Kiosk, headless, real loop): content bundles from a DDI server on
// loopback and Debian's nginx are loaded only between citizen sessions, checked (every journey's content
// loads, the screen draws) and kept or rolled back; configuration bundles are applied or refused with the
// line and key; a screenshot is taken only when no citizen session is active.
#include <catch2/catch.hpp>

#include <fstream>

#include "../fleet/fleet_support.hpp"
#include "kiosk/core/fleet/fleet_journey.hpp"
#include "kiosk/core/fleet/live_content.hpp"
#include "kiosk/core/journeys/places_journey.hpp"
#include "platform/harness.hpp"

using namespace kiosk;
using namespace kiosk::fleet;
using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Fleet {
    test::TempDir tmp;
    fs::path content = tmp.path / "content", keys = tmp.path / "keys", data = tmp.path / "data";
    std::unique_ptr<test::Signer> signer;
    std::unique_ptr<test::Nginx> nginx;
    test::DdiServer ddi;
    std::mutex m;
    std::vector<std::string> uploads;  // PNG bodies POSTed to the screenshot URL
    std::unique_ptr<test::LoopbackHttpServer> uploader;

    Fleet() {
        fs::create_directories(content);
        fs::create_directories(keys);
        test::small_content(content);
        signer = std::make_unique<test::Signer>(keys);
        nginx = std::make_unique<test::Nginx>(tmp.path);
        uploader = std::make_unique<test::LoopbackHttpServer>([this](const test::HttpRequest& r) {
            std::lock_guard l(m);
            if (r.method == "POST" && r.header("content-type") == "image/png" &&
                r.header("authorization") == "TargetToken " + ddi.token)
                uploads.push_back(r.body);
            return test::HttpAnswer{200, "{}"};
        });
    }
    Config config() const {
        Config c = test::demo_config(data);
        c.fleet.server = ddi.base();
        c.fleet.controller_id = ddi.controller;
        c.fleet.token = ddi.token;
        c.fleet.public_key = keys / "public.key";
        c.fleet.screenshot_url = "http://127.0.0.1:" + std::to_string(uploader->port()) + "/shots";
        return c;
    }
    void deploy(const std::string& action, const BundleFiles& b) {
        nginx->publish(b);
        json artifacts = json::array();
        for (const fs::path& p : {b.payload, b.manifest, b.signature})
            artifacts.push_back(test::ddi_artifact(p, nginx->url(p.filename().string())));
        ddi.deploy(action, artifacts);
    }
    BundleFiles settings(const std::string& stem, std::int64_t version, const std::string& toml) {
        const fs::path file = tmp.path / (stem + ".source.toml");
        std::ofstream(file) << toml;
        const BundleFiles b{keys / (stem + ".toml"), keys / (stem + ".manifest.json"),
                            keys / (stem + ".manifest.sig")};
        build_settings_bundle(file, b, version, &test::test_clock());
        sign_bundle(b, signer->secret);
        return b;
    }
    // The feedback of one action, in order: "execution/finished".
    std::vector<std::string> steps(const std::string& action) const {
        std::vector<std::string> out;
        for (const json& f : ddi.feedbacks())
            if (f["id"] == action)
                out.push_back(f["status"]["execution"].get<std::string>() + "/" +
                              f["status"]["result"]["finished"].get<std::string>());
        return out;
    }
    std::string details(const std::string& action) const {
        std::string out;
        for (const json& f : ddi.feedbacks())
            if (f["id"] == action)
                for (const json& d : f["status"]["details"]) out += d.get<std::string>() + "\n";
        return out;
    }
    bool closed(const std::string& action) const {
        for (const std::string& s : steps(action))
            if (s.rfind("closed/", 0) == 0) return true;
        return false;
    }
};

std::vector<std::string> journal(Kiosk& kiosk) {
    kiosk.audit_flush();
    std::vector<std::string> out;
    for (const auto& e : kiosk.journal().last(200)) out.push_back(e.action + " " + e.detail);
    return out;
}

bool journaled(Kiosk& kiosk, const std::string& action) {
    for (const std::string& line : journal(kiosk))
        if (line.rfind(action + " ", 0) == 0) return true;
    return false;
}

// The next poll (the DDI server asks for one every second), and its answer.
void next_poll(platform::Harness& h, FleetJourney& f) {
    const std::size_t before = f.polls();
    h.wait(1500ms);
    REQUIRE(h.wait_until([&] { return f.polls() > before; }, 60s));
}

// Until the citizen's session ends by itself (inactivity, "still there?", goodbye) and the attract screen is
// back.
void session_ends(platform::Harness& h) {
    for (int i = 0; i < 400 && h.screen() != Screen::Attract; ++i) h.wait(1000ms);
    REQUIRE(h.screen() == Screen::Attract);
}

// Until `done`, the kiosk's clock moving half a second at a time (its timers fire) while workers run.
bool settle(platform::Harness& h, const std::function<bool()>& done, int steps = 400) {
    for (int i = 0; i < steps && !done(); ++i) {
        h.wait(500ms);
        h.wait_until(done, 1s);
    }
    return done();
}

std::size_t communes(Kiosk& kiosk) {
    auto* places = kiosk.find<journeys::PlacesJourney>();
    return places && places->data() ? places->data()->communes.size() : 0;
}

// The kiosk started with its fleet journey, which has polled once.
FleetJourney* first_poll_done(platform::Harness& h) {
    REQUIRE(h.wait_background());
    FleetJourney* f = h.kiosk().find<FleetJourney>();
    REQUIRE(f);
    REQUIRE(h.wait_until([&] { return f->polls() >= 1; }, 60s));
    return f;
}

}  // namespace

TEST_CASE(
    "the running kiosk loads a content bundle between sessions, keeps a healthy one, rolls back a bad one") {
    Fleet fleet;
    platform::Harness h(fleet.config(), 1280, 800);
    FleetJourney* f = first_poll_done(h);
    CHECK_FALSE(f->content_version());  // nothing installed: the embedded content
    const fs::path embedded = h.kiosk().config().content_dir;
    const std::size_t embedded_communes = communes(h.kiosk());
    CHECK(embedded_communes > 30000);  // the whole gazetteer
    // The heartbeat's attributes: versions, site, commune, disk, outbox, devices, journal head.
    REQUIRE_FALSE(fleet.ddi.configs().empty());
    const json attrs = fleet.ddi.configs().back()["data"];
    for (const char* key : {"app_version", "content_version", "site", "commune", "free_disk_mb",
                            "outbox_pending", "printer", "camera", "journal_head", "journal_entries"})
        CHECK(attrs.contains(key));
    CHECK(attrs["site"] == h.kiosk().config().site_name);
    CHECK(attrs["journal_head"].get<std::string>().size() == 64);

    // A citizen is at the screen when the bundle comes: verified and prepared, not loaded.
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.screen() == Screen::Home);
    fleet.deploy("41", fleet.signer->build(fleet.content, 2, "content-2"));
    next_poll(h, *f);
    REQUIRE(f->busy());
    h.wait(3000ms);
    CHECK(h.kiosk().config().content_dir == embedded);
    CHECK(communes(h.kiosk()) == embedded_communes);
    CHECK_FALSE(fleet.closed("41"));
    CHECK(fleet.steps("41").back() == "proceeding/none");

    // The session ends: at the attract screen it is made current, loaded by every journey, checked, kept.
    session_ends(h);
    REQUIRE(settle(h, [&] { return f->installed() == 1 && !f->busy(); }));
    CHECK(f->content_version() == 2);
    CHECK(h.kiosk().config().content_dir == fs::path(fleet.data / "fleet/live/v2"));
    CHECK(communes(h.kiosk()) == 1499);  // the bundle's gazetteer (1500 lines, one a header) is served
    CHECK(fleet.steps("41").back() == "closed/success");
    CHECK(fleet.details("41").find("every journey's content loads and the screen draws") !=
          std::string::npos);
    CHECK(journaled(h.kiosk(), "fleet.content.installed"));

    // A signed bundle whose self-diagnostic does not load: the file-level check passes (places, communes,
    // catalogs), the running kiosk's check does not: rolled back to version 2, reloaded, reported.
    {
        std::ofstream broken(fleet.content / "diagnostic" / "diagnostic.toml", std::ios::app);
        broken << "\n[[[ not toml\n";
    }
    fleet.deploy("42", fleet.signer->build(fleet.content, 3, "content-3"));
    next_poll(h, *f);
    REQUIRE(settle(h, [&] { return f->rolled_back() == 1 && !f->busy(); }));
    CHECK(f->installed() == 1);
    CHECK(f->content_version() == 2);
    CHECK(h.kiosk().config().content_dir == fs::path(fleet.data / "fleet/live/v2"));
    CHECK(communes(h.kiosk()) == 1499);
    ContentStore store(fleet.data / "fleet/content");
    REQUIRE(store.current());
    CHECK(store.current()->version == 2);
    CHECK(fleet.steps("42").back() == "closed/failure");
    CHECK(fleet.details("42").find("diagnostic:") != std::string::npos);
    CHECK(journaled(h.kiosk(), "fleet.content.rolled_back"));

    // "Synchroniser maintenant": a poll at once, without waiting for the server's rhythm.
    const std::size_t polls = f->polls();
    h.kiosk().act(Intent{"fleet.poll_now", {}}, h.kiosk().now());
    REQUIRE(h.wait_until([&] { return f->polls() > polls; }, 60s));
    CHECK(journaled(h.kiosk(), "fleet.poll_now"));
}

TEST_CASE(
    "a kiosk restarted with an installed bundle starts on it, and without one on the embedded content") {
    Fleet fleet;
    const Config config = fleet.config();
    std::vector<std::string> notes;
    CHECK(startup_config(config, notes).content_dir == config.content_dir);
    {
        ContentStore store(fleet.data / "fleet/content");
        REQUIRE(
            store.install(fleet.signer->build(fleet.content, 5, "content-5"), fleet.signer->options()).ok());
    }
    platform::Harness h(config, 1280, 800);
    REQUIRE(h.wait_background());
    CHECK(h.kiosk().config().content_dir == fs::path(fleet.data / "fleet/live/v5"));
    CHECK(communes(h.kiosk()) == 1499);
    REQUIRE(h.kiosk().find<FleetJourney>());
    CHECK(h.kiosk().find<FleetJourney>()->content_version() == 5);
}

TEST_CASE(
    "a configuration bundle is applied between sessions, and a bad one is refused with its line and key") {
    Fleet fleet;
    platform::Harness h(fleet.config(), 1280, 800);
    FleetJourney* f = first_poll_done(h);

    // A bad one: refused by the poll, with the line and key, and nothing changes.
    const std::string site = h.kiosk().config().site_name;
    fleet.deploy("51", fleet.settings("settings-1", 1,
                                      "[kiosk]\nsite = \"Ailleurs\"\n[timeouts]\ninactivity_seconds = 5\n"));
    next_poll(h, *f);
    REQUIRE(settle(h, [&] { return fleet.closed("51"); }));
    CHECK(fleet.steps("51").back() == "closed/failure");
    CHECK(fleet.details("51").find(
              "settings.toml:4: timeouts.inactivity_seconds: must be between 10 and 3600") !=
          std::string::npos);
    CHECK(h.kiosk().config().site_name == site);
    CHECK(h.kiosk().machine().timings().inactivity == std::chrono::seconds(90));
    // An unknown key is named too.
    fleet.deploy("52", fleet.settings("settings-2", 2, "[timeouts]\ninactivity_secs = 60\n"));
    next_poll(h, *f);
    REQUIRE(settle(h, [&] { return fleet.closed("52"); }));
    CHECK(fleet.details("52").find("settings.toml:2: timeouts.inactivity_secs: unknown key") !=
          std::string::npos);

    // A good one, while a citizen is at the screen: applied only once the session is over.
    REQUIRE(h.tap("attract.start"));
    fleet.deploy("53", fleet.settings("settings-3", 3,
                                      "[kiosk]\nsite = \"France Services de Montbrison\"\n[timeouts]\n"
                                      "inactivity_seconds = 120\n"));
    next_poll(h, *f);
    h.wait(2000ms);
    CHECK(h.kiosk().config().site_name == site);
    CHECK_FALSE(fleet.closed("53"));
    session_ends(h);
    REQUIRE(settle(h, [&] { return fleet.closed("53"); }));
    CHECK(fleet.steps("53").back() == "closed/success");
    CHECK(h.kiosk().config().site_name == "France Services de Montbrison");
    CHECK(h.kiosk().machine().timings().inactivity == std::chrono::seconds(120));
    CHECK(journaled(h.kiosk(), "fleet.settings"));
    // Kept: the next start lays them over the local file.
    std::vector<std::string> notes;
    const Config next = startup_config(fleet.config(), notes);
    CHECK(next.site_name == "France Services de Montbrison");
    CHECK(next.inactivity == std::chrono::seconds(120));
    // Replayed: refused.
    fleet.deploy("54", fleet.settings("settings-3b", 3, "[kiosk]\nsite = \"Replay\"\n"));
    next_poll(h, *f);
    REQUIRE(settle(h, [&] { return fleet.closed("54"); }));
    CHECK(fleet.steps("54").back() == "closed/failure");
    CHECK(fleet.details("54").find("replay refused") != std::string::npos);
    CHECK(h.kiosk().config().site_name == "France Services de Montbrison");
}

TEST_CASE("a screenshot is taken and uploaded only when no citizen session is active, and journaled") {
    Fleet fleet;
    platform::Harness h(fleet.config(), 1280, 800);
    FleetJourney* f = first_poll_done(h);

    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    fleet.deploy("61", fleet.settings("shot-1", 1, "[request]\nscreenshot = true\n"));
    next_poll(h, *f);
    REQUIRE(settle(
        h, [&] { return fleet.details("61").find("citizen session is active") != std::string::npos; }, 20));
    h.wait(3000ms);
    CHECK_FALSE(fleet.closed("61"));
    {
        std::lock_guard l(fleet.m);
        CHECK(fleet.uploads.empty());
    }
    CHECK_FALSE(journaled(h.kiosk(), "fleet.screenshot"));

    session_ends(h);
    REQUIRE(settle(h, [&] { return fleet.closed("61"); }));
    INFO(fleet.details("61"));
    CHECK(fleet.steps("61").back() == "closed/success");
    CHECK(f->screenshots_sent() == 1);
    std::string png;
    {
        std::lock_guard l(fleet.m);
        REQUIRE(fleet.uploads.size() == 1);
        png = fleet.uploads[0];
    }
    // A real PNG of the screen, decoded back: the window's size.
    const fs::path file = fleet.tmp.path / "received.png";
    std::ofstream(file, std::ios::binary) << png;
    std::string why;
    CHECK(png_drawn(file, 1280, 800, why));
    CHECK(journaled(h.kiosk(), "fleet.screenshot"));
}

TEST_CASE("[fleet] in the kiosk's configuration is checked like the rest: line and key") {
    test::TempDir tmp;
    const std::string head =
        "[kiosk]\nid = \"k-1\"\nsite = \"Ici\"\n[position]\nlatitude = 45.6\nlongitude = 4.06\ncommune = "
        "\"42147\"\n"
        "[paths]\ncontent = \"" +
        (test::source_dir() / "content").string() + "\"\n";
    auto errors = [&](const std::string& fleet) {
        std::vector<std::string> out;
        for (const ConfigError& e : parse_config(head + fleet, tmp.path, "kiosk.toml").errors)
            out.push_back(e.to_string());
        return out;
    };
    auto has = [](const std::vector<std::string>& all, const std::string& text) {
        for (const std::string& e : all)
            if (e.find(text) != std::string::npos) return true;
        return false;
    };
    {
        std::ofstream(tmp.path / "public.key") << std::string(64, 'a') << "\n";
        std::ofstream(tmp.path / "bad.key") << "not a key\n";
    }
    // Line 10 is [fleet], 11 onwards its keys.
    CHECK(
        errors(
            "[fleet]\nserver = \"https://hawkbit.example.org\"\ntoken = \"t\"\npublic_key = \"public.key\"\n")
            .empty());
    CHECK(has(
        errors(
            "[fleet]\nserver = \"http://hawkbit.example.org\"\ntoken = \"t\"\npublic_key = \"public.key\"\n"),
        "kiosk.toml:11: fleet.server: must be an https:// address"));
    CHECK(has(errors("[fleet]\nserver = \"https://h.example.org\"\npublic_key = \"public.key\"\n"),
              "fleet.token: hawkBit needs the target's security token"));
    CHECK(has(errors("[fleet]\nstatic_url = \"https://cdn.example.org/kiosk.json\"\n"), "fleet.public_key:"));
    CHECK(has(errors("[fleet]\nstatic_url = \"https://c.example.org/k.json\"\npublic_key = \"bad.key\"\n"),
              "kiosk.toml:12: fleet.public_key: is not an Ed25519 public key"));
    CHECK(has(errors("[fleet]\nstatic_url = \"https://c.example.org/k.json\"\npublic_key = \"none.key\"\n"),
              "kiosk.toml:12: fleet.public_key: the file"));
    CHECK(has(errors("[fleet]\nserver = \"https://h.example.org\"\ntoken = \"t\"\ntoken_type = \"bearer\"\n"
                     "public_key = \"public.key\"\n"),
              "kiosk.toml:13: fleet.token_type: must be target or gateway"));
    CHECK(
        has(errors("[fleet]\nserver = \"https://h.example.org\"\ntoken = \"t\"\npublic_key = \"public.key\"\n"
                   "client_cert = \"public.key\"\n"),
            "mutual TLS needs client_cert and client_key together"));
    CHECK(has(errors("[fleet]\npoll_seconds = 1\n"),
              "kiosk.toml:11: fleet.poll_seconds: must be between 10 and 86400"));
    CHECK(has(errors("[fleet]\nsever = \"https://h.example.org\"\n"),
              "kiosk.toml:11: fleet.sever: unknown key"));
    // The controller id is the kiosk's id unless given.
    const ConfigResult r = parse_config(
        head + "[fleet]\nserver = \"https://h.example.org\"\ntoken = \"t\"\npublic_key = \"public.key\"\n",
        tmp.path, "kiosk.toml");
    CHECK(r.config.fleet.controller_id == "k-1");
    CHECK(r.config.fleet.public_key == tmp.path / "public.key");
    CHECK(r.config.fleet.enabled());
}

TEST_CASE("configData carries the anonymous statistics, never a figure under 5 a day, and the journal head") {
    Fleet fleet;
    platform::Harness h(fleet.config(), 1280, 800);
    first_poll_done(h);
    const std::string today = h.kiosk().today();
    h.kiosk().store().count(today, "searches", 7);
    h.kiosk().store().count(today, "help_requests", 3);  // 3 people: not said
    h.kiosk().audit("agent.test", "an entry");
    h.kiosk().audit_flush();
    const AuditJournal::Head head = h.kiosk().journal().head();
    fleet.ddi.ask_config();
    const std::size_t before = fleet.ddi.configs().size();
    h.kiosk().act(Intent{"fleet.poll_now", {}}, h.kiosk().now());
    REQUIRE(settle(
        h, [&] { return fleet.ddi.configs().size() > before; }, 60));
    const json attrs = fleet.ddi.configs().back()["data"];
    INFO(attrs.dump());
    CHECK(attrs["stats." + today + ".searches"] == "7");
    CHECK_FALSE(attrs.contains("stats." + today + ".help_requests"));
    // The head as it was when the poll began (the poll_now entry may follow it).
    CHECK(std::stoll(attrs["journal_entries"].get<std::string>()) >= head.entries);
    CHECK(attrs["journal_head"].get<std::string>().size() == 64);
    CHECK(attrs["content_version"] == "none");
    CHECK(attrs["printer"] == "none");
}
