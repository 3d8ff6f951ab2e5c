#pragma once
// v0 (schema 0.1.x, still served by the national map) onto v1 (schema 1.0.x) of the standard.
//
// The maintained model (@gouvfr-anct/lieux-de-mediation-numerique 2.3.0, lib/esm) holds no v0 -> v1 table, so
// this one is ours, built from the v0 schema's enumerations and the real data's distinct values
// (@gouvfr-anct/cartographie-nationale 5.22.0 assets/data/source.json). The table is in v0_mapping.cpp with a
// line of reasoning per value; tests/places/test_v0_mapping.cpp checks that every value the v0 schema allows
// has a mapping and that every target is a valid v1 value.
//
// Fields: services -> services; publics_accueillis -> publics_specifiquement_adresses and
// prise_en_charge_specifique; conditions_acces -> frais_a_charge (+ "Accepte le Pass numérique" -> the Pass
// numérique mark); labels_nationaux -> dispositif_programmes_nationaux / formations_labels /
// autres_formations_labels (+ APTIC -> the Pass numérique mark); labels_autres -> autres_formations_labels;
// modalites_accompagnement -> modalites_accompagnement; courriel -> courriels; accessibilite ->
// fiche_acces_libre; site_web, typologie: `;` -> `|`; cle_ban: dropped (v1 has no field for it). Identical
// fields are copied. The Pass numérique mark: v1 has no field for it, so it is written as "APTIC" in
// autres_formations_labels, which place_from_v1() reads back as Place::accepts_pass.
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/places/schema.hpp"

namespace kiosk::places {

inline constexpr std::string_view kPassLabel =
    "APTIC";  // in autres_formations_labels: accepts the Pass numérique

struct V0ValueMapping {
    std::string_view v0_field;
    std::string_view v0_value;  // the v0 value, or its part before " : " for the long v0 labels
    std::string_view v1_field;  // "" when the value maps onto nothing in v1 (e.g. "Adultes": everybody)
    std::string_view v1_value;
};
const std::vector<V0ValueMapping>& v0_value_mappings();

// Maps one v0 record (field names and values as in v0; multi-valued with `;`) onto a v1 record.
// `notes` receives what changed beyond renaming (a summary cut to the v1 length, an unknown value dropped).
Record v0_to_v1(const Record& v0, std::vector<std::string>& notes);

}  // namespace kiosk::places
