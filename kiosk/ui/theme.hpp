#pragma once
// Colours as named tokens (after the State's design system, DSFR), sizes in em, and the fonts.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shapes.hpp"

namespace kiosk::ui {

namespace color {
inline constexpr ImU32 rgb(unsigned v) {
    return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 0xFF);
}
// Every colour of words is at least 7:1 against what it is drawn on (WCAG AAA), every border a finger must
// see at least 3:1 (the ratios beside each, on white / on kBackgroundAlt; tests/access checks the
// screenshots). Not constexpr: "Contraste renforcé" switches the palette (use_palette), the screens read the
// tokens as they draw.
inline ImU32 kBackground = rgb(0xFFFFFF);
inline ImU32 kBackgroundAlt = rgb(0xF6F6F6);
inline ImU32 kBlueFrance = rgb(0x000091);         // primary actions: 14.9:1 / 13.8:1
inline ImU32 kBlueFrancePressed = rgb(0x2323FF);  // white on it 7.6:1
inline ImU32 kBlueFranceLight = rgb(0xE3E3FD);    // selected, soft backgrounds
// Warnings and errors in words: DSFR's red Marianne (#E1000F, 5.0:1) darkened to 9.8:1 / 9.0:1.
inline ImU32 kRedMarianne = rgb(0x8E000A);
inline ImU32 kFlagRed = rgb(0xE1000F);      // the tricolour bar of the header only (no words on it)
inline ImU32 kFlagWhite = rgb(0xCECECE);    // its middle stripe
inline ImU32 kText = rgb(0x161616);         // 17.7:1
inline ImU32 kTextMention = rgb(0x3A3A3A);  // secondary text: 11.4:1 / 10.5:1
// Card outlines, PIN dots, the header's rule: 4.3:1 / 4.0:1 (#CECECE was 1.6:1).
inline ImU32 kBorder = rgb(0x7A7A7A);
inline ImU32 kSuccess = rgb(0x0A4F25);   // "Ouvert maintenant": 9.7:1 / 9.0:1 (#18753C was 5.8:1)
inline ImU32 kBackdrop = rgb(0xE3E3FD);  // behind a question that hides the screen
// The palette of every screen: the ordinary one, or "Contraste renforcé" (black words, black outlines,
// darker blue, no grey backgrounds). Call between frames.
enum class Palette { Standard, Strong };
void use_palette(Palette p);
Palette palette();
}  // namespace color

