#include "harness.hpp"

#include "kiosk/core/journeys/booking_journey.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <SDL_image.h>
#include <cstring>
#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "build_info.hpp"
#include "kiosk/core/journeys/agent_journey.hpp"
#include "kiosk/core/access/contrast_audit.hpp"
#include "kiosk/core/layout_audit.hpp"
#include "kiosk/core/log.hpp"
#include "crash.hpp"
#include "../kiosk/ui/about/about.hpp"
#include "kiosk/core/pass/registry.hpp"
#include "kiosk/core/fleet/fleet_journey.hpp"
#include "kiosk/core/pass/short_code.hpp"

namespace kiosk::platform {

std::unique_ptr<Kiosk> make_kiosk(const Config& local, TimePoint now, const WallClock& wall,
                                  std::vector<std::string>& errors) {
    // The fleet: an installed content bundle and the remote settings kept, over the local file.
    std::vector<std::string> notes;
    const Config config = fleet::startup_config(local, notes);
    for (const std::string& n : notes) log::warn("fleet: ", n);
    Translator translator;
    translator.load_folder(config.content_dir / "i18n", "fr", errors);
    if (!translator.catalog(config.default_language))
        errors.push_back("kiosk.language: no translation catalog for \"" + config.default_language +
                         "\" in " + (config.content_dir / "i18n").string());
    auto kiosk = std::make_unique<Kiosk>(config, std::move(translator), now, wall);
    if (config.fleet.enabled())
        kiosk->emplace<fleet::FleetJourney>(config, local.content_dir, build::version).start(now);
    if (!config.data_dir.empty()) set_crash_note((config.data_dir / "running").string());
    return kiosk;
}

WallTime pinned_date() {
    using namespace std::chrono;
    return sys_days{year{2026} / November / 24} + std::chrono::hours{9};  // 10:00 in Paris
}

std::string demo_cheque(const Config& config, WallTime date) {
    const std::time_t t = std::chrono::system_clock::to_time_t(date);
    std::tm tm{};
    localtime_r(&t, &tm);  // the year the kiosk's checker will see
    const pass::RegistryResult r = pass::load_registry(config.content_dir / "pass" / "issuers.toml");
    for (const pass::Issuer& issuer : r.registry.issuers) {
        std::string number = pass::make_cheque_number(issuer, tm.tm_year + 1900, 1234);
        if (!number.empty()) return number;
    }
    throw std::runtime_error("harness: no cheque issuer in " +
                             (config.content_dir / "pass/issuers.toml").string());
}

ui::FontFiles default_font_files() {
    return {build::font_regular, build::font_bold, build::font_icons};
}

Harness::Harness(const Config& config, int width, int height, LayoutAudit audit, WallTime date)
    : audit_mode_(audit), wall_(date) {
    // KIOSK_LAYOUT_AUDIT=report lists every problem of a test run at its end instead of failing at the first.
    if (const char* env = std::getenv("KIOSK_LAYOUT_AUDIT"); env && std::string_view(env) == "report")
        audit_mode_ = LayoutAudit::Report, log_layout_at_end_ = true;
    // No loudspeaker in tests and the tour: SDL's dummy audio plays the reading silently, at its pace (a test
    // may ask for SDL's "disk" driver, which writes it to a file).
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    display_ = std::make_unique<Display>(DisplayOptions{width, height, false, true});
    std::vector<std::string> errors;
    kiosk_ = make_kiosk(config, clock_.now(), wall_, errors);
    if (!errors.empty()) throw std::runtime_error("harness: " + errors.front());
    app_ = std::make_unique<ui::App>(*kiosk_, default_font_files());
    runner_ = std::make_unique<Runner>(*kiosk_, *app_, *display_, clock_);
    runner_->pump();
    audit_layout();
}

void Harness::audit_layout() {
    if (runner_->stats().frames == audited_frame_) return;  // nothing new on screen
    audited_frame_ = runner_->stats().frames;
    const ImVec2 d = app_->display();
    const std::vector<LayoutProblem> problems =
        kiosk::audit_layout(app_->items(), d.x, d.y, app_->fonts().em);
    if (problems.empty()) return;
    const std::string where = std::to_string(static_cast<int>(d.x)) + "x" +
                              std::to_string(static_cast<int>(d.y)) + " " + screen_name(screen()) +
                              (kiosk_->state().still_there_until ? "+still_there" : "");
    std::string first;
    for (const LayoutProblem& p : problems) {
        std::string line = where + ": " + to_string(p);
        if (std::find(layout_problems_.begin(), layout_problems_.end(), line) != layout_problems_.end())
            continue;
        if (first.empty()) first = line;
        layout_problems_.push_back(std::move(line));
    }
    if (audit_mode_ == LayoutAudit::Fail && !first.empty())
        throw std::runtime_error("layout audit: " + first + " (" + std::to_string(problems.size()) +
                                 " on this frame)");
}

void Harness::tap_at(float x, float y) {
    runner_->tap(x, y);
    audit_layout();
}

void Harness::resize(int width, int height) {
    runner_->resize(width, height);
    audit_layout();
}

Harness::~Harness() {
    if (log_layout_at_end_)
        for (const std::string& p : layout_problems_) log::warn("layout: ", p);
    runner_.reset();
    app_.reset();
    kiosk_.reset();
    display_.reset();
}

bool Harness::has(std::string_view id) const {
    return app_->items().find(id) != nullptr;
}

namespace {
// The scrolling region that hides part of `item`: the smallest list holding its clip whose box does not
// hold the item whole (a list of a scrolling page may show the item in full while the page hides it).
const ScreenItem* region_hiding(const ScreenItems& items, const ScreenItem& item) {
    const ScreenItem* best = nullptr;
    for (const ScreenItem& l : items.items) {
        if (l.role != Role::List || !l.rect.contains(*item.clip, 1.0f) || l.rect.contains(item.rect, 1.0f))
            continue;
        if (!best || l.rect.width() * l.rect.height() < best->rect.width() * best->rect.height()) best = &l;
    }
    return best;
}
// A point of `list` a finger can start a drag from: on it, not on a list within it (whose window, scroll
// bar included, spans its box), nor on its own scroll bar at the right edge.
std::optional<ImVec2> drag_point(const ScreenItems& items, const ScreenItem& list, float em) {
    const Box v = list.visible();
    auto free_at = [&](float x, float y) {
        for (const ScreenItem& o : items.items)
            if (&o != &list && o.role == Role::List &&
                o.rect.width() * o.rect.height() < v.width() * v.height() && x >= o.rect.x0 &&
                x < o.rect.x1 && y >= o.rect.y0 && y < o.rect.y1)
                return false;
        return true;
    };
    for (float fy : {0.5f, 0.3f, 0.7f, 0.15f, 0.85f}) {
        const float y = v.y0 + v.height() * fy;
        for (float fx : {0.5f, 0.2f, 0.8f})
            if (free_at(v.x0 + v.width() * fx, y)) return ImVec2(v.x0 + v.width() * fx, y);
        for (float x = v.x0 + 4; x < v.x1 - em * 0.8f; x += 8)
            if (free_at(x, y)) return ImVec2(x, y);
    }
    return std::nullopt;
}
}  // namespace

bool Harness::scroll_into_view(std::string_view id) {
    // A person scrolls what hides it (a list, the page at a larger text size) until it is seen whole.
    for (int tries = 0; tries < 12; ++tries) {
        const ScreenItem* it = app_->items().find(id);
        if (!it) return false;
        if (!it->clip || !it->scrolls) return true;
        const Box v = it->visible();
        if (!v.empty() && v.height() >= std::min(it->rect.height(), it->clip->height()) - 1.0f) return true;
        const ScreenItem* list = region_hiding(app_->items(), *it);
        if (!list) return !v.empty();
        const std::optional<ImVec2> from = drag_point(app_->items(), *list, app_->fonts().em);
        if (!from) return !v.empty();
        const Box lv = list->visible();
        const float most = lv.height() * 0.7f;
        float dy = std::clamp(lv.center_y() - it->rect.center_y(), -most, most);
        if (std::fabs(dy) < 1) return !v.empty();
        // Beyond the distance a drag starts at, so that the finger does not tap what it started on.
        const float least = app_->fonts().em * 1.2f;
        if (std::fabs(dy) < least) dy = dy < 0 ? -least : least;
        const float before = it->rect.y0;
        runner_->drag(from->x, from->y, from->x, from->y + dy, 12);
        audit_layout();
        const ScreenItem* moved = app_->items().find(id);
        if (moved && std::fabs(moved->rect.y0 - before) < 1) return !moved->visible().empty();
    }
    return true;
}

bool Harness::tap(std::string_view id) {
    if (!app_->items().find(id)) return false;
    scroll_into_view(id);
    const ScreenItem* it = app_->items().find(id);
    if (!it) return false;
    // The middle of what is seen of it (a row half scrolled out of its list is touched where it shows).
    const Box v = it->visible().empty() ? it->rect : it->visible();
    const float x = v.center_x(), y = v.center_y();
    clock_.advance(std::chrono::milliseconds(300));  // a person takes a moment between taps
    wall_.advance(std::chrono::milliseconds(300));
    runner_->tap(x, y);
    audit_layout();
    // A person waits for the PIN's answer (checked on a worker, about 0.4 s) before the next tap.
    if (const auto* agent = kiosk_->find<journeys::AgentJourney>(); agent && agent->pad().checking)
        wait_until([agent] { return !agent->pad().checking; }, std::chrono::seconds(20));
    return true;
}

bool Harness::drag_to(std::string_view from, std::string_view to) {
    const ScreenItem* a = app_->items().find(from);
    const ScreenItem* b = app_->items().find(to);
    if (!a || !b) return false;
    runner_->drag(a->rect.center_x(), a->rect.center_y(), b->rect.center_x(), b->rect.center_y(), 12);
    audit_layout();
    return true;
}

bool Harness::drag(std::string_view id, float dy) {
    const ScreenItem* it = app_->items().find(id);
    if (!it) return false;
    runner_->drag(it->rect.center_x(), it->rect.center_y(), it->rect.center_x(), it->rect.center_y() + dy);
    audit_layout();
    return true;
}

bool Harness::drag_by(std::string_view id, float dx, float dy) {
    const ScreenItem* it = app_->items().find(id);
    if (!it) return false;
    const float x = it->rect.center_x(), y = it->rect.center_y();
    runner_->drag(x, y, x + dx, y + dy);
    audit_layout();
    return true;
}

bool Harness::pinch(std::string_view id, float factor) {
    const ScreenItem* it = app_->items().find(id);
    if (!it) return false;
    const float d0 = std::min(it->rect.width(), it->rect.height()) * 0.25f;
    runner_->pinch(it->rect.center_x(), it->rect.center_y(), d0, d0 * factor);
    audit_layout();
    return true;
}

void Harness::wait(std::chrono::milliseconds d) {
    // Move in steps of at most a second, as the real clock would, so that every countdown step is seen.
    while (d.count() > 0) {
        auto step = std::min(d, std::chrono::milliseconds(1000));
        clock_.advance(step);
        wall_.advance(step);
        d -= step;
        runner_->pump();
        audit_layout();
    }
}

bool Harness::wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        runner_->pump();
        audit_layout();
    }
    runner_->pump();
    audit_layout();
    return done();
}

