// Use case: reading the audit log.
#include "pineal/app/audit_log.h"

namespace pineal::app {

Result<std::vector<store::AuditEvent>> AuditLog::Audit(const Actor& actor,
                                                       store::AuditQuery query) {
  auto result = [&]() -> Result<std::vector<store::AuditEvent>> {
    if (query.limit < 1 || query.limit > 1000) {
      return Status::InvalidArgument("must be between 1 and 1000", "limit");
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
    return store_.ListAudit(query);
  }();
  RecordAudit(actor, "audit.read", query.patient_id, result.status());
  return result;
}

}  // namespace pineal::app
