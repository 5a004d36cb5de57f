// A medicine, supplement or integrative therapy the patient uses.
#pragma once

#include <optional>
#include <string>

#include "pineal/core/ids.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::records {

enum class MedicationCategory { kMedicine, kSupplement, kTherapy };
enum class MedicationSource { kPrescribed, kSelfReported };

struct MedicationEntry {
  MedicationId id;
  PatientId patient_id;
  std::string name;
  MedicationCategory category = MedicationCategory::kMedicine;
  std::string code_system;  // e.g. http://www.nlm.nih.gov/research/umls/rxnorm
  std::string code;
  std::optional<Mass> dose;
  std::string schedule;  // as the patient or prescriber states it: "twice daily"
  std::optional<LocalDate> start_date;
  std::optional<LocalDate> stop_date;
  MedicationSource source = MedicationSource::kSelfReported;
  std::string note;
  Provenance provenance;
};

Status ValidateMedication(const MedicationEntry& m);

// A medicine is current on `day` if it has started and not yet stopped.
bool IsCurrentOn(const MedicationEntry& m, LocalDate day);

}  // namespace pineal::records
