// The writes of regimen versions shared by the regimen use cases and by an
// approved titration proposal: screening a new version and appending it.
#include "pineal/app/regimen_writes.h"

#include "pineal/app/screening.h"
#include "pineal/safety/screen.h"

namespace pineal::app {

Result<ScreeningInputs> RegimenWrites::LoadScreeningInputs(PatientId patient) {
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

Result<ScreeningReport> RegimenWrites::Screen(PatientId patient,
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

Status RegimenWrites::ScreenVersion(const Actor& actor, PatientId patient,
                                    const std::string& substance,
                                    std::optional<RegimenId> replacing, records::RegimenVersion& v,
                                    const std::vector<safety::Override>& overrides,
                                    ScreeningReport* report) {
  if (knowledge_.safety != nullptr) {
    PINEAL_RETURN_IF_ERROR(CheckPlausibleDoses(*knowledge_.safety, substance, v));
  }
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

Result<records::Regimen> RegimenWrites::AppendRevision(
    const Actor& actor, PatientId patient, const records::Regimen& current, int base_version,
    records::RegimenVersion& draft, const std::vector<safety::Override>& overrides,
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
  records::Regimen stored = current;  // as stored: no second read
  stored.versions.push_back(draft);
  return stored;
}

Result<records::Regimen> RegimenWrites::AppendStop(const Actor& actor, PatientId patient,
                                                   const records::Regimen& current,
                                                   int base_version,
                                                   std::optional<LocalDate> end_date,
                                                   std::string reason) {
  if (current.patient_id != patient) {
    return Status::NotFound("regimen " + current.id.ToString() + " not found");
  }
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
  records::Regimen stored = current;
  stored.versions.push_back(std::move(v));
  return stored;
}

}  // namespace pineal::app
