// From decoded text to verdict: every reason, the dates, the #APTIC tolerance, reuse and the plain words.
#include <catch2/catch.hpp>

#include "pass_test_support.hpp"

using namespace kiosk::pass;
using namespace kiosk::pass::test;

namespace {
struct Fixture {
    kiosk::test::TempDir dir;
    Registry registry = shipped_registry();
    Journal journal{dir.path / "pass_journal.sqlite", kiosk::test::test_clock()};
    Checker checker{registry, &journal, {.kiosk_id = "test-kiosk", .online = true}};
};
kiosk::Translator translator() {
    kiosk::Translator t;
    std::vector<std::string> errors;
    t.load_folder(kiosk::test::source_dir() / "content/i18n", "fr", errors);
    for (const auto& e : errors) FAIL(e);
    return t;
}
}  // namespace

TEST_CASE("a genuine signed pass is accepted with its value and dates") {
    Fixture f;
    const Verdict v = f.checker.check_on(sign_payload(demo_pass(), demo_secret()), ymd(2025, 6, 15));
    CHECK(v.reason == Reason::Accepted);
    REQUIRE(v.issuer);
    CHECK(v.issuer->id == "demo");
    CHECK(v.pass_id == "1-42");
    CHECK(v.value == Value{Unit::Euros, 1000});
    CHECK(v.valid_from == ymd(2025, 1, 1));
    CHECK(v.valid_until == ymd(2025, 12, 31));
    CHECK_FALSE(v.in_tolerance);
    CHECK(reason_code(v.reason) == "accepted");
    kiosk::Translator t = translator();
    Words w = words(v, t);
    CHECK(w.title == "Votre pass est valable");
    CHECK(w.text == "Il vaut 10\u00a0€. Vous pouvez l’utiliser jusqu’au 31 décembre 2025.");
    CHECK_FALSE(w.next.empty());
    REQUIRE(t.set_language("en"));
    CHECK(words(v, t).text == "It is worth €10. You can use it until December 31, 2025.");
}

TEST_CASE("signed pass: forged, tampered, unknown issuer, unreadable") {
    Fixture f;
    const Date day = ymd(2025, 6, 15);
    // Forged: a valid-looking pass signed with a key that is not the issuer's.
    CHECK(f.checker.check_on(sign_payload(demo_pass(), generate_keypair().secret_key), day).reason ==
          Reason::Forged);
    // Tampered: one character of the body changed (the value).
    std::string text = sign_payload(demo_pass(), demo_secret());
    auto bytes = *base64url_decode(text.substr(4));
    bytes[5] ^= 0x01;
    const std::string tampered = "PN1." + base64url_encode(bytes.data(), bytes.size());
    CHECK(f.checker.check_on(tampered, day).reason == Reason::Forged);
    // An issuer code that the registry does not know.
    SignedPass other = demo_pass();
    other.issuer_code = 77;
    const Verdict u = f.checker.check_on(sign_payload(other, demo_secret()), day);
    CHECK(u.reason == Reason::UnknownIssuer);
    CHECK(u.issuer == nullptr);
    CHECK(f.checker.check_on("PN1.abc", day).reason == Reason::Unreadable);
    CHECK(f.checker.check_on("PN2." + text.substr(4), day).reason == Reason::Unreadable);
    CHECK(f.checker.check_on("bonjour", day).reason == Reason::NotAPass);  // read, but not a pass
    CHECK(f.checker.check_on("", day).reason == Reason::Unreadable);
    CHECK(f.journal.count() == 0);
}

TEST_CASE("signed pass: not yet valid before its first day, expired after its last") {
    Fixture f;
    const std::string text = sign_payload(demo_pass(), demo_secret());
    CHECK(f.checker.check_on(text, ymd(2024, 12, 31)).reason == Reason::NotYetValid);
    CHECK(f.checker.check_on(text, ymd(2025, 1, 1)).reason == Reason::Accepted);
    CHECK(f.checker.check_on(text, ymd(2025, 12, 31)).reason == Reason::Accepted);
    const Verdict v = f.checker.check_on(text, ymd(2026, 1, 1));
    CHECK(v.reason == Reason::Expired);  // the demo issuer grants no tolerance
    kiosk::Translator t = translator();
    CHECK(words(v, t).text == "Il pouvait être utilisé jusqu’au 31 décembre 2025.");
    CHECK(words(f.checker.check_on(text, ymd(2024, 12, 31)), t).text ==
          "Vous pourrez l’utiliser à partir du 1er janvier 2025.");
}

