// Alert evaluation, shared by the families that write check-ins (patient
// records) and those that read alerts and propose changes (monitoring): the
// rules over the patient's record; the same rule on the same evidence opens
// one alert; alerts about a state that no longer holds resolve themselves.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pineal/app/use_case_base.h"
#include "pineal/monitor/alert.h"
#include "pineal/monitor/titration.h"

namespace pineal::app {

// What the monitoring engines read about a patient.
struct MonitoringData {
  records::Patient patient;
  std::vector<records::Regimen> regimens;
  std::vector<records::DoseEvent> doses;
  std::vector<records::Observation> observations;
  std::vector<monitor::ScoredResponse> responses;
  std::vector<monitor::SideEffectReport> side_effects;
  std::optional<Instant> last_checkin;  // when anything was last recorded
};

class AlertRefresh : private UseCaseBase {
 public:
  AlertRefresh(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

  // The whole record.
  Result<MonitoringData> LoadMonitoring(PatientId patient);
  // Only what the alert rules can read at `now` (monitor::DoseLookback): the
  // recent dose events, every score and side effect, the last check-in. The
  // rules find the same alerts in it as in the whole record, and loading it
  // costs the same however long the record grows.
  Result<MonitoringData> LoadAlertInputs(PatientId patient, Instant now);
  // Evaluates the rules now; opens new alerts and resolves lapsed ones.
  Status RefreshAlerts(PatientId patient);
  // The same on a record the caller has already loaded.
  Status RefreshAlerts(PatientId patient, const MonitoringData& data);
  // The same inside a check-in's write transaction, so the alerts it raises
  // commit with it (and in the same commit). The write stands whatever
  // happens here: a failure is undone alone (a nested transaction) and
  // reported to the operator.
  void RefreshAlertsWithinWrite(PatientId patient);
  // The patient's urgent alerts that are not resolved (as stored: refresh first).
  Result<std::vector<monitor::UnresolvedAlert>> UnresolvedUrgentAlerts(PatientId patient);

 private:
  Status Evaluate(PatientId patient, const MonitoringData& d, Instant now);
  Status ResolveLapsedAlerts(PatientId patient, const std::set<std::string>& holding, Instant now);
};

}  // namespace pineal::app
