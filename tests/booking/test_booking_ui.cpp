// Booking a seat from the screens, in the real application headless: from a place's page to its workshops,
// then from a session to a request in 6 taps (typing aside), the consent in plain words, the true answer
// ("enregistrée" with the demo's hub-less content; "réservée" with a hub on loopback that confirms), the
// ticket printed, and after the session's wipe nothing readable of the citizen left on the disk.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "booking_hub.hpp"
#include "kiosk/core/journeys/booking_journey.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

std::string all_bytes(const std::filesystem::path& dir) {
    std::string out;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
        if (f.is_regular_file()) {
            std::ifstream in(f.path(), std::ios::binary);
            out.append(std::istreambuf_iterator<char>(in), {});
        }
    return out;
}

// The demo content with another booking.toml: every entry a link to the real one, booking/ a folder of its
// own.
std::filesystem::path content_with_hub(const std::filesystem::path& dir, const std::string& hub_url) {
    const auto content = test::source_dir() / "content";
    for (const auto& e : std::filesystem::directory_iterator(content))
        if (e.path().filename() != "booking")
            std::filesystem::create_directory_symlink(e.path(), dir / e.path().filename());
    std::filesystem::create_directories(dir / "booking");
    std::ofstream(dir / "booking/booking.toml")
        << "sessions = \"demo/workshops.toml\"\n[hub]\nurl = \"" << hub_url
        << "\"\ntoken = \"kiosk-token\"\npublic_key = "
           "\"r/QNXBgDOlHP2zNRkMPu5YDmm21t+0b5bJBAV1G2x2s=\"\n";
    return dir;
}

struct Visit {
    test::TempDir data, tickets, content;
    std::unique_ptr<platform::Harness> h;
    int taps = 0;
    explicit Visit(const std::string& hub_url = {}) {
        Config config = test::demo_config(data.path);
        config.devices.printer = "file:" + tickets.path.string();
        if (!hub_url.empty()) config.content_dir = content_with_hub(content.path, hub_url);
        h = std::make_unique<platform::Harness>(config, 1280, 800);
        REQUIRE(h->wait_background());
        REQUIRE(h->tap("attract.start"));
    }
    bool tap(const std::string& id) {
        if (!h->has(id)) return false;
        ++taps;
        return h->tap(id);
    }
    journeys::BookingJourney& booking() { return *h->kiosk().find<journeys::BookingJourney>(); }
    std::filesystem::path shots() { return test::binary_dir() / "screenshots/booking"; }
    void type_digits(const std::string& digits) {
        for (char c : digits) REQUIRE(h->tap(std::string("kbd.") + c));
    }
    // Home → Lieu → Près d'ici → the Centre Social de Montbrison's page → its workshops.
    void to_workshops_of_centre_social() {
        REQUIRE(h->tap("home.places"));
        REQUIRE(h->tap("places.need.here"));
        const auto& results = h->app().places().results();
        std::size_t at = results.size();
        for (std::size_t i = 0; i < results.size(); ++i)
            if (h->app().places().place(results[i].id)->id == "163") at = i;
        REQUIRE(at < results.size());
        if (!h->has("places.result." + std::to_string(at + 1)))
            h->drag("places.results", -h->app().fonts().em * 8 * static_cast<float>(at));
        REQUIRE(h->tap("places.result." + std::to_string(at + 1)));
        REQUIRE(h->screen() == Screen::PlacesDetail);
        h->shot(shots(), "place-with-workshops");
        REQUIRE(h->tap("places.detail.workshops"));
        REQUIRE(h->screen() == journeys::kWorkshops);
    }
    // From the list to the consent: the session, "Réserver", the names, the telephone.
    void book_first(const std::string& first, const std::string& last) {
        REQUIRE(tap("booking.session.1"));
        REQUIRE(h->screen() == journeys::kWorkshop);
        h->shot(shots(), "booking-session");
        REQUIRE(tap("booking.start"));
        REQUIRE(h->screen() == journeys::kBookingName);
        h->type(first);
        REQUIRE(h->tap("kbd.xc3a9"));  // é, from the row of accents
        h->shot(shots(), "booking-first-name");
        REQUIRE(tap("booking.name.next"));
        REQUIRE(h->screen() == journeys::kBookingName);
        h->type(last);
        h->shot(shots(), "booking-last-name");
        REQUIRE(tap("booking.name.next"));
        REQUIRE(h->screen() == journeys::kBookingContact);
        type_digits("061234567");
        REQUIRE(h->tap("booking.contact.next"));  // one digit short: said, not counted as a step
        CHECK(std::string(booking().problem()) == "booking.error.phone_short");
        h->shot(shots(), "booking-phone-short");
        type_digits("8");
        h->shot(shots(), "booking-phone");
        REQUIRE(tap("booking.contact.next"));
        REQUIRE(h->screen() == journeys::kBookingConsent);
        h->shot(shots(), "booking-consent");
    }
};

}  // namespace

