// Read-aloud: numbers, hours and distances in words, a screen read in order from its items, and its speech
// rendered by espeak-ng into a WAV file checked with sox.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <regex>

#include "kiosk/core/access/speech.hpp"
#include "kiosk/core/access/spoken_words.hpp"
#include "platform/harness.hpp"
#include "test_support.hpp"

using namespace kiosk;
using access::number_in_words;
using access::speakable;

namespace {
std::string run(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> p(popen(command.c_str(), "r"), pclose);
    if (!p) return out;
    std::array<char, 512> buf{};
    while (std::fgets(buf.data(), buf.size(), p.get())) out += buf.data();
    return out;
}
double sox_stat(const std::string& stat, const std::string& name) {
    std::smatch m;
    const std::regex re(name + R"(:\s+(-?[0-9.]+))");
    return std::regex_search(stat, m, re) ? std::stod(m[1].str()) : -1;
}
std::size_t word_count(const std::string& s) {
    std::size_t n = 0;
    bool in = false;
    for (char c : s) {
        const bool letter = c != ' ' && c != '\n' && c != ',' && c != '.';
        if (letter && !in) ++n;
        in = letter;
    }
    return n;
}
}  // namespace

TEST_CASE("numbers in words, French and English") {
    const std::pair<long, const char*> fr[] = {{0, "zéro"},
                                               {1, "un"},
                                               {16, "seize"},
                                               {17, "dix-sept"},
                                               {21, "vingt et un"},
                                               {42, "quarante-deux"},
                                               {71, "soixante et onze"},
                                               {77, "soixante-dix-sept"},
                                               {80, "quatre-vingts"},
                                               {81, "quatre-vingt-un"},
                                               {91, "quatre-vingt-onze"},
                                               {100, "cent"},
                                               {200, "deux cents"},
                                               {201, "deux cent un"},
                                               {330, "trois cent trente"},
                                               {1000, "mille"},
                                               {2026, "deux mille vingt-six"},
                                               {80000, "quatre-vingt mille"},
                                               {200000, "deux cent mille"},
                                               {1000000, "un million"}};
    for (auto [n, words] : fr) {
        INFO(n);
        CHECK(number_in_words(n, "fr") == words);
    }
    CHECK(number_in_words(21, "fr", true) == "vingt et une");
    CHECK(number_in_words(1, "fr", true) == "une");
    CHECK(number_in_words(71, "en") == "seventy-one");
    CHECK(number_in_words(330, "en") == "three hundred and thirty");
    CHECK(number_in_words(2026, "en") == "two thousand and twenty-six");
}

TEST_CASE("hours, ranges, distances, durations and dates are said in words") {
    CHECK(speakable("9 h – 12 h", "fr") == "de neuf heures à midi");
    CHECK(speakable("lundi : 9 h – 12 h et 14 h 30 – 18 h", "fr") ==
          "lundi : de neuf heures à midi et de quatorze heures trente à dix-huit heures");
    CHECK(speakable("Ouvert maintenant, jusqu’à 11 h", "fr") == "Ouvert maintenant, jusqu’à onze heures");
    CHECK(speakable("jusqu’à 21 h", "fr") == "jusqu’à vingt et une heures");
    CHECK(speakable("0 h – 1 h", "fr") == "de minuit à une heure");
    CHECK(speakable("à 330 m du centre de Saint-Étienne · 6 min à pied", "fr") ==
          "à trois cent trente mètres du centre de Saint-Étienne, six minutes à pied");
    CHECK(speakable("à 1,5 km · 21 min à pied", "fr") ==
          "à un virgule cinq kilomètres, vingt et une minutes à pied");
    CHECK(speakable("Étape 2 sur 4", "fr") == "Étape deux sur quatre");
    CHECK(speakable("le 24/11/2026", "fr") == "le vingt-quatre novembre deux mille vingt-six");
    CHECK(speakable("Tél. 04 77 96 10 10", "fr") ==
          "Tél. zéro quatre soixante-dix-sept quatre-vingt-seize dix dix");
    CHECK(speakable("9 habitants", "fr") == "neuf habitants");  // not an hour
    CHECK(speakable("5 €", "fr") == "cinq euros");
    // Pictograms are not said.
    CHECK(speakable("\xee\xa2\x87  Besoin d’aide ?", "fr") == "  Besoin d’aide ?");
    CHECK(speakable("9:00 – 12:00", "en") == "from nine o'clock to noon");
    CHECK(speakable("until 17:30", "en") == "until five thirty");
    CHECK(speakable("330 m away · 6 min walk", "en") ==
          "three hundred and thirty metres away, six minutes walk");
}