bool Harness::wait_print(std::chrono::seconds limit) {
    return wait_until([this] { return !app_->printing(); }, limit);
}

bool Harness::wait_background(std::chrono::seconds limit) {
    return wait_until([this] { return !app_->background_busy(); }, limit);
}

void Harness::type(std::string_view text) {
    for (char c : text) {
        std::string id = "kbd.";
        if (c == ' ')
            id += "space";
        else if (c == '-')
            id += "hyphen";
        else if (c == '\'')
            id += "apostrophe";
        else
            id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!tap(id)) throw std::runtime_error("harness: no key \"" + id + "\" on " + screen_name(screen()));
    }
}

std::filesystem::path Harness::shot(const std::filesystem::path& dir, const std::string& name) {
    // As a person looks a moment later: the map's tiles, read by tasks, have arrived.
    if (app_->tiles().reading() > 0)
        wait_until([this] { return app_->tiles().reading() == 0; }, std::chrono::seconds(10));
    std::filesystem::path file = dir / (name + ".png");
    runner_->screenshot(file);
    audit_layout();
    audit_contrast(file);
    return file;
}

void Harness::audit_contrast(const std::filesystem::path& png) {
    SDL_Surface* loaded = IMG_Load(png.c_str());
    if (!loaded)
        throw std::runtime_error("contrast audit: cannot read " + png.string() + ": " + SDL_GetError());
    SDL_Surface* rgba = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(loaded);
    if (!rgba) throw std::runtime_error("contrast audit: cannot convert " + png.string());
    access::Image image;
    image.width = rgba->w;
    image.height = rgba->h;
    image.rgba.resize(static_cast<std::size_t>(rgba->w) * static_cast<std::size_t>(rgba->h) * 4);
    for (int y = 0; y < rgba->h; ++y)
        std::memcpy(
            image.rgba.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(rgba->w) * 4,
            static_cast<const std::uint8_t*>(rgba->pixels) + static_cast<std::size_t>(y) * rgba->pitch,
            static_cast<std::size_t>(rgba->w) * 4);
    SDL_FreeSurface(rgba);
    const std::vector<access::ContrastMeasure> measures =
        access::measure_contrast(image, app_->items().items);
    contrast_measures_.insert(contrast_measures_.end(), measures.begin(), measures.end());
    std::string first;
    std::size_t count = 0;
    for (const access::ContrastProblem& p : access::audit_contrast(image, app_->items().items)) {
        ++count;
        std::string line = std::to_string(image.width) + "x" + std::to_string(image.height) + " " +
                           screen_name(screen()) + ": contrast: " + p.detail;
        if (std::find(layout_problems_.begin(), layout_problems_.end(), line) != layout_problems_.end())
            continue;
        if (first.empty()) first = line;
        layout_problems_.push_back(std::move(line));
    }
    if (audit_mode_ == LayoutAudit::Fail && !first.empty())
        throw std::runtime_error("contrast audit: " + first + " (" + std::to_string(count) +
                                 " on this frame)");
}

