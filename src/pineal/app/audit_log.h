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

  Result<std::vector<store::AuditEvent>> Audit(const Actor& actor, store::AuditQuery query);
};

}  // namespace pineal::app
