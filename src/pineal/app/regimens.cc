// Use cases: regimens. A change is always a new version.
#include "pineal/app/pineal_app.h"

namespace pineal::app {

Result<records::Regimen> PinealApp::CreateRegimen(const Actor& actor, PatientId patient,
                                                  RegimenDraft draft) {
  auto result = [&]() -> Result<records::Regimen> {
    PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
    PINEAL_RETURN_IF_ERROR(records::ValidateSubstanceName(draft.substance));
    records::RegimenVersion& v = draft.version;
    v.version = 1;
    v.status = records::RegimenStatus::kActive;
    v.provenance = NewProvenance(actor);
    PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(v));
    records::Regimen regimen;
    regimen.patient_id = patient;
    regimen.substance = draft.substance;
    regimen.versions.push_back(v);
    PINEAL_ASSIGN_OR_RETURN(RegimenId id, store_.InsertRegimen(regimen));
    return store_.GetRegimen(patient, id);
  }();
  RecordAudit(actor, "regimen.create", patient, result.status());
  return result;
}

Result<records::Regimen> PinealApp::ReviseRegimen(const Actor& actor, PatientId patient,
                                                  RegimenId id, int base_version,
                                                  records::RegimenVersion draft) {
  auto result = [&]() -> Result<records::Regimen> {
    PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
    PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
    if (current.current().status == records::RegimenStatus::kStopped) {
      return Status::FailedPrecondition("regimen " + id.ToString() +
                                        " is stopped; start a new regimen instead");
    }
    draft.version = base_version + 1;
    draft.status = records::RegimenStatus::kActive;
    draft.provenance = NewProvenance(actor);
    PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(draft));
    PINEAL_RETURN_IF_ERROR(store_.AppendRegimenVersion(id, draft));
    return store_.GetRegimen(patient, id);
  }();
  RecordAudit(actor, "regimen.revise", patient, result.status());
  return result;
}

Result<records::Regimen> PinealApp::StopRegimen(const Actor& actor, PatientId patient,
                                                RegimenId id, int base_version,
                                                std::optional<LocalDate> end_date,
                                                std::string reason) {
  auto result = [&]() -> Result<records::Regimen> {
    PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
    PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
    if (current.current().status == records::RegimenStatus::kStopped) {
      return Status::FailedPrecondition("regimen " + id.ToString() + " is already stopped");
    }
    records::RegimenVersion v = current.current();
    v.version = base_version + 1;
    v.status = records::RegimenStatus::kStopped;
    v.end_date = end_date.value_or(DateOf(clock_.Now()));
    if (*v.end_date < v.start_date) {
      return Status::InvalidArgument("is before the regimen's start date " +
                                         FormatDate(v.start_date),
                                     "end_date");
    }
    v.reason = std::move(reason);
    v.provenance = NewProvenance(actor);
    PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(v));
    PINEAL_RETURN_IF_ERROR(store_.AppendRegimenVersion(id, v));
    return store_.GetRegimen(patient, id);
  }();
  RecordAudit(actor, "regimen.stop", patient, result.status());
  return result;
}

Result<records::Regimen> PinealApp::GetRegimen(const Actor& actor, PatientId patient,
                                               RegimenId id) {
  auto result = [&]() -> Result<records::Regimen> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    return store_.GetRegimen(patient, id);
  }();
  RecordAudit(actor, "regimen.read", patient, result.status());
  return result;
}

Result<std::vector<records::Regimen>> PinealApp::ListRegimens(const Actor& actor,
                                                              PatientId patient) {
  auto result = [&]() -> Result<std::vector<records::Regimen>> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    return store_.ListRegimens(patient);
  }();
  RecordAudit(actor, "regimen.list", patient, result.status());
  return result;
}

}  // namespace pineal::app