namespace {
void must_tap(Harness& h, std::string_view id);
}

void play_diagnostic(Harness& h, Profile profile, const std::function<void(const std::string&)>& shot) {
    using namespace std::chrono_literals;
    const bool novice = profile == Profile::Novice, autonomous = profile == Profile::Autonomous;
    journeys::DiagnosticJourney& j = h.app().diagnostic();
    for (int guard = 0; guard < 12 && h.screen() == Screen::DiagnosticStep; ++guard) {
        const diagnostic::Step* step = j.step();
        if (!step) break;
        if (shot) shot(step->id);
        const std::string id = step->id;
        switch (step->kind) {
            case diagnostic::StepKind::Question: {
                std::size_t choice = autonomous ? 0 : novice ? 2 : 1;
                if (id == "daily_use" && novice) choice = 3;
                h.wait(autonomous ? 3s : 8s);
                must_tap(h, "diag.answer." + std::to_string(choice + 1));
                break;
            }
            case diagnostic::StepKind::TapTargets:
                for (std::size_t i = 0; i < step->sizes_mm.size(); ++i) {
                    h.wait(autonomous ? 600ms : novice ? 8s : (i >= 2 ? 9s : 1s));
                    must_tap(h, novice && i > 0 ? "diag.tap.miss" : "diag.tap.target");
                }
                break;
            case diagnostic::StepKind::Drag:
                if (novice)
                    must_tap(h, "diag.give_up");
                else
                    h.drag_to("diag.drag.item", "diag.drag.place");
                break;
            case diagnostic::StepKind::Scroll:
                if (novice) {
                    must_tap(h, "diag.give_up");
                    break;
                }
                h.drag("diag.scroll.list", -h.app().fonts().em * 10);
                h.wait(autonomous ? 2s : 35s);
                must_tap(h, "diag.scroll.row." + std::to_string(step->target + 1));
                break;
            case diagnostic::StepKind::Typing:
                if (novice) {
                    must_tap(h, "diag.give_up");
                    break;
                }
                if (!autonomous) {
                    h.type("maizzzz");  // a slip, then four letters erased
                    for (int i = 0; i < 4; ++i) must_tap(h, "kbd.erase");
                    h.type("rie");
                    h.wait(15s);
                } else {
                    h.type("mairie");
                }
                if (shot) shot(id + "-typed");
                must_tap(h, "diag.typing.done");
                break;
            case diagnostic::StepKind::Pick:
                h.wait(autonomous ? 5s : 15s);
                must_tap(h, "diag.pick." + std::to_string(novice ? 1 : step->target + 1));
                break;
            case diagnostic::StepKind::Icons:
                for (std::size_t i = 0; i < step->icons.size(); ++i) {
                    const int correct = step->icons[i].correct;
                    const bool right = autonomous || (profile == Profile::PartlyAutonomous && i > 0);
                    const int pick =
                        right ? correct : (correct + 1) % static_cast<int>(step->icons[i].choices.size());
                    must_tap(h, "diag.icons.choice." + std::to_string(pick + 1));
                }
                break;
        }
    }
    h.runner().pump();
}

