#pragma once
// A place of digital mediation, as the national standard (v1) describes it. Multi-valued enumerations are
// bit sets so that search filters cost one AND. The French labels are the standard's own values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::places {

// The 9 v1 `services` categories.
enum class Service : std::uint16_t {
    AdminProcedures = 1 << 0,       // Aide aux démarches administratives
    EverydayTools = 1 << 1,         // Maîtrise des outils numériques du quotidien
    JobInsertion = 1 << 2,          // Insertion professionnelle via le numérique
    SafeUse = 1 << 3,               // Utilisation sécurisée du numérique
    Parenting = 1 << 4,             // Parentalité et éducation avec le numérique
    Leisure = 1 << 5,               // Loisirs et créations numériques
    UnderstandingDigital = 1 << 6,  // Compréhension du monde numérique
    InternetAccess = 1 << 7,        // Accès internet et matériel informatique
    AffordableEquipment = 1 << 8,   // Acquisition de matériel informatique à prix solidaire
};
inline constexpr Service kAllServices[] = {Service::AdminProcedures,
                                           Service::EverydayTools,
                                           Service::JobInsertion,
                                           Service::SafeUse,
                                           Service::Parenting,
                                           Service::Leisure,
                                           Service::UnderstandingDigital,
                                           Service::InternetAccess,
                                           Service::AffordableEquipment};

// v1 `prise_en_charge_specifique`.
enum class Support : std::uint8_t {
    Deafness = 1 << 0,          // Surdité
    MotorDisability = 1 << 1,   // Handicaps moteurs
    MentalDisability = 1 << 2,  // Handicaps mentaux
    Illiteracy = 1 << 3,        // Illettrisme
    EnglishLanguage = 1 << 4,   // Langues étrangères (anglais)
    OtherLanguages = 1 << 5,    // Langues étrangères (autres)
    VisualImpairment = 1 << 6,  // Déficience visuelle
};
inline constexpr Support kAllSupports[] = {
    Support::Deafness,        Support::MotorDisability, Support::MentalDisability, Support::Illiteracy,
    Support::EnglishLanguage, Support::OtherLanguages,  Support::VisualImpairment};

// v1 `frais_a_charge`.
enum class Fee : std::uint8_t { Free = 1 << 0, FreeUnderConditions = 1 << 1, Paid = 1 << 2 };

// v1 `publics_specifiquement_adresses`.
enum class Public : std::uint8_t {
    Young = 1 << 0,
    Students = 1 << 1,
    Families = 1 << 2,
    Seniors = 1 << 3,
    Women = 1 << 4
};

// v1 `modalites_acces`.
enum class Access : std::uint8_t {
    WalkIn = 1 << 0,         // Se présenter
    Phone = 1 << 1,          // Téléphoner
    Email = 1 << 2,          // Contacter par mail
    OnlineBooking = 1 << 3,  // Prendre un RDV en ligne
    NoPublic = 1 << 4,       // Ce lieu n'accueille pas de public
    Prescription = 1 << 5,   // Envoyer un mail avec une fiche de prescription
};

// v1 `modalites_accompagnement`.
enum class Guidance : std::uint8_t {
    Autonomous = 1 << 0,
    Individual = 1 << 1,
    Workshop = 1 << 2,
    Remote = 1 << 3
};

struct Place {
    std::string id;     // the standard's id: the key for upserts
    std::string pivot;  // SIRET / RNA
    std::string name;   // nom
    std::string commune;
    std::string postal_code;         // code_postal
    std::string insee_code;          // code_insee
    std::string address;             // adresse
    std::string address_complement;  // complement_adresse
    std::optional<double> latitude, longitude;
    std::string typology;               // typologie, raw
    std::string phone;                  // telephone
    std::vector<std::string> emails;    // courriels
    std::vector<std::string> websites;  // site_web
    std::string opening_hours;          // horaires, OSM opening_hours syntax, kept as written
    std::string summary;                // presentation_resume
    std::string description;            // presentation_detail
    std::string source;
    bool itinerant = false;               // itinerance contains Itinérant
    std::string parent;                   // structure_parente
    std::string updated;                  // date_maj, YYYY-MM-DD
    std::uint16_t services = 0;           // Service bits
    std::uint8_t publics = 0;             // Public bits
    std::uint8_t supports = 0;            // Support bits
    std::uint8_t fees = 0;                // Fee bits
    std::vector<std::string> programmes;  // dispositif_programmes_nationaux
    std::vector<std::string> labels;      // formations_labels (+ v0 labels_nationaux)
    std::vector<std::string> other_labels;
    std::uint8_t access = 0;        // Access bits
    std::uint8_t guidance = 0;      // Guidance bits
    std::string accessibility_url;  // fiche_acces_libre
    std::string booking_url;        // prise_rdv
    bool accepts_pass = false;      // v0 "Accepte le Pass numérique", or the APTIC label
    // Placed at its commune (no position in the data, or one far from the commune): not stored, set at load
    // by the gazetteer (gazetteer_mend.hpp); the kiosk says the position is approximate.
    bool approximate = false;

    bool has(Service s) const { return services & static_cast<std::uint16_t>(s); }
    bool has(Support s) const { return supports & static_cast<std::uint8_t>(s); }
    bool has(Fee f) const { return fees & static_cast<std::uint8_t>(f); }
    bool located() const { return latitude && longitude; }
};

// The standard's French value of each enumeration, and back. from_label returns 0 for an unknown value.
std::string_view label(Service s);
std::string_view label(Support s);
std::uint16_t service_from_label(std::string_view v1_value);
std::uint8_t support_from_label(std::string_view v1_value);
std::uint8_t fee_from_label(std::string_view v1_value);
std::uint8_t public_from_label(std::string_view v1_value);
std::uint8_t access_from_label(std::string_view v1_value);
std::uint8_t guidance_from_label(std::string_view v1_value);

// Added for the v1 writer (the standard's French value of each remaining enumeration).
inline constexpr Fee kAllFees[] = {Fee::Free, Fee::FreeUnderConditions, Fee::Paid};
inline constexpr Public kAllPublics[] = {Public::Young, Public::Students, Public::Families, Public::Seniors,
                                         Public::Women};
inline constexpr Access kAllAccess[] = {Access::WalkIn,        Access::Phone,    Access::Email,
                                        Access::OnlineBooking, Access::NoPublic, Access::Prescription};
inline constexpr Guidance kAllGuidance[] = {Guidance::Autonomous, Guidance::Individual, Guidance::Workshop,
                                            Guidance::Remote};
std::string_view label(Fee f);
std::string_view label(Public p);
std::string_view label(Access a);
std::string_view label(Guidance g);

}  // namespace kiosk::places
