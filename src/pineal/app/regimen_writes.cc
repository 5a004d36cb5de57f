// The writes of regimen versions shared by the regimen use cases and by an
// approved titration proposal: screening a new version and appending it.
#include "pineal/app/regimen_writes.h"

#include <algorithm>

#include "pineal/core/text.h"

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
  PINEAL_RETURN_IF_ERROR(report->Verdict());
  v.findings = RecordFindings(report->findings);
  // The overrides the engine matched to blocking findings, with who and when.
  for (const auto& a : report->evaluation.applied) {
    v.overrides.push_back({a.finding_key, a.rule_id, a.reason, actor.name, clock_.Now()});
  }
  // An overridden hard stop waits for a second clinician, unless this version
  // already carries their co-signature for every such finding.
  bool cosigned = true;
  for (const auto& a : report->evaluation.applied) {
    if (!a.needs_cosign) continue;
    cosigned = cosigned && std::any_of(v.cosignatures.begin(), v.cosignatures.end(),
                                       [&](const records::RecordedCosignature& c) {
                                         return c.finding_key == a.finding_key;
                                       });
  }
  v.status = cosigned ? records::RegimenStatus::kActive : records::RegimenStatus::kPending;
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
  draft.cosignatures.clear();
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
  if (end_date) {
    v.end_date = *end_date;
  } else {
    // Today on the patient's calendar, as a revision's start date is: in UTC
    // it can be a day behind a version that starts today.
    PINEAL_ASSIGN_OR_RETURN(records::Patient person, store_.GetPatient(patient));
    PINEAL_ASSIGN_OR_RETURN(v.end_date, TodayFor(person));
  }
  v.findings.clear();
  v.overrides.clear();
  v.cosignatures.clear();
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

Result<records::Regimen> RegimenWrites::AppendCosigned(const Actor& actor, PatientId patient,
                                                       const records::Regimen& current,
                                                       int base_version, const Cosignature& sign,
                                                       ScreeningReport* report) {
  const records::RegimenVersion& pending = current.current();
  if (pending.status != records::RegimenStatus::kPending) {
    return Status::FailedPrecondition("regimen " + current.id.ToString() +
                                      " is not waiting for a co-signature");
  }
  if (base_version != pending.version) {
    return Status::Aborted("regimen " + current.id.ToString() + " is at version " +
                               std::to_string(pending.version) +
                               "; co-sign what is current (send " + "base_version " +
                               std::to_string(pending.version) + ")",
                           "base_version");
  }
  if (TrimBlanks(sign.reason).size() < safety::kMinOverrideReasonLength) {
    return Status::InvalidArgument("needs a reason of at least " +
                                       std::to_string(safety::kMinOverrideReasonLength) +
                                       " characters",
                                   "reason");
  }
  if (sign.protocol.size() > 200)
    return Status::InvalidArgument("at most 200 characters", "protocol");
  // The hard stops overridden in the pending version, and who overrode them.
  std::vector<const records::RecordedOverride*> hard_stops;
  for (const auto& o : pending.overrides) {
    for (const auto& f : pending.findings) {
      if (f.key == o.finding_key && f.severity == "contraindicated") hard_stops.push_back(&o);
    }
  }
  for (const auto* o : hard_stops) {
    if (o->decided_by == actor.name) {
      return Status::PermissionDenied(
          "you overrode this hard stop; a second clinician, with their own account, must co-sign");
    }
  }
  records::RegimenVersion draft = pending;
  draft.version = base_version + 1;
  draft.provenance = NewProvenance(actor);
  draft.findings.clear();
  draft.overrides.clear();
  draft.cosignatures.clear();
  draft.reason = "co-signed: " + sign.reason;
  for (const auto* o : hard_stops) {
    draft.cosignatures.push_back(
        {o->finding_key, sign.reason, sign.protocol, actor.name, clock_.Now()});
  }
  // Screened again against today's record with the first clinician's
  // overrides: anything new that blocks needs a new version instead.
  std::vector<safety::Override> overrides;
  for (const auto& o : pending.overrides) overrides.push_back({o.finding_key, o.reason});
  PINEAL_RETURN_IF_ERROR(
      ScreenVersion(actor, patient, current.substance, current.id, draft, overrides, report));
  draft.overrides = pending.overrides;  // still the first clinician's decisions
  PINEAL_RETURN_IF_ERROR(records::ValidateRegimenVersion(draft));
  PINEAL_RETURN_IF_ERROR(store_.AppendRegimenVersion(current.id, draft));
  records::Regimen stored = current;
  stored.versions.push_back(draft);
  return stored;
}

}  // namespace pineal::app
