// Something observed about the patient: an instrument score, a sleep diary
// night, a side effect, a vital sign. Like dose events, never edited in place.
#pragma once

#include <optional>
#include <string>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::records {

enum class ObservationKind { kInstrument, kSleepDiary, kSideEffect, kVital, kLab, kSymptom, kNote };

struct Observation {
  ObservationId id;
  PatientId patient_id;
  ObservationKind kind = ObservationKind::kNote;
  std::string code;  // "ISI", "heart_rate", a LOINC code, ...
  std::optional<double> value;
  std::string unit;  // UCUM, "{score}" for scores
  std::string text;
  Instant observed_at{};
  std::optional<ObservationId> corrects;
  Provenance provenance;
};

Status ValidateObservation(const Observation& o);

}  // namespace pineal::records
