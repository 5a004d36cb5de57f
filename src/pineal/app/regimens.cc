// Use cases: regimens. A change is always a new version, screened first.
#include "pineal/app/pineal_app.h"
#include "pineal/safety/screen.h"

namespace pineal::app {

Result<PinealApp::ScreeningInputs> PinealApp::LoadScreeningInputs(PatientId patient) {
  ScreeningInputs in;
  PINEAL_ASSIGN_OR_RETURN(in.patient, store_.GetPatient(patient));
  PINEAL_ASSIGN_OR_RETURN(in.medications, store_.ListMedications(patient));
  PINEAL_ASSIGN_OR_RETURN(in.regimens, store_.ListRegimens(patient));
  // The last week's doses count as current use (see safety::PatientSnapshot).
  PINEAL_ASSIGN_OR_RETURN(
      in.recent_doses,
      store_.ListDoseEvents(patient, {clock_.Now() - std::chrono::days(7), std::nullopt}, false));
  return in;
}

Result<ScreeningReport> PinealApp::Screen(PatientId patient,
                                          const safety::ProposedRegimen& proposal,
                                          std::optional<RegimenId> excluding,
                                          const std::vector<safety::Override>& overrides) {
  if (knowledge_.safety == nullptr) {
    return Status::FailedPrecondition(
        "the knowledge base is not loaded, so regimens cannot be screened");
  }
  const Instant now = clock_.Now();
  PINEAL_ASSIGN_OR_RETURN(ScreeningInputs in, LoadScreeningInputs(patient));
  std::erase_if(in.regimens,
                [&](const records::Regimen& r) { return excluding && r.id == *excluding; });
  const auto snapshot =
      SnapshotOf(in.patient, in.medications, in.regimens, in.recent_doses, DateOf(now));
  ScreeningReport report;
  report.findings = safety::Screen(*knowledge_.safety, snapshot, {proposal}, now);
  report.evaluation = safety::EvaluateOverrides(report.findings, overrides);
  return report;
}

Status PinealApp::ScreenVersion(const Actor& actor, PatientId patient, const std::string& substance,
                                std::optional<RegimenId> replacing, records::RegimenVersion& v,
                                const std::vector<safety::Override>& overrides,
                                ScreeningReport* report) {
  PINEAL_ASSIGN_OR_RETURN(*report, Screen(patient, ProposalOf(substance, v), replacing, overrides));
  if (!report->evaluation.problems.empty()) return report->evaluation.problems.front();
  if (report->blocked()) {
    return Status::FailedPrecondition(
        std::to_string(report->evaluation.unresolved.size()) +
            " blocking finding(s) need a clinician's override with a documented reason",
        "overrides");
  }
  v.findings = RecordFindings(report->findings);
  // The overrides the engine matched to blocking findings, with who and when.
  for (const auto& a : report->evaluation.applied) {
    v.overrides.push_back({a.finding_key, a.rule_id, a.reason, actor.name, clock_.Now()});
  }
  return Status::Ok();
}

Result<ScreeningReport> PinealApp::ScreenProposal(const Actor& actor, PatientId patient,
                                                  const std::string& substance,
                                                  const records::RegimenVersion& draft,
                                                  std::optional<RegimenId> replacing) {
  auto result = [&]() -> Result<ScreeningReport> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_RETURN_IF_ERROR(records::ValidateSubstanceName(substance));
    PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(draft));
    return Screen(patient, ProposalOf(substance, draft), replacing, {});
  }();
  RecordAudit(actor, "regimen.screen", patient, result.status());
  return result;
}

Result<std::vector<safety::Finding>> PinealApp::ScreenCurrent(const Actor& actor,
                                                              PatientId patient) {
  auto result = [&]() -> Result<std::vector<safety::Finding>> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    if (knowledge_.safety == nullptr) {
      return Status::FailedPrecondition("the knowledge base is not loaded");
    }
    const Instant now = clock_.Now();
    PINEAL_ASSIGN_OR_RETURN(ScreeningInputs in, LoadScreeningInputs(patient));
    std::vector<safety::ProposedRegimen> active;
    for (const auto& r : in.regimens) {
      if (r.current().status == records::RegimenStatus::kActive) {
        active.push_back(ProposalOf(r.substance, r.current()));
      }
    }
    const auto snapshot = SnapshotOf(in.patient, in.medications, {}, in.recent_doses, DateOf(now));
    return safety::Screen(*knowledge_.safety, snapshot, active, now);
  }();
  RecordAudit(actor, "patient.screen", patient, result.status());
  return result;
}

