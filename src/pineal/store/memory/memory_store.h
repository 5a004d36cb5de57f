// MemoryStore: an in-memory Store for unit tests and backend-neutral
// contract tests. It keeps one vector per table and reproduces what
// SqliteStore does, including the statuses SQLite's constraints and triggers
// produce (foreign keys, CHECKs and UNIQUE keys become Aborted).
//
// Every table is append-only or updated in place without deletes, so a row's
// id is its position + 1, as SQLite's rowids are (a rolled-back id is reused
// there too). One recursive mutex serialises calls; a transaction holds it.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "pineal/store/store.h"

namespace pineal::store {

class MemoryStore final : public Store {
 public:
  MemoryStore();
  ~MemoryStore() override;

  Status InTransaction(const std::function<Status()>& body) override;
  Status ReadTogether(const std::function<Status()>& body) override;
  Status Migrate() override;
  Result<std::vector<MigrationInfo>> Migrations() override;

  Result<PatientId> InsertPatient(const records::Patient& patient) override;
  Result<records::Patient> GetPatient(PatientId id) override;
  Status UpdatePatient(const records::Patient& patient, Instant now) override;
  Result<Page<records::Patient>> ListPatients(const PatientQuery& query) override;
  Status AddWeight(PatientId id, const records::WeightRecord& weight,
                   const records::Provenance& provenance) override;

  Result<MedicationId> InsertMedication(const records::MedicationEntry& m) override;
  Result<records::MedicationEntry> GetMedication(PatientId patient, MedicationId id) override;
  Status UpdateMedication(const records::MedicationEntry& m) override;
  Result<std::vector<records::MedicationEntry>> ListMedications(PatientId patient) override;

  Result<RegimenId> InsertRegimen(const records::Regimen& regimen) override;
  Status AppendRegimenVersion(RegimenId id, const records::RegimenVersion& version) override;
  Result<records::Regimen> GetRegimen(PatientId patient, RegimenId id) override;
  Result<std::vector<records::Regimen>> ListRegimens(PatientId patient) override;

  Result<DoseEventId> InsertDoseEvent(const records::DoseEvent& e) override;
  Result<records::DoseEvent> GetDoseEvent(PatientId patient, DoseEventId id) override;
  Result<std::vector<records::DoseEvent>> ListDoseEvents(PatientId patient, const TimeRange& range,
                                                         bool with_superseded) override;
  Result<std::vector<records::DoseEvent>> PageDoseEvents(const EventPageQuery& query) override;
  Result<std::vector<records::Observation>> PageObservations(const EventPageQuery& query) override;
  Result<ObservationId> InsertObservation(const records::Observation& o) override;
  Result<records::Observation> GetObservation(PatientId patient, ObservationId id) override;
  Result<std::vector<records::Observation>> ListObservations(PatientId patient,
                                                             const TimeRange& range,
                                                             bool with_superseded) override;
  Result<std::vector<records::DoseEvent>> ListDoseEventsSince(PatientId patient,
                                                              Instant from) override;
  Result<std::vector<records::Observation>> ListObservationsOfKinds(
      PatientId patient, const std::vector<records::ObservationKind>& kinds) override;
  Result<std::optional<Instant>> LastCheckIn(PatientId patient) override;

  Result<std::int64_t> InsertCircadianPlan(const CircadianPlanRecord& plan) override;
  Result<CircadianPlanRecord> GetCircadianPlan(PatientId patient, std::int64_t id) override;
  Result<std::vector<CircadianPlanRecord>> ListCircadianPlans(PatientId patient) override;

  Result<std::optional<std::int64_t>> InsertAlertIfNew(const AlertRecord& alert) override;
  Result<AlertRecord> GetAlert(PatientId patient, std::int64_t id) override;
  Result<std::vector<AlertRecord>> ListAlerts(const AlertQuery& query) override;
  Status AppendAlertStatus(std::int64_t alert_id, const AlertStatusChange& change) override;
  Result<std::int64_t> InsertReviewAction(const ReviewAction& action) override;
  Result<std::vector<ReviewAction>> ListReviewActions(PatientId patient) override;
  Result<std::int64_t> InsertProposal(const ProposalRecord& proposal) override;
  Result<ProposalRecord> GetProposal(PatientId patient, std::int64_t id) override;
  Result<std::vector<ProposalRecord>> ListProposals(PatientId patient) override;
  Status DecideProposal(std::int64_t proposal_id, const ProposalDecision& decision) override;

