// Commune suggestions: normalisation of what is typed, postal codes, homonyms, ranking.
#include <catch2/catch.hpp>

#include <filesystem>

#include "kiosk/core/search/communes.hpp"

using namespace kiosk::search;
using kiosk::places::Commune;

namespace {

Commune commune(std::string insee, std::string name, std::string dep, std::vector<std::string> codes,
                int population, double lat = 46, double lon = 2) {
    return Commune{
        std::move(insee), std::move(name), std::move(dep), std::move(codes), population, lat, lon, "test"};
}

// A small gazetteer with the cases that matter (figures rounded).
CommuneIndex sample() {
    return CommuneIndex({
        commune("42218", "Saint-Étienne", "42", {"42000", "42100"}, 170'000, 45.4397, 4.3872),
        commune("06120", "Saint-Étienne-de-Tinée", "06", {"06660"}, 1'300),
        commune("76575", "Saint-Étienne-du-Rouvray", "76", {"76800"}, 28'000),
        commune("42279", "Saint-Jean-Bonnefonds", "42", {"42650"}, 7'000),
        commune("42207", "Saint-Chamond", "42", {"42400"}, 35'000),
        commune("42095", "Firminy", "42", {"42700"}, 17'000),
        commune("42005", "Andrézieux-Bouthéon", "42", {"42160"}, 10'000),
        commune("69202", "Sainte-Foy-lès-Lyon", "69", {"69110"}, 22'000),
        commune("17415", "Saintes", "17", {"17100"}, 25'000),
        commune("67482", "Strasbourg", "67", {"67000", "67100", "67200"}, 290'000),
        commune("93072", "Stains", "93", {"93240"}, 39'000),
        commune("84054", "L'Isle-sur-la-Sorgue", "84", {"84800"}, 19'000),
        commune("95313", "L'Isle-Adam", "95", {"95290"}, 12'000),
        commune("38193", "L'Isle-d'Abeau", "38", {"38080"}, 16'000),
        commune("87075", "Isle", "87", {"87170"}, 7'500),
        commune("24243", "Lisle", "24", {"24350"}, 900),
        commune("93066", "Saint-Denis", "93", {"93200", "93210"}, 113'000, 48.9362, 2.3574),
        commune("97411", "Saint-Denis", "974", {"97400", "97490"}, 153'000, -20.8823, 55.4504),
        commune("11339", "Saint-Denis", "11", {"11310"}, 450),
        commune("97415", "Saint-Paul", "974", {"97460"}, 105'000),
        commune("97113", "Les Abymes", "971", {"97139"}, 53'000),
        commune("94022", "L'Haÿ-les-Roses", "94", {"94240"}, 31'000),
        commune("02568", "Œuilly", "02", {"02160"}, 300),
        commune("2A004", "Ajaccio", "2A", {"20000", "20090"}, 72'000),
        commune("75056", "Paris", "75", {"75001", "75002", "75015", "75116"}, 2'100'000),
        commune("42172", "La Ricamarie", "42", {"42150"}, 8'000),
        commune("42044", "Chambœuf", "42", {"42330"}, 1'800),
    });
}

std::vector<std::string> labels(const std::vector<Suggestion>& s) {
    std::vector<std::string> out;
    for (const Suggestion& x : s) out.push_back(x.label());
    return out;
}

std::string first(const CommuneIndex& ix, std::string_view typed) {
    const auto s = ix.suggest(typed, 1);
    return s.empty() ? std::string() : s.front().label();
}

}  // namespace

TEST_CASE("Folding removes accents and case and makes punctuation optional", "[places]") {
    CHECK(fold("Saint-Étienne") == "saint etienne");
    CHECK(fold("  SAINT   ÉTIENNE  ") == "saint etienne");
    CHECK(fold("L'Isle-sur-la-Sorgue") == "l isle sur la sorgue");
    CHECK(fold("L’Haÿ-les-Roses") == "l hay les roses");
    CHECK(fold("Œuilly") == "oeuilly");
    CHECK(fold("Chambœuf") == "chamboeuf");
    CHECK(fold("Ça, c'est Noël !") == "ca c est noel");
    CHECK(fold("ÀÂÄÇÈÉÊËÎÏÔÖÙÛÜŸ àâäçèéêëîïôöùûüÿ") == "aaaceeeeiioouuuy aaaceeeeiioouuuy");
    CHECK(fold("Saint-Denis (974)") == "saint denis 974");
    CHECK(fold("") == "");
    CHECK(fold("-'’ ") == "");
    CHECK(fold("Łódź") == "lodz");
    CHECK(fold("日本") == "日本");
    CHECK(fold(std::string("a\xff") + "b") ==
          "a\xff"
          "b");  // not UTF-8: kept
}

TEST_CASE("Suggestions as you type ignore accents, case, hyphens and apostrophes", "[places]") {
    const CommuneIndex ix = sample();
    for (const char* typed :
         {"Saint-Étienne", "saint etienne", "SAINT ETIENNE", "saint-etienne", "st etienne", "st-etienne",
          "St Étienne", "st. etienne", "saint  etienne ", "sAiNt-éTiEnNe"}) {
        INFO(typed);
        const auto s = ix.suggest(typed, 8);
        REQUIRE(s.size() == 3);
        CHECK(s[0].label() == "Saint-Étienne (42)");
        CHECK(s[0].match == Suggestion::Match::ExactName);
        // then the other names starting so, by population
        CHECK(s[1].label() == "Saint-Étienne-du-Rouvray (76)");
        CHECK(s[2].label() == "Saint-Étienne-de-Tinée (06)");
        CHECK(s[1].match == Suggestion::Match::NamePrefix);
    }
    CHECK(first(ix, "saint eti") == "Saint-Étienne (42)");
    CHECK(first(ix, "st e") == "Saint-Étienne (42)");
    CHECK(first(ix, "ste foy") == "Sainte-Foy-lès-Lyon (69)");
    CHECK(first(ix, "sainte-foy les lyon") == "Sainte-Foy-lès-Lyon (69)");
    CHECK(first(ix, "l hay") == "L'Haÿ-les-Roses (94)");
    CHECK(first(ix, "lhay") == "L'Haÿ-les-Roses (94)");  // the elided article glued to its word
    CHECK(first(ix, "oeuil") == "Œuilly (02)");
    CHECK(first(ix, "chamboeuf") == "Chambœuf (42)");
    CHECK(first(ix, "andrezieux b") == "Andrézieux-Bouthéon (42)");
    CHECK(ix.suggest("", 8).empty());
    CHECK(ix.suggest(" - ", 8).empty());
    CHECK(ix.suggest("zzz", 8).empty());
    CHECK(CommuneIndex{}.suggest("saint", 8).empty());
}

TEST_CASE("St while being typed matches both Saint and names starting with St", "[places]") {
    const CommuneIndex ix = sample();
    const auto s = labels(ix.suggest("st", 4));
    // by population: Saint-Denis (974) 153 000 would come after Strasbourg 290 000 and Saint-Étienne 170 000
    CHECK(s == std::vector<std::string>{"Strasbourg (67)", "Saint-Étienne (42)", "Saint-Denis (974)",
                                        "Saint-Denis (93)"});
    CHECK(labels(ix.suggest("sta", 8)) == std::vector<std::string>{"Stains (93)"});
    // A complete "st " is Saint only.
    for (const Suggestion& x : ix.suggest("st ", 30)) CHECK(x.commune->name.starts_with("Saint"));
    // "ste" being typed: what starts with "sainte" (Saintes too), nothing else starts with "ste" here.
    CHECK(labels(ix.suggest("ste", 8)) ==
          std::vector<std::string>{"Saintes (17)", "Sainte-Foy-lès-Lyon (69)"});
    CHECK(labels(ix.suggest("ste ", 8)) == std::vector<std::string>{"Sainte-Foy-lès-Lyon (69)"});
    // "saint" being typed includes Saintes and Sainte-…; "saint " does not.
    const auto open_word = labels(ix.suggest("saint", 30));
    CHECK(std::count(open_word.begin(), open_word.end(), "Saintes (17)") == 1);
    CHECK(std::count(open_word.begin(), open_word.end(), "Sainte-Foy-lès-Lyon (69)") == 1);
    const auto closed_word = labels(ix.suggest("saint ", 30));
    CHECK(std::count(closed_word.begin(), closed_word.end(), "Saintes (17)") == 0);
    CHECK(std::count(closed_word.begin(), closed_word.end(), "Sainte-Foy-lès-Lyon (69)") == 0);
    CHECK(closed_word.size() == 9);
}

TEST_CASE("Apostrophes are optional: l isle finds L'Isle-…", "[places]") {
    const CommuneIndex ix = sample();
    CHECK(labels(ix.suggest("l isle", 8)) ==
          std::vector<std::string>{"L'Isle-sur-la-Sorgue (84)", "L'Isle-d'Abeau (38)", "L'Isle-Adam (95)"});
    CHECK(labels(ix.suggest("L'Isle-A", 8)) == std::vector<std::string>{"L'Isle-Adam (95)"});
    CHECK(labels(ix.suggest("l’isle d abeau", 8)) == std::vector<std::string>{"L'Isle-d'Abeau (38)"});
    // "isle": the commune of that name first, then the other names with a word starting so.
    const auto s = ix.suggest("isle", 8);
    REQUIRE(s.size() == 4);
    CHECK(s[0].label() == "Isle (87)");
    CHECK(s[0].match == Suggestion::Match::ExactName);
    CHECK(s[1].label() == "L'Isle-sur-la-Sorgue (84)");
    CHECK(s[1].match == Suggestion::Match::WordPrefix);
    CHECK(first(ix, "lisle") == "Lisle (24)");
    // a later word: Saint-Étienne from "etienne", the largest first
    CHECK(first(ix, "etienne") == "Saint-Étienne (42)");
    CHECK(first(ix, "sorgue") == "L'Isle-sur-la-Sorgue (84)");
    CHECK(ix.suggest("sur", 8).empty());  // small words do not start a match on their own
}

TEST_CASE("Digits are a postal code prefix", "[places]") {
    const CommuneIndex ix = sample();
    const auto s = ix.suggest("420", 20);
    // Every commune of 420xx… none here but Saint-Étienne (42000): prefix 420 → 42000.
    REQUIRE(s.size() == 1);
    CHECK(s[0].label() == "Saint-Étienne (42)");
    CHECK(s[0].postal_code == "42000");
    CHECK(s[0].match == Suggestion::Match::PostalCode);
    const auto dep42 = labels(ix.suggest("42", 20));
    CHECK(dep42 == std::vector<std::string>{"Saint-Étienne (42)", "Saint-Chamond (42)", "Firminy (42)",
                                            "Andrézieux-Bouthéon (42)", "La Ricamarie (42)",
                                            "Saint-Jean-Bonnefonds (42)", "Chambœuf (42)"});
    CHECK(ix.suggest("421", 20).size() == 3);  // 42100, 42150, 42160
    CHECK(ix.suggest("42100", 5).front().postal_code == "42100");
    CHECK(ix.suggest("42 100", 5).front().postal_code == "42100");
    CHECK(ix.suggest("75015", 5).front().label() == "Paris (75)");
    CHECK(ix.suggest("75015", 5).front().postal_code == "75015");
    CHECK(ix.suggest("97", 3).size() == 3);
    CHECK(ix.suggest("974", 8).size() == 2);
    CHECK(ix.suggest("20", 8).front().label() == "Ajaccio (2A)");
    CHECK(ix.suggest("99999", 8).empty());
    // an exact code first, then longer ones
    const CommuneIndex two(
        {commune("1", "A", "01", {"01000"}, 10), commune("2", "B", "01", {"01001"}, 1000)});
    CHECK(labels(two.suggest("01000", 8)) == std::vector<std::string>{"A (01)"});
    CHECK(labels(two.suggest("0100", 8)) == std::vector<std::string>{"B (01)", "A (01)"});
}

TEST_CASE("Homonyms are told apart by department", "[places]") {
    const CommuneIndex ix = sample();
    const auto s = ix.suggest("saint denis", 8);
    REQUIRE(s.size() == 3);
    CHECK(labels(s) == std::vector<std::string>{"Saint-Denis (974)", "Saint-Denis (93)", "Saint-Denis (11)"});
    for (const Suggestion& x : s) {
        CHECK(x.homonym);
        CHECK(x.match == Suggestion::Match::ExactName);
    }
    CHECK(s[0].commune->department == "974");
    CHECK(s[0].commune->latitude == Approx(-20.8823));
    CHECK_FALSE(ix.suggest("saint etienne", 1).front().homonym);
    // A number after the name picks the department or the postal code.
    CHECK(labels(ix.suggest("saint denis 93", 8)) == std::vector<std::string>{"Saint-Denis (93)"});
    CHECK(labels(ix.suggest("Saint-Denis (11)", 8)) == std::vector<std::string>{"Saint-Denis (11)"});
    const auto by_code = ix.suggest("st denis 9749", 8);
    REQUIRE(by_code.size() == 1);
    CHECK(by_code[0].label() == "Saint-Denis (974)");
    CHECK(by_code[0].postal_code == "97490");
    CHECK(labels(ix.suggest("ajaccio 2a", 8)) == std::vector<std::string>{"Ajaccio (2A)"});
    CHECK(labels(ix.suggest("saint 42", 8)) ==
          std::vector<std::string>{"Saint-Étienne (42)", "Saint-Chamond (42)", "Saint-Jean-Bonnefonds (42)"});
}

TEST_CASE("The list is cut at the requested size, best first", "[places]") {
    const CommuneIndex ix = sample();
    const auto all = ix.suggest("s", 100);
    const auto three = ix.suggest("s", 3);
    REQUIRE(three.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(three[i].commune == all[i].commune);
    // One entry per commune, even when several words match.
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j) CHECK(all[i].commune != all[j].commune);
    CHECK(ix.suggest("s", 0).empty());
}

namespace {

// Arrondissements, former communes, big and small homonyms, near names: the cases of issue 10.
CommuneIndex issue10_sample() {
    using Kind = Commune::Kind;
    std::vector<Commune> c{
        commune("75056", "Paris", "75", {"75001", "75015", "75116"}, 2'100'000),
        commune("75101", "Paris 1er Arrondissement", "75", {"75001"}, 16'000),
        commune("75115", "Paris 15e Arrondissement", "75", {"75015"}, 230'000),
        commune("75110", "Paris 10e Arrondissement", "75", {"75010"}, 83'000),
        commune("13055", "Marseille", "13", {"13001", "13013"}, 870'000),
        commune("13213", "Marseille 13e Arrondissement", "13", {"13013"}, 90'000),
        commune("74010", "Annecy", "74", {"74000", "74600"}, 130'000),
        commune("74268", "Seynod", "74", {}, 0, 45.885, 6.088),
        commune("01053", "Bourg-en-Bresse", "01", {"01000"}, 41'000),
        commune("33076", "Bourg", "33", {"33710"}, 2'200),
        commune("18033", "Bourges", "18", {"18000"}, 64'000),
        commune("42147", "Montbrison", "42", {"42600"}, 16'000),
        commune("45210", "Montcresson", "45", {"45700"}, 1'300),
        commune("69266", "Villeurbanne", "69", {"69100"}, 150'000),
        commune("38185", "Grenoble", "38", {"38000", "38100"}, 158'000),
        commune("2A004", "Ajaccio", "2A", {"20000", "20090"}, 72'000),
        commune("2A247", "Porto-Vecchio", "2A", {"20137"}, 12'000),
        commune("2B033", "Bastia", "2B", {"20200"}, 48'000),
        commune("38193", "L'Isle-d'Abeau", "38", {"38080"}, 16'000),
    };
    for (Commune& x : c) {
        if (x.insee.starts_with("751") || x.insee.starts_with("132")) {
            x.kind = Kind::Arrondissement;
            std::copy_n(x.insee.starts_with("751") ? "75056" : "13055", 5, x.parent_code.begin());
        }
        if (x.name == "Seynod") {
            x.kind = Kind::Former;
            std::copy_n("74010", 5, x.parent_code.begin());
        }
    }
    return CommuneIndex(std::move(c));
}

}  // namespace

TEST_CASE("Arrondissements by their number, however it is typed", "[places]") {
    const CommuneIndex ix = issue10_sample();
    for (const char* typed : {"paris 15", "paris 15e", "Paris 15ème", "paris 15eme arrondissement",
                              "paris 15 arr", "paris 015", "paris 15 a"}) {
        INFO(typed);
        const auto s = ix.suggest(typed, 8);
        REQUIRE(!s.empty());
        CHECK(s[0].label() == "Paris 15e Arrondissement (75)");
        CHECK(s[0].match == Suggestion::Match::ExactName);
        REQUIRE(s[0].parent);
        CHECK(s[0].parent->name == "Paris");
    }
    // "paris 1": the 1st first, then the 10th and 15th as the number is being typed
    CHECK(labels(ix.suggest("paris 1", 8)) == std::vector<std::string>{"Paris 1er Arrondissement (75)",
                                                                       "Paris 15e Arrondissement (75)",
                                                                       "Paris 10e Arrondissement (75)"});
    CHECK(labels(ix.suggest("paris 1er", 8)) == std::vector<std::string>{"Paris 1er Arrondissement (75)"});
    CHECK(first(ix, "paris") == "Paris (75)");
    // a number in the name before the same number as a department
    CHECK(labels(ix.suggest("marseille 13", 8)) ==
          std::vector<std::string>{"Marseille 13e Arrondissement (13)", "Marseille (13)"});
    CHECK(first(ix, "paris 75") == "Paris (75)");
    // its postal code: the arrondissement, then its city
    CHECK(labels(ix.suggest("75015", 8)) ==
          std::vector<std::string>{"Paris 15e Arrondissement (75)", "Paris (75)"});
}

TEST_CASE("Former communes are found by their name, labelled with their commune", "[places]") {
    const CommuneIndex ix = issue10_sample();
    const auto s = ix.suggest("seynod", 8);
    REQUIRE(s.size() == 1);
    CHECK(s[0].label() == "Seynod (Annecy, 74)");
    CHECK(s[0].commune->latitude == Approx(45.885));
    CHECK(s[0].postal_code.empty());
    CHECK(first(ix, "seynod 74") == "Seynod (Annecy, 74)");
    const auto by_code = ix.suggest("74600 seyn", 8);  // the postal codes of its commune
    REQUIRE(by_code.size() == 1);
    CHECK(by_code[0].postal_code == "74600");
    CHECK(ix.suggest("74", 8).size() == 1);  // postal codes alone: the commune, not its former communes
    // A parent missing from the gazetteer: the former commune alone.
    const CommuneIndex orphan({[] {
        Commune c = commune("74268", "Seynod", "74", {}, 0);
        c.kind = Commune::Kind::Former;
        std::copy_n("74010", 5, c.parent_code.begin());
        return c;
    }()});
    CHECK(first(orphan, "seynod") == "Seynod (74)");
}

TEST_CASE("A department or postal code before the name, Corsica's departments alone", "[places]") {
    const CommuneIndex ix = issue10_sample();
    CHECK(first(ix, "38000 grenoble") == "Grenoble (38)");
    CHECK(first(ix, "38 gren") == "Grenoble (38)");
    CHECK(first(ix, "42 montbrison") == "Montbrison (42)");
    CHECK(ix.suggest("69 montbrison", 8).empty());
    CHECK(labels(ix.suggest("2A", 8)) == std::vector<std::string>{"Ajaccio (2A)", "Porto-Vecchio (2A)"});
    CHECK(labels(ix.suggest("2b", 8)) == std::vector<std::string>{"Bastia (2B)"});
    CHECK(first(ix, "2a ajaccio") == "Ajaccio (2A)");
}

TEST_CASE("The well-known commune before a small one of the same name", "[places]") {
    const CommuneIndex ix = issue10_sample();
    // Bourg-en-Bresse is 10 times Bourg and "bourg" is a whole word of it; Bourges is not "bourg" + a word.
    const auto s = ix.suggest("bourg", 8);
    CHECK(labels(s) == std::vector<std::string>{"Bourg-en-Bresse (01)", "Bourg (33)", "Bourges (18)"});
    CHECK(s[0].match == Suggestion::Match::NamePrefix);
    CHECK(s[1].match == Suggestion::Match::ExactName);
    // A bigger exact match stays first.
    CHECK(first(ix, "paris") == "Paris (75)");
    CHECK(first(ix, "bourge") == "Bourges (18)");
}

TEST_CASE("Typos: after the names so typed, the nearest first, never for short words", "[places]") {
    const CommuneIndex ix = issue10_sample();
    for (const char* typed : {"montbrisson", "montbirson", "montbrizon", "monbrison", "montbriso n"}) {
        INFO(typed);
        const auto s = ix.suggest(typed, 8);
        REQUIRE(!s.empty());
        CHECK(s[0].label() == "Montbrison (42)");
        CHECK(s[0].match == Suggestion::Match::Typo);
    }
    CHECK(first(ix, "villeurbane") == "Villeurbanne (69)");
    CHECK(first(ix, "vileurbanne") == "Villeurbanne (69)");
    CHECK(first(ix, "villeurba") == "Villeurbanne (69)");     // a prefix, no typo
    CHECK(first(ix, "villeurbanen") == "Villeurbanne (69)");  // a transposition at the end
    // Montcresson is 2 typos from "montbrisson" (11 letters: 2 allowed), after Montbrison at 1.
    CHECK(labels(ix.suggest("montbrisson", 8)) ==
          std::vector<std::string>{"Montbrison (42)", "Montcresson (45)"});
    // 5 to 8 letters: one typo only.
    CHECK(ix.suggest("grenbole", 8).size() == 1);
    CHECK(ix.suggest("grnbolle", 8).empty());
    // Fewer than 5 letters: none; the first letter as typed.
    CHECK(ix.suggest("bourx", 8).size() == 3);  // 1 typo from "bourg": Bourg, Bourg-en-Bresse, Bourges
    CHECK(ix.suggest("borx", 8).empty());
    CHECK(ix.suggest("nontbrison", 8).empty());
    // An exact match is never behind a typo, even a much bigger commune's.
    const auto exact = ix.suggest("bourg", 8);
    for (const Suggestion& x : exact) CHECK(x.match != Suggestion::Match::Typo);
    // A trailing space: the typed word is complete, the name's word too.
    CHECK(first(ix, "montbrisson ") == "Montbrison (42)");
    CHECK(ix.suggest("montbris ", 8).empty());
}

TEST_CASE("An elided article glued to its word", "[places]") {
    const CommuneIndex ix = issue10_sample();
    for (const char* typed : {"lisle dabeau", "lisle d abeau", "l isle dabeau", "l'isle-d'abeau", "lisle d",
                              "lisle", "isle dabeau", "dabeau"}) {
        INFO(typed);
        CHECK(first(ix, typed) == "L'Isle-d'Abeau (38)");
    }
}
