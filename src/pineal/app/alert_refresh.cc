// Alert evaluation: the rules of knowledge/rules/alerts.yaml over what they
// can read of a patient's record, run within every check-in write and on
// every read of alerts.
#include "pineal/app/alert_refresh.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "pineal/app/monitoring_inputs.h"
#include "pineal/app/proposal_codec.h"

namespace pineal::app {
namespace {

store::AlertRecord RecordOf(PatientId patient, const monitor::AlertCandidate& c,
                            const records::Provenance& provenance) {
  store::AlertRecord a;
  a.patient_id = patient;
  a.rule_id = c.rule_id;
  a.severity = std::string(kb::AlertSeverityName(c.severity));
  a.title = c.title;
  a.message = c.message;
  a.dedupe_key = c.dedupe_key;
  a.evidence_json = EvidenceToJson(c.evidence).dump();
  a.refs_json = nlohmann::json(c.refs).dump();
  a.provenance = provenance;
  return a;
}

}  // namespace

Result<MonitoringData> AlertRefresh::LoadMonitoring(PatientId patient) {
  MonitoringData d;
  PINEAL_ASSIGN_OR_RETURN(d.patient, store_.GetPatient(patient));
  PINEAL_ASSIGN_OR_RETURN(d.regimens, store_.ListRegimens(patient));
  PINEAL_ASSIGN_OR_RETURN(d.doses, store_.ListDoseEvents(patient, {}, false));
  PINEAL_ASSIGN_OR_RETURN(d.observations, store_.ListObservations(patient, {}, false));
  d.responses = ScoredResponsesOf(d.observations);
  d.side_effects = SideEffectsOf(d.observations, d.patient.time_zone);
  d.last_checkin = LastCheckIn(d.doses, d.observations);
  return d;
}

Result<MonitoringData> AlertRefresh::LoadAlertInputs(PatientId patient, Instant now) {
  MonitoringData d;
  const auto lookback = knowledge_.rules != nullptr
                            ? monitor::DoseLookback(knowledge_.rules->alerts)
                            : std::chrono::hours(0);
  // One snapshot: a write landing between two of these reads would give the
  // rules a record that never existed.
  PINEAL_RETURN_IF_ERROR(store_.ReadTogether([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(d.patient, store_.GetPatient(patient));
    PINEAL_ASSIGN_OR_RETURN(d.regimens, store_.ListRegimens(patient));
    PINEAL_ASSIGN_OR_RETURN(d.doses, store_.ListDoseEventsSince(patient, now - lookback));
    PINEAL_ASSIGN_OR_RETURN(d.observations, store_.ListObservationsOfKinds(
                                                patient, {records::ObservationKind::kInstrument,
                                                          records::ObservationKind::kSideEffect}));
    PINEAL_ASSIGN_OR_RETURN(d.last_checkin, store_.LastCheckIn(patient));
    return Status::Ok();
  }));
  d.responses = ScoredResponsesOf(d.observations);
  d.side_effects = SideEffectsOf(d.observations, d.patient.time_zone);
  return d;
}

Status AlertRefresh::RefreshAlerts(PatientId patient) {
  if (knowledge_.rules == nullptr) return Status::Ok();
  // One instant for the whole evaluation: what is loaded, the rules, new
  // alerts and lapses agree.
  const Instant now = clock_.Now();
  PINEAL_ASSIGN_OR_RETURN(MonitoringData d, LoadAlertInputs(patient, now));
  return Evaluate(patient, d, now);
}

Status AlertRefresh::RefreshAlerts(PatientId patient, const MonitoringData& d) {
  if (knowledge_.rules == nullptr) return Status::Ok();
  return Evaluate(patient, d, clock_.Now());
}

Status AlertRefresh::Evaluate(PatientId patient, const MonitoringData& d, Instant now) {
  monitor::AlertInputs in;
  in.last_checkin = d.last_checkin;
  in.patient = d.patient;
  in.regimens = d.regimens;
  in.dose_events = d.doses;
  in.responses = d.responses;
  in.side_effects = d.side_effects;
  const records::Provenance by{now, "system"};
  const auto candidates = monitor::EvaluateAlerts(knowledge_.rules->alerts, in, now);
  std::set<std::string> holding;
  for (const auto& c : candidates) {
    holding.insert(c.dedupe_key);
    PINEAL_RETURN_IF_ERROR(store_.InsertAlertIfNew(RecordOf(patient, c, by)).status());
  }
  return ResolveLapsedAlerts(patient, holding, now);
}

// Alerts about a state over a window resolve themselves once the record no
// longer shows it (a backfilled dose log, a check-in, a week of normal use);
// alerts about an entry stay until a clinician resolves them.
Status AlertRefresh::ResolveLapsedAlerts(PatientId patient, const std::set<std::string>& holding,
                                         Instant now) {
  std::set<std::string> window_rules;
  for (const auto& r : knowledge_.rules->alerts.rules) {
    if (monitor::LapsesWhenNoLongerTrue(r.kind)) window_rules.insert(r.id);
  }
  store::AlertQuery q;
  q.patient = patient;
  PINEAL_ASSIGN_OR_RETURN(auto alerts, store_.ListAlerts(q));
  for (const auto& a : alerts) {
    if (a.status() == "resolved" || !window_rules.count(a.rule_id) || holding.count(a.dedupe_key)) {
      continue;
    }
    PINEAL_RETURN_IF_ERROR(store_.AppendAlertStatus(
        a.id, {"resolved",
               "no longer holds on the current record (re-evaluated " + FormatInstant(now) + ")",
               now, "system"}));
  }
  return Status::Ok();
}

void AlertRefresh::RefreshAlertsWithinWrite(PatientId patient) {
  Status st = store_.InTransaction([&] { return RefreshAlerts(patient); });
  if (!st.ok())
    std::fprintf(stderr, "pineal: alert evaluation failed: %s\n", st.ToString().c_str());
}

Result<std::vector<monitor::UnresolvedAlert>> AlertRefresh::UnresolvedUrgentAlerts(
    PatientId patient) {
  store::AlertQuery q;
  q.patient = patient;
  PINEAL_ASSIGN_OR_RETURN(auto alerts, store_.ListAlerts(q));
  std::vector<monitor::UnresolvedAlert> out;
  for (const auto& a : alerts) {
    if (a.severity == "urgent" && a.status() != "resolved") {
      out.push_back({a.rule_id, a.title, a.provenance.created_at});
    }
  }
  return out;
}

}  // namespace pineal::app
