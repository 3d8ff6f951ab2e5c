// Workshop sessions from their three sources (content, a hub speaking the kiosk protocol, RDV Service
// Public) against a real HTTP server on loopback with injected faults; the SQLite cache that keeps them for
// an offline kiosk ("places restantes à confirmer"); the checks of what the citizen types.
#include <catch2/catch.hpp>

#include "booking_hub.hpp"
#include "kiosk/core/booking/cache.hpp"
#include "kiosk/core/booking/sources.hpp"
#include "kiosk/core/files.hpp"
#include "kiosk/core/places/place.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::booking;
using nlohmann::json;

namespace {

const hours::LocalDate kToday{2026, 11, 24};  // the tests' pinned date (a Tuesday)
constexpr std::int64_t kNow = 1795510800;     // 2026-11-24 09:00 UTC

std::uint16_t bit(places::Service s) {
    return static_cast<std::uint16_t>(s);
}

Workshop hub_session(const std::string& id, int in_days, int seats_left) {
    Workshop w;
    w.id = id;
    w.place_id = "163";
    w.place_name = "Centre Social de Montbrison";
    w.title = "Créer son adresse e-mail";
    w.services = bit(places::Service::EverydayTools);
    w.level = Level::Beginner;
    w.starts = (static_cast<hours::LocalMinutes>(hours::day_number(kToday)) + in_days) * 1440 + 14 * 60;
    w.seats_total = 8;
    w.seats_left = seats_left;
    w.how = HowToBook::Hub;
    return w;
}

json rdv(long id, bool collectif, int max, int users, const std::string& status = "unknown",
         const std::string& name = "Atelier smartphone pour débutants") {
    return {{"id", id},
            {"collectif", collectif},
            {"status", status},
            {"cancelled_at", nullptr},
            {"deleted_at", nullptr},
            {"starts_at", "2026-11-26 14:00:00 +0100"},
            {"duration_in_min", 90},
            {"max_participants_count", max},
            {"users_count", users},
            {"name", name},
            {"motif", {{"name", "Atelier collectif"}}},
            {"lieu",
             {{"name", "Médiathèque de Montbrison"}, {"address", "3 place Eugène Baune 42600 Montbrison"}}}};
}

}  // namespace

TEST_CASE("the demo sessions are read relative to today, and a broken one is reported, the others kept") {
    std::vector<ConfigError> errors;
    const auto text = read_file(test::source_dir() / "content/demo/workshops.toml");
    REQUIRE(text);
    const auto sessions = parse_workshops(*text, "workshops.toml", kToday, errors);
    CHECK(errors.empty());
    REQUIRE(sessions.size() == 5);
    const auto& first = sessions.front();
    CHECK(first.id == "content:montbrison-cs-mail-1");
    CHECK(first.how == HowToBook::CallBack);
    CHECK(first.services == bit(places::Service::EverydayTools));
    CHECK(local_time_text(first.starts) == "2026-11-25T14:00");  // in_days = 1 after the pinned date
    CHECK(first.seats_left == 3);
    CHECK(first.pass_accepted);

    errors.clear();
    const auto some = parse_workshops(R"(
[[session]]
id = "a"
place = "Ici"
title = "Bon"
topics = ["Aide aux démarches administratives"]
date = "2026-12-08"
time = "09:30"

[[session]]
id = "b"
place = "Ici"
title = "Mauvais"
topics = ["Jardinage"]
date = "2026-02-30"
time = "25:00"
)",
                                      "t.toml", kToday, errors);
    REQUIRE(some.size() == 1);
    CHECK(local_time_text(some[0].starts) == "2026-12-08T09:30");
    REQUIRE(errors.size() >= 3);
    std::string all;
    for (const auto& e : errors) all += e.to_string() + "\n";
    CHECK_THAT(all,
               Catch::Contains("Jardinage") && Catch::Contains("YYYY-MM-DD") && Catch::Contains("HH:MM"));
}

TEST_CASE("sessions to come, soonest first, filtered by needs and level") {
    std::vector<Workshop> all = {hub_session("late", 5, 2), hub_session("soon", 1, 2),
                                 hub_session("past", -1, 2)};
    all[0].level = Level::Advanced;
    all[1].services = bit(places::Service::AdminProcedures);
    const hours::LocalMinutes now = hours::day_number(kToday) * 1440LL + 10 * 60;
    auto up = upcoming(all, now);
    REQUIRE(up.size() == 2);
    CHECK(up[0].id == "soon");
    CHECK(upcoming(all, now, bit(places::Service::AdminProcedures)).size() == 1);
    CHECK(upcoming(all, now, 0, Level::Beginner).size() == 1);  // the advanced one is left out
}

