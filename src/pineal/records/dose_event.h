// A dose taken, skipped or taken in addition: a fact about the past. It is
// never edited; a correction is a new event that points at the one it replaces.
#pragma once

#include <optional>
#include <string>

#include "pineal/core/ids.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::records {

// kEnteredInError withdraws the entry it corrects (a mistaken tap): the
// record then holds no dose for it, as FHIR's status "entered-in-error".
enum class DoseStatus { kTaken, kSkipped, kExtra, kEnteredInError };

struct DoseEvent {
  DoseEventId id;
  PatientId patient_id;
  std::optional<RegimenId> regimen_id;
  std::string substance;
  std::optional<Instant> planned_at;
  std::optional<Instant> taken_at;
  std::optional<Mass> amount;
  DoseStatus status = DoseStatus::kTaken;
  std::string note;
  std::optional<DoseEventId> corrects;  // the entry this one replaces
  Provenance provenance;

  // The time the event is filed under in views.
  Instant when() const { return taken_at ? *taken_at : planned_at.value_or(Instant{}); }
};

Status ValidateDoseEvent(const DoseEvent& e);

}  // namespace pineal::records
