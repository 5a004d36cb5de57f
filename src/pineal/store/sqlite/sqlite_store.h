// SqliteStore: the embedded Store. One connection in WAL mode with foreign
// keys on. Calls are serialised by a mutex; a transaction holds it.
// Write transactions of concurrent callers run together, as one transaction
// of savepoints (TransactionQueue), so they share one commit.
//
// Durability by group commit. The connection runs with synchronous=NORMAL: a
// commit writes its frames to the write-ahead log without a sync. A call that
// committed (at transaction depth 0) then releases the mutex and waits until
// an fdatasync() of the log, started after its commit, has completed; one
// such sync covers every commit before it (WalFlusher). So no call returns
// before its commit is on stable storage, exactly as with synchronous=FULL,
// but concurrent writers share one sync instead of queueing for one each.
// What NORMAL still syncs keeps the files consistent: the log before a
// checkpoint copies it into the database, the database after, and the log's
// header when the log is reused. (synchronous=OFF would drop the last: a crash
// just after reuse could replay stale frames over the checkpointed database.)
// Checkpoints run only here, under the mutex at depth 0, once the log holds
// kCheckpointPages pages, never inside a caller's commit.
// If a sync fails, nothing written since can be called durable: the store
// refuses every later write (Unavailable) until the process restarts.
//
// Files are created mode 0600. While open, the store holds a shared flock()
// on "<database>.lock", so a restore can tell that the database is in use.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "pineal/store/sqlite/transaction_queue.h"
#include "pineal/store/sqlite/sqlite_files.h"
#include "pineal/store/store.h"

namespace SQLite {
class Database;
}

namespace pineal::store {
namespace sqlite {
class Connection;
}  // namespace sqlite

class WalFlusher;

struct SqliteOptions {
  // Baseline for benchmarks and tests: synchronous=FULL, one sync inside
  // every commit, no group commit.
  bool sync_each_commit = false;
  // Concurrent write transactions run as one (TransactionQueue); off: each
  // commits alone (a baseline for benchmarks).
  bool batch_transactions = true;
  // Log size (pages) that triggers a checkpoint.
  int checkpoint_pages = 4000;
};

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database file. Does not migrate.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const SqliteOptions& options = {});
  ~SqliteStore() override;

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
  Result<std::int64_t> InsertCircadianPlan(const CircadianPlanRecord& plan) override;
  Result<CircadianPlanRecord> GetCircadianPlan(PatientId patient, std::int64_t id) override;
  Result<std::vector<CircadianPlanRecord>> ListCircadianPlans(PatientId patient) override;
  Result<records::Observation> GetObservation(PatientId patient, ObservationId id) override;
  Result<std::vector<records::Observation>> ListObservations(PatientId patient,
                                                             const TimeRange& range,
                                                             bool with_superseded) override;
  Result<std::vector<records::DoseEvent>> ListDoseEventsSince(PatientId patient,
                                                              Instant from) override;
  Result<std::vector<records::Observation>> ListObservationsOfKinds(
      PatientId patient, const std::vector<records::ObservationKind>& kinds) override;
  Result<std::optional<Instant>> LastCheckIn(PatientId patient) override;

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

  // Runs PRAGMA integrity_check; "ok" when the file is sound.
  Result<std::string> IntegrityCheck();
  // The value of a connection PRAGMA, e.g. "journal_mode" or "foreign_keys".
  Result<std::string> PragmaForTest(const std::string& name);
  // Commits made durable by group commit, and syncs of the log run for them.
  std::uint64_t CommitsForTest() const { return commits_.load(); }
  std::uint64_t FlushesForTest() const;
  // Commits of write transactions that ran through the queue (each holding
  // one or more callers' transactions).
  std::uint64_t BatchesForTest() const;
  std::size_t WaitingForTest() const;
  // Replaces fdatasync() of the log (a test injects a failing disk).
  void SetSyncForTest(std::function<int(int)> sync);

 private:
  SqliteStore(std::unique_ptr<sqlite::Connection> db, DatabaseLock lock,
              std::unique_ptr<WalFlusher> flusher, const SqliteOptions& options);

  // Under the mutex, at the end of a call: 0 if the call needs no sync, else
  // the number of its commit (and a checkpoint runs if the log is long).
  std::uint64_t AfterCall();
  // InTransaction under the mutex.
  // A write transaction, or with `reads_only` a read snapshot (which goes on
  // after durability is lost, as reads do); nested calls use a savepoint.
  Status RunTransaction(const std::function<Status()>& body, bool reads_only = false);
  // Outside the mutex: waits for commit `seq` to be durable.
  Status WaitDurable(std::uint64_t seq);
  // Under the mutex: the refusal once durability is lost, else OK.
  Status RefuseIfBroken();
  void CheckpointIfLong();
  // The write transactions of concurrent callers, as one (TransactionQueue).
  std::vector<sqlite::TransactionQueue::Outcome> RunBatch(
      const std::vector<const sqlite::TransactionQueue::Body*>& bodies);

  // Runs `fn` under the lock, converting driver exceptions into a Status.
  template <typename Fn>
  auto Guarded(const char* what, Fn&& fn) -> decltype(fn());

  // The regimens that `filter` ("id = ?" or "patient_id = ?", bound to
  // `value`) selects, whole, in a fixed number of queries.
  Result<std::vector<records::Regimen>> LoadRegimens(const char* filter, std::int64_t value);
  Status ExistsForPatient(const char* table, std::int64_t id, PatientId patient);

  std::unique_ptr<sqlite::Connection> db_;
  DatabaseLock lock_;
  std::unique_ptr<WalFlusher> flusher_;  // null when every commit syncs itself
  const SqliteOptions options_;
  std::recursive_mutex mu_;
  int tx_depth_ = 0;
  // The thread inside a transaction, if any (set under the mutex; read
  // without it only to ask "is it me?").
  std::atomic<std::thread::id> tx_thread_{};
  std::unique_ptr<sqlite::TransactionQueue> tx_queue_;
  // Set by SQLite's log hook (under the mutex): frames were committed; the
  // log's length.
  bool committed_ = false;
  int wal_pages_ = 0;
  bool read_only_ = false;  // query_only set after a failed sync
  std::atomic<std::uint64_t> commits_{0};
};

}  // namespace pineal::store