TEST_CASE("a pass is used once: the second redemption is refused") {
    Fixture f;
    const std::string text = sign_payload(demo_pass(7), demo_secret());
    const Verdict first = f.checker.check_on(text, ymd(2025, 3, 3));
    REQUIRE(first.reason == Reason::Accepted);
    const RedeemResult r = f.checker.redeem(first);
    CHECK(r.status == RedeemStatus::Recorded);
    const Verdict again = f.checker.check_on(text, ymd(2025, 3, 4));
    CHECK(again.reason == Reason::AlreadyUsed);
    CHECK(words(again, translator()).title == "Ce pass a déjà été utilisé");
    // Two kiosks racing on the same verdict: the journal's uniqueness decides.
    CHECK(f.checker.redeem(first).status == RedeemStatus::AlreadyUsed);
    CHECK(f.checker.redeem(again).status == RedeemStatus::Failed);  // a refused verdict is never recorded
    CHECK(f.journal.count() == 1);
    // Another pass of the same issuer is still fine.
    CHECK(f.checker.check_on(sign_payload(demo_pass(8), demo_secret()), ymd(2025, 3, 4)).reason ==
          Reason::Accepted);
}

TEST_CASE("#APTIC cheque: valid through 31 December, tolerated until 31 January, refused on 1 February") {
    Fixture f;
    const std::string n = aptic_number(2025);
    // Offline rules only (no endpoint): plausible, à confirmer sur place, never "valable".
    const Verdict in_year = f.checker.check_on(n, ymd(2025, 12, 31));
    CHECK(in_year.reason == Reason::ToConfirm);
    CHECK(in_year.plausible);
    CHECK_FALSE(in_year.in_tolerance);
    CHECK(in_year.issuer->id == "aptic");
    CHECK(in_year.value == Value{Unit::Euros, 1000});
    const Verdict jan1 = f.checker.check_on(n, ymd(2026, 1, 1));
    CHECK(jan1.reason == Reason::ToConfirm);
    CHECK(jan1.in_tolerance);
    const Verdict jan31 = f.checker.check_on(n, ymd(2026, 1, 31));
    CHECK(jan31.reason == Reason::ToConfirm);
    CHECK(jan31.in_tolerance);
    CHECK(jan31.tolerated_until == ymd(2026, 1, 31));
    const Verdict feb1 = f.checker.check_on(n, ymd(2026, 2, 1));
    CHECK(feb1.reason == Reason::Expired);
    CHECK(f.checker.check_on(n, ymd(2024, 12, 31)).reason == Reason::NotYetValid);
    CHECK(f.checker.check_on(n, ymd(2025, 1, 1)).reason == Reason::ToConfirm);
    // A leap year changes nothing: 31 January stays the last day.
    const std::string n27 = aptic_number(2027);
    CHECK(f.checker.check_on(n27, ymd(2028, 1, 31)).reason == Reason::ToConfirm);
    CHECK(f.checker.check_on(n27, ymd(2028, 2, 1)).reason == Reason::Expired);
    kiosk::Translator t = translator();
    CHECK(words(in_year, t).title == "Ce numéro semble correct");
    CHECK(words(in_year, t).text ==
          "S’il est confirmé, il vaut 10\u00a0€ et peut servir jusqu’au 31 décembre 2025. Il sera confirmé "
          "sur place, par le lieu qui vous accueille.");
    CHECK(words(jan31, t).title == "Ce numéro semble correct");
    CHECK(words(feb1, t).text == "Il pouvait être utilisé jusqu’au 31 janvier 2026.");
}

TEST_CASE("cheque numbers: spaces are ignored, a wrong check digit is unreadable, other numbers unknown") {
    Fixture f;
    const Date day = ymd(2025, 5, 5);
    std::string n = aptic_number(2025);
    std::string spaced = n.substr(0, 4) + " " + n.substr(4, 4) + "-" + n.substr(8);
    CHECK(f.checker.check_on(spaced, day).reason == Reason::ToConfirm);
    std::string typo = n;
    typo[5] = typo[5] == '9' ? '0' : static_cast<char>(typo[5] + 1);
    CHECK(f.checker.check_on(typo, day).reason == Reason::Unreadable);
    CHECK(f.checker.check_on("8" + n.substr(1), day).reason == Reason::UnknownIssuer);  // another prefix
    CHECK(f.checker.check_on(n + "00", day).reason == Reason::UnknownIssuer);           // another length
    CHECK(f.checker.check_on(n + "x", day).reason == Reason::Unreadable);
}

