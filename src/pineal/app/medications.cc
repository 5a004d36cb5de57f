// Use cases: medicines, supplements and integrative therapies.
#include "pineal/app/patient_records.h"

namespace pineal::app {

Result<records::MedicationEntry> PatientRecords::AddMedication(const Actor& actor,
                                                               PatientId patient,
                                                               records::MedicationEntry draft) {
  auto result = AuditedWrite<records::MedicationEntry>(
      actor, "medication.create", patient, [&]() -> Result<records::MedicationEntry> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_RETURN_IF_ERROR(records::ValidateMedication(draft));
        draft.patient_id = patient;
        draft.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(MedicationId id, store_.InsertMedication(draft));
        return store_.GetMedication(patient, id);
      });
  return result;
}

Result<records::MedicationEntry> PatientRecords::UpdateMedication(
    const Actor& actor, PatientId patient, records::MedicationEntry changes) {
  auto result = AuditedWrite<records::MedicationEntry>(
      actor, "medication.update", patient, [&]() -> Result<records::MedicationEntry> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::MedicationEntry before,
                                store_.GetMedication(patient, changes.id));
        PINEAL_RETURN_IF_ERROR(records::ValidateMedication(changes));
        changes.patient_id = patient;
        changes.provenance = before.provenance;
        PINEAL_RETURN_IF_ERROR(store_.UpdateMedication(changes));
        return store_.GetMedication(patient, changes.id);
      });
  return result;
}

Result<std::vector<records::MedicationEntry>> PatientRecords::ListMedications(const Actor& actor,
                                                                              PatientId patient) {
  return AuditedRead<std::vector<records::MedicationEntry>>(
      actor, "medication.list", patient, [&]() -> Result<std::vector<records::MedicationEntry>> {
        PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
        return store_.ListMedications(patient);
      });
}

std::optional<kb::NameMatch> PatientRecords::MatchMedication(
    const records::MedicationEntry& medication) const {
  if (knowledge_.safety == nullptr ||
      medication.category == records::MedicationCategory::kTherapy) {
    return std::nullopt;
  }
  return knowledge_.safety->MatchSubstance(medication.name);
}

}  // namespace pineal::app
