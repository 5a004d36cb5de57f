// Use cases: alerts. The rules of knowledge/rules/alerts.yaml are evaluated
// over the patient's record after every check-in write and on every read of
// alerts (so "no check-in for N days" fires without a write); the same rule
// on the same evidence opens one alert, whose status changes are appended.
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "pineal/app/monitoring_inputs.h"
#include "pineal/app/pineal_app.h"
#include "pineal/app/proposal_codec.h"
#include "pineal/records/text_checks.h"

namespace pineal::app {
namespace {

Status CheckStatusFilter(const std::string& status) {
  if (status.empty() || status == "open" || status == "acknowledged" || status == "resolved") {
    return Status::Ok();
  }
  return Status::InvalidArgument(
      "'" + status + "' is not an alert status; use open, acknowledged, resolved or all", "status");
}

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

Result<PinealApp::MonitoringData> PinealApp::LoadMonitoring(PatientId patient) {
  MonitoringData d;
  PINEAL_ASSIGN_OR_RETURN(d.patient, store_.GetPatient(patient));
  PINEAL_ASSIGN_OR_RETURN(d.regimens, store_.ListRegimens(patient));
  PINEAL_ASSIGN_OR_RETURN(d.doses, store_.ListDoseEvents(patient, {}, false));
  PINEAL_ASSIGN_OR_RETURN(d.observations, store_.ListObservations(patient, {}, false));
  d.responses = ScoredResponsesOf(d.observations);
  d.side_effects = SideEffectsOf(d.observations, d.patient.time_zone);
  return d;
}

Status PinealApp::RefreshAlerts(PatientId patient) {
  if (knowledge_.rules == nullptr) return Status::Ok();
  PINEAL_ASSIGN_OR_RETURN(MonitoringData d, LoadMonitoring(patient));
  monitor::AlertInputs in;
  in.last_checkin = LastCheckIn(d.doses, d.observations);
  in.patient = std::move(d.patient);
  in.regimens = std::move(d.regimens);
  in.dose_events = std::move(d.doses);
  in.responses = std::move(d.responses);
  in.side_effects = std::move(d.side_effects);
  // One instant for the whole evaluation: the rules, new alerts and lapses agree.
  const Instant now = clock_.Now();
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
Status PinealApp::ResolveLapsedAlerts(PatientId patient, const std::set<std::string>& holding,
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

void PinealApp::RefreshAlertsAfterWrite(PatientId patient) {
  // The write stands whatever happens here; a failure is for the operator.
  Status st = RefreshAlerts(patient);
  if (!st.ok())
    std::fprintf(stderr, "pineal: alert evaluation failed: %s\n", st.ToString().c_str());
}

Result<std::vector<store::AlertRecord>> PinealApp::ListAlerts(const Actor& actor, PatientId patient,
                                                              const std::string& status) {
  auto result = [&]() -> Result<std::vector<store::AlertRecord>> {
    PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
    PINEAL_RETURN_IF_ERROR(CheckStatusFilter(status));
    PINEAL_RETURN_IF_ERROR(RefreshAlerts(patient));
    store::AlertQuery q;
    q.patient = patient;
    q.status = status;
    return store_.ListAlerts(q);
  }();
  RecordAudit(actor, "alert.list", patient, result.status());
  return result;
}

Result<std::vector<InboxAlert>> PinealApp::AlertInbox(const Actor& actor,
                                                      const std::string& status) {
  auto result = [&]() -> Result<std::vector<InboxAlert>> {
    if (actor.role != Role::kClinician || !actor.user_id) {
      return Status::PermissionDenied("the alert inbox is a clinician's");
    }
    PINEAL_RETURN_IF_ERROR(CheckStatusFilter(status));
    store::PatientQuery pq;
    pq.care_team_of = actor.user_id;
    pq.limit = 10000;
    PINEAL_ASSIGN_OR_RETURN(auto patients, store_.ListPatients(pq));
    std::map<std::int64_t, std::string> names;
    for (const auto& p : patients.items) {
      PINEAL_RETURN_IF_ERROR(RefreshAlerts(p.id));
      names[p.id.value()] = p.display_name;
    }
    store::AlertQuery q;
    q.care_team_of = actor.user_id;
    q.status = status;
    PINEAL_ASSIGN_OR_RETURN(auto alerts, store_.ListAlerts(q));
    std::vector<InboxAlert> out;
    for (auto& a : alerts) {
      const std::string name = names[a.patient_id.value()];
      out.push_back({std::move(a), name});
    }
    // Urgent first, then warnings, then the rest; newest first within each.
    auto rank = [](const std::string& s) { return s == "urgent" ? 0 : s == "warning" ? 1 : 2; };
    std::stable_sort(out.begin(), out.end(), [&](const InboxAlert& x, const InboxAlert& y) {
      return rank(x.alert.severity) < rank(y.alert.severity);
    });
    return out;
  }();
  RecordAudit(actor, "alert.inbox", std::nullopt, result.status());
  return result;
}

Result<store::AlertRecord> PinealApp::ChangeAlertStatus(const Actor& actor, PatientId patient,
                                                        std::int64_t alert_id,
                                                        const std::string& status,
                                                        const std::string& note) {
  auto result = AuditedWrite<store::AlertRecord>(
      actor, "alert.status", patient,
      [&]() -> Result<store::AlertRecord> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));  // clinicians only
        if (status != "acknowledged" && status != "resolved") {
          return Status::InvalidArgument(
              "'" + status +
                  "' is not a status an alert can be given; use acknowledged or resolved",
              "status");
        }
        PINEAL_RETURN_IF_ERROR(records::CheckOptionalText(note, "note", 2000));
        if (status == "resolved" && note.size() < 3) {
          return Status::InvalidArgument("is required to resolve an alert: say what was done",
                                         "note");
        }
        PINEAL_ASSIGN_OR_RETURN(store::AlertRecord alert, store_.GetAlert(patient, alert_id));
        if (alert.status() == "resolved") {
          return Status::FailedPrecondition("alert " + std::to_string(alert_id) +
                                            " is already resolved");
        }
        if (alert.status() == status) {
          return Status::FailedPrecondition("alert " + std::to_string(alert_id) + " is already " +
                                            status);
        }
        PINEAL_RETURN_IF_ERROR(
            store_.AppendAlertStatus(alert_id, {status, note, clock_.Now(), actor.name}));
        return store_.GetAlert(patient, alert_id);
      },
      [&] {
        return "alert " + std::to_string(alert_id) + " -> " + status +
               (note.empty() ? "" : ": " + note);
      });
  return result;
}

}  // namespace pineal::app