Result<std::vector<safety::Finding>> PinealApp::ScreenSnapshot(
    const Actor& actor, const safety::PatientSnapshot& patient,
    const std::vector<safety::ProposedRegimen>& regimens) {
  if (!actor.user_id && actor.role != Role::kSystem) {
    return Status::Unauthenticated("log in first");
  }
  if (knowledge_.safety == nullptr)
    return Status::FailedPrecondition("the knowledge base is not loaded");
  return safety::Screen(*knowledge_.safety, patient, regimens, clock_.Now());
}

Result<records::Regimen> PinealApp::CreateRegimen(const Actor& actor, PatientId patient,
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
        PINEAL_RETURN_IF_ERROR(
            ScreenVersion(actor, patient, draft.substance, std::nullopt, v, overrides, report));
        records::Regimen regimen;
        regimen.patient_id = patient;
        regimen.substance = draft.substance;
        regimen.versions.push_back(v);
        PINEAL_ASSIGN_OR_RETURN(RegimenId id, store_.InsertRegimen(regimen));
        return store_.GetRegimen(patient, id);
      },
      [&] { return OverrideDetail(v); });
  return result;
}

Result<records::Regimen> PinealApp::AppendRevision(const Actor& actor, PatientId patient,
                                                   const records::Regimen& current,
                                                   int base_version, records::RegimenVersion& draft,
                                                   const std::vector<safety::Override>& overrides,
                                                   ScreeningReport* report) {
  if (current.current().status == records::RegimenStatus::kStopped) {
    return Status::FailedPrecondition("regimen " + current.id.ToString() +
                                      " is stopped; start a new regimen instead");
  }
  draft.version = base_version + 1;
  draft.status = records::RegimenStatus::kActive;
  draft.provenance = NewProvenance(actor);
  draft.findings.clear();
  draft.overrides.clear();
  PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(draft));
  PINEAL_RETURN_IF_ERROR(
      ScreenVersion(actor, patient, current.substance, current.id, draft, overrides, report));
  PINEAL_RETURN_IF_ERROR(store_.AppendRegimenVersion(current.id, draft));
  return store_.GetRegimen(patient, current.id);
}

Result<records::Regimen> PinealApp::AppendStop(const Actor& actor, PatientId patient,
                                               const records::Regimen& current, int base_version,
                                               std::optional<LocalDate> end_date,
                                               std::string reason) {
  if (current.current().status == records::RegimenStatus::kStopped) {
    return Status::FailedPrecondition("regimen " + current.id.ToString() + " is already stopped");
  }
  // Stopping removes a risk: it is recorded without a new screening.
  records::RegimenVersion v = current.current();
  v.version = base_version + 1;
  v.status = records::RegimenStatus::kStopped;
  v.end_date = end_date.value_or(DateOf(clock_.Now()));
  v.findings.clear();
  v.overrides.clear();
  if (*v.end_date < v.start_date) {
    return Status::InvalidArgument("is before the regimen's start date " + FormatDate(v.start_date),
                                   "end_date");
  }
  v.reason = std::move(reason);
  v.provenance = NewProvenance(actor);
  PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(v));
  PINEAL_RETURN_IF_ERROR(store_.AppendRegimenVersion(current.id, v));
  return store_.GetRegimen(patient, current.id);
}

Result<records::Regimen> PinealApp::ReviseRegimen(const Actor& actor, PatientId patient,
                                                  RegimenId id, int base_version,
                                                  records::RegimenVersion draft,
                                                  const std::vector<safety::Override>& overrides,
                                                  ScreeningReport* report) {
  return AuditedWrite<records::Regimen>(
      actor, "regimen.revise", patient,
      [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
        return AppendRevision(actor, patient, current, base_version, draft, overrides, report);
      },
      [&] { return OverrideDetail(draft); });
}

Result<records::Regimen> PinealApp::ReviseRegimen(const Actor& actor, PatientId patient,
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
        // Built on the current version, read in this transaction.
        draft = current.current();
        change.ApplyTo(draft);
        return AppendRevision(actor, patient, current, base_version, draft, overrides, report);
      },
      [&] { return OverrideDetail(draft); });
}

Result<records::Regimen> PinealApp::StopRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                                int base_version, std::optional<LocalDate> end_date,
                                                std::string reason) {
  return AuditedWrite<records::Regimen>(
      actor, "regimen.stop", patient, [&]() -> Result<records::Regimen> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Regimen current, store_.GetRegimen(patient, id));
        return AppendStop(actor, patient, current, base_version, end_date, std::move(reason));
      });
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
