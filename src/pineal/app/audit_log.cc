// Use case: reading the audit log.
#include "pineal/app/audit_log.h"

namespace pineal::app {

namespace {

constexpr std::string_view kAuditList = "audit";

}  // namespace

Result<PageOf<store::AuditEvent>> AuditLog::Audit(const Actor& actor, store::AuditQuery query,
                                                  const std::string& cursor) {
  auto result = [&]() -> Result<PageOf<store::AuditEvent>> {
    PINEAL_RETURN_IF_ERROR(CheckPageLimit(query.limit));
    if (!cursor.empty()) {
      PINEAL_ASSIGN_OR_RETURN(auto f, DecodeCursor(kAuditList, cursor, 1));
      if (f[0] < 1) {
        return Status::InvalidArgument(
            "is damaged; pass back the next_cursor of the previous page unchanged", "cursor");
      }
      query.before_id = f[0];
    }
    switch (actor.role) {
      case Role::kAdmin:
      case Role::kSystem: break;
      case Role::kClinician:
        // A clinician sees the log of a patient they care for, or their own.
        if (query.patient_id) {
          PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, *query.patient_id));
        } else {
          query.actor = actor.name;
        }
        break;
      case Role::kPatient:
        return Status::PermissionDenied("the audit log is for clinicians and administrators");
    }
    const int limit = query.limit;
    query.limit = limit + 1;  // one more tells whether another page follows
    PINEAL_ASSIGN_OR_RETURN(auto events, store_.ListAudit(query));
    return TakePage(std::move(events), limit,
                    [](const store::AuditEvent& e) { return EncodeCursor(kAuditList, {e.id}); });
  }();
  std::vector<std::string> ids;
  if (result.ok()) {
    for (const auto& e : result->items) ids.push_back(AuditRecordId("audit_event", e.id));
  }
  WithholdIfUnaudited(result, RecordAudit(actor, "audit.read", query.patient_id, result.status(),
                                          {}, std::move(ids)));
  return result;
}

}  // namespace pineal::app