namespace {
void expect(Harness& h, Screen s, const char* step) {
    if (h.screen() != s)
        throw std::runtime_error(std::string("tour: after ") + step + " the screen is " +
                                 screen_name(h.screen()) + ", expected " + screen_name(s));
}
void must_tap(Harness& h, std::string_view id) {
    if (!h.tap(id))
        throw std::runtime_error("tour: \"" + std::string(id) + "\" is not on the screen " +
                                 screen_name(h.screen()));
}
}  // namespace

std::vector<std::filesystem::path> run_tour(Harness& h, const std::filesystem::path& dir,
                                            const std::string& prefix, const std::string& agent_pin) {
    std::vector<std::filesystem::path> files;
    int n = 0;
    auto shot = [&](const std::string& what) {
        char num[16];
        std::snprintf(num, sizeof num, "%02d-", ++n);
        files.push_back(h.shot(dir, prefix + num + what));
    };
    const auto& timings = h.kiosk().machine().timings();

    expect(h, Screen::Attract, "start");
    shot("attract");
    must_tap(h, "attract.start");
    expect(h, Screen::Home, "touching the attract screen");
    shot("home");

    must_tap(h, "header.language");
    expect(h, Screen::Language, "Langue");
    shot("language");
    must_tap(h, "language.en");
    expect(h, Screen::Home, "choosing English");
    shot("home-english");
    must_tap(h, "header.language");
    must_tap(h, "language.fr");
    expect(h, Screen::Home, "choosing French");

    const std::pair<const char*, Screen> journeys[] = {{"home.diagnostic", Screen::DiagnosticStart},
                                                       {"home.pass", Screen::PassStart},
                                                       {"home.places", Screen::PlacesNeed}};
    for (const auto& [id, screen] : journeys) {
        must_tap(h, id);
        expect(h, screen, id);
        shot(screen_name(screen));
        must_tap(h, "footer.back");
        expect(h, Screen::Home, "Retour");
    }

    // Find a place: needs, near another commune typed on the keyboard, results, one place printed, the map.
    if (!h.wait_background()) throw std::runtime_error("tour: the places are still loading");
    must_tap(h, "home.places");
    expect(h, Screen::PlacesNeed, "Trouver un lieu");
    must_tap(h, "places.need.admin");
    must_tap(h, "places.need.everyday");
    shot("places-need");
    must_tap(h, "places.need.commune");
    expect(h, Screen::PlacesCommune, "Près d'une autre commune");
    h.type("st etienne");
    shot("places-commune");
    must_tap(h, "places.commune.1");
    expect(h, Screen::PlacesResults, "a commune");
    shot("places-results");
    must_tap(h, "places.filter.more");
    shot("places-results-more");
    must_tap(h, "places.filter.show");
    must_tap(h, "places.result.1");
    expect(h, Screen::PlacesDetail, "the first place");
    shot("places-detail");
    if (h.has("places.print")) {  // the place on paper (with a file: printer, a PNG beside the screenshots)
        must_tap(h, "places.print");
        h.wait_print();
        shot("places-detail-printed");
    }
    must_tap(h, "places.detail.map");
    expect(h, Screen::PlacesMap, "Voir sur la carte");
    shot("places-map");
    must_tap(h, "header.home");
    expect(h, Screen::Home, "Accueil");

    // Workshops: a place's page, its workshops, one session, the names, the telephone, the consent, the
    // request recorded (the demo has no hub: the place calls back) and its ticket.
    must_tap(h, "home.places");
    must_tap(h, "places.need.admin");  // the needs chosen above, unchosen: any help
    must_tap(h, "places.need.everyday");
    must_tap(h, "places.need.here");
    expect(h, Screen::PlacesResults, "Près d'ici (ateliers)");
    {
        const auto& results = h.app().places().results();
        std::size_t at = results.size();
        for (std::size_t i = 0; i < results.size() && at == results.size(); ++i)
            if (h.kiosk()
                    .find<journeys::BookingJourney>()
                    ->at_place(h.app().places().place(results[i].id)->id)
                    .size())
                at = i;
        if (at == results.size()) throw std::runtime_error("tour: no place near the kiosk has workshops");
        for (int i = 0; i < 20 && !h.has("places.result." + std::to_string(at + 1)); ++i)
            h.drag("places.results.list", -h.app().fonts().em * 6);
        {
            must_tap(h, "places.result." + std::to_string(at + 1));
            shot("places-detail-workshops");
            must_tap(h, "places.detail.workshops");
            expect(h, journeys::kWorkshops, "Ateliers");
            shot("workshops");
            must_tap(h, "booking.session.1");
            expect(h, journeys::kWorkshop, "an atelier");
            shot("workshop");
            must_tap(h, "booking.start");
            expect(h, journeys::kBookingName, "Réserver ma place");
            h.type("lucie");
            must_tap(h, "booking.name.next");
            h.type("berger");
            shot("booking-name");
            must_tap(h, "booking.name.next");
            expect(h, journeys::kBookingContact, "Suivant (nom)");
            for (char c : std::string("0612345678")) must_tap(h, std::string("kbd.") + c);
            shot("booking-contact");
            must_tap(h, "booking.contact.next");
            expect(h, journeys::kBookingConsent, "Suivant (téléphone)");
            shot("booking-consent");
            must_tap(h, "booking.confirm");
            if (!h.wait_until([&] { return h.screen() == journeys::kBookingDone; }))
                throw std::runtime_error("tour: the booking was not recorded");
            h.wait_until([&] {
                return h.kiosk().find<journeys::BookingJourney>()->print_state().kind !=
                       printing::PrintState::Kind::Printing;
            });
            shot("booking-done");
        }
    }
    must_tap(h, "header.home");

    // The self-diagnostic, as someone partly autonomous; the summary printed, then places that can help.
    must_tap(h, "home.diagnostic");
    must_tap(h, "journey.diagnostic.start");
    expect(h, Screen::DiagnosticStep, "Commencer le diagnostic");
    play_diagnostic(h, Profile::PartlyAutonomous,
                    [&](const std::string& id) { shot("diagnostic-step-" + id); });
    expect(h, Screen::DiagnosticResult, "the last step");
    shot("diagnostic-result");
    if (h.has("diagnostic.print")) {
        must_tap(h, "diagnostic.print");
        h.wait_print();
        shot("diagnostic-result-printed");
    }
    must_tap(h, "diag.result.places");
    expect(h, Screen::PlacesWhere, "Trouver un lieu pour m'aider");
    shot("places-where");
    must_tap(h, "places.where.here");
    expect(h, Screen::PlacesResults, "Près d'ici");
    shot("diagnostic-places-results");
    must_tap(h, "header.home");

    // The pass numérique: shown to the camera (the demo replays a demo pass), then a cheque number typed.
    must_tap(h, "home.pass");
    must_tap(h, "journey.pass.start");
    expect(h, Screen::PassScan, "Commencer (pass)");
    h.wait_until([&] { return h.app().scan_view().preview != nullptr; }, std::chrono::seconds(10));
    shot("pass-scan");
    if (!h.wait_until([&] { return h.screen() == Screen::PassResult; }))
        throw std::runtime_error("tour: the demo pass was not read");
    shot("pass-result");
    must_tap(h, "pass.result.another");
    expect(h, Screen::PassScan, "Montrer un autre pass");
    for (char c : demo_cheque(h.kiosk().config(), h.wall_clock().now()))
        must_tap(h, std::string("pass.key.") + c);
    must_tap(h, "pass.scan.check");
    if (!h.wait_until([&] { return h.screen() == Screen::PassResult; }))
        throw std::runtime_error("tour: the cheque number was not checked");
    shot("pass-result-cheque");
    if (h.has("pass.print")) {
        must_tap(h, "pass.print");
        h.wait_print();
        shot("pass-result-printed");
    }
    // The short code printed under a QR code, typed on its keypad (a demo pass of this year: no signature
    // needed, it is only plausible).
    must_tap(h, "pass.result.another");
    must_tap(h, "pass.scan.code");
    expect(h, journeys::kPassCode, "Taper le code écrit sous le carré");
    {
        const std::time_t now_t = std::chrono::system_clock::to_time_t(h.wall_clock().now());
        std::tm now_tm{};
        localtime_r(&now_t, &now_tm);
        pass::SignedPass demo;
        demo.issuer_code = 1;
        demo.serial = 4242;
        demo.value = {pass::Unit::Euros, 1000};
        demo.first_month = std::chrono::year{now_tm.tm_year + 1900} / std::chrono::January;
        demo.last_month = std::chrono::year{now_tm.tm_year + 1900} / std::chrono::December;
        for (char c : pass::short_code(demo))
            if (c != '-') must_tap(h, std::string("pass.code.key.") + c);
    }
    shot("pass-code");
    must_tap(h, "pass.code.check");
    if (!h.wait_until([&] { return h.screen() == Screen::PassResult; }))
        throw std::runtime_error("tour: the short code was not checked");
    shot("pass-result-code");
    must_tap(h, "pass.result.places");
    expect(h, Screen::PlacesWhere, "Voir les lieux qui l'acceptent");
    must_tap(h, "places.where.here");
    shot("pass-places");
    must_tap(h, "header.home");

    must_tap(h, "footer.about");
    expect(h, about::kScreen, "À propos");
    shot("about");
    h.drag("about.text", -h.app().fonts().em * 8);
    shot("about-scrolled");
    must_tap(h, "footer.back");

    h.wait(std::chrono::duration_cast<std::chrono::milliseconds>(timings.inactivity) +
           std::chrono::seconds(1));
    if (!h.kiosk().state().still_there_until) throw std::runtime_error("tour: no \"still there\" question");
    shot("still-there");
    must_tap(h, "still_there.yes");
    expect(h, Screen::Home, "Oui, je continue");

    // A citizen asks for help: "Un agent arrive" over their screen; the agent unlocks, sees the call and
    // answers it, locks, and the citizen goes on where they were.
    must_tap(h, "header.help");
    if (!h.kiosk().help_shown()) throw std::runtime_error("tour: \"Besoin d'aide ?\" showed nothing");
    shot("help-call");
    must_tap(h, "help.ok");
    expect(h, Screen::Home, "D'accord");

    const ImVec2 corner = h.app().agent_corner().center();
    for (int i = 0; i < 3; ++i) h.tap_at(corner.x, corner.y);
    expect(h, Screen::AgentPin, "three taps in the corner");
    shot("agent-pin");
    for (const char* d : {"agent.pin.1", "agent.pin.1", "agent.pin.1", "agent.pin.1", "agent.pin.ok"})
        must_tap(h, d);
    expect(h, Screen::AgentPin, "a wrong PIN");
    shot("agent-pin-wrong");
    for (char c : agent_pin) must_tap(h, std::string("agent.pin.") + c);
    must_tap(h, "agent.pin.ok");
    expect(h, Screen::AgentHome, "the right PIN");
    // The device's health is read by a task (the camera is opened for a second): shown once it is in.
    auto* agent = h.kiosk().find<journeys::AgentJourney>();
    auto health_in = [agent] { return agent->figures().health_loaded; };
    h.wait_until(health_in, std::chrono::seconds(20));
    shot("agent-home");
    must_tap(h, "agent.home.help_close");
    if (h.kiosk().help_call()) throw std::runtime_error("tour: the help call is still open");
    // Supervised mode: the agent goes on with the citizen's journey under the "Mode accompagné" band,
    // comes back to the agent space without the PIN, prints the last ticket again and hands back.
    must_tap(h, "agent.home.takeover");
    expect(h, Screen::Home, "Reprendre le parcours de la personne");
    shot("supervised-home");
    must_tap(h, "home.places");
    expect(h, Screen::PlacesNeed, "Trouver un lieu (accompagné)");
    must_tap(h, "header.agent_space");
    expect(h, Screen::AgentHome, "Espace agent, from the band");
    if (h.has("agent.home.reprint")) {
        must_tap(h, "agent.home.reprint");
        h.wait_print();
    }
    must_tap(h, "agent.home.sync");  // « Synchroniser maintenant »: each step's line on the page
    h.wait_until([agent] { return agent->sync().done; }, std::chrono::seconds(20));
    h.wait_until(health_in, std::chrono::seconds(20));
    shot("agent-home-supervised");
    must_tap(h, "agent.home.leave");
    expect(h, Screen::PlacesNeed, "locking, back to the citizen's screen");
    must_tap(h, "header.home");

    must_tap(h, "footer.finish");
    expect(h, Screen::Goodbye, "Terminer");
    shot("goodbye");
    h.wait(std::chrono::duration_cast<std::chrono::milliseconds>(timings.goodbye) + std::chrono::seconds(1));
    expect(h, Screen::Attract, "the goodbye countdown");
    return files;
}

}  // namespace kiosk::platform
