// The use cases of pineal, one member function per user action:
// validate -> authorise -> load -> run engines -> persist -> audit.
// http/ and cli/ call these and nothing below them.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pineal/app/account_types.h"
#include "pineal/app/actor.h"
#include "pineal/app/knowledge.h"
#include "pineal/app/monitoring_types.h"
#include "pineal/app/prediction.h"
#include "pineal/app/regimen_change.h"
#include "pineal/app/responses.h"
#include "pineal/app/screening.h"
#include "pineal/app/simulation_spec.h"
#include "pineal/app/timeline.h"
#include "pineal/core/clock.h"
#include "pineal/kb/catalog.h"
#include "pineal/store/store.h"

namespace pineal::app {

// A new regimen version as the caller describes it; the version number,
// provenance and status are filled in by the use case.
struct RegimenDraft {
  std::string substance;  // only for a new regimen
  records::RegimenVersion version;
};

class PinealApp {
 public:
  // Without the safety catalog, regimens cannot be screened and so cannot be
  // changed; without the PK models there are no predictions.
  PinealApp(store::Store& store, const Clock& clock, Knowledge knowledge = {})
      : store_(store), clock_(clock), knowledge_(knowledge) {}

  // Patients.
  Result<records::Patient> CreatePatient(const Actor& actor, records::Patient draft);
  Result<records::Patient> GetPatient(const Actor& actor, PatientId id);
  // `changes.version` must be the version the caller read (409 otherwise).
  Result<records::Patient> UpdatePatient(const Actor& actor, records::Patient changes);
  Result<store::Page<records::Patient>> ListPatients(const Actor& actor, store::PatientQuery query);

  // Medicines, supplements and therapies.
  Result<records::MedicationEntry> AddMedication(const Actor& actor, PatientId patient,
                                                 records::MedicationEntry draft);
  Result<records::MedicationEntry> UpdateMedication(const Actor& actor, PatientId patient,
                                                    records::MedicationEntry changes);
  Result<std::vector<records::MedicationEntry>> ListMedications(const Actor& actor,
                                                                PatientId patient);