TEST_CASE(
    "hub sessions: ETag and 304, a 500, a cut body and a slow answer keep the cache and say 'à confirmer'") {
    test::TempDir dir;
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    hub.set_sessions({hub_session("s1", 2, 5), hub_session("s2", 3, 0)});
    WorkshopCache cache(dir.path / "workshops.sqlite");
    REQUIRE(cache.ok());
    std::vector<std::shared_ptr<WorkshopSource>> sources = {
        std::make_shared<HubWorkshops>(hub.url(), "kiosk-token", "demo-0001", 400)};

    auto r = refresh(sources, cache, kToday, kNow);
    CHECK(r.sources_ok == 1);
    REQUIRE(cache.all().size() == 2);
    CHECK(cache.all()[0].id == "hub:s1");
    const std::string etag = cache.state("hub").etag;
    CHECK_FALSE(etag.empty());
    auto shown = cache.shown(kNow);
    CHECK(shown[0].seats_confirmed);
    CHECK(shown[1].workshop.full());

    // Nothing changed: 304, the sessions stand.
    r = refresh(sources, cache, kToday, kNow + 60);
    CHECK(r.sources_ok == 1);
    CHECK(hub.server().requests().back().header("if-none-match") == etag);
    CHECK(cache.all().size() == 2);

    // Faults: each one fails the fetch and keeps what was there.
    using F = test::BookingHub::Fault;
    hub.set_sessions({hub_session("s1", 2, 4), hub_session("s2", 3, 0)});  // a new list: answers with a body
    hub.inject({{500, F::None, 0}, {0, F::Truncate, 0}, {0, F::Reset, 0}, {0, F::None, 700}});
    for (int i = 0; i < 4; ++i) {
        r = refresh(sources, cache, kToday, kNow + 120 + i);
        INFO("fault " << i);
        CHECK(r.sources_failed == 1);
        CHECK(cache.all().size() == 2);
    }
    CHECK_THAT(cache.state("hub").last_error, Catch::Contains("network"));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the slow answer ends on the server
    // Offline for longer than `stale`: the seats are no longer said as known.
    shown = cache.shown(kNow + 3600);
    CHECK_FALSE(shown[0].seats_confirmed);

    // Back: the new list replaces the old one.
    hub.set_sessions({hub_session("s3", 4, 1)});
    r = refresh(sources, cache, kToday, kNow + 4000);
    CHECK(r.sources_ok == 1);
    REQUIRE(cache.all().size() == 1);
    CHECK(cache.shown(kNow + 4000)[0].seats_confirmed);
}

TEST_CASE("RDV Service Public: the open collective rdvs become sessions, seats from max_participants_count") {
    test::TempDir dir;
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    hub.set_rdvs("210", json::array({rdv(8, true, 10, 7), rdv(9, false, 1, 0), rdv(10, true, 6, 2, "revoked"),
                                     rdv(11, true, 5, 5, "unknown", "Démarches en ligne : impots.gouv")}));
    RdvServicePublicWorkshops source(hub.url(), "kiosk-token",
                                     {{"210", "986", "https://www.rdv-aide-numerique.fr/org/210", ""}});
    const FetchResult r = source.fetch({}, kToday);
    REQUIRE(r.ok);
    REQUIRE(r.sessions.size() == 2);
    const Workshop& w = r.sessions[0];
    CHECK(w.id == "rdvsp:210:8");
    CHECK(w.seats_left == 3);
    CHECK(w.level == Level::Beginner);
    CHECK((w.services & bit(places::Service::EverydayTools)));
    CHECK(w.place_id == "986");
    CHECK(local_time_text(w.starts) == "2026-11-26T14:00");
    CHECK(r.sessions[1].full());
    CHECK((r.sessions[1].services & bit(places::Service::AdminProcedures)));
    const auto requests = hub.server().requests();
    const test::HttpRequest req = requests.back();
    CHECK(req.target.rfind("/api/v1/organisations/210/rdvs?starts_after=2026-11-24", 0) == 0);
    CHECK(req.header("authorization") == "Bearer kiosk-token");

    // The hub's relay adds the participant; a full rdv says so.
    const Participant who{"Zoé", "Martin", "+33612345678", ""};
    CHECK(add_participant(hub.url(), "kiosk-token", "210", "8", who).outcome == AddOutcome::Added);
    CHECK(add_participant(hub.url(), "kiosk-token", "210", "11", who).outcome == AddOutcome::Full);
    CHECK(add_participant(hub.url(), "wrong", "210", "8", who).outcome == AddOutcome::Refused);
    REQUIRE(hub.participations().size() == 1);
    CHECK(hub.participations()[0]["rdv_id"] == "8");
    hub.inject({{500, test::BookingHub::Fault::None, 0}});
    CHECK(add_participant(hub.url(), "kiosk-token", "210", "8", who).outcome == AddOutcome::Retry);

    const auto links = fetch_public_links(hub.url(), "42");
    REQUIRE(links);
    CHECK(links->at("42-montbrison") == "https://www.rdv-aide-numerique.fr/org/210");
}

