#include "kiosk/core/places/v0_mapping.hpp"

#include <algorithm>

#include "kiosk/core/places/import.hpp"

namespace kiosk::places {

const std::vector<V0ValueMapping>& v0_value_mappings() {
    static const std::vector<V0ValueMapping> table = {
        // --- services: 15 fine-grained v0 values onto the 9 v1 categories (real data: 10 distinct values).
        // Administrative help, accompanied or learnt: both are "Aide aux démarches administratives".
        {"services", "Devenir autonome dans les démarches administratives", "services",
         "Aide aux démarches administratives"},
        {"services", "Réaliser des démarches administratives avec un accompagnement", "services",
         "Aide aux démarches administratives"},
        // Health procedures (Ameli, Mon espace santé) are online administrative procedures.
        {"services", "Accompagner les démarches de santé", "services", "Aide aux démarches administratives"},
        // Getting started with devices and everyday use: "Maîtrise des outils numériques du quotidien".
        {"services", "Prendre en main un smartphone ou une tablette", "services",
         "Maîtrise des outils numériques du quotidien"},
        {"services", "Prendre en main un ordinateur", "services",
         "Maîtrise des outils numériques du quotidien"},
        {"services", "Utiliser le numérique au quotidien", "services",
         "Maîtrise des outils numériques du quotidien"},
        // Digital culture and citizenship (information, critical thinking): "Compréhension du monde
        // numérique".
        {"services", "Approfondir ma culture numérique", "services", "Compréhension du monde numérique"},
        {"services", "Promouvoir la citoyenneté numérique", "services", "Compréhension du monde numérique"},
        // Employment and entrepreneurship: "Insertion professionnelle via le numérique".
        {"services", "Favoriser mon insertion professionnelle", "services",
         "Insertion professionnelle via le numérique"},
        {"services", "Créer et développer mon entreprise", "services",
         "Insertion professionnelle via le numérique"},
        // Free connection and computers on site: "Accès internet et matériel informatique".
        {"services", "Accéder à une connexion internet", "services",
         "Accès internet et matériel informatique"},
        {"services", "Accéder à du matériel", "services", "Accès internet et matériel informatique"},
        // Buying equipment (refurbished, low price): "Acquisition de matériel informatique à prix solidaire".
        {"services", "S'équiper en matériel informatique", "services",
         "Acquisition de matériel informatique à prix solidaire"},
        {"services", "Créer avec le numérique", "services", "Loisirs et créations numériques"},
        {"services", "Soutenir la parentalité et l'éducation avec le numérique", "services",
         "Parentalité et éducation avec le numérique"},

        // --- publics_accueillis: v0 mixed audiences and disabilities; v1 splits them in two fields.
        {"publics_accueillis", "Seniors (+ 65 ans)", "publics_specifiquement_adresses", "Seniors"},
        {"publics_accueillis", "Familles/enfants", "publics_specifiquement_adresses",
         "Familles et/ou enfants"},
        {"publics_accueillis", "Jeunes (16-26 ans)", "publics_specifiquement_adresses", "Jeunes"},
        {"publics_accueillis", "Uniquement femmes", "publics_specifiquement_adresses", "Femmes"},
        // "Adultes" is everybody: v1 lists only audiences a place specifically addresses, so nothing.
        {"publics_accueillis", "Adultes", "", ""},
        // v0 does not say which language: "(autres)" rather than claim English.
        {"publics_accueillis", "Public langues étrangères", "prise_en_charge_specifique",
         "Langues étrangères (autres)"},
        {"publics_accueillis", "Déficience visuelle", "prise_en_charge_specifique", "Déficience visuelle"},
        {"publics_accueillis", "Surdité", "prise_en_charge_specifique", "Surdité"},
        // v1 has one value for psychic and mental disabilities.
        {"publics_accueillis",
         "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales",
         "prise_en_charge_specifique", "Handicaps mentaux"},
        {"publics_accueillis", "Handicaps mentaux : déficiences limitant les activités d'une personne",
         "prise_en_charge_specifique", "Handicaps mentaux"},
        {"publics_accueillis", "Personnes en situation d'illettrisme", "prise_en_charge_specifique",
         "Illettrisme"},

        // --- conditions_acces -> frais_a_charge.
        {"conditions_acces", "Gratuit : Je peux accéder gratuitement au lieu et à ses services",
         "frais_a_charge", "Gratuit"},
        {"conditions_acces",
         "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, "
         "convention avec un organisme social...)",
         "frais_a_charge", "Gratuit sous condition"},
        {"conditions_acces", "Payant : L'accès au lieu et/ou à ses services est payant", "frais_a_charge",
         "Payant"},
        // A membership fee is a cost for the citizen.
        {"conditions_acces", "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer",
         "frais_a_charge", "Payant"},
        // The Pass numérique: kept as the APTIC mark (Place::accepts_pass).
        {"conditions_acces",
         "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu",
         "autres_formations_labels", kPassLabel},

        // --- labels_nationaux -> programmes (dispositif_programmes_nationaux), labels, other labels.
        {"labels_nationaux", "France Services", "dispositif_programmes_nationaux", "France Services"},
        {"labels_nationaux", "CNFS", "dispositif_programmes_nationaux",
         "Conseillers numériques"},  // Conseillers numériques France Services
        {"labels_nationaux", "Aidants Connect", "dispositif_programmes_nationaux", "Aidants Connect"},
        {"labels_nationaux", "Grandes écoles du numérique", "dispositif_programmes_nationaux",
         "Grande école du numérique"},
        {"labels_nationaux", "Point relais CAF", "dispositif_programmes_nationaux",
         "Point d'accès numérique CAF"},
        {"labels_nationaux", "Point numérique CAF", "dispositif_programmes_nationaux",
         "Point d'accès numérique CAF"},
        {"labels_nationaux", "Fabriques de Territoire", "formations_labels", "Fabriques de Territoire"},
        {"labels_nationaux", "APTIC", "autres_formations_labels", kPassLabel},  // the Pass numérique label
        // No v1 value: kept as free-text labels.
        {"labels_nationaux", "Relais pôle emploi", "autres_formations_labels", "Relais pôle emploi"},
        {"labels_nationaux", "French Tech", "autres_formations_labels", "French Tech"},
        {"labels_nationaux", "Campus connecté", "autres_formations_labels", "Campus connecté"},

        // --- modalites_accompagnement.
        {"modalites_accompagnement", "Seul : j'ai accès à du matériel et une connexion",
         "modalites_accompagnement", "En autonomie"},
        {"modalites_accompagnement", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique",
         "modalites_accompagnement", "Accompagnement individuel"},
        {"modalites_accompagnement", "Dans un atelier : j'apprends collectivement à utiliser le numérique",
         "modalites_accompagnement", "Dans un atelier collectif"},
        // Someone entitled does the procedure for the citizen (Aidants Connect): individual support.
        {"modalites_accompagnement", "A ma place : une personne habilitée fait les démarches à ma place",
         "modalites_accompagnement", "Accompagnement individuel"},
    };
    return table;
}

namespace {

// v0 fields copied as they are (same name, same meaning).
constexpr std::string_view kSameFields[] = {"id",
                                            "pivot",
                                            "nom",
                                            "commune",
                                            "code_postal",
                                            "code_insee",
                                            "adresse",
                                            "complement_adresse",
                                            "latitude",
                                            "longitude",
                                            "telephone",
                                            "horaires",
                                            "presentation_resume",
                                            "presentation_detail",
                                            "source",
                                            "structure_parente",
                                            "date_maj",
                                            "prise_rdv"};

const V0ValueMapping* find_mapping(std::string_view field, std::string_view value) {
    for (const auto& m : v0_value_mappings())
        if (m.v0_field == field && m.v0_value == value) return &m;
    // Lenient: the short form before " : " ("Gratuit" for "Gratuit : Je peux…").
    for (const auto& m : v0_value_mappings()) {
        if (m.v0_field != field) continue;
        auto colon = m.v0_value.find(" : ");
        if (colon != std::string_view::npos && m.v0_value.substr(0, colon) == value) return &m;
    }
    return nullptr;
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.emplace_back(value);
}

}  // namespace

Record v0_to_v1(const Record& v0, std::vector<std::string>& notes) {
    Record v1;
    for (auto name : kSameFields)
        if (auto it = v0.find(name); it != v0.end() && !it->second.empty())
            v1[std::string(name)] = it->second;

    auto value = [&](std::string_view name) -> std::string {
        auto it = v0.find(name);
        return it == v0.end() ? std::string{} : it->second;
    };
    // Multi-valued free text: `;` -> `|`.
    if (auto v = split_list(value("courriel"), ';'); !v.empty()) v1["courriels"] = join_list(v);
    if (auto v = split_list(value("site_web"), ';'); !v.empty()) v1["site_web"] = join_list(v);
    if (auto v = split_list(value("typologie"), ';'); !v.empty()) v1["typologie"] = join_list(v);
    if (auto v = value("accessibilite"); !v.empty()) v1["fiche_acces_libre"] = v;

    // Enumerations through the table.
    std::map<std::string, std::vector<std::string>> lists;
    for (std::string_view field : {"services", "publics_accueillis", "conditions_acces", "labels_nationaux",
                                   "modalites_accompagnement"}) {
        for (const auto& item : split_list(value(field), ';')) {
            const V0ValueMapping* m = find_mapping(field, item);
            if (!m) {
                notes.push_back(std::string(field) + ": no v1 value for \"" + item + "\", dropped");
                continue;
            }
            if (!m->v1_field.empty()) add_unique(lists[std::string(m->v1_field)], m->v1_value);
        }
    }
    for (const auto& item : split_list(value("labels_autres"), ';'))
        add_unique(lists["autres_formations_labels"], item);
    for (const auto& [field, items] : lists) v1[field] = join_list(items);

    // v1 allows 280 characters of summary, v0 allowed 500.
    if (auto it = v1.find("presentation_resume"); it != v1.end() && utf8_length(it->second) > 280) {
        it->second = cut_utf8(it->second, 280);
        notes.push_back("presentation_resume: cut to the 280 characters of v1");
    }
    return v1;
}

}  // namespace kiosk::places
