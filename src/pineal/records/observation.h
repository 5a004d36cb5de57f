// Something observed about the patient: an instrument score, a sleep diary
// night, a side effect, a vital sign. Like dose events, never edited in place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::records {

enum class ObservationKind { kInstrument, kSleepDiary, kSideEffect, kVital, kLab, kSymptom, kNote };

// A part of an observation with its own code and value: an instrument's item
// answers ("item9" = 1), a raised flag, a side effect's onset, suspected
// substance and whether it is ongoing (as FHIR's Observation.component).
struct ObservationComponent {
  std::string code;
  std::optional<double> value;
  std::string text;
};

struct Observation {
  ObservationId id;
  PatientId patient_id;
  ObservationKind kind = ObservationKind::kNote;
  std::string code;  // "ISI", "heart_rate", a LOINC code, ...
  std::optional<double> value;
  std::string unit;  // UCUM, "{score}" for scores
  std::string text;
  // The band an instrument score falls in ("moderate"), or empty.
  std::string interpretation;
  std::vector<ObservationComponent> components;
  Instant observed_at{};
  std::optional<ObservationId> corrects;
  Provenance provenance;
};

Status ValidateObservation(const Observation& o);

}  // namespace pineal::records