// Pictograms: code points of the Material Icons font shipped by Debian.
namespace icon {
inline constexpr const char* kTouch = "\xee\xa4\x93";        // e913 touch_app
inline constexpr const char* kHome = "\xee\xa2\x8a";         // e88a home
inline constexpr const char* kLanguage = "\xee\xa2\x94";     // e894 language
inline constexpr const char* kPlace = "\xee\x83\x88";        // e0c8 location_on
inline constexpr const char* kQrScan = "\xef\x88\x86";       // f206 qr_code_scanner
inline constexpr const char* kCheck = "\xee\xa1\xac";        // e86c check_circle
inline constexpr const char* kBack = "\xee\x97\x84";         // e5c4 arrow_back
inline constexpr const char* kForward = "\xee\x97\x88";      // e5c8 arrow_forward
inline constexpr const char* kHelp = "\xee\xa2\x87";         // e887 help
inline constexpr const char* kLock = "\xee\xa2\x97";         // e897 lock
inline constexpr const char* kInfo = "\xee\xa2\x8e";         // e88e info
inline constexpr const char* kComputer = "\xee\x8c\x8a";     // e30a computer
inline constexpr const char* kWave = "\xee\x9d\xa6";         // e766 waving_hand
inline constexpr const char* kSmile = "\xee\xa0\x93";        // e813 sentiment_satisfied
inline constexpr const char* kBackspace = "\xee\x85\x8a";    // e14a backspace
inline constexpr const char* kDone = "\xee\x97\x8a";         // e5ca check
inline constexpr const char* kSettings = "\xee\xa2\xb8";     // e8b8 settings
inline constexpr const char* kLogout = "\xee\xa6\xba";       // e9ba logout
inline constexpr const char* kTicket = "\xee\x98\xb8";       // e638 confirmation_number
inline constexpr const char* kTimer = "\xee\x90\xa5";        // e425 timer
inline constexpr const char* kQuiz = "\xef\x81\x8c";         // f04c quiz
inline constexpr const char* kClose = "\xee\x97\x8d";        // e5cd close
inline constexpr const char* kMyLocation = "\xee\x95\x9c";   // e55c my_location
inline constexpr const char* kKeyboard = "\xee\x8c\x92";     // e312 keyboard
inline constexpr const char* kMap = "\xee\x95\x9b";          // e55b map
inline constexpr const char* kPhone = "\xee\x82\xb0";        // e0b0 call
inline constexpr const char* kWalk = "\xee\x94\xb6";         // e536 directions_walk
inline constexpr const char* kCar = "\xee\x94\xb1";          // e531 directions_car
inline constexpr const char* kAccessible = "\xee\xa1\x8e";   // e84e accessible
inline constexpr const char* kSchedule = "\xee\xa2\xb5";     // e8b5 schedule
inline constexpr const char* kEuro = "\xee\xa8\x95";         // ea15 euro
inline constexpr const char* kGift = "\xee\xa3\xb6";         // e8f6 card_giftcard
inline constexpr const char* kSearch = "\xee\xa2\xb6";       // e8b6 search
inline constexpr const char* kWeb = "\xee\xa0\x8b";          // e80b public
inline constexpr const char* kMail = "\xee\x82\xbe";         // e0be email
inline constexpr const char* kMailbox = "\xee\xa2\x9b";      // e89b markunread_mailbox
inline constexpr const char* kVideocam = "\xee\x81\x8b";     // e04b videocam
inline constexpr const char* kSend = "\xee\x85\xa3";         // e163 send
inline constexpr const char* kPhotoCamera = "\xee\x90\x92";  // e412 photo_camera
inline constexpr const char* kAttachFile = "\xee\x88\xa6";   // e226 attach_file
inline constexpr const char* kPrint = "\xee\xa2\xad";        // e8ad print
inline constexpr const char* kZoomIn = "\xee\xa3\xbf";       // e8ff zoom_in
inline constexpr const char* kZoomOut = "\xee\xa4\x80";      // e900 zoom_out
inline constexpr const char* kVolume = "\xee\x81\x90";       // e050 volume_up
inline constexpr const char* kStop = "\xee\x81\x87";         // e047 stop
inline constexpr const char* kTextSize = "\xee\x89\x85";     // e245 format_size
inline constexpr const char* kContrast = "\xee\xa2\x91";     // e891 invert_colors
}  // namespace icon
// Every pictogram above, so that the atlas holds them all (and a test checks it does).
std::vector<const char*> all_pictograms();
// Those also drawn large (2 em) on cards and journey screens; the hero size has only kTouch and kSmile.
std::vector<const char*> large_pictograms();

// Pixel sizes derived from em, rounded so that shapes can be baked once per size.
struct Metrics {
    int corner_button = 0;  // rounding of buttons
    int corner_card = 0;    // rounding of cards
    int corner_panel = 0;   // rounding of dialogs
    int border = 0;         // outline thickness
    int dot = 0;            // PIN dots
    int disc = 0;           // soft disc behind a pictogram
    int hero_disc = 0;      // the big disc of the attract and goodbye screens
};
Metrics metrics_for(float em);
// The map's discs: a group of markers (with a 2-pixel white ring), a commune's dot.
inline int map_group_radius(const Metrics& m) {
    return 2 * m.dot + m.dot / 2;
}
inline int map_town_dot(const Metrics& m) {
    return std::max(3, m.dot / 2);
}

// Everything drawn from the atlas: fonts at the exact sizes used (never scaled) and baked shapes.
struct Fonts {
    ImFont* body = nullptr;       // 1 em, regular, with pictograms
    ImFont* bold = nullptr;       // 1 em, bold, with pictograms
    ImFont* title = nullptr;      // 1.5 em, bold, with pictograms
    ImFont* pictogram = nullptr;  // 2 em, pictograms only
    ImFont* hero = nullptr;       // 3.4 em, the attract and goodbye pictograms only
    float em = 0;                 // pixel size of the body font
    Metrics m;
    Shapes shapes;
};

struct FontFiles {
    std::string regular, bold, icons;
};

// The body size for a screen: large enough for a reader with poor sight, whatever the orientation.
float em_for_screen(int width, int height);
// Builds the atlas (call before the renderer creates its font texture). A missing or damaged file is logged
// and replaced by the next usable one (bold and regular stand in for each other; ImGui's own font when
// neither can).
Fonts load_fonts(ImGuiIO& io, const FontFiles& files, float em);
// True when both FreeType and stb_truetype can read `file` as a font (ImGui asserts on one it cannot).
bool font_usable(const std::string& file, std::string* why = nullptr);
void apply_style(float em);
// Every character a citizen may see in a shipped language must be in these ranges.
const ImWchar* text_glyph_ranges();
const ImWchar* icon_glyph_ranges();

}  // namespace kiosk::ui
