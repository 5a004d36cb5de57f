// Use case, the audit log: admins see everything, clinicians the entries of
// their patients (with `patient_id`) or their own.
#pragma once

#include <vector>

#include "pineal/app/use_case_base.h"

namespace pineal::app {

class AuditLog : public UseCaseBase {
 public:
  AuditLog(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

  // Newest first, `query.limit` (1 to kMaxPageSize) entries a page, resuming
  // after `cursor` (a next_cursor of an earlier page; empty for the first).
  Result<PageOf<store::AuditEvent>> Audit(const Actor& actor, store::AuditQuery query,
                                          const std::string& cursor = {});
};

}  // namespace pineal::app
