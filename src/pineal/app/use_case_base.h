// What every use-case family shares: the store, the clock and the knowledge
// base, and the rules all families apply the same way: who may see and change
// a record, the audit row of every action, provenance, and time checks.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "pineal/app/actor.h"
#include "pineal/app/audit_records.h"
#include "pineal/app/knowledge.h"
#include "pineal/core/clock.h"
#include "pineal/store/store.h"

namespace pineal::app {

class UseCaseBase {
 public:
  const Clock& clock() const { return clock_; }
  const Knowledge& knowledge() const { return knowledge_; }

 protected:
  UseCaseBase(store::Store& store, const Clock& clock, Knowledge knowledge)
      : store_(store), clock_(clock), knowledge_(knowledge) {}

  // Records the outcome of a use case in the audit log, with the records it
  // read ("kind:id", see audit_records.h). Returns whether the row was
  // written (a failure is also reported on stderr).
  Status RecordAudit(const Actor& actor, std::string_view action, std::optional<PatientId> patient,
                     const Status& outcome, std::string detail = {},
                     std::vector<std::string> record_ids = {});
  // A read's audit row naming what it returned (nothing when it failed).
  template <typename T>
  Status RecordReadAudit(const Actor& actor, std::string_view action,
                         std::optional<PatientId> patient, const Result<T>& result) {
    return RecordAudit(actor, action, patient, result.status(), {},
                       result.ok() ? AuditRecordIds(*result) : std::vector<std::string>());
  }
  // Nothing is shown that the audit log does not hold: a successful read (or
  // login) whose audit row could not be written becomes Unavailable.
  template <typename T>
  static void WithholdIfUnaudited(Result<T>& result, const Status& audit) {
    if (result.ok() && !audit.ok()) result = UnauditedRefusal();
  }
  static Status UnauditedRefusal();
  // A read and its audit row in one transaction, which shares its commit
  // with concurrent writes: what is shown is what the row records, read in
  // the same snapshot. The row names the records read when their type has
  // names (AuditRecordIds). A read that fails is audited as failed; a read
  // whose row cannot be written shows nothing (UnauditedRefusal). For store
  // reads only: a long computation inside would hold every other caller.
  template <typename T, typename Read>
  Result<T> AuditedRead(const Actor& actor, std::string_view action,
                        std::optional<PatientId> patient, Read read) {
    std::optional<Result<T>> result;
    const Status audited = store_.InTransaction([&]() -> Status {
      result.emplace(read());
      if constexpr (requires(const T& t) { AuditRecordIds(t); }) {
        return RecordReadAudit(actor, action, patient, *result);
      } else {
        return RecordAudit(actor, action, patient, result->status());
      }
    });
    if (!result || (result->ok() && !audited.ok())) return UnauditedRefusal();
    return std::move(*result);
  }
  // A write and its audit row in one transaction: they commit together or
  // not at all. `body` does the write; `detail` and `record_ids` are read
  // after it succeeds. A failed write is rolled back, then audited on its own
  // (it changed nothing).
  Status CommitAudited(const Actor& actor, std::string_view action,
                       std::optional<PatientId> patient, const std::function<Status()>& body,
                       const std::function<std::string()>& detail = {},
                       const std::function<std::vector<std::string>()>& record_ids = {});
  // As CommitAudited; the audit row names the record `body` returns.
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
        detail, [&]() { return AuditRecordIds(**result); });
    if (!st.ok()) return st;
    return std::move(*result);
  }
  // The "ok" audit row of a write, for a use case that writes it inside its
  // own transaction.
  Status AppendAuditRow(const Actor& actor, std::string_view action,
                        std::optional<PatientId> patient, std::string detail = {},
                        std::vector<std::string> record_ids = {});
  records::Provenance NewProvenance(const Actor& actor) const;

  // Authorisation. A patient the caller may not see is NotFound, never
  // PermissionDenied, so ids cannot be probed.
  Status CheckCanRead(const Actor& actor, PatientId patient);
  // Clinical writes (medications, regimens, patient details): the care team.
  Status CheckCanWriteClinical(const Actor& actor, PatientId patient);
  // Check-ins (dose events, observations): the care team or the patient.
  Status CheckCanCheckIn(const Actor& actor, PatientId patient);
  Status CheckAdmin(const Actor& actor);

  Status CheckNotFuture(Instant t, std::string_view field) const;
  // When something happened to `patient`: not in the future, not before they
  // were born (or before 1900 when the birth date is not recorded).
  Status CheckEventTime(const records::Patient& patient, Instant t, std::string_view field) const;
  static Status CheckNotBeforeBirth(const records::Patient& patient, Instant t,
                                    std::string_view field);
  // Today's date in the patient's time zone.
  Result<LocalDate> TodayFor(const records::Patient& patient) const;

  store::Store& store_;
  const Clock& clock_;
  Knowledge knowledge_;
};

}  // namespace pineal::app
