// One entry of the append-only audit log.
#pragma once

#include <optional>
#include <string>
#include <vector>

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
  // The records read or written, as "kind:id" ("dose_event:12", "patient:3").
  std::vector<std::string> record_ids;
};

struct AuditQuery {
  std::optional<PatientId> patient_id;
  std::string actor;
  int limit = 100;
  // Newest first: a page resumes at entries older than this id.
  std::optional<std::int64_t> before_id;
};

}  // namespace pineal::store
