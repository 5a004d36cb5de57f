// SqliteStore: the embedded Store. One connection in WAL mode with foreign
// keys on and synchronous=FULL, so an acknowledged clinical write survives a
// crash or power loss. Calls are serialised by a mutex; a transaction holds it.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "pineal/store/store.h"

namespace SQLite {
class Database;
}

namespace pineal::store {

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database file. Does not migrate.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Status InTransaction(const std::function<Status()>& body) override;
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
  Result<std::int64_t> InsertCircadianPlan(const CircadianPlanRecord& plan) override;
  Result<CircadianPlanRecord> GetCircadianPlan(PatientId patient, std::int64_t id) override;
  Result<std::vector<CircadianPlanRecord>> ListCircadianPlans(PatientId patient) override;
  Result<records::Observation> GetObservation(PatientId patient, ObservationId id) override;
  Result<std::vector<records::Observation>> ListObservations(PatientId patient,
                                                             const TimeRange& range,
                                                             bool with_superseded) override;

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

  Status AddToCareTeam(PatientId patient, UserId user, const records::Provenance& by) override;
  Result<bool> IsOnCareTeam(PatientId patient, UserId user) override;
  Result<std::vector<UserId>> CareTeam(PatientId patient) override;

  Result<std::int64_t> InsertSession(const Session& session) override;
  Result<Session> FindSession(const std::string& token_hash) override;
  Result<std::vector<Session>> ListSessions(UserId user) override;
  Status RevokeSession(UserId user, std::int64_t session_id, Instant at) override;
  Result<int> RevokeAllSessions(UserId user, Instant at) override;

  Status AppendAudit(const AuditEvent& event) override;
  Result<std::vector<AuditEvent>> ListAudit(const AuditQuery& query) override;

  // Runs PRAGMA integrity_check; "ok" when the file is sound.
  Result<std::string> IntegrityCheck();
  // The value of a connection PRAGMA, e.g. "journal_mode" or "foreign_keys".
  Result<std::string> PragmaForTest(const std::string& name);

 private:
  explicit SqliteStore(std::unique_ptr<SQLite::Database> db);

  // Runs `fn` under the lock, converting driver exceptions into a Status.
  template <typename Fn>
  auto Guarded(const char* what, Fn&& fn) -> decltype(fn());

  // The regimens that `filter` ("id = ?" or "patient_id = ?", bound to
  // `value`) selects, whole, in a fixed number of queries.
  Result<std::vector<records::Regimen>> LoadRegimens(const char* filter, std::int64_t value);
  Status ExistsForPatient(const char* table, std::int64_t id, PatientId patient);

  std::unique_ptr<SQLite::Database> db_;
  std::recursive_mutex mu_;
  int tx_depth_ = 0;
};

}  // namespace pineal::store
