// Use cases: regimens. A change is always a new version, screened first.
#include "pineal/app/regimen_care.h"
#include "pineal/safety/screen.h"

namespace pineal::app {

Result<ScreeningReport> RegimenCare::ScreenProposal(const Actor& actor, PatientId patient,
                                                    const std::string& substance,
                                                    const records::RegimenVersion& draft,
                                                    std::optional<RegimenId> replacing) {
  auto result = [&]() -> Result<ScreeningReport> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_RETURN_IF_ERROR(records::ValidateSubstanceName(substance));
    PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(draft));
    return writes_.Screen(patient, ProposalOf(substance, draft), replacing, {});
  }();
  WithholdIfUnaudited(result, RecordAudit(actor, "regimen.screen", patient, result.status()));
  return result;
}

Result<std::vector<safety::Finding>> RegimenCare::ScreenCurrent(const Actor& actor,
                                                                PatientId patient) {
  auto result = [&]() -> Result<std::vector<safety::Finding>> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    if (knowledge_.safety == nullptr) {
      return Status::FailedPrecondition("the knowledge base is not loaded");
    }
    const Instant now = clock_.Now();
    PINEAL_ASSIGN_OR_RETURN(ScreeningInputs in, writes_.LoadScreeningInputs(patient));
    std::vector<safety::ProposedRegimen> active;
    for (const auto& r : in.regimens) {
      if (r.current().status == records::RegimenStatus::kActive) {
        active.push_back(ProposalOf(r.substance, r.current()));
      }
    }
    const auto snapshot = SnapshotOf(in.patient, in.medications, {}, in.recent_doses, DateOf(now));
    return safety::Screen(*knowledge_.safety, snapshot, active, now);
  }();
  WithholdIfUnaudited(result, RecordAudit(actor, "patient.screen", patient, result.status()));
  return result;
}

Result<std::vector<safety::Finding>> RegimenCare::ScreenSnapshot(
    const Actor& actor, const safety::PatientSnapshot& patient,
    const std::vector<safety::ProposedRegimen>& regimens) {
  if (!actor.user_id && actor.role != Role::kSystem) {
    return Status::Unauthenticated("log in first");
  }
  if (knowledge_.safety == nullptr)
    return Status::FailedPrecondition("the knowledge base is not loaded");
  return ScreenStandalone(*knowledge_.safety, patient, regimens, clock_);
}

Result<records::Regimen> RegimenCare::CreateRegimen(const Actor& actor, PatientId patient,
                                                    RegimenDraft draft,
                                                    const std::vector<safety::Override>& overrides,
                                                    ScreeningReport* report) {
  records::RegimenVersion& v = draft.version;
  auto result = AuditedWrite<records::Regimen>(
      actor, "regimen.create", patient,
      [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_RETURN_IF_ERROR(records::ValidateSubstanceName(draft.substance));
        v.version = 1;
        v.status = records::RegimenStatus::kActive;
        v.provenance = NewProvenance(actor);
        PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(v));
        PINEAL_RETURN_IF_ERROR(writes_.ScreenVersion(actor, patient, draft.substance, std::nullopt,
                                                     v, overrides, report));
        records::Regimen regimen;
        regimen.patient_id = patient;
        regimen.substance = draft.substance;
        regimen.versions.push_back(v);
        PINEAL_ASSIGN_OR_RETURN(regimen.id, store_.InsertRegimen(regimen));
        return regimen;  // as stored: no second read
      },
      [&] { return OverrideDetail(v); });
  return result;
}

Result<records::Regimen> RegimenCare::ReviseRegimen(const Actor& actor, PatientId patient,
                                                    RegimenId id, int base_version,
                                                    records::RegimenVersion draft,
                                                    const std::vector<safety::Override>& overrides,
                                                    ScreeningReport* report) {
  return AuditedWrite<records::Regimen>(
      actor, "regimen.revise", patient,
      [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
        return writes_.AppendRevision(actor, patient, current, base_version, draft, overrides,
                                      report);
      },
      [&] { return OverrideDetail(draft); });
}

Result<records::Regimen> RegimenCare::ReviseRegimen(const Actor& actor, PatientId patient,
                                                    RegimenId id, int base_version,
                                                    const RegimenVersionChange& change,
                                                    const std::vector<safety::Override>& overrides,
                                                    ScreeningReport* report) {
  records::RegimenVersion draft;
  return AuditedWrite<records::Regimen>(
      actor, "regimen.revise", patient,
      [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
        PINEAL_ASSIGN_OR_RETURN(records::Patient person, store_.GetPatient(patient));
        PINEAL_ASSIGN_OR_RETURN(LocalDate today, TodayFor(person));
        // Built on the current version, read in this transaction.
        draft = current.current();
        change.ApplyTo(draft);
        PINEAL_RETURN_IF_ERROR(change.SettleStartDate(current.current(), today, draft));
        return writes_.AppendRevision(actor, patient, current, base_version, draft, overrides,
                                      report);
      },
      [&] { return OverrideDetail(draft); });
}

Result<records::Regimen> RegimenCare::CosignRegimen(const Actor& actor, PatientId patient,
                                                    RegimenId id, int base_version,
                                                    const Cosignature& sign,
                                                    ScreeningReport* report) {
  return AuditedWrite<records::Regimen>(
      actor, "regimen.cosign", patient,
      [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
        return writes_.AppendCosigned(actor, patient, current, base_version, sign, report);
      },
      [&] {
        return "regimen " + id.ToString() + " v" + std::to_string(base_version) +
               " co-signed: " + sign.reason +
               (sign.protocol.empty() ? "" : "; protocol " + sign.protocol);
      });
}

Result<records::Regimen> RegimenCare::StopRegimen(const Actor& actor, PatientId patient,
                                                  RegimenId id, int base_version,
                                                  std::optional<LocalDate> end_date,
                                                  std::string reason) {
  return AuditedWrite<records::Regimen>(
      actor, "regimen.stop", patient, [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
        return writes_.AppendStop(actor, patient, current, base_version, end_date,
                                  std::move(reason));
      });
}

Result<records::Regimen> RegimenCare::GetRegimen(const Actor& actor, PatientId patient,
                                                 RegimenId id) {
  return AuditedRead<records::Regimen>(actor, "regimen.read", patient,
                                       [&]() -> Result<records::Regimen> {
                                         PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
                                         return store_.GetRegimen(patient, id);
                                       });
}

Result<std::vector<records::Regimen>> RegimenCare::ListRegimens(const Actor& actor,
                                                                PatientId patient) {
  return AuditedRead<std::vector<records::Regimen>>(
      actor, "regimen.list", patient, [&]() -> Result<std::vector<records::Regimen>> {
        PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
        return store_.ListRegimens(patient);
      });
}

}  // namespace pineal::app
