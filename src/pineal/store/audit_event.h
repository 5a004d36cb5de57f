// One entry of the append-only audit log.
#pragma once

#include <optional>
#include <string>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"

namespace pineal::store {

struct AuditEvent {
  std::int64_t id = 0;
  Instant at{};
  std::string actor;
  std::string role;
  std::string action;  // "patient.read", "dose_event.create", ...
  std::optional<PatientId> patient_id;
  std::string address;
  std::string outcome;  // "ok" or a status code name
  std::string detail;
};

struct AuditQuery {
  std::optional<PatientId> patient_id;
  std::string actor;
  int limit = 100;
};

}  // namespace pineal::store