  // Regimens. A change never edits a version: it appends a new one built on
  // `base_version` (409 if another change came first). Every new version is
  // screened; a blocking finding (major or contraindicated) stops it unless
  // `overrides` documents a clinician's reason for it. The screening is
  // stored with the version and reported in `report` either way.
  Result<records::Regimen> CreateRegimen(const Actor& actor, PatientId patient, RegimenDraft draft,
                                         const std::vector<safety::Override>& overrides,
                                         ScreeningReport* report);
  Result<records::Regimen> ReviseRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                         int base_version, records::RegimenVersion draft,
                                         const std::vector<safety::Override>& overrides,
                                         ScreeningReport* report);
  // The same, from the fields a request changes: applied onto the current
  // version inside the transaction.
  Result<records::Regimen> ReviseRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                         int base_version, const RegimenVersionChange& change,
                                         const std::vector<safety::Override>& overrides,
                                         ScreeningReport* report);
  // Screens a regimen before it is proposed (nothing is stored). With
  // `replacing`, that regimen's current version is left out of the patient's list.
  Result<ScreeningReport> ScreenProposal(const Actor& actor, PatientId patient,
                                         const std::string& substance,
                                         const records::RegimenVersion& draft,
                                         std::optional<RegimenId> replacing);
  // Re-screens the patient's active regimens against today's record.
  Result<std::vector<safety::Finding>> ScreenCurrent(const Actor& actor, PatientId patient);
  // Screens a snapshot that is not in the store (the stateless API).
  Result<std::vector<safety::Finding>> ScreenSnapshot(
      const Actor& actor, const safety::PatientSnapshot& patient,
      const std::vector<safety::ProposedRegimen>& regimens);
  const kb::Catalog* catalog() const { return knowledge_.safety; }
  const Knowledge& knowledge() const { return knowledge_; }
  Result<records::Regimen> StopRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                       int base_version, std::optional<LocalDate> end_date,
                                       std::string reason);
  Result<records::Regimen> GetRegimen(const Actor& actor, PatientId patient, RegimenId id);
  Result<std::vector<records::Regimen>> ListRegimens(const Actor& actor, PatientId patient);

  // Dose events and observations: appended, corrected by new entries.
  Result<records::DoseEvent> RecordDoseEvent(const Actor& actor, PatientId patient,
                                             records::DoseEvent draft);
  Result<std::vector<records::DoseEvent>> ListDoseEvents(const Actor& actor, PatientId patient,
                                                         const store::TimeRange& range,
                                                         bool with_superseded);
  Result<records::Observation> RecordObservation(const Actor& actor, PatientId patient,
                                                 records::Observation draft);
  // An instrument response: scored (unknown items, disallowed answers and too
  // many missing answers are refused) and stored as an instrument observation.
  Result<RecordedResponse> RecordResponse(const Actor& actor, PatientId patient,
                                          ResponseDraft draft);
  Result<std::vector<records::Observation>> ListObservations(const Actor& actor, PatientId patient,
                                                             const store::TimeRange& range,
                                                             bool with_superseded);

  // Pharmacokinetics. A simulation of a written regimen (any signed-in user);
  // `title` receives a description of it.
  Result<pk::SimulationResult> Simulate(const Actor& actor, const SimulationSpec& spec,
                                        std::string* title);
  // The same regimen as written, for one patient: the model's covariates
  // (age, weight, sex, smoking, current medicines, hepatic impairment) come
  // from their record, and the title names them.
  Result<pk::SimulationResult> SimulateForPatient(const Actor& actor, PatientId patient,
                                                  SimulationSpec spec, std::string* title);
  // The patient's record as the PK model's covariates.
  Result<pk::PatientCovariates> PatientCovariates(const Actor& actor, PatientId patient);
  // The patient's predicted concentrations from the dose log.
  Result<PatientPrediction> PredictConcentrations(const Actor& actor, PatientId patient,
                                                  const PredictionQuery& query);

  // Circadian plans given to a patient (a trip, a shift rota): stored as the
  // request and the planner's answer, never changed.
  Result<store::CircadianPlanRecord> SaveCircadianPlan(const Actor& actor, PatientId patient,
                                                       store::CircadianPlanRecord draft);
  Result<std::vector<store::CircadianPlanRecord>> ListCircadianPlans(const Actor& actor,
                                                                     PatientId patient);
  Result<store::CircadianPlanRecord> GetCircadianPlan(const Actor& actor, PatientId patient,
                                                      std::int64_t id);

  // Monitoring. Alerts are evaluated after every check-in write and on every
  // read of alerts; the same rule on the same evidence opens one alert. Only
  // clinicians see and change alerts and proposals. `status` filters by the
  // current status ("" for all).
  Result<std::vector<store::AlertRecord>> ListAlerts(const Actor& actor, PatientId patient,
                                                     const std::string& status);
  Result<std::vector<InboxAlert>> AlertInbox(const Actor& actor, const std::string& status);
  Result<store::AlertRecord> ChangeAlertStatus(const Actor& actor, PatientId patient,
                                               std::int64_t alert_id, const std::string& status,
                                               const std::string& note);
  // Follow-up: the next reviews of each active regimen, and what was done
  // about earlier ones; a review acted on must be one that is due.
  Result<PatientReviews> Reviews(const Actor& actor, PatientId patient);
  Result<store::ReviewAction> RecordReviewAction(const Actor& actor, PatientId patient,
                                                 store::ReviewAction draft);
  Result<std::vector<OverdueReview>> OverdueReviews(const Actor& actor);
  Result<AdherenceAnswer> Adherence(const Actor& actor, PatientId patient,
                                    const AdherenceQuery& query);
  // Titration: a proposal is stored as made; a decision (approve appends the
  // regimen version, screened; reject needs a reason) is taken once.
  Result<StoredProposal> ProposeTitration(const Actor& actor, PatientId patient, RegimenId regimen);
  Result<std::vector<StoredProposal>> ListProposals(const Actor& actor, PatientId patient);
  Result<StoredProposal> DecideProposal(const Actor& actor, PatientId patient, std::int64_t id,
                                        ProposalDecisionDraft draft, ScreeningReport* report);
  // The patient list's badges (not audited: the list read is).
  Result<MonitoringBadges> Badges(const Actor& actor, PatientId patient);

  Result<std::vector<TimelineEntry>> Timeline(const Actor& actor, PatientId patient,
                                              const TimelineQuery& query);

  // Accounts (admins, or the local operator through the CLI).
  Result<store::User> CreateUser(const Actor& actor, NewUser user);
  Result<std::vector<store::User>> ListUsers(const Actor& actor);
  Result<store::User> SetUserDisabled(const Actor& actor, const std::string& username,
                                      bool disabled);
  Result<store::User> ResetPassword(const Actor& actor, const std::string& username,
                                    const std::string& new_password);
  // Clinicians on a patient's care team see the patient; a team member or an
  // admin may add another clinician.
  Status AddToCareTeam(const Actor& actor, PatientId patient, const std::string& username);

  // Sessions.
  Result<LoginGrant> Login(const std::string& username, const std::string& password,
                           const std::string& address);
  Result<Authenticated> Authenticate(const std::string& token, const std::string& address);
  Status Logout(const Actor& actor, std::int64_t session_id);
  Result<int> LogoutEverywhere(const Actor& actor);
  Result<ApiTokenGrant> CreateApiToken(const Actor& actor, const std::string& name);
  Result<std::vector<store::Session>> ListApiTokens(const Actor& actor);
  Status RevokeApiToken(const Actor& actor, std::int64_t token_id);

  // The audit log: admins see everything, clinicians the entries of their
  // patients (with `patient_id`) or their own.
  Result<std::vector<store::AuditEvent>> Audit(const Actor& actor, store::AuditQuery query);

  const Clock& clock() const { return clock_; }

 private:
  // Records the outcome of a use case in the audit log.
  void RecordAudit(const Actor& actor, std::string_view action, std::optional<PatientId> patient,
                   const Status& outcome, std::string detail = {});
  // A write and its audit row in one transaction: they commit together or
  // not at all. `body` does the write; `detail` is read after it succeeds. A
  // failed write is rolled back, then audited on its own (it changed nothing).
  Status CommitAudited(const Actor& actor, std::string_view action,
                       std::optional<PatientId> patient, const std::function<Status()>& body,
                       const std::function<std::string()>& detail = {});
  template <typename T>
  Result<T> AuditedWrite(const Actor& actor, std::string_view action,
                         std::optional<PatientId> patient, const std::function<Result<T>()>& body,
                         const std::function<std::string()>& detail = {}) {
    std::optional<Result<T>> result;
    Status st = CommitAudited(
        actor, action, patient,
        [&]() -> Status {
          result.emplace(body());
          return result->status();
        },
        detail);
    if (!st.ok()) return st;
    return std::move(*result);
  }
  // The "ok" audit row of a write, for a use case that writes it inside its
  // own transaction.
  Status AppendAuditRow(const Actor& actor, std::string_view action,
                        std::optional<PatientId> patient, std::string detail = {});
  records::Provenance NewProvenance(const Actor& actor) const;
  // Authorisation. A patient the caller may not see is NotFound, never
  // PermissionDenied, so ids cannot be probed.
  Status CheckCanRead(const Actor& actor, PatientId patient);
  // Clinical writes (medications, regimens, patient details): the care team.
  Status CheckCanWriteClinical(const Actor& actor, PatientId patient);
  // Check-ins (dose events, observations): the care team or the patient.
  Status CheckCanCheckIn(const Actor& actor, PatientId patient);
  Status CheckAdmin(const Actor& actor);
  // What screening reads about a patient from the store.
  struct ScreeningInputs {
    records::Patient patient;
    std::vector<records::MedicationEntry> medications;
    std::vector<records::Regimen> regimens;
    std::vector<records::DoseEvent> recent_doses;
  };
  Result<ScreeningInputs> LoadScreeningInputs(PatientId patient);
  // The PK covariates of `patient` as of today.
  Result<pk::PatientCovariates> LoadCovariates(const records::Patient& patient);
  // Screens `proposal` for `patient` and checks `overrides`; `excluding` is
  // left out of the patient's active regimens.
  Result<ScreeningReport> Screen(PatientId patient, const safety::ProposedRegimen& proposal,
                                 std::optional<RegimenId> excluding,
                                 const std::vector<safety::Override>& overrides);
  // Runs the screening of a new version, records it on the version, and
  // fails with FailedPrecondition when a blocking finding stands.
  Status ScreenVersion(const Actor& actor, PatientId patient, const std::string& substance,
                       std::optional<RegimenId> replacing, records::RegimenVersion& version,
                       const std::vector<safety::Override>& overrides, ScreeningReport* report);
  Status CheckNotFuture(Instant t, std::string_view field) const;
  // The writes of a revision and of a stop, inside the caller's transaction
  // (no authorisation, no audit): shared by the regimen use cases and by an
  // approved titration proposal.
  Result<records::Regimen> AppendRevision(const Actor& actor, PatientId patient,
                                          const records::Regimen& current, int base_version,
                                          records::RegimenVersion& draft,
                                          const std::vector<safety::Override>& overrides,
                                          ScreeningReport* report);
  Result<records::Regimen> AppendStop(const Actor& actor, PatientId patient,
                                      const records::Regimen& current, int base_version,
                                      std::optional<LocalDate> end_date, std::string reason);
  // What the monitoring engines read about a patient.
  struct MonitoringData {
    records::Patient patient;
    std::vector<records::Regimen> regimens;
    std::vector<records::DoseEvent> doses;
    std::vector<records::Observation> observations;
    std::vector<monitor::ScoredResponse> responses;
    std::vector<monitor::SideEffectReport> side_effects;
  };
  Result<MonitoringData> LoadMonitoring(PatientId patient);
  Status RefreshAlerts(PatientId patient);
  Status ResolveLapsedAlerts(PatientId patient, const std::set<std::string>& holding, Instant now);
  void RefreshAlertsAfterWrite(PatientId patient);
  Result<LocalDate> TodayFor(const records::Patient& patient) const;
  Result<PatientReviews> PlanPatientReviews(PatientId patient, int count);
  Result<StoredProposal> LoadProposal(PatientId patient, std::int64_t id);

  store::Store& store_;
  const Clock& clock_;
  Knowledge knowledge_;
};

}  // namespace pineal::app
