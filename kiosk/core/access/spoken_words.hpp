#pragma once
// What read-aloud says: a screen's items in reading order (the title, the words, then the actions:
// "Bouton : Trouver un lieu"), with numbers, hours, dates and distances written out as words ("9 h – 12 h"
// is said "de neuf heures à midi"), so that the speech engine reads them as a person would. Pure.
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/screen_items.hpp"

namespace kiosk::access {

// A whole number in words: 71 → "soixante et onze" (French), "seventy-one" (English; other languages: the
// digits, which the speech engine says itself). `feminine`: 21 → "vingt et une" (heures).
std::string number_in_words(long n, std::string_view language, bool feminine = false);

// `text` with its hours, ranges of hours, dates, distances, durations and numbers in words, pictograms
// (private-use characters) dropped and separators ("·", "|") made pauses.
std::string speakable(std::string_view text, std::string_view language);

// One thing read: the item it comes from, and what is said.
struct Phrase {
    std::string id;
    std::string words;
};
// The items of a frame read in order: over the last modal layer only; headings, then words, then the
// buttons and fields ("Bouton : …", from the catalog's "access.speech.button"), then the bars' words and
// buttons; pictures and lists are not read. Selected choices say so ("access.speech.selected").
std::vector<Phrase> read_screen(const std::vector<ScreenItem>& items, const Translator& t);
std::string join(const std::vector<Phrase>& phrases);  // one text, a sentence each

}  // namespace kiosk::access
