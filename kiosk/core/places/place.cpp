#include "place.hpp"

#include <array>
#include <utility>

namespace kiosk::places {
namespace {

template <typename Bits, std::size_t N>
Bits find(const std::array<std::pair<std::string_view, Bits>, N>& table, std::string_view v) {
    for (const auto& [text, bits] : table)
        if (text == v) return bits;
    return 0;
}

constexpr std::array<std::pair<std::string_view, std::uint16_t>, 9> kServices{{
    {"Aide aux démarches administratives", 1 << 0},
    {"Maîtrise des outils numériques du quotidien", 1 << 1},
    {"Insertion professionnelle via le numérique", 1 << 2},
    {"Utilisation sécurisée du numérique", 1 << 3},
    {"Parentalité et éducation avec le numérique", 1 << 4},
    {"Loisirs et créations numériques", 1 << 5},
    {"Compréhension du monde numérique", 1 << 6},
    {"Accès internet et matériel informatique", 1 << 7},
    {"Acquisition de matériel informatique à prix solidaire", 1 << 8},
}};
constexpr std::array<std::pair<std::string_view, std::uint8_t>, 7> kSupports{{
    {"Surdité", 1 << 0},
    {"Handicaps moteurs", 1 << 1},
    {"Handicaps mentaux", 1 << 2},
    {"Illettrisme", 1 << 3},
    {"Langues étrangères (anglais)", 1 << 4},
    {"Langues étrangères (autres)", 1 << 5},
    {"Déficience visuelle", 1 << 6},
}};
constexpr std::array<std::pair<std::string_view, std::uint8_t>, 3> kFees{
    {{"Gratuit", 1 << 0}, {"Gratuit sous condition", 1 << 1}, {"Payant", 1 << 2}}};
constexpr std::array<std::pair<std::string_view, std::uint8_t>, 5> kPublics{
    {{"Jeunes", 1 << 0},
     {"Étudiants", 1 << 1},
     {"Familles et/ou enfants", 1 << 2},
     {"Seniors", 1 << 3},
     {"Femmes", 1 << 4}}};
constexpr std::array<std::pair<std::string_view, std::uint8_t>, 6> kAccess{{
    {"Se présenter", 1 << 0},
    {"Téléphoner", 1 << 1},
    {"Contacter par mail", 1 << 2},
    {"Prendre un RDV en ligne", 1 << 3},
    {"Ce lieu n'accueille pas de public", 1 << 4},
    {"Envoyer un mail avec une fiche de prescription", 1 << 5},
}};
constexpr std::array<std::pair<std::string_view, std::uint8_t>, 4> kGuidance{
    {{"En autonomie", 1 << 0},
     {"Accompagnement individuel", 1 << 1},
     {"Dans un atelier collectif", 1 << 2},
     {"À distance", 1 << 3}}};

}  // namespace

std::string_view label(Service s) {
    for (const auto& [text, bits] : kServices)
        if (bits == static_cast<std::uint16_t>(s)) return text;
    return {};
}
std::string_view label(Support s) {
    for (const auto& [text, bits] : kSupports)
        if (bits == static_cast<std::uint8_t>(s)) return text;
    return {};
}
namespace {
template <typename Bits, std::size_t N>
std::string_view text_of(const std::array<std::pair<std::string_view, Bits>, N>& table, unsigned bits) {
    for (const auto& [text, b] : table)
        if (b == bits) return text;
    return {};
}
}  // namespace
std::string_view label(Fee f) {
    return text_of(kFees, static_cast<unsigned>(f));
}
std::string_view label(Public p) {
    return text_of(kPublics, static_cast<unsigned>(p));
}
std::string_view label(Access a) {
    return text_of(kAccess, static_cast<unsigned>(a));
}
std::string_view label(Guidance g) {
    return text_of(kGuidance, static_cast<unsigned>(g));
}

std::uint16_t service_from_label(std::string_view v) {
    return find(kServices, v);
}
std::uint8_t support_from_label(std::string_view v) {
    return find(kSupports, v);
}
std::uint8_t fee_from_label(std::string_view v) {
    return find(kFees, v);
}
std::uint8_t public_from_label(std::string_view v) {
    return find(kPublics, v);
}
std::uint8_t access_from_label(std::string_view v) {
    return find(kAccess, v);
}
std::uint8_t guidance_from_label(std::string_view v) {
    return find(kGuidance, v);
}

}  // namespace kiosk::places