  Result<UserId> InsertUser(const User& user) override;
  Result<User> GetUser(UserId id) override;
  Result<User> FindUser(const std::string& username) override;
  Result<std::vector<User>> ListUsers() override;
  Status UpdateUser(const User& user) override;

  Result<LoginThrottle> GetLoginThrottle(const std::string& username,
                                         const std::string& address) override;
  Status PutLoginThrottle(const LoginThrottle& row) override;
  Result<int> ClearLoginThrottles(const std::string& username, Instant now) override;
  Status PurgeLoginThrottles(Instant before) override;

  Result<std::optional<IdempotencyRecord>> FindIdempotencyKey(UserId user,
                                                              const std::string& key) override;
  Status InsertIdempotencyKey(const IdempotencyRecord& record) override;
  Status CompleteIdempotencyKey(const IdempotencyRecord& record) override;
  Status DeleteIdempotencyKey(UserId user, const std::string& key) override;
  Status PurgeIdempotencyKeys(Instant before) override;

  Status AddToCareTeam(PatientId patient, UserId user, const records::Provenance& by) override;
  Result<bool> IsOnCareTeam(PatientId patient, UserId user) override;
  Result<std::vector<UserId>> CareTeam(PatientId patient) override;

  Result<std::int64_t> InsertSession(const Session& session) override;
  Result<Session> FindSession(const std::string& token_hash) override;
  Result<std::vector<Session>> ListSessions(UserId user) override;
  Status RevokeSession(UserId user, std::int64_t session_id, Instant at) override;
  Result<int> RevokeAllSessions(UserId user, Instant at) override;

  Result<std::int64_t> InsertCalendarFeed(const CalendarFeed& feed) override;
  Result<CalendarFeed> FindActiveCalendarFeed(const std::string& token_hash) override;
  Result<std::vector<CalendarFeed>> ListCalendarFeeds(PatientId patient) override;
  Status RevokeCalendarFeed(PatientId patient, std::int64_t feed_id, Instant at) override;

  Status AppendAudit(const AuditEvent& event) override;
  Result<std::vector<AuditEvent>> ListAudit(const AuditQuery& query) override;

 private:
  struct WeightRow {
    PatientId patient_id;
    records::WeightRecord weight;
  };
  struct CareTeamRow {
    PatientId patient_id;
    UserId user_id;
  };

  // Everything the store holds; copied whole to roll a transaction back.
  // Records are kept as the store returns them, except that a patient's
  // weight comes from `weights` and a dose event's or observation's
  // supersession is found from the entries that correct it.
  struct Tables {
    std::string migrated_at;  // empty until Migrate
    std::vector<records::Patient> patients;
    std::vector<WeightRow> weights;
    std::vector<records::MedicationEntry> medications;
    std::vector<records::Regimen> regimens;
    std::vector<records::DoseEvent> dose_events;
    std::vector<records::Observation> observations;
    std::vector<CircadianPlanRecord> plans;
    std::vector<AlertRecord> alerts;
    std::vector<ReviewAction> review_actions;
    std::vector<ProposalRecord> proposals;
    std::vector<User> users;
    std::vector<CareTeamRow> care_team;
    std::vector<Session> sessions;
    std::vector<AuditEvent> audit;
    std::vector<LoginThrottle> login_throttle;
    std::vector<IdempotencyRecord> idempotency_keys;
    std::vector<CalendarFeed> calendar_feeds;
  };

  // The stored row with this id, or null. Ids are positions + 1.
  template <typename Row>
  static Row* Find(std::vector<Row>& table, std::int64_t id) {
    if (id < 1 || id > static_cast<std::int64_t>(table.size())) return nullptr;
    return &table[static_cast<std::size_t>(id - 1)];
  }
  template <typename Row>
  static std::int64_t NextId(const std::vector<Row>& table) {
    return static_cast<std::int64_t>(table.size()) + 1;
  }

  bool PatientExists(PatientId id) const;
  bool UserExists(UserId id) const;
  // NotFound unless regimen `id` belongs to `patient`, as SqliteStore says it.
  Status RegimenOfPatient(std::int64_t id, PatientId patient);
  records::Patient WithWeight(const records::Patient& p) const;

  std::recursive_mutex mu_;
  Tables t_;
};

}  // namespace pineal::store