TEST_CASE("the topics of free-text workshop names, on names tuned on and on held-out names") {
    using S = places::Service;
    struct Case {
        const char* name;
        S expected;
    };
    // Tuned on these…
    const Case dev[] = {
        {"Atelier smartphone", S::EverydayTools}, {"Démarches CAF en ligne", S::AdminProcedures},
        {"Faire son CV", S::JobInsertion},        {"Déjouer les arnaques", S::SafeUse},
        {"Retoucher ses photos", S::Leisure},     {"Les écrans et les enfants", S::Parenting}};
    // … and checked on these, written afterwards.
    const Case held_out[] = {{"Utiliser sa tablette", S::EverydayTools},
                             {"Déclarer ses impôts en ligne", S::AdminProcedures},
                             {"Candidater sur France Travail", S::JobInsertion},
                             {"Protéger ses mots de passe", S::SafeUse},
                             {"Comprendre l'intelligence artificielle", S::UnderstandingDigital},
                             {"Envoyer un courriel avec pièce jointe", S::EverydayTools},
                             {"Premiers pas sur ameli.fr", S::AdminProcedures},
                             {"Créer de la musique sur ordinateur", S::Leisure}};
    auto score = [](const auto& cases) {
        int good = 0, n = 0;
        for (const Case& c : cases) {
            ++n;
            if (services_from_words(c.name) & static_cast<std::uint16_t>(c.expected)) ++good;
        }
        return std::pair{good, n};
    };
    const auto [dev_good, dev_n] = score(dev);
    const auto [held_good, held_n] = score(held_out);
    INFO("topics found: " << dev_good << "/" << dev_n << " tuned on, " << held_good << "/" << held_n
                          << " held out");
    CHECK(dev_good == dev_n);
    CHECK(held_good >= held_n - 1);
    WARN("topics found: " << dev_good << "/" << dev_n << " tuned on, " << held_good << "/" << held_n
                          << " held out");
}

TEST_CASE("names, telephone numbers (overseas too) and e-mails are checked with a reason in plain words") {
    CHECK(std::string(check_name("Zoé")).empty());
    CHECK(std::string(check_name("Jean-Pierre d'Arcy")).empty());
    CHECK(std::string(check_name("Œdipe")).empty());
    CHECK(std::string(check_name("")) == "booking.error.name_empty");
    CHECK(std::string(check_name("R2D2")) == "booking.error.name_letters");
    CHECK(std::string(check_name(std::string(41, 'a'))) == "booking.error.name_long");

    auto phone = check_phone("06 12 34 56 78");
    CHECK(phone.international == "+33612345678");
    CHECK(phone.mobile);
    phone = check_phone("0477961234");
    CHECK(phone.international == "+33477961234");
    CHECK_FALSE(phone.mobile);
    phone = check_phone("0692123456");  // La Réunion, a mobile
    CHECK(phone.international == "+262692123456");
    CHECK(phone.mobile);
    CHECK(check_phone("0590123456").international == "+590590123456");  // Guadeloupe, a landline
    CHECK(check_phone("+33 7 12 34 56 78").mobile);
    CHECK(std::string(check_phone("06123").problem) == "booking.error.phone_short");
    CHECK(std::string(check_phone("061234567890").problem) == "booking.error.phone_long");
    CHECK(std::string(check_phone("").problem) == "booking.error.phone_empty");
    CHECK(std::string(check_phone("+44 20 7946 0958").problem) == "booking.error.phone_wrong");

    CHECK(std::string(check_email("zoe.martin@exemple.fr")).empty());
    CHECK(std::string(check_email("zoe.martin@exemple")) == "booking.error.email_wrong");
    CHECK(std::string(check_email("@exemple.fr")) == "booking.error.email_wrong");
    CHECK(std::string(check_email("")) == "booking.error.email_empty");
}

TEST_CASE("the booking settings of the demo content are valid, and a wrong key is said where") {
    std::vector<ConfigError> errors;
    const auto text = read_file(test::source_dir() / "content/booking/booking.toml");
    REQUIRE(text);
    const BookingSettings s = parse_booking_settings(*text, "booking.toml", errors);
    CHECK(errors.empty());
    REQUIRE(s.hub_key);
    CHECK(*s.hub_key == test::HubKeys::demo(test::source_dir()).pk);
    CHECK(s.sessions_file == "demo/workshops.toml");
    CHECK(s.max_age == std::chrono::hours(24 * 30));

    errors.clear();
    parse_booking_settings("[hub]\npublic_key = \"abc\"\nurl = \"http://hub.example.fr\"\n", "b.toml",
                           errors);
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0].to_string() + errors[1].to_string(),
               Catch::Contains("32-byte key") && Catch::Contains("https://"));
}
