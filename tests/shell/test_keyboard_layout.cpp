// The on-screen keyboard's layout is content: the shipped file loads, and a broken one is reported with its
// line while the built-in layout keeps the kiosk usable.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/core/keyboard_layout.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
std::vector<std::string> ids(const KeyboardLayout& l) {
    std::vector<std::string> out;
    for (const auto& row : l.rows)
        for (const KeyboardKey& k : row) out.push_back(k.id);
    return out;
}
std::vector<ConfigError> problems(std::string_view text) {
    std::vector<ConfigError> errors;
    const KeyboardLayout l = KeyboardLayout::parse(text, "layout.toml", errors);
    if (!errors.empty()) CHECK(l.rows.empty());
    return errors;
}
}  // namespace

TEST_CASE("the shipped keyboard is French AZERTY with the digits on top, and the same as the built-in one") {
    std::vector<ConfigError> errors;
    const KeyboardLayout l = KeyboardLayout::load(test::source_dir() / "content", errors);
    for (const ConfigError& e : errors) FAIL(e.to_string());
    REQUIRE(l.rows.size() == 5);
    CHECK(l.rows[0].front().id == "kbd.1");
    CHECK(l.rows[1].front().label == "A");
    CHECK(l.rows[1].front().text == "a");
    CHECK(l.widest_row() == 10);
    const auto all = ids(l);
    for (const char* id : {"kbd.apostrophe", "kbd.hyphen", "kbd.erase", "kbd.space", "kbd.m", "kbd.w"})
        CHECK(std::find(all.begin(), all.end(), id) != all.end());
    const KeyboardKey& apostrophe = l.rows[3][6];
    CHECK(apostrophe.text == "'");
    CHECK(apostrophe.label == "\u2019");
    CHECK(l.rows[3].back().kind == KeyboardKey::Kind::Erase);
    CHECK(l.rows[3].back().width == 2);
    CHECK(l.rows[4][0].kind == KeyboardKey::Kind::Space);
    CHECK(l.rows[4][0].text == " ");
    CHECK(ids(KeyboardLayout::built_in()) == all);
}

TEST_CASE("a keyboard layout may hold any character, one a key") {
    std::vector<ConfigError> errors;
    const KeyboardLayout l =
        KeyboardLayout::parse("[[row]]\nkeys = [\"é\", \"ß\", \"erase\"]\n", "layout.toml", errors);
    REQUIRE(errors.empty());
    REQUIRE(l.rows.size() == 1);
    CHECK(l.rows[0][0].text == "é");
    CHECK(l.rows[0][0].label == "é");
    CHECK(l.rows[0][0].id == "kbd.xc3a9");
}

TEST_CASE("a broken keyboard layout says where and why") {
    auto first = [](const std::vector<ConfigError>& e) {
        return e.empty() ? std::string() : e.front().to_string();
    };
    CHECK_THAT(first(problems("[[row]]\nkeys = [\"a\", \"bc\", \"erase\"]\n")),
               Catch::Contains("layout.toml:2: row[1].keys[2]") && Catch::Contains("neither one character"));
    CHECK_THAT(first(problems("[[row]]\nkeys = [\"a\", \"a\", \"erase\"]\n")),
               Catch::Contains("already on the keyboard"));
    CHECK_THAT(first(problems("[[row]]\nkeys = [\"a\", \"erase\"]\nwidths = [1]\n")),
               Catch::Contains("row[1].widths") && Catch::Contains("one width per key"));
    CHECK_THAT(first(problems("[[row]]\nkeys = [\"a\", \"erase\"]\nwidths = [1, 0]\n")),
               Catch::Contains("between 1 and 12"));
    CHECK_THAT(first(problems("[[row]]\nkeys = [\"space\", \"erase\"]\nwidths = [8, 6]\n")),
               Catch::Contains("14 keys wide"));
    CHECK_THAT(first(problems("[[row]]\nkeys = [\"a\"]\n")), Catch::Contains("needs an \"erase\" key"));
    CHECK_THAT(first(problems("colour = 1\n[[row]]\nkeys = [\"erase\"]\n")),
               Catch::Contains("layout.toml:1: colour: unknown key"));
    CHECK_THAT(first(problems("")), Catch::Contains("at least one [[row]]"));
    CHECK_THAT(first(problems("[[row]\n")), Catch::Contains("layout.toml:1"));
}

TEST_CASE("a missing or broken layout file falls back to the built-in keyboard") {
    test::TempDir content;
    std::vector<ConfigError> errors;
    KeyboardLayout l = KeyboardLayout::load(content.path, errors);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].to_string(), Catch::Contains("layout.toml"));
    CHECK(ids(l) == ids(KeyboardLayout::built_in()));

    std::filesystem::create_directories(content.path / "keyboard");
    std::ofstream(content.path / "keyboard/layout.toml") << "[[row]]\nkeys = [\"a\"]\n";
    errors.clear();
    l = KeyboardLayout::load(content.path, errors);
    REQUIRE(errors.size() == 1);
    CHECK(ids(l) == ids(KeyboardLayout::built_in()));
}