TEST_CASE("a digit missing or one too many, a code that is not a pass: said as such") {
    Fixture f;
    const Date day = ymd(2025, 5, 5);
    const std::string n = aptic_number(2025);
    kiosk::Translator t = translator();
    const Verdict shorter = f.checker.check_on(n.substr(0, n.size() - 1), day);
    CHECK(shorter.reason == Reason::Unreadable);
    CHECK(words(shorter, t).title == "Vérifiez le numéro");
    CHECK(words(shorter, t).text == "Il manque un chiffre : vérifiez le numéro et tapez-le à nouveau.");
    const Verdict longer = f.checker.check_on(n + "3", day);
    CHECK(words(longer, t).text == "Il y a un chiffre en trop : vérifiez le numéro et tapez-le à nouveau.");
    const Verdict other = f.checker.check_on("8" + n.substr(1), day);  // another prefix: not ours
    CHECK(words(other, t).text == "Il ne fait pas partie des pass que cette borne sait lire.");
    const Verdict url = f.checker.check_on("https://www.service-public.fr/particuliers/vosdroits/F1234", day);
    CHECK(url.reason == Reason::NotAPass);
    CHECK_FALSE(url.usable());
    CHECK(words(url, t).title == "Ce code n’est pas un pass numérique");
    for (const char* text :
         {"Bonjour, voici le menu du jour", "WIFI:S:Mairie;T:WPA;P:secret;;",
          "BEGIN:VCARD\nFN:Jean Dupont\nTEL:0612345678\nEND:VCARD", "mailto:contact@mairie.fr"}) {
        INFO(text);
        CHECK(f.checker.check_on(text, day).reason == Reason::NotAPass);
    }
    REQUIRE(t.set_language("en"));
    CHECK(words(url, t).title == "This code is not a pass numérique");
    CHECK(words(shorter, t).text == "A digit is missing: check the number and type it again.");
}

TEST_CASE("cheque issuers from the registry: fixed year, mod 97, no value") {
    kiosk::test::TempDir dir;
    const auto r = parse_registry(
        "format = 1\n[[issuer]]\nid = \"ville\"\nname = \"Chèque Ville\"\nkind = \"cheque\"\n"
        "length = 10\nprefix = \"42\"\ncheck = \"mod97\"\nyear = 2026\n",
        dir.path, "test.toml");
    REQUIRE(r.ok());
    Journal journal(dir.path / "j.sqlite", kiosk::test::test_clock());
    Checker checker(r.registry, &journal, {.kiosk_id = "k"});
    const std::string n = "42123456" + mod97_key("42123456");
    const Verdict v = checker.check_on(n, ymd(2026, 12, 31));
    CHECK(v.reason == Reason::ToConfirm);
    CHECK(v.plausible);
    CHECK_FALSE(v.value);
    CHECK(checker.check_on(n, ymd(2027, 1, 1)).reason == Reason::Expired);  // no tolerance for this issuer
    CHECK(
        checker
            .check_on("42123456" + std::string(mod97_key("42123456") == "00" ? "01" : "00"), ymd(2026, 6, 1))
            .reason == Reason::Unreadable);
    CHECK(words(v, translator()).text ==
          "S’il est confirmé, il peut servir jusqu’au 31 décembre 2026. Il sera confirmé sur place, par le "
          "lieu "
          "qui vous accueille.");
}

TEST_CASE("without a journal, a good pass is to be confirmed, never refused") {
    Registry reg = shipped_registry();
    Checker checker(reg, nullptr, {.kiosk_id = "k"});
    const Verdict v = checker.check_on(sign_payload(demo_pass(), demo_secret()), ymd(2025, 6, 1));
    CHECK(v.reason == Reason::ToConfirm);
    CHECK(v.usable());
    kiosk::Translator t = translator();
    const Words w = words(v, t);
    CHECK(w.title == "Votre pass sera vérifié plus tard");
    CHECK(w.text.find("Ce n’est pas un refus.") != std::string::npos);
}

TEST_CASE("values in plain words") {
    kiosk::Translator t = translator();
    CHECK(value_words({Unit::Euros, 1050}, t) == "10,50\u00a0€");
    CHECK(value_words({Unit::Hours, 60}, t) == "1 heure");
    CHECK(value_words({Unit::Hours, 180}, t) == "3 heures");
    CHECK(value_words({Unit::Hours, 90}, t) == "1 h 30");
    REQUIRE(t.set_language("en"));
    CHECK(value_words({Unit::Euros, 1005}, t) == "€10.05");
    CHECK(value_words({Unit::Hours, 60}, t) == "1 hour");
    CHECK(date_words(ymd(2026, 1, 1), t) == "January 1, 2026");
}

TEST_CASE("every verdict has a machine reason and keys for its words") {
    kiosk::Translator t = translator();
    for (Reason r : {Reason::Unreadable, Reason::UnknownIssuer, Reason::Forged, Reason::Expired,
                     Reason::NotYetValid, Reason::AlreadyUsed, Reason::ToConfirm, Reason::Accepted}) {
        Verdict v;
        v.reason = r;
        INFO(reason_code(r));
        CHECK_FALSE(reason_code(r).empty());
        for (const char* lang : {"fr", "en"}) {
            REQUIRE(t.set_language(lang));
            CHECK(t.catalog(lang)->find(v.title_key()));
            CHECK(t.catalog(lang)->find(v.next_key()));
        }
    }
}
