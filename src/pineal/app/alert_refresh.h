// Alert evaluation, shared by the families that write check-ins (patient
// records) and those that read alerts and propose changes (monitoring): the
// rules over the patient's record; the same rule on the same evidence opens
// one alert; alerts about a state that no longer holds resolve themselves.
#pragma once

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
};

class AlertRefresh : private UseCaseBase {
 public:
  AlertRefresh(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

  Result<MonitoringData> LoadMonitoring(PatientId patient);
  // Evaluates the rules now; opens new alerts and resolves lapsed ones.
  Status RefreshAlerts(PatientId patient);
  // The same on a record the caller has already loaded.
  Status RefreshAlerts(PatientId patient, const MonitoringData& data);
  // The same after a check-in write, which stands whatever happens here (a
  // failure is reported to the operator).
  void RefreshAlertsAfterWrite(PatientId patient);
  // The patient's urgent alerts that are not resolved (as stored: refresh first).
  Result<std::vector<monitor::UnresolvedAlert>> UnresolvedUrgentAlerts(PatientId patient);

 private:
  Status ResolveLapsedAlerts(PatientId patient, const std::set<std::string>& holding, Instant now);
};

}  // namespace pineal::app
