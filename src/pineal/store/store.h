// Store: the one interface app/ uses to persist records. SQLite is the
// embedded default; a PostgreSQL implementation can follow behind the same
// interface. Implementations turn driver exceptions into Status values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/records/dose_event.h"
#include "pineal/records/medication.h"
#include "pineal/records/observation.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"
#include "pineal/store/account_records.h"
#include "pineal/store/audit_event.h"
#include "pineal/store/calendar_feed_record.h"
#include "pineal/store/circadian_plan_record.h"
#include "pineal/store/monitoring_records.h"
#include "pineal/store/time_key.h"

namespace pineal::store {

struct PatientQuery {
  std::string search;  // case-insensitive substring of the display name
  int limit = 50;
  int offset = 0;
  // Restrictions from the caller's role: only patients whose care team has
  // this user, or only this one patient.
  std::optional<UserId> care_team_of;
  std::optional<PatientId> only;
};

template <typename T>
struct Page {
  std::vector<T> items;
  int total = 0;  // matching rows, ignoring limit/offset
};

// A time window for event lists; both ends optional, `to` exclusive.
struct TimeRange {
  std::optional<Instant> from;
  std::optional<Instant> to;
};

// A page of a patient's dose events (ordered by filed_at, id) or observations
// (by observed_at, id): at most `limit` rows after `after`.
struct EventPageQuery {
  PatientId patient;
  TimeRange range;
  bool with_superseded = false;
  std::optional<TimeKey> after;
  int limit = 100;
};

struct MigrationInfo {
  int version = 0;
  std::string name;
  std::string applied_at;  // empty if pending
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `body` atomically: if it returns an error (or throws inside the
  // store), every write it made is rolled back. Calls may nest.
  virtual Status InTransaction(const std::function<Status()>& body) = 0;
  // Runs `body`, which only reads, against one snapshot of the store with no
  // other call in between: its reads agree with each other, and it waits for
  // the store once rather than once per read.
  virtual Status ReadTogether(const std::function<Status()>& body) = 0;

  // Schema.
  virtual Status Migrate() = 0;
  virtual Result<std::vector<MigrationInfo>> Migrations() = 0;

  // Patients. UpdatePatient fails with Aborted when `patient.version` is not
  // the stored version (someone else changed it first).
  virtual Result<PatientId> InsertPatient(const records::Patient& patient) = 0;
  virtual Result<records::Patient> GetPatient(PatientId id) = 0;
  virtual Status UpdatePatient(const records::Patient& patient, Instant now) = 0;
  virtual Result<Page<records::Patient>> ListPatients(const PatientQuery& query) = 0;
  virtual Status AddWeight(PatientId id, const records::WeightRecord& weight,
                           const records::Provenance& provenance) = 0;

  // Medicines, supplements and therapies.
  virtual Result<MedicationId> InsertMedication(const records::MedicationEntry& m) = 0;
  virtual Result<records::MedicationEntry> GetMedication(PatientId patient, MedicationId id) = 0;
  virtual Status UpdateMedication(const records::MedicationEntry& m) = 0;
  virtual Result<std::vector<records::MedicationEntry>> ListMedications(PatientId patient) = 0;

  // Regimens: created with their first version; later versions are appended.
  // AppendRegimenVersion fails with Aborted unless `version.version` is the
  // current version + 1.
  virtual Result<RegimenId> InsertRegimen(const records::Regimen& regimen) = 0;
  virtual Status AppendRegimenVersion(RegimenId id, const records::RegimenVersion& version) = 0;
  virtual Result<records::Regimen> GetRegimen(PatientId patient, RegimenId id) = 0;
  virtual Result<std::vector<records::Regimen>> ListRegimens(PatientId patient) = 0;

  // Dose events and observations are append-only. A correction's `corrects`
  // must name an entry of the same patient (otherwise InvalidArgument on
  // "corrects") that nothing corrects yet (otherwise Aborted). Lists show only
  // the latest entry of each chain unless `with_superseded`.
  virtual Result<DoseEventId> InsertDoseEvent(const records::DoseEvent& e) = 0;
  virtual Result<records::DoseEvent> GetDoseEvent(PatientId patient, DoseEventId id) = 0;
  virtual Result<std::vector<records::DoseEvent>> ListDoseEvents(PatientId patient,
                                                                 const TimeRange& range,
                                                                 bool with_superseded) = 0;
  // One keyset page of the same lists, for readers that show them to people.
  virtual Result<std::vector<records::DoseEvent>> PageDoseEvents(const EventPageQuery& query) = 0;
  virtual Result<ObservationId> InsertObservation(const records::Observation& o) = 0;
  virtual Result<records::Observation> GetObservation(PatientId patient, ObservationId id) = 0;
  virtual Result<std::vector<records::Observation>> ListObservations(PatientId patient,
                                                                     const TimeRange& range,
                                                                     bool with_superseded) = 0;
  // What alert evaluation reads, bounded so that a check-in costs the same
  // however long the record: the latest dose events (of each chain) taken or
  // planned at or after `from`, ordered as ListDoseEvents; ...
  virtual Result<std::vector<records::DoseEvent>> ListDoseEventsSince(PatientId patient,
                                                                      Instant from) = 0;
  // ... the latest observations of the given kinds, ordered as ListObservations;
  virtual Result<std::vector<records::Observation>> ListObservationsOfKinds(
      PatientId patient, const std::vector<records::ObservationKind>& kinds) = 0;
  // ... and when the latest dose event or observation (of each chain) was
  // recorded (its created_at), none for an empty record.
  virtual Result<std::optional<Instant>> LastCheckIn(PatientId patient) = 0;
  virtual Result<std::vector<records::Observation>> PageObservations(
      const EventPageQuery& query) = 0;

  // Circadian plans: append-only, newest first in lists.
  virtual Result<std::int64_t> InsertCircadianPlan(const CircadianPlanRecord& plan) = 0;
  virtual Result<CircadianPlanRecord> GetCircadianPlan(PatientId patient, std::int64_t id) = 0;
  virtual Result<std::vector<CircadianPlanRecord>> ListCircadianPlans(PatientId patient) = 0;

  // Alerts: InsertAlertIfNew stores the alert with an "open" status change
  // unless the patient has one with the same dedupe_key (then none). Status
  // changes are appended; lists are newest first.
  virtual Result<std::optional<std::int64_t>> InsertAlertIfNew(const AlertRecord& alert) = 0;
  virtual Result<AlertRecord> GetAlert(PatientId patient, std::int64_t id) = 0;
  virtual Result<std::vector<AlertRecord>> ListAlerts(const AlertQuery& query) = 0;
  virtual Status AppendAlertStatus(std::int64_t alert_id, const AlertStatusChange& change) = 0;

  // Follow-up review actions (done, moved, cancelled), oldest first.
  virtual Result<std::int64_t> InsertReviewAction(const ReviewAction& action) = 0;
  virtual Result<std::vector<ReviewAction>> ListReviewActions(PatientId patient) = 0;

  // Titration proposals; a proposal takes one decision (a second is Aborted).
  virtual Result<std::int64_t> InsertProposal(const ProposalRecord& proposal) = 0;
  virtual Result<ProposalRecord> GetProposal(PatientId patient, std::int64_t id) = 0;
  virtual Result<std::vector<ProposalRecord>> ListProposals(PatientId patient) = 0;
  virtual Status DecideProposal(std::int64_t proposal_id, const ProposalDecision& decision) = 0;

  // Accounts. Usernames are unique regardless of case.
  virtual Result<UserId> InsertUser(const User& user) = 0;
  virtual Result<User> GetUser(UserId id) = 0;
  virtual Result<User> FindUser(const std::string& username) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Writes the mutable fields: display name, password hash, disabled and the
  // password-reset notice.
  virtual Status UpdateUser(const User& user) = 0;

  // Login throttling. Get returns a zeroed row when none is stored; Put
  // inserts or replaces. Callers read and write in one InTransaction so that
  // concurrent attempts count one by one.
  virtual Result<LoginThrottle> GetLoginThrottle(const std::string& username,
                                                 const std::string& address) = 0;
  virtual Status PutLoginThrottle(const LoginThrottle& row) = 0;
  // Clears the failures and locks of `username` on every address (the
  // addresses it signed in from stay known); returns how many were locked at `now`.
  virtual Result<int> ClearLoginThrottles(const std::string& username, Instant now) = 0;
  // Forgets rows of addresses that never signed in, untouched since `before`.
  virtual Status PurgeLoginThrottles(Instant before) = 0;

  // Idempotency keys, per account. Insert fails with Aborted (a constraint)
  // when the (user, key) pair is stored.
  virtual Result<std::optional<IdempotencyRecord>> FindIdempotencyKey(UserId user,
                                                                      const std::string& key) = 0;
  virtual Status InsertIdempotencyKey(const IdempotencyRecord& record) = 0;
  // Stores the final answer of a reserved key.
  virtual Status CompleteIdempotencyKey(const IdempotencyRecord& record) = 0;
  virtual Status DeleteIdempotencyKey(UserId user, const std::string& key) = 0;
  // Deletes every key created before `before`.
  virtual Status PurgeIdempotencyKeys(Instant before) = 0;

  // Care teams.
  virtual Status AddToCareTeam(PatientId patient, UserId user, const records::Provenance& by) = 0;
  virtual Result<bool> IsOnCareTeam(PatientId patient, UserId user) = 0;
  virtual Result<std::vector<UserId>> CareTeam(PatientId patient) = 0;

  // Sessions and API tokens, found by the hash of their token.
  virtual Result<std::int64_t> InsertSession(const Session& session) = 0;
  virtual Result<Session> FindSession(const std::string& token_hash) = 0;
  virtual Result<std::vector<Session>> ListSessions(UserId user) = 0;
  // Revokes one session of `user` (NotFound if it is not theirs).
  virtual Status RevokeSession(UserId user, std::int64_t session_id, Instant at) = 0;
  // Revokes every session and token of `user`; returns how many.
  virtual Result<int> RevokeAllSessions(UserId user, Instant at) = 0;

  // Calendar feeds, found by the hash of their token. Insert fails with
  // Aborted (a constraint) for a hash already stored or an unknown patient.
  // FindActiveCalendarFeed is NotFound for an unknown hash and for a revoked
  // feed alike. Lists are oldest first. Revoke keeps the first revocation's
  // time; NotFound if the feed is not the patient's.
  virtual Result<std::int64_t> InsertCalendarFeed(const CalendarFeed& feed) = 0;
  virtual Result<CalendarFeed> FindActiveCalendarFeed(const std::string& token_hash) = 0;
  virtual Result<std::vector<CalendarFeed>> ListCalendarFeeds(PatientId patient) = 0;
  virtual Status RevokeCalendarFeed(PatientId patient, std::int64_t feed_id, Instant at) = 0;

  // Audit log: append-only.
  virtual Status AppendAudit(const AuditEvent& event) = 0;
  virtual Result<std::vector<AuditEvent>> ListAudit(const AuditQuery& query) = 0;
};

}  // namespace pineal::store