TEST_CASE("read-aloud reads every word of every screen of the tour, title first, buttons as buttons") {
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.diagnostic"));
    REQUIRE(h.tap("journey.diagnostic.start"));
    std::size_t screens = 0, covered = 0, items = 0;
    auto check = [&](const std::string&) {
        ++screens;
        const auto& frame = h.app().items().items;
        const auto phrases = access::read_screen(frame, h.kiosk().translator());
        std::size_t first = 0;
        for (std::size_t i = 0; i < frame.size(); ++i)
            if (frame[i].modal) first = i;
        for (std::size_t i = first; i < frame.size(); ++i) {
            const ScreenItem& it = frame[i];
            if (it.text.empty() || it.visible().empty() || it.role == Role::Image || it.role == Role::List)
                continue;
            ++items;
            bool found = false;
            for (const auto& p : phrases) found = found || p.id == it.id;
            INFO(screen_name(h.screen()) << " " << it.id << " \"" << it.text << "\"");
            CHECK(found);
            covered += found;
        }
        if (!phrases.empty() && phrases.front().id.rfind("text.", 0) == 0) {
            // The first thing said is the screen's title (or its words), never a header button.
            const ScreenItem* first_item = h.app().items().find(phrases.front().id);
            REQUIRE(first_item);
            CHECK_FALSE(first_item->in_bar);
        }
    };
    platform::play_diagnostic(h, platform::Profile::Novice, check);
    h.tap("header.home");
    check("home");
    std::printf("read-aloud: %zu of %zu word items read on %zu screens\n", covered, items, screens);
    CHECK(screens >= 8);
    CHECK(items > 50);
    CHECK(covered == items);
    // Buttons are said as buttons, in the current language.
    const auto phrases = access::read_screen(h.app().items().items, h.kiosk().translator());
    bool button = false;
    for (const auto& p : phrases) button = button || p.words.rfind("Bouton : ", 0) == 0;
    CHECK(button);
}

TEST_CASE("the speech of a screen, rendered by espeak-ng into a WAV file: its length and no long silence") {
    access::Speech& speech = access::Speech::engine();
    INFO(speech.problem());
    REQUIRE(speech.ready());
    test::TempDir data;
    platform::Harness h(test::demo_config(data.path), 1920, 1080);
    REQUIRE(h.tap("attract.start"));
    REQUIRE(h.tap("home.places"));
    const std::string text = access::join(access::read_screen(h.app().items().items, h.kiosk().translator()));
    REQUIRE(word_count(text) > 10);
    std::string why;
    const std::vector<std::int16_t> slow = speech.render(text, "fr", access::kSlowRate, &why);
    INFO(why);
    REQUIRE(!slow.empty());
    const std::filesystem::path wav = test::binary_dir() / "speech-places-need.wav";
    REQUIRE(access::write_wav(wav, slow, speech.sample_rate(), &why));
    // sox reads the file back: its length, and sound in it.
    const std::string stat = run("sox '" + wav.string() + "' -n stat 2>&1");
    INFO(stat);
    const double seconds = sox_stat(stat, "Length \\(seconds\\)");
    const double rms = sox_stat(stat, "RMS     amplitude");
    const double words = static_cast<double>(word_count(text));
    std::printf("speech: %.0f words in %.1f s at %d words a minute; longest inner silence %.2f s\n", words,
                seconds, access::kSlowRate, access::longest_inner_silence(slow, speech.sample_rate()));
    CHECK(seconds == Approx(static_cast<double>(slow.size()) / speech.sample_rate()).epsilon(0.01));
    // About 130 words a minute: between 0.25 and 1 s a word.
    CHECK(seconds > words * 0.25);
    CHECK(seconds < words * 1.0);
    CHECK(rms > 0.01);
    // Pauses between sentences, but no gap where the speech would seem to have stopped.
    CHECK(access::longest_inner_silence(slow, speech.sample_rate()) < 1.5);
    // Faster is shorter; French and English voices both speak.
    const auto fast = speech.render(text, "fr", 220);
    CHECK(fast.size() < slow.size() * 3 / 4);
    CHECK(!speech.render("Hello, this is the kiosk.", "en", access::kSlowRate).empty());
    // Stopped after the first chunk: no more sound comes.
    std::size_t chunks = 0;
    CHECK(speech.say(text, "fr", access::kSlowRate, [&chunks](const std::int16_t*, std::size_t) {
        ++chunks;
        return false;
    }));
    CHECK(chunks == 1);
}