TEST_CASE(
    "from a place's page to a request the place will call back about, 6 taps; the ticket; nothing left "
    "after") {
    Visit v;
    v.to_workshops_of_centre_social();
    REQUIRE(v.booking().list().size() == 2);  // the two sessions of this place
    v.h->shot(v.shots(), "workshops-of-place");
    REQUIRE(v.h->tap("booking.list.all"));  // all the workshops near here: the soonest first
    CHECK(v.booking().list().size() == 5);
    CHECK(v.booking().list().front().workshop.id == "content:montbrison-cs-mail-1");
    v.h->shot(v.shots(), "workshops-near-here");
    v.book_first("zo", "lefevre");
    REQUIRE(v.tap("booking.confirm"));
    REQUIRE(v.h->wait_until([&] { return v.h->screen() == journeys::kBookingDone; }));
    CHECK(v.taps == 6);
    CHECK(v.booking().citizen().first_name == "Zoé");
    CHECK(v.booking().citizen().last_name == "Lefevre");
    // No hub in the demo: recorded, never "réservée".
    CHECK(v.booking().status() == booking::BookingStatus::Queued);
    REQUIRE(v.h->wait_until(
        [&] { return v.booking().print_state().kind == printing::PrintState::Kind::Printed; }));
    v.h->shot(v.shots(), "booking-done-pending");
    const auto& items = v.h->app().items().items;
    bool said = false;
    for (const auto& i : items)
        if (i.text.find("Votre demande est enregistrée : la structure vous appellera") != std::string::npos)
            said = true;
    CHECK(said);
    CHECK(std::filesystem::exists(v.tickets.path / "ticket-000001.png"));

    // The request waits in the outbox, sealed for the hub: the hub's key opens it, the kiosk has none.
    auto box = v.booking().outbox();
    const auto pending = box->pending(booking::kBookingKind);
    REQUIRE(pending.size() == 1);
    const json p = json::parse(pending[0].payload);
    CHECK(p["session_id"] == "content:montbrison-cs-mail-1");
    const auto keys = test::HubKeys::demo(test::source_dir());
    const auto opened = booking::open_sealed(p["sealed"].get<std::string>(), keys.pk, keys.sk);
    REQUIRE(opened);
    CHECK(json::parse(*opened)["last_name"] == "Lefevre");
    CHECK(json::parse(*opened)["phone"] == "+33612345678");

    // The citizen leaves: the session is wiped; nothing readable of them is left on the disk.
    REQUIRE(v.h->tap("footer.finish"));
    v.h->wait(std::chrono::seconds(12));
    CHECK(v.booking().citizen().last_name.empty());
    const std::string bytes = all_bytes(v.data.path);
    CHECK(bytes.find("Lefevre") == std::string::npos);
    CHECK(bytes.find("Zoé") == std::string::npos);
    CHECK(bytes.find("612345678") == std::string::npos);
}

TEST_CASE(
    "with a hub that confirms, 'Votre place est réservée' once it answered; without a telephone, the ticket "
    "is the reminder") {
    test::BookingHub hub(test::HubKeys::demo(test::source_dir()));
    Visit v(hub.url());
    v.to_workshops_of_centre_social();
    REQUIRE(v.tap("booking.session.1"));
    REQUIRE(v.tap("booking.start"));
    v.h->type("jean");
    REQUIRE(v.tap("booking.name.next"));
    v.h->type("dupont");
    REQUIRE(v.tap("booking.name.next"));
    REQUIRE(v.tap("booking.contact.none"));  // "Je n'ai pas de téléphone": straight to the consent
    REQUIRE(v.h->screen() == journeys::kBookingConsent);
    v.h->shot(v.shots(), "booking-consent-no-phone");
    REQUIRE(v.tap("booking.confirm"));
    CHECK(v.taps <= 6);
    REQUIRE(v.h->wait_until([&] { return v.booking().status() == booking::BookingStatus::Confirmed; }));
    CHECK(v.h->screen() == journeys::kBookingDone);
    v.h->wait_until([&] { return v.booking().print_state().kind == printing::PrintState::Kind::Printed; });
    v.h->shot(v.shots(), "booking-done-confirmed");
    const auto booked = hub.booked();
    REQUIRE(booked.size() == 1);
    const json details = json::parse(booked.begin()->second.details);
    CHECK(details["first_name"] == "Jean");
    CHECK(details["no_phone"] == true);
    CHECK_FALSE(details.contains("phone"));
    bool said = false;
    for (const auto& i : v.h->app().items().items)
        if (i.text.find("Votre place est réservée") != std::string::npos) said = true;
    CHECK(said);
}
