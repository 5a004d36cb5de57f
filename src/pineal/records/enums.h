// Text names of the record enums, as they appear in JSON, SQL and the CLI.
#pragma once

#include <optional>
#include <string_view>

#include "pineal/records/dose_event.h"
#include "pineal/records/medication.h"
#include "pineal/records/observation.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"

namespace pineal::records {

std::string_view ToString(Sex v);
std::string_view ToString(PregnancyStatus v);
std::string_view ToString(MedicationCategory v);
std::string_view ToString(MedicationSource v);
std::string_view ToString(RegimenStatus v);
std::string_view ToString(Frequency v);
std::string_view ToString(DoseStatus v);
std::string_view ToString(ObservationKind v);

// Each parser returns nullopt for an unknown name; AllowedNames lists the
// accepted names for error messages ("female, male, other, unknown").
template <typename E>
std::optional<E> FromString(std::string_view name);
template <typename E>
std::string_view AllowedNames();

}  // namespace pineal::records
